import { isBlockingProgram } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, hasTrigger, timeoutSeconds, triggersOf, valueRange } from '../active-response.ts';

const THIRTY_DAYS = 30 * 86400;

export default defineRule({
  id: 'permanent-block',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'A blocking response has no timeout (or 0, or over 30 days), so it is never undone.',
  docs: {
    what: 'A response running a blocking program (firewall-drop, host-deny, route-null, netsh, disable-account...) with no `<timeout>`, a timeout of 0, or more than 30 days.',
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
  },
  check(ctx) {
    for (const { ar, command: cmd } of acceptedResponses(ctx)) {
      if (!hasTrigger(triggersOf(ar))) continue;
      if (!isBlockingProgram(cmd.executable?.text ?? '', cmd.name?.text)) continue;
      const command = cmd.name!.text;
      if (!ar.timeout) {
        ctx.report({ messageId: 'noTimeout', data: { command }, range: ar.element.openTag });
        continue;
      }
      const seconds = timeoutSeconds(ar);
      if (seconds === 0 && /^\s*0*\s*$/.test(ar.timeout.text)) ctx.report({ messageId: 'zero', data: { command }, range: valueRange(ar.timeout) });
      else if (seconds > THIRTY_DAYS) ctx.report({ messageId: 'huge', data: { command, days: Math.round(seconds / 86400) }, range: valueRange(ar.timeout) });
    }
  },
});
