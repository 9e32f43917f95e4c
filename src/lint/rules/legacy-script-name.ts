import { defineRule } from '../types.ts';
import { replaceValue } from '../active-response.ts';
import { exactText } from '../support/edits.ts';
import { LEGACY_SCRIPT_RENAMES } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'legacy-script-name',
  fixable: true,
  needs: [],
  summary: 'Stock pre-4.2 script names (firewall-drop.sh, restart-ossec.cmd, ...) that 4.2 replaced',
  docs: {
    what:
      'An <executable> naming a stock pre-4.2 script: firewall-drop.sh, host-deny.sh, route-null.sh, disable-account.sh, restart-ossec.sh, pf.sh, ipfw.sh, ipfw_mac.sh, npf.sh, firewalld-drop.sh, ip-customblock.sh, ossec-slack.sh, ossec-tweeter.sh, kaspersky.sh, route-null.cmd, netsh.cmd, restart-ossec.cmd. Custom scripts are not flagged. An error when --target-version is 4.2 or later; before 4.2 the names are right, so it is only an info note for the upgrade.',
    why:
      'Wazuh 4.2.0 replaced the shell scripts with compiled programs without suffix (wazuh/wazuh-ansible#574: "In 4.2 firewall-drop.sh ... changed to a compiled C binary"). execd runs the file name verbatim, so on 4.2+ hosts it logs "Active response command not present" and the response silently does nothing (wazuh/wazuh#11842).',
    bad: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop.sh</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    fix: 'With --target-version 4.2 or later: renames to the 4.2 program (firewall-drop.sh -> firewall-drop, restart-ossec.sh -> restart-wazuh, ossec-slack.sh -> wazuh-slack, netsh.cmd -> netsh.exe, ...). Scripts with no successor are left alone.',
  },
  messages: {
    renamed: { severity: 'error', text: "'{{executable}}' is the pre-4.2 script name; Wazuh {{version}} ships '{{replacement}}' instead, so this response runs nothing on 4.2+ hosts." },
    renamedLegacy: { severity: 'info', text: "'{{executable}}' is the pre-4.2 script name: it becomes '{{replacement}}' when these hosts move to Wazuh 4.2 or later." },
    dropped: { severity: 'error', text: "'{{executable}}' is a pre-4.2 script that Wazuh 4.2 no longer ships: this response runs nothing on 4.2+ hosts unless you install the script yourself." },
    droppedLegacy: { severity: 'info', text: "'{{executable}}' is a pre-4.2 script that Wazuh 4.2 no longer ships: install it yourself when these hosts move to Wazuh 4.2 or later." },
  },
  check(ctx) {
    const modern = !ctx.target.legacy;
    for (const cmd of ctx.config.commands) {
      const exe = cmd.executable;
      if (!exe) continue;
      const name = exe.text.trim();
      if (!LEGACY_SCRIPT_RENAMES.has(name)) continue;
      const replacement = LEGACY_SCRIPT_RENAMES.get(name);
      // Below 4.2 these names are the right ones: only a note for the day the hosts upgrade.
      const range = exe.element.contentRange;
      if (replacement === undefined) {
        ctx.report({ messageId: modern ? 'dropped' : 'droppedLegacy', data: { executable: name }, range });
        continue;
      }
      const raw = exactText(ctx.doc, range);
      const fix = modern && raw !== undefined ? replaceValue(exe, raw.replace(name, replacement)) : undefined;
      ctx.report({
        messageId: modern ? 'renamed' : 'renamedLegacy',
        data: { executable: name, replacement, version: ctx.target.text },
        range,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
