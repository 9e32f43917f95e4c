/**
 * A response at `all` with a long --agents list in the timeline (issue #22, bounded cost): each active agent's
 * execd keeps its own timeout list (src/os_execd/execd.c), so the replay's state is hosts x keys. Decisions
 * travel in batches of a bounded number of dispatches (a chunk's alerts at 30,000 agents were millions at
 * once, one JSON text between threads), a replay's sink is emptied every few thousand dispatches, and the
 * replay stops with one clear error before it remembers more keys than its bound.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadSimConfig } from '../../src/simulate/from-load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { BATCH_DISPATCHES, decideBatch, decideBatches } from '../../src/timeline/decide.ts';
import { REPLAY_KEYS_MAX, TimelineReplay, replayTimelineInto, type TimelineSink } from '../../src/timeline/replay.ts';
import type { DecisionBatch } from '../../src/timeline/decide.ts';
import type { AgentInfo } from '../../src/wazuh/agents.ts';
import { InputError } from '../../src/util/errors.ts';
import { decodeMessage, encodeMessage, type RangeMessage } from '../../src/timeline/worker-protocol.ts';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const XML = `<ossec_config>
  <command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>all</location><rules_id>5712</rules_id><timeout>600</timeout></active-response>
</ossec_config>
`;
const config = loadSimConfig(ConfigDocument.fromText('c.conf', XML), parseTargetVersion('4.14'));

const agents = (count: number): AgentInfo[] => Array.from({ length: count }, (_, i) => ({ id: String(i + 1).padStart(3, '0'), name: `a${i + 1}`, status: 'active' }));

/** One alert a second, each from its own source address. */
const alert = (i: number) => ({
  timestamp: new Date(Date.UTC(2024, 4, 1) + i * 1000).toISOString().replace('Z', '+0000'),
  rule: { level: 10, id: '5712', groups: ['sshd'] },
  agent: { id: '001', name: 'a1' },
  id: `1714521600.${i}`,
  data: { srcip: `203.0.${i >> 8}.${i & 255}` },
  location: '/var/log/auth.log',
});
const records = (count: number) => Array.from({ length: count }, (_, i) => ({ index: i, line: i + 1, alert: alert(i) }));

test('decisions come in batches of at most BATCH_DISPATCHES dispatches, the same decisions in the same order', () => {
  const options = { agents: agents(3000) };
  const batches = [...decideBatches(records(10), config, options, {})];
  // 10 alerts x 3,000 agents: a batch holds what reaches the bound, and one decision at least.
  assert.ok(batches.length >= Math.floor((10 * 3000) / BATCH_DISPATCHES), `${batches.length} batches`);
  for (const b of batches) {
    const dispatches = b.decisions.reduce((n, d) => n + d.dispatches.length, 0);
    assert.ok(dispatches <= BATCH_DISPATCHES + 3000 && (dispatches < BATCH_DISPATCHES + 3000 || b.decisions.length === 1), `${dispatches} dispatches`);
  }
  assert.deepEqual(batches.flatMap((b) => b.decisions), decideBatch(records(10), config, options, {}).decisions);
  // Few dispatches an alert: one batch, as before.
  assert.equal([...decideBatches(records(10), config, { agents: agents(3) }, {})].length, 1);
});

test('a replay into a sink lets its caller empty the sink every few thousand dispatches, not once a batch', async () => {
  const options = { agents: agents(2000) };
  let events = 0;
  let most = 0;
  let sinceStep = 0;
  const sink: TimelineSink = {
    event: () => {
      events++;
      most = Math.max(most, ++sinceStep);
    },
    fail: () => assert.fail('no failure expected'),
  };
  // One batch of 20 alerts x 2,000 agents, as a caller's batch may be.
  async function* one(): AsyncGenerator<DecisionBatch> {
    yield decideBatch(records(20), config, options, {});
  }
  const replay = replayTimelineInto(sink, one(), config, { agents: options.agents, reorderWindow: 0 });
  for (let step = await replay.next(); !step.done; step = await replay.next()) sinceStep = 0;
  assert.equal(events, 20 * 2000);
  assert.ok(most <= 8192 + 2000, `${most} events between two steps`);
});

test('the replay stops with one clear error before it remembers more keys than its bound', () => {
  assert.ok(REPLAY_KEYS_MAX >= 1_000_000, 'a botnet of 200,000 source addresses on a host still replays');
  const options = { agents: agents(500) };
  const replay = new TimelineReplay(config, { agents: options.agents, reorderWindow: 60, keysMax: 10_000 }, false, { event() {}, fail() {} });
  // 500 agents x 20 distinct keys (and the waiting dispatches) pass 10,000.
  const error = (() => {
    try {
      for (const batch of decideBatches(records(40), config, options, {})) replay.add(batch);
    } catch (e) {
      return e;
    }
    return undefined;
  })();
  assert.ok(error instanceof InputError, String(error));
  assert.equal(error.exitCode, 2);
  assert.match(error.message, /^the replay stops at the alert of 2024-05-01T00:00:\d\dZ \(id 1714521600\.\d+\): it would remember more than 10,000 keys \(.* of 500 hosts, .*\); each host keeps its own, .*: replay fewer agents or fewer alerts$/);
  // Under the bound, the same alerts replay to the end.
  const whole = new TimelineReplay(config, { agents: options.agents, reorderWindow: 60 }, false, { event() {}, fail() {} });
  for (const batch of decideBatches(records(40), config, options, {})) whole.add(batch);
  whole.finish();
  assert.equal(whole.summary.stillActive.length, 40 * 500);
});

test('diff --timeline at all with --agents counts every agent\'s blocks on both sides', () => {
  const head = XML.replace('<timeout>600</timeout>', '<timeout>60</timeout>');
  const alerts = Array.from({ length: 30 }, (_, i) => JSON.stringify(alert(i * 10))).join('\n');
  const keys = agents(300).map((a) => `${a.id} ${a.name} any 0123456789abcdef`).join('\n');
  const dir = tempFiles({ 'base.conf': XML, 'head.conf': head, 'alerts.json': `${alerts}\n`, 'client.keys': `${keys}\n` });
  const r = runArctl(['diff', join(dir, 'base.conf'), join(dir, 'head.conf'), '--alerts', join(dir, 'alerts.json'), '--agents', join(dir, 'client.keys'), '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const timeline = (JSON.parse(r.stdout) as { timeline: { base: { adds: number; stillActive: number; peakActive: number }; head: { adds: number; stillActive: number; peakActive: number } } }).timeline;
  // 30 alerts, 10 s apart, each from its own address, at 300 agents: 600 s keeps them all, 60 s about six.
  assert.equal(timeline.base.adds, 30 * 300);
  assert.equal(timeline.head.adds, 30 * 300);
  assert.equal(timeline.base.peakActive, 30 * 300);
  assert.equal(timeline.base.stillActive, 30 * 300);
  assert.ok(timeline.head.peakActive <= 7 * 300, String(timeline.head.peakActive));
});

test('between threads, the message analysisd sends the agents of a response at all is written once, not once per agent', () => {
  const text = `{"version":1,"command":"firewall-drop600","parameters":{"alert":{"full_log":"${'x'.repeat(1000)}"}}}`;
  const dispatches = agents(200).map((a) => ({ response: 0, host: a.id, keys: ['203.0.113.9'], fail: undefined, noRun: undefined, note: undefined, message: { agent: a.id, version: 'Wazuh v4.14.7', format: 'json' as const, message: text } }));
  const sent: RangeMessage = { type: 'batch', index: 0, notices: [], batch: { decisions: [{ time: 1714521600, alertId: '1714521600.1', index: 0, ruleId: '5712', dispatches }], untimed: 0, outsideWindow: 0, unparsed: 0 } };
  const wire = encodeMessage(sent);
  assert.ok(wire.length < 200 * 100 + text.length * 2, `${wire.length} characters`);
  const received = decodeMessage(wire);
  assert.ok(received.type === 'batch');
  assert.deepEqual(received.batch.decisions[0]!.dispatches.map((d) => d.message), dispatches.map((d) => d.message));
});

test('--compare --log-host with a response at all compares that host\'s runs alone', () => {
  const alerts = Array.from({ length: 12 }, (_, i) => JSON.stringify(alert(i * 10))).join('\n');
  const keys = agents(50).map((a) => `${a.id} ${a.name} any 0123456789abcdef`).join('\n');
  const dir = tempFiles({ 'ossec.conf': XML, 'alerts.json': `${alerts}\n`, 'client.keys': `${keys}\n`, 'empty.log': '' });
  const run = (host: string[]) => runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--agents', join(dir, 'client.keys'), '--timeline', '--compare', join(dir, 'empty.log'), ...host]);
  const named = run(['--log-host', '007']);
  assert.equal(named.status, 1, named.stderr);
  // Twelve adds at agent 007, nothing logged: twelve missing runs, none of the other 49 agents'.
  assert.match(named.stdout, /^12 differences \(12 missing\); 0 run\(s\) matched\.$/m);
  assert.doesNotMatch(named.stdout, /agent 00[1-68]/);
  // Without it, an empty log gives nothing to infer the host from: the manager, which runs nothing here.
  const unnamed = run([]);
  assert.equal(unnamed.status, 0, unnamed.stderr);
  assert.match(unnamed.stdout, /^Compared with .*: the manager \(nothing to infer it from; --log-host sets it\)/);
});
