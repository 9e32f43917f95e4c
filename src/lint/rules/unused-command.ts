import { defineRule } from '../types.ts';
import { RESTART_COMMAND_NAMES, STOCK_COMMANDS } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'unused-command',
  fixable: false,
  needs: [],
  summary: '<command> that no <active-response> uses',
  docs: {
    what:
      "A <command> whose name no <active-response><command> refers to. Not reported: restart-wazuh / restart-ossec (used for remote restarts), and Wazuh's stock definitions exactly as shipped (firewall-drop, host-deny, ... with their stock executables), which the templates provide for responses to use.",
    why:
      'Only commands referenced by an <active-response> end up in etc/shared/ar.conf (src/analysisd/active-response.c), so the block is dead configuration, and often the sign of a typo in the response\'s <command>.',
    bad: `<ossec_config>
  <command>
    <name>my-block</name>
    <executable>my-block.sh</executable>
  </command> <!-- no active response runs my-block -->
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>my-block</name>
    <executable>my-block.sh</executable>
  </command>
  <active-response>
    <command>my-block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
  },
  messages: {
    unused: { severity: 'info', text: "<command> '{{name}}' is not used by any <active-response>.{{hint}}" },
  },
  check(ctx) {
    if (ctx.role === 'agent.conf') return;
    const used = new Set(ctx.config.activeResponses.flatMap((ar) => ar.options.all('command').map((c) => c.text)));
    const seen = new Set<string>();
    for (const cmd of ctx.config.commands) {
      const name = cmd.name?.text;
      if (name === undefined || name.trim() === '' || used.has(name) || seen.has(name)) continue;
      seen.add(name);
      if (RESTART_COMMAND_NAMES.has(name)) continue;
      const stockExecutables = STOCK_COMMANDS.get(name);
      if (stockExecutables && cmd.executable && stockExecutables.includes(cmd.executable.text)) continue;
      const near = [...used].find((u) => u.toLowerCase() === name.toLowerCase() || u.trim() === name.trim());
      const hint = near !== undefined ? ` A response uses '${near}': a typo?` : '';
      ctx.report({ messageId: 'unused', data: { name, hint }, range: cmd.name!.element.contentRange });
    }
  },
});
