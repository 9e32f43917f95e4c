import { formatAgentId } from '../../wazuh/agents.ts';
import { locationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { atoi, isDisabled, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'agent-id-unknown',
  fixable: false,
  needs: ['agents'],
  appliesTo: 'manager',
  summary: 'A defined-agent <agent_id> names no registered agent (needs --agents).',
  docs: {
    what: 'An `<agent_id>` (read with atoi(), as analysisd does) that is not among the agents given with `--agents` (client.keys or a JSON list).',
    why: 'agent_id is not checked at load time; when the response fires, analysisd cannot find the agent (`(1320): Agent \'%s\' not found.`, agent lookups in src/analysisd/alerts/exec.c fail) and nothing runs. remoted finds an agent by its client.keys id string (keys.c OS_IsAllowedID), and analysisd sends `%.3d` of the number from 4.2 (exec.c:202), the text as written before (v4.1.0 exec.c:120-137): an agent registered as `3` gets nothing for `<agent_id>003</agent_id>`.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>042</agent_id> <!-- no agent 042 is registered -->
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
    <location>defined-agent</location>
    <agent_id>002</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    context: { agents: [{ id: '001', name: 'web01', status: 'active' }, { id: '002', name: 'db01', status: 'active' }] },
  },
  messages: {
    unknown: { severity: 'warning', text: 'Agent {{agent}} is not a registered agent ({{count}} known): this response would never run anywhere.' },
    registeredOtherwise: { severity: 'warning', text: "Agent {{agent}} is registered as '{{registered}}' in client.keys, but Wazuh {{version}} sends the response to '{{sent}}': remoted finds agents by that exact string, logs (1320): Agent '{{sent}}' not found. and this response never runs." },
  },
  check(ctx) {
    if (!ctx.agents) return;
    const known = new Set(ctx.agents.map((a) => atoi(a.id)));
    // The id strings remoted knows the agents by (client.keys as written: AgentInfo.keyId).
    const registered = new Set(ctx.agents.map((a) => a.keyId ?? a.id));
    for (const ar of ctx.config.activeResponses) {
      if (!ar.agentId || !ar.location || isDisabled(ar) || !locationFlags(ar.location.text).definedAgent) continue;
      const id = atoi(ar.agentId.text);
      if (id <= 0) continue; // 0 and negatives are agent-id-format's
      const agent = formatAgentId(id);
      if (!known.has(id)) {
        ctx.report({ messageId: 'unknown', data: { agent, count: known.size }, range: valueRange(ar.agentId) });
        continue;
      }
      const sent = ctx.target.legacy ? ar.agentId.text.trim() : agent;
      const entry = ctx.agents.find((a) => atoi(a.id) === id)!;
      if (registered.has(sent) || entry.keyId === undefined) continue;
      ctx.report({ messageId: 'registeredOtherwise', data: { agent, registered: entry.keyId, sent, version: ctx.target.text }, range: valueRange(ar.agentId) });
    }
  },
});
