import { insertBlock } from '../../document/edit.ts';
import { defineRule } from '../types.ts';
import { isBlockingProgram } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'stateful-command-without-timeout-allowed',
  fixable: true,
  needs: [],
  summary: 'Reversible stock programs (firewall-drop, host-deny, ...) need <timeout_allowed>yes</timeout_allowed>',
  docs: {
    what:
      'A <command> running a stock program that can undo its action (firewall-drop, firewalld-drop, host-deny, route-null, route-null.exe, netsh.exe, disable-account, pf, ipfw, npf, ip-customblock) without <timeout_allowed>yes</timeout_allowed>.',
    why:
      'The parser default is no (the command struct is zeroed in src/config/active-response.c) although old documentation printed yes. With no, any <timeout> on a response using the command is dropped with the info message (1305): Timeout not allowed, so the block or account change is never undone. Wazuh\'s own templates always set yes for these programs.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
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
    fix: 'Adds <timeout_allowed>yes</timeout_allowed> when the option is missing (an explicit no is left alone).',
  },
  messages: {
    missing: { severity: 'warning', text: "<command> '{{name}}' runs {{executable}}, which can be undone after a timeout, but has no <timeout_allowed>yes</timeout_allowed>: Wazuh defaults to no and ignores every <timeout> for it ((1305))." },
    explicitNo: { severity: 'warning', text: "<command> '{{name}}' runs {{executable}}, which can be undone after a timeout, but sets timeout_allowed to no: every <timeout> for it is ignored ((1305)) and its actions are permanent." },
  },
  check(ctx) {
    for (const cmd of ctx.config.commands) {
      const exe = cmd.executable?.text;
      if (!exe || !isBlockingProgram(exe, cmd.name?.text.trim())) continue;
      const data = { name: cmd.name?.text ?? '', executable: exe.trim() };
      const allowed = cmd.timeoutAllowed;
      if (!allowed) {
        ctx.report({ messageId: 'missing', data, range: cmd.element.openTag, fix: insertBlock(ctx.doc, cmd.element, ['<timeout_allowed>yes</timeout_allowed>']) });
      } else if (allowed.text === 'no') {
        ctx.report({ messageId: 'explicitNo', data, range: allowed.element.contentRange });
      }
    }
  },
});
