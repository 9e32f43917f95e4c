/**
 * In a cluster each node's analysisd hands its responses to its own remoted (src/remoted/ar-forward.c), which
 * sends only to agents it has heard from (sendmsg.c:90-96; keyentries[]->rcvd is set by the agent's own messages
 * to that node, secure.c:669-814). A defined-agent or all response raised on node worker1 (the alert's
 * cluster.node) never reaches an agent --agents says reports to worker2 (the API's node_name). A local response
 * goes back through the node the event came from. Through the CLI, simulate and --timeline.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
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
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <rules_id>5712</rules_id>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`;
const AGENTS = JSON.stringify([
  { id: '001', name: 'web', status: 'active', node_name: 'worker1', version: 'Wazuh v4.14.7' },
  { id: '002', name: 'db', status: 'active', node_name: 'worker2', version: 'Wazuh v4.14.7' },
  { id: '003', name: 'new', status: 'never_connected', node_name: 'unknown' },
]);
const alert = (agent: string, node?: string) =>
  JSON.stringify({
    timestamp: '2024-05-01T10:00:00.000+0000',
    rule: { level: 10, id: '5712', groups: ['sshd'] },
    agent: { id: agent, name: `a${agent}` },
    ...(node ? { cluster: { name: 'wazuh', node } } : {}),
    id: '1714557600.1',
    data: { srcip: '203.0.113.9' },
    location: '/var/log/auth.log',
  });
const dir = tempFiles({ 'ossec.conf': CONFIG, 'agents.json': AGENTS, 'w1.json': alert('001', 'worker1'), 'w2.json': alert('002', 'worker2'), 'bare.json': alert('001') });
const args = ['--file', join(dir, 'ossec.conf'), '--agents', join(dir, 'agents.json')];
const ELSEWHERE = `agent 002 reports to node worker2 (--agents node_name), but node worker1 raised this alert (its cluster.node), and that node's remoted has not heard from the agent: it drops the response ("(1245): Sending message to disconnected agent '002'.") and nothing runs`;

test('a response raised on worker1 does not reach an agent of worker2: defined-agent and all say so, local does not', () => {
  const [defined, all, local] = simulateJson([...args, join(dir, 'w1.json')]).alerts[0]!.responses;
  assert.deepEqual([defined!.fired, defined!.targets, defined!.detail], [true, ['002'], ELSEWHERE]);
  assert.deepEqual([all!.targets, all!.detail], [['001', '002'], ELSEWHERE]);
  assert.deepEqual([local!.targets, local!.detail], [['001'], undefined]);
  // Raised on worker2, or with no cluster.node to compare: nothing to say.
  assert.deepEqual(simulateJson([...args, join(dir, 'w2.json')]).alerts[0]!.responses.map((r) => r.detail), [undefined, `agent 001 reports to node worker1 (--agents node_name), but node worker2 raised this alert (its cluster.node), and that node's remoted has not heard from the agent: it drops the response ("(1245): Sending message to disconnected agent '001'.") and nothing runs`, undefined]);
  assert.deepEqual(simulateJson([...args, join(dir, 'bare.json')]).alerts[0]!.responses.map((r) => r.detail), [undefined, undefined, undefined]);
});

test('the timeline fails the agent of the other node and runs the others', () => {
  const out = runArctl(['simulate', ...args, '--timeline', join(dir, 'w1.json')]);
  assert.equal(out.status, 0, out.stderr);
  const lines = out.stdout.split('\n').filter((l) => l.startsWith('2024-05-01'));
  assert.equal(lines.filter((l) => /agent 002 +fail +firewall-drop: agent 002 reports to node worker2/.test(l)).length, 2);
  assert.equal(lines.filter((l) => /agent 001 +add +firewall-drop-203\.0\.113\.9/.test(l)).length, 2);
});
