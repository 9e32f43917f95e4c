import type { CommandView } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { removeElement, usedCommands } from '../active-response.ts';
import type { TargetVersion } from '../../wazuh/version.ts';

/**
 * What Wazuh keeps of a command (repeated children: the last wins). From 4.2 ReadActiveCommands reads past
 * <expect> (src/config/active-response.c:338-339, v4.14.7): two definitions that differ only there are the same.
 */
function signature(cmd: CommandView, target: TargetVersion): string {
  return JSON.stringify([cmd.executable?.text, cmd.timeoutAllowed?.text ?? 'no', cmd.extraArgs?.text, target.legacy ? cmd.expect?.text : undefined]);
}

export default defineRule({
  id: 'duplicate-command-name',
  fixable: true,
  needs: [],
  summary: 'Two <command> blocks with the same <name>: only the first is ever used',
  docs: {
    what: 'A <command> whose <name> an earlier <command> already has (exact, case-sensitive).',
    why:
      'Commands are kept in file order and <active-response> takes the first one whose name matches (strcmp in src/config/active-response.c); the later definition is ignored without any log. Wazuh QA confirmed: "The first command in the ossec.conf is the one used. There is no logs" (wazuh/wazuh#1945). It is an error when the executables differ, since the one the author probably meant never runs. An exact copy (same executable, timeout_allowed, extra_args; and expect before 4.2, which later versions do not read) changes nothing: whichever definition a response finds runs what both say, so it is only advice to remove the copy (the API\'s configuration output lists the command twice: getARCommandsConfig, src/analysisd/config.c).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>firewall-drop</name>
    <executable>my-drop.sh</executable>
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
    fix: 'Removes a later definition that is an exact copy of the first one; differing definitions are left for you to rename.',
  },
  messages: {
    exactCopy: { severity: 'info', text: "<command> '{{name}}' is defined again (first at line {{firstLine}}) with the same options: Wazuh uses the first, which says the same, so this copy changes nothing. Remove it." },
    differentExecutable:
      { severity: 'error', text: "<command> '{{name}}' is already defined at line {{firstLine}} with executable '{{firstExecutable}}': Wazuh always uses the first one, so '{{executable}}' never runs. Rename one of them." },
    differentExecutableUnused: {
      severity: 'warning',
      text: "<command> '{{name}}' is already defined at line {{firstLine}} with executable '{{firstExecutable}}': Wazuh always uses the first one, so '{{executable}}' would never run, once an <active-response> uses this name (none does). Rename one of them.",
    },
    differentOptions:
      { severity: 'warning', text: "<command> '{{name}}' is already defined at line {{firstLine}} with other options: Wazuh always uses the first definition and ignores this one." },
  },
  check(ctx) {
    // Without an enabled response naming it, neither definition runs yet: a warning, not an error.
    const used = usedCommands(ctx.config);
    const first = new Map<string, CommandView>();
    for (const cmd of ctx.config.commands) {
      if (!cmd.name || cmd.name.text.trim() === '') continue;
      const name = cmd.name.text;
      const earlier = first.get(name);
      if (!earlier) {
        first.set(name, cmd);
        continue;
      }
      const firstLine = ctx.doc.lineOf(earlier.element.range.start);
      const range = cmd.name.element.contentRange;
      const shown = name.trim();
      if (signature(cmd, ctx.target) === signature(earlier, ctx.target)) {
        ctx.report({ messageId: 'exactCopy', data: { name: shown, firstLine }, range, fix: removeElement(ctx.doc, cmd.element) });
      } else if (cmd.executable?.text !== earlier.executable?.text) {
        ctx.report({
          messageId: used.has(earlier) ? 'differentExecutable' : 'differentExecutableUnused',
          data: { name: shown, firstLine, firstExecutable: earlier.executable?.text ?? '', executable: cmd.executable?.text ?? '' },
          range,
        });
      } else {
        ctx.report({ messageId: 'differentOptions', data: { name: shown, firstLine }, range });
      }
    }
  },
});
