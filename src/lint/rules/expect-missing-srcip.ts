import type { TextEdit } from '../../document/edit.ts';
import { insertBlock } from '../../document/edit.ts';
import type { CommandView } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { isBlockingProgram, programBaseName } from '../../wazuh/programs.ts';
import { exactText } from '../support/edits.ts';

/** The field a stock command needs in <expect>, or undefined for other commands. */
function neededField(cmd: CommandView): 'srcip' | 'user' | undefined {
  const exe = cmd.executable?.text ?? '';
  const name = cmd.name?.text.trim();
  if (programBaseName(exe) === 'disable-account' || name === 'disable-account') return 'user';
  return isBlockingProgram(exe, name) || (name !== undefined && isBlockingProgram(name)) ? 'srcip' : undefined;
}

/** 3.x reads <expect> only when it is at least 4 characters long, then looks for the word as a case-insensitive substring. */
function expects(text: string | undefined, field: string): boolean {
  return text !== undefined && text.length >= 4 && text.toLowerCase().includes(field);
}

export default defineRule({
  id: 'expect-missing-srcip',
  fixable: true,
  needs: [],
  summary: 'IP-blocking commands need srcip (disable-account needs user) in <expect> on a pre-4.2 manager',
  docs: {
    what:
      'For targets (manager versions) before 4.2: an IP-blocking stock command (firewall-drop, host-deny, route-null, netsh, pf, ipfw, npf, firewalld-drop, ip-customblock, win_route-null) whose <expect> lacks srcip, or disable-account lacking user.',
    why:
      'Before 4.2 the manager sends agents a positional message and fills only the expected fields, sending "-" for the others; the script then has no address to block (3.x src/analysisd/alerts/exec.c, commands reference). A 4.2+ manager still sends pre-4.2 agents the positional message, but always with the user and the IP whatever <expect> says (4.14 src/analysisd/alerts/exec.c getActiveResponseInString), so only a pre-4.2 manager is affected.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
    <expect></expect>
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
    <executable>firewall-drop.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
    <expect>srcip</expect>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    context: { targetVersion: '3.13' },
    fix: 'Adds the missing field to <expect> (or adds <expect>srcip</expect> / <expect>user</expect>).',
  },
  messages: {
    missing: { severity: 'warning', text: "<command> '{{name}}' runs {{executable}}, which needs '{{field}}', but <expect> does not ask for it: pre-4.2 agents receive '-' instead of the {{what}}." },
  },
  check(ctx) {
    // A 4.2+ manager (the target) ignores <expect>: its legacy message for pre-4.2 agents always carries
    // the user and the IP (src/analysisd/alerts/exec.c getActiveResponseInString), so old agents do not matter.
    if (!ctx.target.legacy) return;
    for (const cmd of ctx.config.commands) {
      const field = neededField(cmd);
      if (!field || expects(cmd.expect?.text, field)) continue;
      let fix: TextEdit | undefined;
      if (cmd.expect) {
        const raw = exactText(ctx.doc, cmd.expect.element.contentRange);
        const current = raw?.trim() ?? '';
        if (raw !== undefined) fix = replaceValue(cmd.expect, current === '' ? field : `${current},${field}`);
      } else {
        fix = insertBlock(ctx.doc, cmd.element, [`<expect>${field}</expect>`]);
      }
      ctx.report({
        messageId: 'missing',
        data: { name: cmd.name?.text ?? '', executable: cmd.executable?.text ?? '', field, what: field === 'srcip' ? 'source IP' : 'user name' },
        range: cmd.expect ? valueRange(cmd.expect) : cmd.element.openTag,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
