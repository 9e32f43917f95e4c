import { isBlockingProgram } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { acceptedResponses, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'all-excludes-manager',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'Location all runs on every agent but never on the manager itself.',
  docs: {
    what: 'A blocking response with location `all` while no accepted block runs the same command with location `server`.',
    why: '`all` means every ACTIVE agent: OS_Exec asks wazuh-db for agents with id > 0, so agent 000 (the manager) is excluded (src/analysisd/alerts/exec.c, src/wazuh_db/wdb.c; DOC-AR note: add a second block with `server` to include the manager).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
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
    <location>all</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>server</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    excluded: { severity: 'info', text: "'{{command}}' with location '{{location}}' blocks on every agent but not on the manager: add a twin block with <location>server</location> if the manager should block too." },
  },
  check(ctx) {
    const accepted = acceptedResponses(ctx);
    const onManager = new Set(accepted.filter((a) => a.flags.server).map((a) => a.command.name!.text));
    for (const { ar, flags, command } of accepted) {
      if (!flags.all || flags.server) continue;
      if (!isBlockingProgram(command.executable?.text ?? '', command.name?.text)) continue;
      if (onManager.has(command.name!.text)) continue;
      ctx.report({ messageId: 'excluded', data: { command: command.name!.text, location: ar.location!.text }, range: valueRange(ar.location!) });
    }
  },
});
