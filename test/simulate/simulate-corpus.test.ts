/**
 * `arctl simulate` on real alerts and real configurations from ../shared/corpus, and the fired
 * payloads compared with what Wazuh really wrote: the execd input of its own integration tests
 * (alerts/ar-input/) and a 4.2+ active-responses.log (logs/). Expected verdicts were checked by hand
 * against wazuh-semantics.md §3-4.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

const alerts = (name: string) => join(corpusDir, 'alerts', name);
const conf = (name: string) => join(corpusDir, 'conf', name);
const ALERT_5710 = 'wazuh-documentation__learning-wazuh_ssh-brute-force__5710.jsonl';
const ALERT_5712 = 'wazuh-qa__integratord__read_valid_json_alert_5712.jsonl';
const ALERT_31168 = 'wazuh-documentation__learning-wazuh_shellshock__31168_web-attack.jsonl';
const QA_MANAGER = 'wazuh-qa__manager_agent__manager-role__ossec.conf';

test('wazuh-qa manager config: rule 5710 fires both responses on the originating agent', { skip: corpusSkip }, () => {
  const out = simulateJson([alerts(ALERT_5710), '--file', conf(QA_MANAGER)]);
  const [a, b] = out.alerts[0].responses;
  // <location>local</location>, rules_id 5710, timeout 30 with timeout_allowed yes; agent 001 sent it.
  assert.deepEqual(
    { block: a.block, line: a.line, fired: a.fired, matchedBy: a.matchedBy, targets: a.targets, name: a.name, executable: a.executable, timeout: a.timeout },
    { block: 0, line: 135, fired: true, matchedBy: ['rules_id'], targets: ['001'], name: 'firewall-drop30', executable: 'firewall-drop', timeout: 30 },
  );
  assert.deepEqual(
    { block: b.block, line: b.line, fired: b.fired, targets: b.targets, name: b.name, executable: b.executable },
    { block: 1, line: 143, fired: true, targets: ['001'], name: 'firewall-drop-sh30', executable: 'firewall-drop.sh' },
  );
  // execd's origin.name is the config's <cluster><node_name>.
  assert.equal(a.payload?.origin?.name, 'wazuh-master');
  // <extra_args> is split on spaces, bytes kept as Wazuh's reader gives them (no entity or escape decoding).
  assert.deepEqual(b.payload?.parameters?.extra_args, [`"'$token'"`, `[01](02){symbols:'|!#*\\\\'&}`]);
  assert.equal(b.payload?.parameters?.program, 'active-response/bin/firewall-drop.sh');
  assert.equal(out.alerts[0].email.sent, false);
});

test('wazuh-qa manager config: rules 5712, 31168 and 550 fire nothing (rules_id is exact)', { skip: corpusSkip }, () => {
  const input = [ALERT_5712, ALERT_31168, 'wazuh-documentation__labels__550_syscheck_3.x.jsonl'].map((f) => readFileSync(alerts(f), 'utf8').trim()).join('\n');
  const out = simulateJson(['-', '--file', conf(QA_MANAGER)], input);
  assert.equal(out.alerts.length, 3);
  for (const alert of out.alerts) assert.deepEqual(alert.responses.map((r) => r.reason), ['no-match', 'no-match']);
});

test('the fired firewall-drop payload is byte for byte the line execd wrote in a 4.2+ active-responses.log', { skip: corpusSkip }, () => {
  const log = readFileSync(join(corpusDir, 'logs/wazuh-documentation__learning-wazuh_shellshock__4.x-json__active-responses.log'), 'utf8').split('\n');
  const addLine = log[1].slice(log[1].indexOf(': {') + 2);
  const logged = JSON.parse(addLine);
  // The docker single-node manager config (node_name node01, firewall-drop defined) plus one response
  // in a second <ossec_config> root: the log shows the delete five minutes after the add.
  const config = tempFile(
    'ossec.conf',
    `${readFileSync(conf('wazuh-docker__v4.14.6__single-node__wazuh_manager.conf'), 'utf8')}\n<ossec_config>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>31168</rules_id>\n    <timeout>300</timeout>\n  </active-response>\n</ossec_config>\n`,
  );
  const out = simulateJson([alerts(ALERT_31168), '--file', config]);
  const fired = out.alerts[0].responses.filter((r) => r.fired);
  assert.equal(fired.length, 1);
  assert.deepEqual(fired[0].targets, ['005']);
  const payload = fired[0].payload as Record<string, unknown>;
  // Field by field first (clear failures), then the exact text with cJSON's key order.
  assert.deepEqual(Object.keys(payload), Object.keys(logged));
  for (const key of Object.keys(logged)) assert.deepEqual(payload[key], logged[key], key);
  assert.equal(JSON.stringify(payload), addLine);
});

test('the payload equals the execd input of Wazuh\'s own firewall-drop test after execd\'s rewrite', { skip: corpusSkip }, () => {
  const line = readFileSync(join(corpusDir, 'alerts/ar-input/wazuh__v4.14.7__test_execd__cases_execd_firewall_drop__inputs.txt'), 'utf8').split('\n')[0];
  const message = JSON.parse(line.slice(line.indexOf('{')));
  // No <cluster>: origin.name is "undefined" (get_node_name's fallback, src/shared/cluster_utils.c), where the
  // hand-written test input has ""; timeout 5 makes the name firewall-drop5.
  const config = tempFile(
    'ossec.conf',
    '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>server</location>\n    <rules_id>5715</rules_id>\n    <timeout>5</timeout>\n  </active-response>\n</ossec_config>\n',
  );
  const out = simulateJson(['-', '--file', config], JSON.stringify(message.parameters.alert));
  const r = out.alerts[0].responses[0];
  assert.equal(r.fired, true);
  assert.equal(r.name, message.command);
  // execd: command := add, origin.module := wazuh-execd, parameters.program added last.
  const expected = {
    version: message.version,
    origin: { name: 'undefined', module: 'wazuh-execd' },
    command: 'add',
    parameters: { ...message.parameters, program: 'active-response/bin/firewall-drop' },
  };
  assert.equal(JSON.stringify(r.payload), JSON.stringify(expected));
});

test('legacy target on the OSSEC default config: expect srcip gates, argv matches the 3.x log fields', { skip: corpusSkip }, () => {
  const input = [ALERT_5712, ALERT_5710, 'wazuh-documentation__labels__550_syscheck_3.x.jsonl'].map((f) => readFileSync(alerts(f), 'utf8').trim()).join('\n');
  const out = simulateJson(['-', '--file', conf('ossec-hids__master__etc_ossec.conf'), '--target-version', '2.9'], input);
  // 5712 level 10 from agent 000, blocks at level 6 with location local: both run on the manager.
  const [hostDeny, fwDrop] = out.alerts[0].responses;
  assert.deepEqual([hostDeny.targets, fwDrop.targets, fwDrop.name], [['000'], ['000'], 'firewall-drop600']);
  assert.deepEqual(fwDrop.payload?.argv, ['active-response/bin/firewall-drop.sh', 'add', '-', '172.17.1.1', '1652272159.1549653', '5712', '/var/log/secure', '-', '-']);
  // The 3.x script logged "<script> add - <srcip> <alert id> <rule id>": the same fields in the same places.
  const legacyLog = readFileSync(join(corpusDir, 'logs/wazuh-documentation__legacy-3.x__firewall-drop_30412__active-responses.log'), 'utf8').split('\n')[0];
  const fields = legacyLog.slice(legacyLog.indexOf('/var/ossec/')).split(' ');
  assert.equal(fields[0].endsWith(fwDrop.payload!.argv![0]), true);
  assert.deepEqual([fields[1], fields[2]], fwDrop.payload!.argv!.slice(1, 3));
  assert.match(fields[3], /^\d+\.\d+\.\d+\.\d+$/);
  assert.match(fields[4], /^\d+\.\d+$/);
  assert.match(fields[5], /^\d+$/);
  // 5710 is level 5: below 6. The syscheck alert has no srcip: expect srcip stops it.
  assert.deepEqual(out.alerts[1].responses.map((r) => r.reason), ['no-match', 'no-match']);
  assert.deepEqual(out.alerts[2].responses.map((r) => r.reason), ['missing-field', 'missing-field']);
});

test('the malformed corpus alert: exit 2 naming line 1, or skipped with --skip-invalid', { skip: corpusSkip }, () => {
  const bad = alerts('invalid/wazuh-qa__integratord__read_invalid_json_alert__MALFORMED.jsonl');
  const r = runArctl(['simulate', bad, '--file', conf(QA_MANAGER)]);
  assert.equal(r.status, 2);
  assert.match(r.stderr, /MALFORMED\.jsonl:1:\d+: not valid JSON/);
  const s = runArctl(['simulate', bad, '--file', conf(QA_MANAGER), '--skip-invalid']);
  assert.equal(s.status, 0, s.stderr);
  assert.match(s.stdout, /0 alerts, 0 responses fired, 0 e-mails, 1 invalid entry skipped/);
});
