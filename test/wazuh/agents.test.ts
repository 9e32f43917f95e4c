/** How Wazuh names an agent (src/wazuh/agents.ts), and lint and simulate naming the same one for a file. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { formatAgentId } from '../../src/wazuh/agents.ts';
import { atoi } from '../../src/wazuh/c-number.ts';
import { lintJson, simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

test('agent ids are printf %.3d of atoi(): three digits at least, the sign before them', () => {
  assert.deepEqual([1, 12, 123, 1234, 0, -1, -5, -42, -1234].map(formatAgentId), ['001', '012', '123', '1234', '000', '-001', '-005', '-042', '-1234']);
  assert.deepEqual(['5', ' 7', '007', '-5', '12abc'].map((t) => formatAgentId(atoi(t))), ['005', '007', '007', '-005', '012']);
});

test('lint names the agent a negative <agent_id> reads as; simulate sends it nothing, as no agent has a negative id', () => {
  const conf = tempFile('ossec.conf', `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>-5</agent_id>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`);
  const lint = lintJson([conf]);
  const finding = lint.messages.find((m) => m.ruleId === 'agent-id-format');
  assert.ok(finding, JSON.stringify(lint.messages));
  assert.match(finding.message, /as agent -005\.$/);
  const alert = { timestamp: '2024-05-01T00:00:00.000+0000', rule: { id: '5712', level: 10 }, agent: { id: '001', name: 'web' }, data: { srcip: '10.0.0.9' } };
  const out = simulateJson(['-', '--file', conf], JSON.stringify(alert));
  // OS_Exec asks wazuh-db for agent -5: "Failed to get agent '-5' information from Wazuh DB.", nothing sent.
  const response = out.alerts[0]!.responses[0]!;
  assert.deepEqual([response.fired, response.reason], [false, 'no-target']);
  assert.match(response.detail ?? '', /agent_id '-5' reads as -5/);
});
