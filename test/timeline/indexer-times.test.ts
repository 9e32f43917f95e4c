/**
 * Indexer documents exported without `timestamp` keep @timestamp, which the Filebeat pipeline's date processor
 * made from it (extensions/filebeat/7.x/wazuh-module/alerts/ingest/pipeline.json:113-120): the timeline replays
 * them at that instant, and simulate's payload has the timestamp back in alerts.json's form (UTC). A replay whose
 * alerts were all outside --since/--until says so, not that the file holds no alerts. Through the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>60</timeout>
  </active-response>
</ossec_config>
`;

const hit = (id: string, at: string) => ({
  _index: 'wazuh-alerts-4.x-2025.03.10',
  _id: id,
  _source: {
    agent: { name: 'web', id: '001', ip: '10.0.0.5' },
    data: { srcip: '198.51.100.7' },
    rule: { level: 10, description: 'sshd: brute force', id: '5712', groups: ['sshd'] },
    input: { type: 'log' },
    '@timestamp': at,
    location: '/var/log/auth.log',
    id: `1741635000.${id}`,
  },
});

const dir = tempFiles({
  'ossec.conf': CONFIG,
  'search.json': JSON.stringify({ hits: { hits: [hit('1', '2025-03-10T19:30:00.5Z'), hit('2', '2025-03-10T19:33:55.036Z')] } }),
});
const args = ['simulate', join(dir, 'search.json'), '--file', join(dir, 'ossec.conf'), '--timeline', '--format', 'json'];

test('@timestamp-only documents replay at their @timestamp', () => {
  const r = runArctl(args);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { time?: string; action?: string; summary?: { alerts: number; untimed: number } });
  assert.deepEqual(events.filter((e) => e.action).map((e) => [e.time, e.action]), [
    ['2025-03-10T19:30:00Z', 'add'],
    ['2025-03-10T19:31:01Z', 'delete'],
    ['2025-03-10T19:33:55Z', 'add'],
  ]);
  assert.deepEqual([events.at(-1)!.summary!.alerts, events.at(-1)!.summary!.untimed], [2, 0]);
  const payload = runArctl(['simulate', join(dir, 'search.json'), '--file', join(dir, 'ossec.conf'), '--format', 'json']);
  const alert = (JSON.parse(payload.stdout) as { alerts: Array<{ responses: Array<{ payload: { parameters: { alert: Record<string, unknown> } } }> }> }).alerts[0]!.responses[0]!.payload.parameters.alert;
  assert.deepEqual(Object.keys(alert).slice(0, 2), ['timestamp', 'agent']);
  assert.equal(alert.timestamp, '2025-03-10T19:30:00.500+0000');
});

test('alerts all outside --until: no "holds no alerts" note', () => {
  const r = runArctl([...args, '--until', '2025-01-01T00:00:00Z']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, '');
  assert.match(r.stdout, /"outsideWindow":2/);
});
