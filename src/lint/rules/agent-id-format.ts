import { formatAgentId } from '../../wazuh/agents.ts';
import { locationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { atoi, isDisabled, replaceValue, valueRange } from '../active-response.ts';


export default defineRule({
  id: 'agent-id-format',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'A defined-agent <agent_id> that atoi() reads as 0 (1306), as another agent, unpadded, or (below 4.2) not as agents are registered.',
  docs: {
    what: '(error) an `<agent_id>` for defined-agent that is non-numeric (`web01`), `0` / `000`, a list (`001,002`, `001 002`), signed or negative; (warning) below 4.2, a number not written with three digits (`5`, `0005`); (info) from 4.2, an id without zero padding (`5`), or an `<agent_id>` overwritten by a later one in the same block.',
    why: 'analysisd reads the id with atoi(): 0 (also from non-numeric text) gives warning `(1306): Invalid agent ID. Use location=server to run AR on the manager.` and the whole block is dropped (4.3+; before 4.3 agent 000 was accepted and meant the manager); `001,002` silently means agent 001 only; a second `<agent_id>` overwrites the first (wazuh/wazuh#1406). From 4.2 the id is sent as `%.3d`, so `5` works but is unconventional; below 4.2 analysisd sends the text as written (v4.1.0 src/analysisd/alerts/exec.c:120-137) and remoted looks agents up by their client.keys id string (keys.c OS_IsAllowedID), which authd writes with three digits: `5` finds no agent, "(1320): Agent \'5\' not found.".',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>001,002</agent_id>
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
    <agent_id>001</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'Writes a plain number with three digits (`5` -> `005`, below 4.2 also `0005` -> `005`); other cases are left for you (one block per agent, or location server).',
  },
  messages: {
    zeroDropped: { severity: 'error', text: "Agent id '{{value}}' reads as 0: Wazuh {{version}} logs (1306): Invalid agent ID. Use location=server to run AR on the manager. and drops this block." },
    zeroManager: { severity: 'warning', text: "Agent id '{{value}}' reads as 0, the manager: use <location>server</location> (Wazuh 4.3+ drops such blocks with warning 1306)." },
    list: { severity: 'error', text: "Agent id '{{value}}' lists several agents, but Wazuh reads it with atoi() as agent {{agent}} only: use one block per agent." },
    notNumber: { severity: 'warning', text: "Agent id '{{value}}' is not a number: Wazuh reads it with atoi() as agent {{agent}}." },
    notPadded: { severity: 'info', text: "Agent id '{{value}}' means agent {{agent}}: write it with three digits." },
    sentAsWritten: { severity: 'warning', text: "Wazuh {{version}} sends agent id '{{value}}' as written, and remoted finds agents by their client.keys id ('{{agent}}'): unless an agent is registered as '{{value}}', it logs (1320): Agent '{{value}}' not found. and nothing runs." },
    overwritten: { severity: 'info', text: '<agent_id> {{value}} is overwritten by the later <agent_id> {{last}} in this block.' },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      if (!ar.agentId || !ar.location || isDisabled(ar) || !locationFlags(ar.location.text).definedAgent) continue;
      const all = ar.options.all('agent_id');
      for (const earlier of all.slice(0, -1)) {
        ctx.report({ messageId: 'overwritten', data: { value: earlier.text, last: ar.agentId.text }, range: valueRange(earlier) });
      }
      const value = ar.agentId.text;
      const trimmed = value.trim();
      if (trimmed === '') continue; // empty-value reports empty ids
      const id = atoi(value);
      const range = valueRange(ar.agentId);
      const data = { value, agent: formatAgentId(id), version: ctx.target.text };
      if (id === 0) {
        ctx.report({ messageId: ctx.target.dropsAgentZero ? 'zeroDropped' : 'zeroManager', data, range });
      } else if (/^\d+([\s,;|]+\d+)+$/.test(trimmed)) {
        ctx.report({ messageId: 'list', data, range });
      } else if (!/^\d+$/.test(trimmed)) {
        ctx.report({ messageId: 'notNumber', data, range });
      } else if (ctx.target.legacy ? trimmed !== data.agent && !ctx.agents?.some((a) => (a.keyId ?? a.id) === trimmed) : trimmed.length < 3) {
        // Below 4.2 the text itself is the agent's name for remoted (v4.1.0 exec.c:120-137, ar-forward.c SPECIFIC_AGENT).
        const fix = trimmed === value ? replaceValue(ar.agentId, formatAgentId(id)) : undefined;
        ctx.report({ messageId: ctx.target.legacy ? 'sentAsWritten' : 'notPadded', data, range, ...(fix ? { fix } : {}) });
      }
    }
  },
});
