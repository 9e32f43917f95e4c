/**
 * Rules the engine itself reports (not checks over the views): a file Wazuh cannot read, and
 * inline disable comments that suppress nothing. They share the rule metadata shape so that
 * `arctl rules`, `arctl explain`, SARIF and the docs treat them like every other rule.
 */
import type { RuleDefinition } from './types.ts';

/** Rule metadata without the check: what catalogues, formatters and docs need. */
export type RuleMeta = Omit<RuleDefinition, 'check'>;

export const PARSE_ERROR_RULE_ID = 'parse-error';
export const TEMPLATE_RULE_ID = 'template';
export const UNUSED_DISABLE_RULE_ID = 'unused-disable';

export const parseErrorRule: RuleMeta = {
  id: PARSE_ERROR_RULE_ID,
  fixable: false,
  needs: [],
  summary: "The file is not XML that Wazuh's own reader (os_xml) accepts",
  docs: {
    what: "Reports the first place where Wazuh's XML reader gives up: unclosed or mismatched elements, a bad attribute, an unterminated comment, text outside any element that the reader refuses, and so on. The position is where the problem starts, and the message carries Wazuh's own error text and the line Wazuh would print; when a CDATA section (which os_xml reads as a comment running to the next `-->`) is the cause, the message names its line. Also (a warning): the first byte of a manager's ossec.conf that is not UTF-8, which Wazuh's Python daemons cannot read.",
    why: 'analysisd and the other daemons read ossec.conf with os_xml at start-up; when it fails they log `(1226): Error reading XML file` and refuse to start. No other check can run on a file Wazuh cannot read. A manager\'s ossec.conf with a byte that is not UTF-8 (a Latin-1 comment) is a warning: os_xml takes any byte, but wazuh-apid and wazuh-clusterd read the file with Python\'s open() (framework/wazuh/core/utils.py load_wazuh_xml), which decodes UTF-8 in Wazuh\'s service environment (a UTF-8 locale, or the C locale that Python 3.10 coerces to UTF-8), and exit when get_ossec_conf fails (framework/wazuh/core/configuration.py:678-687; cluster/utils.py read_cluster_config, called as the framework modules load).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-respons>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    xml: { severity: 'error', text: 'Wazuh cannot read this file: {{message}} (Wazuh reports line {{wazuhLine}}; error 1226){{unclosed}}' },
    xmlDeclaration: {
      severity: 'error',
      text: "Wazuh cannot read this file: {{message}} (Wazuh reports line {{wazuhLine}}; error 1226). Its XML reader knows no XML declaration: it reads '<?xml ...?>' as an element, which it refuses. Remove the declaration line.",
    },
    cdata: {
      severity: 'error',
      text: "Wazuh cannot read this file: {{message}} (Wazuh reports line {{wazuhLine}}; error 1226). Its XML reader knows no CDATA: it reads the '<![CDATA[' on line {{cdataLine}} as the start of a comment that ends only at the next '-->' (or '!>'), skipping every tag in between. Write the value without '<![CDATA[' and ']]>'.",
    },
    notUtf8: {
      severity: 'warning',
      text: "Byte 0x{{byte}} is not UTF-8: the manager's C daemons start, but wazuh-apid and wazuh-clusterd read ossec.conf as UTF-8 text and exit at start ('There is an error in the ossec.conf file: ...'), so the Wazuh API does not run. Save the file as UTF-8.",
    },
  },
};

export const unusedDisableRule: RuleMeta = {
  id: UNUSED_DISABLE_RULE_ID,
  fixable: false,
  needs: [],
  summary: 'An arctl-disable comment suppresses nothing, or names a rule that does not exist',
  docs: {
    what: 'Reports `<!-- arctl-disable ... -->`, `<!-- arctl-disable-next-line ... -->` and `<!-- arctl-disable-file ... -->` comments that did not suppress any finding of the rules they name (or of any rule, when they name none), and rule ids in such comments that arctl does not know. Rules that did not run (turned off, or missing an input such as --ruleset) are not reported.',
    why: 'A stale disable comment hides the next real problem of that rule in the same place, and a misspelled rule id silently disables nothing. ESLint (--report-unused-disable-directives) and stylelint (--report-needless-disables) report the same.',
    bad: `<ossec_config>
  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <!-- arctl-disable-next-line permanent-block: blocked until reviewed by hand -->
  <active-response>
    <command>host-deny</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>host-deny</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    unused: { severity: 'warning', text: 'Unused arctl-disable directive (no problems were reported{{forRule}})' },
    unknownRule: { severity: 'warning', text: "arctl-disable names an unknown rule '{{ruleId}}'{{suggestion}}" },
  },
};

export const templateRule: RuleMeta = {
  id: TEMPLATE_RULE_ID,
  fixable: false,
  needs: [],
  summary: 'A Jinja, ERB or Go (Helm) template, not the configuration rendered from it: said once, nothing else checked',
  docs: {
    what:
      "A file with template syntax: a Jinja statement or variable (`{% if %}`, `{{ manager_ip }}`: Ansible, Salt) or an ERB/EPP tag (`<%= @name %>`: Chef, Puppet). A Go template action (`{{ .Values.port }}`, `{{- if .Cluster }}`: Helm, Kubernetes operators) too, but not in a command's text (`docker ps --format '{{.Names}}'`) or a comment. A template (ossec.conf.j2, ossec.conf.erb, or a file not named ossec.conf or agent.conf) gets one finding, an info, and nothing else is checked: Wazuh reads the file rendered from it, whose elements and values its tags decide. A template-named file without tags or root element (a Puppet concat fragment) likewise. A file named ossec.conf or agent.conf with tags left in it was deployed unrendered: a warning, as Wazuh reads the tags as text; an error when Wazuh's XML reader refuses them (os_xml's message and line).",
    why:
      "Checked as configuration, a template's tags give findings about template syntax, not about Wazuh: os_xml refuses '<%' and reads '{% if %}' between elements as text, and '{{ port }}' is no port. A file deployed with its tags (a copy instead of a template task) is read with the tags as values: an agent whose <address> is '{{ manager_ip }}' connects to nothing; os_xml refuses an ERB tag and the daemons stop with (1226).",
    bad: `<ossec_config>
  <client>
    <server>
      <address>{{ wazuh_manager_ip }}</address>
    </server>
  </client>
</ossec_config>`,
    good: `<ossec_config>
  <client>
    <server>
      <address>10.0.0.2</address>
    </server>
  </client>
</ossec_config>`,
  },
  messages: {
    template: {
      severity: 'info',
      text: "This file is a template ({{engine}}: '{{tag}}' on line {{tagLine}}): Wazuh reads the file rendered from it, whose elements and values the template's tags decide, so arctl checked nothing in this one. Lint the rendered file (what Ansible, Salt, Chef, Puppet or Helm writes on the node, or their dry-run output: helm template, --check --diff).",
    },
    fragment: {
      severity: 'info',
      text: 'This template has no <ossec_config> root: it is a fragment that the deployment tool (Puppet concat, an include) joins into the configuration, so arctl checked nothing in it alone. Lint the assembled file.',
    },
    unrendered: {
      severity: 'warning',
      text: "This {{file}} holds template syntax that was not rendered ({{engine}}: '{{tag}}' on line {{tagLine}}): Wazuh reads the tags as plain text, not as the values the template stands for, so arctl checked nothing more in it. Deploy the file rendered from the template (a template task, not a copy), or keep the template under a template's name (ossec.conf.j2).",
    },
    unrenderedRefused: {
      severity: 'error',
      text: "Wazuh cannot read this file: {{message}} (Wazuh reports line {{wazuhLine}}; error 1226). It holds template syntax that was not rendered ({{engine}}: '{{tag}}' on line {{tagLine}}): deploy the file rendered from the template, not the template itself.",
    },
  },
};

export const engineRules: RuleMeta[] = [parseErrorRule, unusedDisableRule, templateRule];
