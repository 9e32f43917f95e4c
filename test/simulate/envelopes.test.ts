/**
 * Alerts inside what other Wazuh tools answer. An alert read from the Wazuh indexer (a _search response, test/fixtures/simulate/indexer-search.json) carries
 * what Filebeat's wazuh module added on the way (extensions/filebeat/7.x/wazuh-module/alerts/ingest/pipeline.json:
 * @timestamp, GeoLocation; Filebeat's input): the message an active response gets has the alert as analysisd
 * wrote it, without them (src/wazuh/indexer-document.ts). A logtest answer (the server API's PUT /logtest,
 * api/spec/spec.yaml) gives its data.output. Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const fixtures = join(projectRoot, 'test/fixtures/simulate');
const args = [join(fixtures, 'indexer-search.json'), '--file', join(projectRoot, 'examples/ossec.conf')];

test("an indexer document's payload has the alert without the pipeline's @timestamp, GeoLocation and input", () => {
  const fired = simulateJson(args).alerts[0]!.responses.filter((r) => r.fired);
  assert.deepEqual(fired.map((r) => [r.command, r.targets]), [['firewall-drop', ['007']]]);
  const alert = (fired[0]!.payload as unknown as { parameters: { alert: Record<string, unknown> } }).parameters.alert;
  assert.deepEqual(Object.keys(alert), ['agent', 'manager', 'data', 'rule', 'location', 'decoder', 'id', 'full_log', 'timestamp']);
  assert.deepEqual(alert.data, { srcip: '198.51.100.23', srcport: '40845', srcuser: 'oracle' });
  const text = runArctl(['simulate', ...args, '--payload']);
  assert.equal(text.status, 0, text.stderr);
  const line = text.stdout.split('\n').find((l) => l.includes('payload {'));
  assert.ok(line, text.stdout);
  assert.doesNotMatch(line, /@timestamp|GeoLocation|"input"/);
  assert.match(line, /"timestamp":"2025-03-10T16:33:55\.036-0300"/);
});

test("a logtest answer is simulated as the alert in its data.output", () => {
  const file = join(fixtures, 'logtest-response.json');
  const [alert] = simulateJson([file, '--file', join(projectRoot, 'examples/ossec.conf')]).alerts;
  assert.deepEqual([alert!.id, alert!.rule.id, alert!.srcip], ['1741767341.1120', '5712', '203.0.113.61']);
  // examples/ossec.conf blocks 5712 with firewall-drop, location local: agent 000 is the manager.
  assert.deepEqual(alert!.responses.filter((r) => r.fired).map((r) => [r.command, r.targets]), [['firewall-drop', ['000']]]);
  const timeline = runArctl(['simulate', file, '--file', join(projectRoot, 'examples/ossec.conf'), '--timeline']);
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.match(timeline.stdout, /^2025-03-12 08:15:41 {2}manager +add +firewall-drop-203\.0\.113\.61 /m);
});

test('a search that returned no _source says so and how to get the alerts', () => {
  const r = runArctl(['simulate', 'test/fixtures/simulate/indexer-ids-only.json', '--file', 'examples/ossec.conf']);
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    'arctl: test/fixtures/simulate/indexer-ids-only.json:1: indexer document hits.hits[0] has no alert object in _source: a search with "_source": false or "fields" returns none, search again with the _source (--skip-invalid skips such entries)\n',
  );
});

test('a search whose _source lists fields without agent.id: location local has no target, said as a lost id, not as alerts.log', () => {
  // analysisd always writes agent.id (cleanevent.c:548-590 sets it, to_json.c:298-299 writes it); a picked _source drops it.
  const hit = (id: string, name: string) => ({ _index: 'wazuh-alerts-4.x-2025.10.19', _id: id, _score: null, _source: { '@timestamp': '2025-10-19T14:30:53.456Z', rule: { id: '5712', description: 'sshd: brute force', level: 10 }, agent: { name }, data: { srcip: '203.0.113.45' } } });
  const dir = tempFiles({ 'search.json': JSON.stringify({ took: 3, hits: { total: { value: 1 }, hits: [hit('1697724653.45678', 'web-server-01')] } }) });
  const [alert] = simulateJson([join(dir, 'search.json'), '--file', join(projectRoot, 'examples/ossec.conf')]).alerts;
  const block = alert!.responses.find((r) => r.command === 'firewall-drop' && r.reason === 'no-target');
  assert.ok(block, JSON.stringify(alert!.responses));
  assert.match(block.detail ?? '', /^location local: the alert names agent 'web-server-01' but has no agent\.id, which analysisd always writes into alerts\.json: the record lost it \(an indexer search whose _source lists fields/);
  assert.doesNotMatch(block.detail ?? '', /alerts\.log/);
});

test('the message a response program reads (a custom script\'s dump of its stdin) is simulated as its parameters.alert', () => {
  // ar_json.c:70-74 embeds Eventinfo_to_jsonstr's alert, the one alerts.json has; execd sets command, origin.module and program (execd.c:276-280).
  const file = join(fixtures, 'execd-message.json');
  const [alert] = simulateJson([file, '--file', join(projectRoot, 'examples/ossec.conf')]).alerts;
  assert.deepEqual([alert!.id, alert!.rule.id, alert!.srcip], ['1750433786.2210', '5712', '203.0.113.88']);
  assert.deepEqual(alert!.responses.filter((r) => r.fired).map((r) => [r.command, r.targets]), [['firewall-drop', ['004']]]);
  const timeline = runArctl(['simulate', file, '--file', join(projectRoot, 'examples/ossec.conf'), '--timeline']);
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.match(timeline.stdout, /^2025-06-20 15:36:26 {2}agent 004 +add +firewall-drop-203\.0\.113\.88 /m);
});

test('a line of active-responses.log is named as such, not as bad JSON', () => {
  const dir = tempFiles({
    'active-responses.log': '2025/06/20 15:36:26 active-response/bin/firewall-drop: Starting\n',
    'legacy.log': 'Sat Feb  3 21:24:43 UTC 2018 /var/ossec/active-response/bin/firewall-drop.sh add - 203.0.113.88 1517692913.12345 5712\n',
  });
  const modern = runArctl(['simulate', join(dir, 'active-responses.log'), '--file', 'examples/ossec.conf']);
  assert.equal(modern.status, 2);
  assert.match(modern.stderr, /active-responses\.log:1: a line of active-responses\.log \(what the response programs log where they run\), not an alert: .*; a message it logged \(\{"version":1,"origin":\.\.\.\}\), saved on its own, is read too: its alert is parameters\.alert\n$/);
  const legacy = runArctl(['simulate', join(dir, 'legacy.log'), '--file', 'examples/ossec.conf']);
  assert.equal(legacy.status, 2);
  assert.match(legacy.stderr, /legacy\.log:1: a line of active-responses\.log \(what the response programs log where they run\), not an alert: give it the alerts as Wazuh wrote them[^;]*\n$/);
});
