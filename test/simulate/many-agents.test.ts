/**
 * A response at `all` with a long --agents list (issue #22, bounded cost): simulate's output grows with the
 * alerts and the agents, not with their product times the message. analysisd's message depends on the alert
 * and on the format an agent's version picks (src/analysisd/alerts/exec.c OS_Exec), so the agents that get
 * one same message are said once with it; the text format counts long lists of agents.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { agentIdsNamed, JSON_AGENT_IDS_MAX } from '../../src/simulate/render-json.ts';
import type { AlertResult } from '../../src/simulate/model.ts';

const CONF = `<ossec_config>
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
</ossec_config>
`;

/** A legacy, an escaped-JSON and a JSON agent in turn, and every tenth without a version. */
function agents(count: number): string {
  const versions = ['Wazuh v4.1.5', 'Wazuh v4.2.3', 'Wazuh v4.14.7'];
  return JSON.stringify(
    Array.from({ length: count }, (_, i) => ({ id: String(i + 1).padStart(3, '0'), name: `a${i + 1}`, ip: `10.0.${i >> 8}.${i & 255}`, status: 'active', ...(i % 10 === 9 ? {} : { version: versions[i % 3] }) })),
  );
}

/** Alerts with a 2 KB log line: each message to an agent carries it. */
const ALERTS = Array.from({ length: 5 }, (_, i) =>
  JSON.stringify({ timestamp: `2024-05-01T10:00:0${i}.000+0000`, rule: { level: 10, id: '5712', groups: ['sshd'] }, agent: { id: '001', name: 'a1' }, id: `1714557600.${i}`, full_log: `sshd[${i}]: ${'x'.repeat(2000)}`, data: { srcip: `203.0.113.${i}` }, location: '/var/log/auth.log' }),
).join('\n');

const dir = tempFiles({ 'ossec.conf': CONF, 'alerts.json': `${ALERTS}\n`, 'a40.json': agents(40), 'a80.json': agents(80) });

function simulate(agentsFile: string, extra: string[]): string {
  const r = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--agents', join(dir, agentsFile), ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

interface Group {
  agents: string[];
  format: string | null;
  message: string | null;
  unsent?: string;
}

test('simulate --format json: each distinct message once with the agents that get it, so 40 more agents add ids, not messages', () => {
  const small = simulate('a40.json', ['--format', 'json']);
  const large = simulate('a80.json', ['--format', 'json']);
  const doc = JSON.parse(large) as { alerts: Array<{ responses: Array<{ targets: string[]; agentMessages: Group[] }> }> };
  for (const alert of doc.alerts) {
    const response = alert.responses[0]!;
    assert.equal(response.targets.length, 80);
    // legacy, json-escaped, json, and the agents without a version: four entries, every target in one of them.
    assert.deepEqual(response.agentMessages.map((g) => [g.format, g.unsent ?? null, g.agents.length]), [['legacy', null, 24], ['json-escaped', null, 24], ['json', null, 24], [null, 'no-version', 8]]);
    assert.deepEqual(response.agentMessages.flatMap((g) => g.agents).sort(), response.targets.slice().sort());
    assert.equal(response.agentMessages[3]!.message, null);
    assert.ok(response.agentMessages[2]!.message!.length > 2000);
  }
  // Per alert and added agent: the id in targets and in agentMessages (about 40 bytes), not a 2 KB message.
  const perAgent = (large.length - small.length) / (5 * 40);
  assert.ok(perAgent < 100, `${perAgent} bytes per alert and agent`);
});

test('simulate --payload: long lists of agents are counted, and each distinct message shown once', () => {
  const small = simulate('a40.json', ['--payload']);
  const large = simulate('a80.json', ['--payload']);
  // The lists under ten agents (those without a version) grow; nothing else does.
  assert.ok(large.length - small.length < 5 * 50, `${large.length - small.length} more bytes`);
  assert.match(large, /fired {3}001,002,003,004,005,006,007,008,009,010,\.\.\. \(80 agents\) {2}600s/);
  const lines = large.split('\n').filter((l) => /^ {5}agents? /.test(l));
  assert.equal(lines.length, 5 * 4);
  assert.match(lines[0]!, /^ {5}agents 001,004,007,013,016,019,022,025,028,031,\.\.\. \(24 agents\) legacy firewall-drop600 - 203\.0\.113\.0 /);
  assert.match(lines[3]!, /^ {5}agents 010,020,030,040,050,060,070,080 - no version in --agents$/);
});

test('simulate --assert: a failed expectation counts the agents a response at all reached', () => {
  const expectations = tempFiles({ 'assert.yml': '- alert: 0\n  fires:\n    - command: firewall-drop\n      targets: ["001"]\n' });
  const r = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--agents', join(dir, 'a80.json'), '--assert', join(expectations, 'assert.yml')]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /\+ firewall-drop fired on \[001, 002, 003, 004, 005, 006, 007, 008, 009, 010, \.\.\. \(80 agents\)\] \(block 0\)/);
});

test('the JSON document counts the agent ids it names, targets and agentMessages, against its bound', () => {
  const result = {
    responses: [
      { fired: true, targets: ['001', '002', '003'], agentMessages: [{ agents: ['001', '002'] }, { agents: ['003'] }] },
      { fired: false, reason: 'no-match' },
      { fired: true, targets: ['000'] },
    ],
  } as unknown as AlertResult;
  assert.equal(agentIdsNamed(result), 7);
  // Bounded well below V8's longest string (2^29 - 24 characters), at about 22 bytes an id.
  assert.ok(JSON_AGENT_IDS_MAX * 22 < 2 ** 29 - 24);
});
