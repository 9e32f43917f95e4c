import { isBlockingProgram } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, hasTrigger, lineOf, timeoutSeconds, triggersOf, valueRange } from '../active-response.ts';

const THIRTY_DAYS = 30 * 86400;

export default defineRule({
  id: 'permanent-block',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'A blocking response has no timeout (or 0, or over 30 days), so it is never undone.',
  docs: {
    what: 'A response running a blocking program (firewall-drop, host-deny, route-null, netsh, disable-account...) with no `<timeout>`, a timeout of 0, or more than 30 days. When its `<command>` does not allow a timeout (`<timeout_allowed>` no or absent), a `<timeout>` alone would be zeroed ((1305)): the finding names both changes, and a long timeout there is left to timeout-without-timeout-allowed.',
    why: 'Without a timeout execd never sends the "delete" call (src/os_execd/execd.c): blocks pile up forever and one false positive locks a host out permanently (DOC-AR: timeout is the time before the reverse command).',
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
  },
  messages: {
    noTimeout: { severity: 'warning', text: "Command '{{command}}' blocks without a <timeout>: the block is never undone; add e.g. <timeout>600</timeout> (600-3600 seconds is typical)." },
    zero: { severity: 'warning', text: "Command '{{command}}' blocks with timeout 0: the block is never undone; use e.g. 600-3600 seconds." },
    huge: { severity: 'warning', text: "Command '{{command}}' blocks for {{days}} days: effectively permanent; use e.g. 600-3600 seconds." },
    // A <timeout> alone would not help: a command without timeout_allowed yes has it zeroed ((1305), src/config/active-response.c:232-236).
    neverUndone: { severity: 'warning', text: "Command '{{command}}' blocks and the block is never undone: this response has {{what}}, and <command> '{{command}}' (line {{line}}) does not allow a timeout. Set <timeout_allowed>yes</timeout_allowed> there and add e.g. <timeout>600</timeout> here (600-3600 seconds is typical)." },
  },
  check(ctx) {
    for (const { ar, command: cmd } of acceptedResponses(ctx)) {
      if (!hasTrigger(triggersOf(ar))) continue;
      if (!isBlockingProgram(cmd.executable?.text ?? '', cmd.name?.text)) continue;
      const command = cmd.name!.text;
      // timeout_allowed absent or no (an invalid value is invalid-boolean's): adding a <timeout> alone changes nothing.
      const allowed = cmd.timeoutAllowed?.text;
      const notAllowed = allowed === undefined || allowed === 'no';
      const neverUndone = (what: string) => ({ messageId: 'neverUndone' as const, data: { command, what, line: lineOf(ctx.doc, cmd.element) } });
      if (!ar.timeout) {
        ctx.report({ ...(notAllowed ? neverUndone('no <timeout>') : { messageId: 'noTimeout', data: { command } }), range: ar.element.openTag });
        continue;
      }
      const seconds = timeoutSeconds(ar);
      if (seconds === 0 && /^\s*0*\s*$/.test(ar.timeout.text)) ctx.report({ ...(notAllowed ? neverUndone('<timeout> 0') : { messageId: 'zero', data: { command } }), range: valueRange(ar.timeout) });
      // Not allowed: timeout-without-timeout-allowed says that this timeout is zeroed and the block never undone.
      else if (seconds > THIRTY_DAYS && !notAllowed) ctx.report({ messageId: 'huge', data: { command, days: Math.round(seconds / 86400) }, range: valueRange(ar.timeout) });
    }
  },
});
