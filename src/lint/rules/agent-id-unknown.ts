import { formatAgentId } from '../../wazuh/agents.ts';
import { locationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { atoi, isDisabled, readByAnalysisd, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'agent-id-unknown',
  fixable: false,
  needs: ['agents'],
  summary: 'A defined-agent <agent_id> names no registered agent (needs --agents).',
  docs: {
    what: 'An `<agent_id>` (read with atoi(), as analysisd does) that is not among the agents given with `--agents` (client.keys or a JSON list).',
    why: 'agent_id is not checked at load time; when the response fires, analysisd cannot find the agent (`(1320): Agent \'%s\' not found.`, agent lookups in src/analysisd/alerts/exec.c fail) and nothing runs.',
    bad: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>042</agent_id> <!-- no agent 042 is registered -->\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>002</agent_id>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    context: { agents: [{ id: '001', name: 'web01', status: 'active' }, { id: '002', name: 'db01', status: 'active' }] },
  },
  messages: {
    unknown: { severity: 'warning', text: 'Agent {{agent}} is not a registered agent ({{count}} known): this response would never run anywhere.' },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role) || !ctx.agents) return;
    const known = new Set(ctx.agents.map((a) => atoi(a.id)));
    for (const ar of ctx.config.activeResponses) {
      if (!ar.agentId || !ar.location || isDisabled(ar) || !locationFlags(ar.location.text).definedAgent) continue;
      const id = atoi(ar.agentId.text);
      if (id <= 0 || known.has(id)) continue; // 0 and negatives are agent-id-format's
      ctx.report({ messageId: 'unknown', data: { agent: formatAgentId(id), count: known.size }, range: valueRange(ar.agentId) });
    }
  },
});
