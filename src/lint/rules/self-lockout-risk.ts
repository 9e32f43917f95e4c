import { defineRule } from '../types.ts';
import { acceptedResponses, triggersOf } from '../active-response.ts';
import { rulesBoundTo } from '../ruleset-facts.ts';
import { splitGroups } from '../../wazuh/ruleset.ts';
import { isBlockingProgram } from '../../wazuh/programs.ts';
import { compileOsRegex } from '../../wazuh/os-regex.ts';

export default defineRule({
  id: 'self-lockout-risk',
  fixable: false,
  needs: ['ruleset'],
  appliesTo: 'manager',
  summary: "A blocking response bound to Wazuh's own events, or with no <white_list> at all.",
  docs: {
    what: "An IP-blocking or account-disabling response (firewall-drop, host-deny, route-null, netsh, disable-account, ...) whose rules_group or rules_id bind it to rules of the `ossec` group (Wazuh's own agent and manager events), or any such response in a configuration without a single `<global><white_list>` entry (not even loopback).",
    why: 'The white list exists so that "the Wazuh manager will not be wrongly isolated by an active-response script" (maintainer comment, wazuh/wazuh#4422); with none, a false positive can block the manager, its cluster peers or the admin network, cutting agents off (ossec/ossec-hids#1801). Responses bound to Wazuh\'s own events act on addresses of the Wazuh infrastructure itself.',
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
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
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
    context: { ruleset: 'stock' },
  },
  messages: {
    ossecEvents: { severity: 'warning', text: "'{{command}}' is bound to {{count}} rule(s) of Wazuh's own 'ossec' group (e.g. rule {{example}}: {{description}}): these events come from the manager and agents themselves, so the response can block Wazuh's own infrastructure." },
    noWhitelist: { severity: 'warning', text: "'{{command}}' blocks addresses but <global> has no <white_list> at all: nothing keeps it from blocking 127.0.0.1, the manager or its cluster peers; add <white_list> entries for them." },
  },
  check(ctx) {
    const whiteListed = ctx.config.globals.some((g) => g.whiteList.length > 0);
    for (const { ar, command } of acceptedResponses(ctx)) {
      const exe = command.executable?.text ?? '';
      if (!isBlockingProgram(exe, command.name?.text)) continue;
      const name = command.name?.text ?? exe;
      const triggers = triggersOf(ar);
      const bound = rulesBoundTo(triggers, ctx.ruleset!, ctx.arch);
      // Only rules picked on purpose (by id or group): a plain level also binds a few ossec rules
      // whose events carry no source address.
      const group = triggers.group !== undefined ? compileOsRegex(triggers.group, ctx.arch ? { arch: ctx.arch } : {}) : null;
      const chosen = (id: number, groups: string) => triggers.ruleIds.includes(id) || (group !== null && group.test(groups));
      const own = bound.filter((r) => splitGroups(r.groupString).includes('ossec') && chosen(r.id, r.groupString));
      if (own.length > 0) {
        const example = own.reduce((a, b) => (a.id <= b.id ? a : b));
        ctx.report({
          messageId: 'ossecEvents',
          data: { command: name, count: own.length, example: example.id, description: example.description },
          range: ar.element.openTag,
        });
      }
      if (!whiteListed && bound.length > 0) ctx.report({ messageId: 'noWhitelist', data: { command: name }, range: ar.element.openTag });
    }
  },
});
