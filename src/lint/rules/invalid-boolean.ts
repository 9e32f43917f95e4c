import { defineRule } from '../types.ts';
import { versionAtLeast, type TargetVersion } from '../../wazuh/version.ts';
import { lintedBlocks, YES_NO_OPTIONS } from '../support/blocks.ts';
import { readByAnalysisd, replaceValue, valueRange } from '../active-response.ts';
import { replaceLookalikes } from '../support/lookalikes.ts';
import { trimXmlSpace } from '../support/ranges.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { managerDaemonMessages, remotedWarnings } from '../remoted.ts';
import { agentdFindings, agentdMessages, syscheckdSkips } from '../agent-reads.ts';

const MEANS_YES = new Set(['yes', 'true', '1', 'on', 'enabled', 'enable', 'y']);
const MEANS_NO = new Set(['no', 'false', '0', 'off', 'disabled', 'disable', 'n']);

export default defineRule({
  id: 'invalid-boolean',
  fixable: true,
  needs: [],
  summary: 'yes/no options accept exactly "yes" or "no" (lower case)',
  docs: {
    what:
      'A yes/no switch (timeout_allowed, disabled, email_notification, logall, logall_json, alerts_log, jsonout_output, update_check, use_geoip, ...) with a value other than exactly yes or no (true, Yes, 1, enabled, ...). An agent\'s <active-response><ca_verification> is the exception: it is read with strcasecmp, so YES and No are fine there and only other words are reported. On agents (their own ossec.conf, a shared agent.conf) also <client_buffer><disabled>, which wazuh-agentd reads with strcmp, and the switches of <syscheck> (disabled, scan_on_start, skip_nfs, ..., <file_limit><enabled>, <whodata><restart_audit>) and of <rootcheck> (check_dev, skip_nfs, ...; check_win* only on Windows agents, so not reported), which wazuh-syscheckd reads so: in a node\'s own ossec.conf, manager or agent, a warning (syscheckd runs with file integrity monitoring disabled, or without rootcheck; before 3.13 a <syscheck> one is an error: syscheckd exits, and the node\'s start stops there), in a shared agent.conf an error (agents refuse the file). And <localfile><ignore_binaries>, which wazuh-logcollector reads with strcmp and exits on, and the switches of <wodle name="syscollector"> (packages, ports, ...), of <wodle name="command"> (disabled, run_on_start, ignore_output, skip_verification), of <wodle name="osquery"> (disabled, add_labels, run_daemon), of <wodle name="open-scap"> and <wodle name="cis-cat"> (disabled, scan-on-start), of <wodle name="docker-listener"> (disabled, run_on_start), of <sca> (enabled, scan_on_start, skip_nfs) and, from 4.3, of <wodle name="aws-s3"> (disabled, run_on_start, skip_on_error, remove_from_bucket, remove_log_streams), <wodle name="azure-logs"> (disabled, run_on_start), <gcp-pubsub> and <gcp-bucket> (enabled, pull_on_start, run_on_start), <github>, <office365> and <ms-graph> (enabled, only_future_events, run_on_start), on which wazuh-modulesd stops; from 4.4, <wdb><backup><enabled>, on which wazuh-db stops (agents refuse such a shared file); from 3.8 to 4.3 also those of a manager\'s <wodle name="agent-key-polling"> (enabled, force_insert), on which its wazuh-modulesd stops. From 3.9, a manager\'s <syslog_output><use_fqdn> other than yes or no: wazuh-csyslogd exits, and wazuh-control start with it. A <directories> yes/no attribute (check_all, realtime, report_changes, ...) with another value is a warning: syscheckd skips that whole line, so its paths are not monitored; so is a <syscheck><diff> <disk_quota>/<file_size> <enabled> other than yes or no: syscheckd reads no more of <diff>. In a manager\'s ossec.conf, a <remote><ipv6> other than yes or no (any case) or an <agents><allow_higher_versions> other than yes or no: wazuh-remoted warns and ignores the value (a warning). From 4.4, an <auth> switch (disabled, use_source_ip, purge, use_password, remote_enrollment, ssl_verify_host, ssl_auto_negotiate, force_insert, <force> enabled and key_mismatch) other than exactly yes or no, or an <ipv6> other than yes or no in any case: wazuh-authd stops (an error); an <auth><agents><allow_higher_versions> other than yes or no is only warned about and ignored, and a <key_request><enabled> other than yes or no is logged, leaves the key request on and ends the reading of the block (warnings).',
    why:
      "Wazuh compares these with strcmp against \"yes\" and \"no\" and stops with (1235): Invalid value for element (src/config/active-response.c, global-config.c); on agents execd fails the same way for <disabled> (src/os_execd/config.c). An agent's <ca_verification> goes to wazuh-modulesd (4.1+), which exits on a word other than yes/no in any case (src/config/wmodules-agent-upgrade.c); before 4.1 execd only warned.",
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>true</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
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
    fix: 'Maps true/1/on/enabled/Yes to yes and false/0/off/disabled/No to no.',
  },
  messages: {
    invalid: { severity: 'error', text: "<{{option}}> must be 'yes' or 'no', not '{{value}}': Wazuh stops with (1235): Invalid value for element '{{option}}': {{value}}.{{hint}}" },
    caVerification: {
      severity: 'error',
      text: "<ca_verification> must be yes or no (in any case), not '{{value}}': the agent's wazuh-modulesd stops with \"Invalid content for tag <ca_verification>: '{{value}}'\".{{hint}}",
    },
    caVerificationIgnored: {
      severity: 'warning',
      text: "<ca_verification> must be yes or no (in any case), not '{{value}}': the agent's execd warns \"Invalid content for tag <ca_verification>\" and keeps WPK signature verification on.{{hint}}",
    },
    ...agentdMessages("<{{section}}><{{name}}> must be 'yes' or 'no', not '{{value}}'"),
    ...managerDaemonMessages('invalid-boolean'),
    directoriesSkipped: {
      severity: 'warning',
      text: "<directories {{name}}=\"{{value}}\"> must be 'yes' or 'no': {{syscheckd}} logs \"{{text}}\" and skips this whole line (src/config/syscheck-config.c read_attr), so none of its paths is monitored.",
    },
    diffStops: {
      severity: 'warning',
      text: "<{{section}}><{{name}}> must be 'yes' or 'no', not '{{value}}': {{syscheckd}} logs \"{{text}}\" and reads no more of <diff> (src/config/syscheck-config.c parse_diff returns), so {{unread}}: the defaults stay.",
    },
    ...schemaMessages('invalid-boolean'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      // On a manager analysisd refuses <ca_verification> itself (unknown-element); agents read it with strcasecmp.
      const agentReadsCa = !readByAnalysisd(ctx.config, ctx.role);
      // wazuh-agentd's <client_buffer><disabled> and wazuh-syscheckd's <syscheck> switches (src/wazuh/load-agent.ts), strcmp against yes and no.
      for (const f of agentdFindings(ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'invalid-boolean') ctx.report(f);
      // What wazuh-remoted warns about in <remote>, and wazuh-authd in <auth>, and then ignores or replaces (src/lint/remoted.ts).
      for (const f of remotedWarnings(ctx.doc, ctx.config, ctx.role, ctx.target)) if (f.ruleId === 'invalid-boolean') ctx.report(f);
      // A <directories> line syscheckd skips for a bad yes/no attribute, a <diff> it stops reading: not refusals, values never applied.
      for (const f of syscheckdSkips(ctx.config, ctx.role)) if (f.ruleId === 'invalid-boolean') ctx.report(f);
      for (const block of lintedBlocks(ctx.config)) {
        const switches = YES_NO_OPTIONS[block.kind];
        for (const child of block.element.children) {
          if (!switches.includes(child.name) || child.children.length > 0) continue;
          const value = child.content;
          const caVerification = block.kind === 'active-response' && child.name === 'ca_verification';
          if (caVerification && (!agentReadsCa || /^(yes|no)$/i.test(value))) continue;
          if (value === 'yes' || value === 'no') continue;
          if (paddedYesNo(value)) continue;
          const core = trimXmlSpace(replaceLookalikes(value));
          const lower = core.toLowerCase();
          const mapped = MEANS_YES.has(lower) ? 'yes' : MEANS_NO.has(lower) ? 'no' : undefined;
          const option = { text: value, element: child };
          const fix = mapped && core === value ? replaceValue(option, mapped) : undefined;
          ctx.report({
            messageId: caVerification ? caVerificationMessage(ctx.target) : 'invalid',
            data: { option: child.name, value, hint: mapped ? ` Did you mean '${mapped}'?` : '' },
            range: valueRange(option),
            ...(fix ? { fix } : {}),
          });
        }
      }
      // Whitespace and look-alike characters around a correct word are their own rules' cause, wherever the schema finds them.
    }, { leaves: (finding) => paddedYesNo(String(finding.data.value)) || (finding.data.block === 'active-response' && finding.data.element === 'ca_verification') });
  },
});

/**
 * Who reads an agent's <ca_verification>: wazuh-modulesd from 4.1, which stops on any other value
 * (src/config/wmodules-agent-upgrade.c:255-268, wm_agent_upgrade_read_ca_verification_old); execd before,
 * which only warns (v4.0.4 src/os_execd/config.c:166-180).
 */
function caVerificationMessage(target: TargetVersion): 'caVerification' | 'caVerificationIgnored' {
  return versionAtLeast(target, 4, 1) ? 'caVerification' : 'caVerificationIgnored';
}

/** yes or no with whitespace or look-alike characters around it: untrimmed-value's and unicode-lookalike's cause. */
function paddedYesNo(value: string): boolean {
  const core = trimXmlSpace(replaceLookalikes(value));
  return (core === 'yes' || core === 'no') && core !== value;
}
