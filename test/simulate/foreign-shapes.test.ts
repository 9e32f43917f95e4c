/**
 * Alerts in shapes Wazuh never writes. An OSSEC 2.9 alerts.json alert (rule.sidid, rule.group, TimeStamp: test/fixtures/simulate/ossec-2.9-alerts.jsonl)
 * has no rule.id: simulate says what it is and what arctl reads instead (Wazuh's alerts.json, alerts.log),
 * not only that the rule id is missing; so does a flattened export (rule_id or "rule.id" at the top,
 * test/fixtures/simulate/flattened-alerts.json), and so does a rule.id with no number in it. Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

test("an OSSEC 2.x alerts.json alert is named as one, a hand-made alert without rule.id is not", () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const [ossec] = simulateJson([join(projectRoot, 'test/fixtures/simulate/ossec-2.9-alerts.jsonl'), '--file', conf]).alerts;
  assert.deepEqual(
    [...new Set(ossec!.responses.map((r) => `${r.fired} ${r.reason} ${r.detail}`))],
    ["false no-match the alert has no rule.id: its rule.sidid is OSSEC 2.x's alerts.json, which arctl does not read (Wazuh's alerts.json and the alerts.log of both do)"],
  );
  // And an archives.json event (<logall_json>) that matched no rule: no rule object at all.
  const archived = { timestamp: '2026-04-08T14:34:22.745+0700', agent: { id: '001', name: 'win10' }, id: '1775633662.123', full_log: 'x', decoder: { name: 'windows_eventchannel' }, location: 'EventChannel' };
  // And a _bulk request's action line.
  const [plain, archive, bulk] = simulateJson(['-', '--file', conf], `${JSON.stringify({ rule: { level: 10 }, data: { srcip: '203.0.113.77' } })}\n${JSON.stringify(archived)}\n{"index":{"_index":"wazuh-alerts-4.x-2025.03.10"}}\n`).alerts;
  assert.deepEqual([...new Set(plain!.responses.map((r) => r.detail))], ['the alert has no rule.id']);
  assert.deepEqual([...new Set(archive!.responses.map((r) => r.detail))], [
    'the event has no rule: analysisd matched none (an archives.json event, as <logall_json> writes every event), so it raised no alert and ran no response',
  ]);
  assert.deepEqual([...new Set(bulk!.responses.map((r) => r.detail))], ['this is a _bulk action line ({"index": ...}), not an alert: the document it indexes is the next line']);
});

test("a CSV report's header is named, not called invalid JSON", () => {
  const r = runArctl(['simulate', '-', '--file', join(projectRoot, 'examples/ossec.conf')], { input: '"@timestamp","agent.name","rule.id"\n"Mar 10, 2025 @ 19:33:55.036","web","5712"\n' });
  assert.equal(r.status, 2);
  assert.equal(r.stderr, "arctl: <stdin>:1: a CSV export's header (Discover's or Dashboards' CSV report), not alerts: arctl reads JSON; export the documents as JSON (a search's hits with their _source, or alerts.json)\n");
});

test('a flattened export (rule_id, "rule.id" at the top) is named as one', () => {
  const alerts = simulateJson([join(projectRoot, 'test/fixtures/simulate/flattened-alerts.json'), '--file', join(projectRoot, 'examples/ossec.conf')]).alerts;
  assert.deepEqual(
    alerts.map((a) => [...new Set(a.responses.map((r) => r.detail))]),
    ['rule_id', 'rule.id'].map((key) => [
      `the alert has no rule object: its top-level '${key}' is a flattened export (a SIEM's or a script's), which arctl does not read; give it the alerts as Wazuh wrote them (alerts.json, alerts.log) or as the indexer stores them`,
    ]),
  );
});

test("a rule.id with no number (another tool's detection, test/fixtures/simulate/elastic-detection-alert.json) is named, not read as rule 0", () => {
  // Wazuh writes rule.id with "%d" (src/analysisd/format/to_json.c:91-94); atoi would read this one as 0.
  const [alert] = simulateJson([join(projectRoot, 'test/fixtures/simulate/elastic-detection-alert.json'), '--file', join(projectRoot, 'examples/ossec.conf')]).alerts;
  assert.deepEqual(
    [...new Set(alert!.responses.map((r) => `${r.fired} ${r.reason} ${r.detail}`))],
    ["false no-match rule.id 'ssh-success-after-failures' is not a number: Wazuh's alerts carry the numeric id of the rule analysisd matched, so this is another tool's alert (a SIEM's detection, a script's); give it the alerts as Wazuh wrote them (alerts.json, alerts.log) or as the indexer stores them"],
  );
});

test('the text summary names OSSEC 2.x and flattened alerts as such, not as archives.json events', () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const ossec = runArctl(['simulate', '--file', conf, join(projectRoot, 'test/fixtures/simulate/ossec-2.9-alerts.jsonl')]);
  assert.equal(ossec.status, 0, ossec.stderr);
  assert.match(ossec.stdout, /\nIt has no rule\.id: it is OSSEC 2\.x's alerts\.json \(rule\.sidid\), which arctl does not read; give it the alerts as Wazuh wrote them/);
  assert.doesNotMatch(ossec.stdout, /archives\.json/);
  const flat = runArctl(['simulate', '--file', conf, join(projectRoot, 'test/fixtures/simulate/flattened-alerts.json')]);
  assert.match(flat.stdout, /\nNone of the 2 has a rule\.id: they are a flattened export \(a top-level rule_id or "rule\.id"\), which arctl does not read/);
  assert.doesNotMatch(flat.stdout, /archives\.json/);
  // Events no rule matched are still named as archives.json's.
  const events = runArctl(['simulate', '--file', conf, '-'], { input: `${JSON.stringify({ rule: { level: 3 }, data: { srcip: '203.0.113.77' } })}\n` });
  assert.match(events.stdout, /\nIt has no rule\.id: responses fire on alerts \(alerts\.json\), not on events that matched no rule \(archives\.json\)\.\n/);
});
