import { defineRule } from '../types.ts';
import { replaceValue, usedCommands } from '../active-response.ts';
import { exactText } from '../support/edits.ts';
import { LEGACY_SCRIPT_RENAMES } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'legacy-script-name',
  fixable: true,
  needs: [],
  summary: 'Stock pre-4.2 script names (firewall-drop.sh, restart-ossec.cmd, ...) that 4.2 replaced',
  docs: {
    what:
      'An <executable> naming a stock pre-4.2 script: firewall-drop.sh, host-deny.sh, route-null.sh, disable-account.sh, restart-ossec.sh, pf.sh, ipfw.sh, ipfw_mac.sh, npf.sh, firewalld-drop.sh, ip-customblock.sh, ossec-slack.sh, ossec-tweeter.sh, kaspersky.sh, route-null.cmd, netsh.cmd, restart-ossec.cmd. Custom scripts are not flagged. With --target-version 4.2 or later: an error when an enabled <active-response> uses the command, a warning when none does (unused commands never reach execd), and one info for the whole file instead when it looks written for 3.x (several unused legacy commands, no 4.2 program). Before 4.2 the names are right, so it is only an info note for the upgrade.',
    why:
      'Wazuh 4.2.0 replaced the shell scripts with compiled programs without suffix (wazuh/wazuh-ansible#574: "In 4.2 firewall-drop.sh ... changed to a compiled C binary"). execd runs the file name verbatim, so on 4.2+ hosts it logs "Active response command not present" and the response silently does nothing (wazuh/wazuh#11842).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop.sh</executable>
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
    fix: 'With --target-version 4.2 or later: renames to the 4.2 program (firewall-drop.sh -> firewall-drop, restart-ossec.sh -> restart-wazuh, ossec-slack.sh -> wazuh-slack, netsh.cmd -> netsh.exe, ...). Scripts with no successor are left alone.',
  },
  messages: {
    renamed: { severity: 'error', text: "'{{executable}}' is the pre-4.2 script name; Wazuh {{version}} ships '{{replacement}}' instead, so this response runs nothing on 4.2+ hosts." },
    dropped: { severity: 'error', text: "'{{executable}}' is a pre-4.2 script that Wazuh 4.2 no longer ships: this response runs nothing on 4.2+ hosts unless you install the script yourself." },
    renamedUnused: { severity: 'warning', text: "'{{executable}}' is the pre-4.2 script name; Wazuh {{version}} ships '{{replacement}}': no <active-response> uses this command today, but one that did would run nothing on 4.2+ hosts." },
    droppedUnused: { severity: 'warning', text: "'{{executable}}' is a pre-4.2 script that Wazuh 4.2 no longer ships: no <active-response> uses this command today, but one that did would run nothing on 4.2+ hosts." },
    looksPre42: { severity: 'info', text: "This file looks written for Wazuh before 4.2: {{count}} unused <command> blocks name pre-4.2 scripts ({{executables}}). If its hosts run 3.x, lint with --target-version 3.13; on {{version}} they are dead (fix renames them to the 4.2 programs)." },
    renamedLegacy: { severity: 'info', text: "'{{executable}}' is the pre-4.2 script name: it becomes '{{replacement}}' when these hosts move to Wazuh 4.2 or later." },
    droppedLegacy: { severity: 'info', text: "'{{executable}}' is a pre-4.2 script that Wazuh 4.2 no longer ships: install it yourself when these hosts move to Wazuh 4.2 or later." },
  },
  check(ctx) {
    const modern = !ctx.target.legacy;
    const used = usedCommands(ctx.config);
    const legacy = ctx.config.commands.filter((cmd) => cmd.executable && LEGACY_SCRIPT_RENAMES.has(cmd.executable.text.trim()));
    const unused = legacy.filter((cmd) => !used.has(cmd));
    const modernNames = new Set([...LEGACY_SCRIPT_RENAMES.values()].filter((v) => v !== undefined));
    // A file of several legacy definitions and no 4.2 program was written for 3.x: say so once.
    const looksPre42 = modern && unused.length >= 2 && !ctx.config.commands.some((cmd) => cmd.executable && modernNames.has(cmd.executable.text.trim()));
    if (looksPre42) {
      const executables = [...new Set(unused.map((cmd) => cmd.executable!.text.trim()))].join(', ');
      ctx.report({ messageId: 'looksPre42', data: { count: unused.length, executables, version: ctx.target.text }, range: unused[0].executable!.element.contentRange });
    }
    for (const cmd of legacy) {
      const exe = cmd.executable!;
      const name = exe.text.trim();
      const isUsed = used.has(cmd);
      if (looksPre42 && !isUsed) continue;
      const replacement = LEGACY_SCRIPT_RENAMES.get(name);
      const range = exe.element.contentRange;
      // Below 4.2 these names are the right ones: only a note for the day the hosts upgrade.
      if (replacement === undefined) {
        ctx.report({ messageId: !modern ? 'droppedLegacy' : isUsed ? 'dropped' : 'droppedUnused', data: { executable: name }, range });
        continue;
      }
      const raw = exactText(ctx.doc, range);
      const fix = modern && raw !== undefined ? replaceValue(exe, raw.replace(name, replacement)) : undefined;
      ctx.report({
        messageId: !modern ? 'renamedLegacy' : isUsed ? 'renamed' : 'renamedUnused',
        data: { executable: name, replacement, version: ctx.target.text },
        range,
        ...(fix ? { fix } : {}),
      });
    }
  },
});
