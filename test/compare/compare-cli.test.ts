/**
 * `arctl simulate --timeline ALERTS --compare active-responses.log` end to end: real logs from the corpus
 * (a 4.x firewall-drop run and two pre-4.2 ones), and test/fixtures/compare (a 4.x log written from
 * Wazuh's format strings, see its README) holding one of each difference.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const fixtures = join(projectRoot, 'test/fixtures/compare');
const shellshockAlert = join(corpusDir, 'alerts/wazuh-documentation__learning-wazuh_shellshock__31168_web-attack.jsonl');
const shellshockLog = join(corpusDir, 'logs/wazuh-documentation__learning-wazuh_shellshock__4.x-json__active-responses.log');

/** The corpus shellshock lab's response: firewall-drop on the agent for rule 31168, `timeout` seconds. */
function labConfig(timeout: number, extra = ''): string {
  return tempFile(
    'ossec.conf',
    `<ossec_config>${extra}
  <command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>local</location><rules_id>31168</rules_id><timeout>${timeout}</timeout></active-response>
</ossec_config>
`,
  );
}

function jsonLines(stdout: string): Array<Record<string, unknown>> {
  return stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
}

test('the corpus 4.x log agrees with the replay of its alert: add at the alert, delete at added + 300 + 1 s', { skip: corpusSkip }, () => {
  const r = runArctl(['simulate', shellshockAlert, '--file', labConfig(300), '--timeline', '--compare', shellshockLog]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /agent 005 \(inferred: the host whose replayed responses the log holds most of/);
  assert.match(r.stdout, /log clock UTC\+00:00 \(inferred from the alert times of 1 run;/);
  assert.match(r.stdout, /^firewall-drop {2}firewall-drop-192\.168\.56\.3 {2}\(2 matched\)$/m);
  assert.match(r.stdout, /The log agrees with the replay: 2 run\(s\) matched\./);
  const json = jsonLines(runArctl(['simulate', shellshockAlert, '--file', labConfig(300), '--timeline', '--compare', shellshockLog, '--format', 'json']).stdout);
  assert.deepEqual(
    json.slice(0, -1).map((i) => [i.type, i.action, i.time, i.logLine]),
    [
      ['matched', 'add', '2022-06-17T14:46:27Z', 2],
      ['matched', 'delete', '2022-06-17T14:51:28Z', 7],
    ],
  );
  assert.deepEqual((json.at(-1)!.comparison as { counts: unknown }).counts, { matched: 2, missing: 0, unexplained: 0, failed: 0, timing: 0, changed: 0 });
});

test('a longer <timeout> than the host ran: the early delete is a timing difference naming the timeout', { skip: corpusSkip }, () => {
  const r = runArctl(['simulate', shellshockAlert, '--file', labConfig(600), '--timeline', '--compare', shellshockLog]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /timing {7}2022-06-17 14:56:28 {2}delete .*log line 7 at 2022-06-17 14:51:28: 300s earlier than the replay: the entry lived 300s on the host \(from log line 2\), 600s in the replay: the running configuration's <timeout>/);
  assert.match(r.stderr, /^arctl: 1 difference between the replay and .*active-responses\.log$/m);
});

test('a white list the running manager did not have: the logged run is unexplained, with the white-list entry named', { skip: corpusSkip }, () => {
  const r = runArctl(['simulate', shellshockAlert, '--file', labConfig(300, '<global><white_list>192.168.56.0/24</white_list></global>'), '--timeline', '--compare', shellshockLog]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /unexplained {2}2022-06-17 14:46:27 {2}add .*log line 2: this configuration does not fire it \(white list: srcip 192\.168\.56\.3 is in <white_list> \(192\.168\.56\.0\/24\)/);
  assert.match(r.stdout, /unexplained {2}2022-06-17 14:51:28 {2}delete .*a delete of an entry the replay never added/);
});

test('pre-4.2 logs (date(1) lines of the 3.x scripts) agree with a 3.13 replay', { skip: corpusSkip }, () => {
  const cases = [
    { log: 'wazuh-documentation__legacy-3.x__shellshock_31166__active-responses.log', rule: '31166', srcip: '172.30.0.30', id: '1572895688.94657' },
    { log: 'wazuh-documentation__legacy-3.x__firewall-drop_30412__active-responses.log', rule: '30412', srcip: '54.157.87.167', id: '1517693083.46213349' },
  ];
  for (const c of cases) {
    const seconds = Number(c.id.split('.')[0]);
    const alert = { timestamp: new Date(seconds * 1000).toISOString().replace('Z', '+0000'), id: c.id, rule: { id: c.rule, level: 10, groups: ['web'] }, agent: { id: '002', name: 'web' }, data: { srcip: c.srcip }, location: '/var/log/nginx/access.log' };
    const config = tempFile(
      'ossec.conf',
      `<ossec_config>
  <command><name>firewall-drop</name><executable>firewall-drop.sh</executable><expect>srcip</expect><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>local</location><rules_id>${c.rule}</rules_id><timeout>300</timeout></active-response>
</ossec_config>
`,
    );
    const r = runArctl(['simulate', tempFile('alerts.json', `${JSON.stringify(alert)}\n`), '--file', config, '--target-version', '3.13', '--timeline', '--compare', join(corpusDir, 'logs', c.log)]);
    assert.equal(r.status, 0, `${c.log}: ${r.stdout}${r.stderr}`);
    assert.match(r.stdout, /log clock UTC\+00:00 \(as the log lines state\)/);
    assert.match(r.stdout, new RegExp(`^firewall-drop  firewall-drop\\.sh-${c.srcip.replace(/\./g, '\\.')}  \\(2 matched\\)$`, 'm'));
  }
});

test('each kind of difference with its cause (fixture log written from Wazuh 4.14.7 format strings, clock UTC+02:00)', () => {
  const args = ['simulate', join(fixtures, 'alerts.json'), '--file', join(fixtures, 'ossec.conf'), '--timeline', '--compare', join(fixtures, 'active-responses.log')];
  const r = runArctl(args);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /agent 001 \(inferred/);
  assert.match(r.stdout, /log clock UTC\+02:00 \(inferred from the alert times of 6 runs;/);
  assert.match(r.stdout, /^firewall-drop {2}firewall-drop-203\.0\.113\.1 {2}\(3 matched\)$/m, 'add, abort and delete of one key');
  assert.match(r.stdout, /failed {7}2024-05-02 10:03:00 {2}add .*the program failed: "The iptables file '\/usr\/sbin\/iptables' is not accessible: No such file or directory \(2\)" \(log line 21\)/);
  assert.match(r.stdout, /missing {6}2024-05-02 10:20:00 {2}add .*agent offline window: 2 responses the replay sends between 2024-05-02 10:20:00 and 2024-05-02 10:21:00 are all missing/);
  assert.match(r.stdout, /missing {6}2024-05-02 10:30:01 {2}delete .*the log has no add for this key before it/);
  assert.match(r.stdout, /timing {7}2024-05-02 10:30:00 {2}add .*log line 32 at 2024-05-02 10:30:20: 20s later than the replay/);
  assert.match(r.stdout, /unexplained {2}2024-05-02 10:31:00 {2}add .*log line 39: this configuration does not fire it \(white list: srcip 198\.51\.100\.7 is in <white_list> \(198\.51\.100\.0\/24\)/);
  assert.match(r.stdout, /^firewall-drop {2}firewall-drop {2}\(1 matched\)$/m, 'the run without srcip fails before check_keys, as replayed');
  assert.match(r.stdout, /^7 differences \(4 missing, 1 unexplained, 1 failed, 1 timing\); 5 run\(s\) matched\.$/m);

  const json = jsonLines(runArctl([...args, '--format', 'json']).stdout);
  const summary = json.pop()!.comparison as Record<string, unknown>;
  assert.deepEqual(summary.counts, { matched: 5, missing: 4, unexplained: 1, failed: 1, timing: 1, changed: 0 });
  assert.equal(summary.differences, 7);
  assert.deepEqual(summary.clock, { offset: 'UTC+02:00', source: 'inferred', samples: 6 });
  const timing = json.find((i) => i.type === 'timing')!;
  assert.deepEqual([timing.key, timing.delta, timing.logLine], ['firewall-drop-203.0.113.5', 20, 32]);

  // A wider tolerance accepts the late add; the clock given by hand gives the same pairing.
  const tolerant = runArctl([...args, '--tolerance', '30', '--log-timezone', '+02:00']);
  assert.match(tolerant.stdout, /log clock UTC\+02:00 \(from --log-timezone\)/);
  assert.match(tolerant.stdout, /^6 differences \(4 missing, 1 unexplained, 1 failed\); 6 run\(s\) matched\.$/m);
  // Another host's log: nothing of agent 001 is compared, every logged run is unexplained.
  const other = runArctl([...args, '--log-host', '002']);
  assert.match(other.stdout, /agent 002 \(from --log-host\)/);
  assert.doesNotMatch(other.stdout, /^ {2}(matched|missing)/m);
});

test('abort where the replay has an add: the key was already active on the host', () => {
  // The fixture log without its first run (lines 1-11): the abort at 10:02 meets a replay that adds there.
  const alert = (minute: number, n: number) =>
    JSON.stringify({ timestamp: `2024-05-02T10:0${minute}:00.000+0000`, id: `${Date.UTC(2024, 4, 2, 10, minute) / 1000}.${n}`, rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'bastion01' }, data: { srcip: '203.0.113.1' }, location: '/var/log/auth.log' });
  const program = 'active-response/bin/firewall-drop';
  const execd = (command: string) => JSON.stringify({ version: 1, origin: { name: 'node01', module: 'wazuh-execd' }, command, parameters: { extra_args: [], alert: JSON.parse(alert(2, 7)) as unknown, program } });
  const log = [
    `2024/05/02 10:02:00 ${program}: Starting`,
    `2024/05/02 10:02:00 ${program}: ${execd('add')}`,
    '',
    `2024/05/02 10:02:00 ${program}: {"version":1,"origin":{"name":"firewall-drop","module":"active-response"},"command":"check_keys","parameters":{"keys":["203.0.113.1"]}}`,
    `2024/05/02 10:02:00 ${program}: ${execd('abort')}`,
    '',
    `2024/05/02 10:02:00 ${program}: Aborted`,
  ].join('\n');
  const r = runArctl(['simulate', tempFile('alerts.json', `${alert(2, 7)}\n`), '--file', join(fixtures, 'ossec.conf'), '--timeline', '--compare', tempFile('active-responses.log', `${log}\n`), '--log-timezone', 'UTC']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /changed {6}2024-05-02 10:02:00 {2}add->abort .*execd answered abort: the key was already active on the host/);
});

test('usage: compare flags need --compare, --at is refused with it, a file that is no active-responses.log is named', () => {
  const alerts = join(fixtures, 'alerts.json');
  const config = join(fixtures, 'ossec.conf');
  const noCompare = runArctl(['simulate', alerts, '--file', config, '--timeline', '--tolerance', '9']);
  assert.equal(noCompare.status, 2);
  assert.match(noCompare.stderr, /--tolerance needs --compare/);
  const noTimeline = runArctl(['simulate', alerts, '--file', config, '--compare', join(fixtures, 'active-responses.log')]);
  assert.equal(noTimeline.status, 2);
  assert.match(noTimeline.stderr, /--compare needs --timeline/);
  const withAt = runArctl(['simulate', alerts, '--file', config, '--timeline', '--compare', join(fixtures, 'active-responses.log'), '--at', '2024-05-02T10:10:00Z']);
  assert.equal(withAt.status, 2);
  assert.match(withAt.stderr, /--at and --compare cannot be used together/);
  const notALog = runArctl(['simulate', alerts, '--file', config, '--timeline', '--compare', config]);
  assert.equal(notALog.status, 2);
  assert.match(notALog.stderr, /ossec\.conf:1: not an active-responses\.log/);
  const badZone = runArctl(['simulate', alerts, '--file', config, '--timeline', '--compare', join(fixtures, 'active-responses.log'), '--log-timezone', 'Mars/Olympus']);
  assert.equal(badZone.status, 2);
  assert.match(badZone.stderr, /--log-timezone 'Mars\/Olympus': expected auto, UTC or an offset/);
});

test('a pre-4.2 log with a zone name date(1) does not state exactly (CET): the offset comes from the alert ids; a script error line fails its run', () => {
  // v3.13.6 active-response/firewalls/default-firewall-drop.sh: line 44 `echo "`date` $0 $1 $2 $3 $4 $5"`,
  // line 167 `echo "`date` Unable to run (iptables returning != $RES): $COUNT - $0 $1 $2 $3 $4 $5"`.
  const run = '/var/ossec/active-response/bin/firewall-drop.sh add - 54.157.87.167 1517693083.46213349 30412';
  const log = [`Sat Feb  3 22:24:43 CET 2018 ${run}`, `Sat Feb  3 22:24:43 CET 2018 Unable to run (iptables returning != 1): 1 - ${run}`, `Sat Feb  3 22:29:44 CET 2018 ${run.replace(' add ', ' delete ')}`].join('\n');
  const alert = { timestamp: '2018-02-03T21:24:43.000+0000', id: '1517693083.46213349', rule: { id: '30412', level: 10, groups: ['web'] }, agent: { id: '002', name: 'web' }, data: { srcip: '54.157.87.167' }, location: '/var/log/nginx/access.log' };
  const config = tempFile(
    'ossec.conf',
    `<ossec_config>
  <command><name>firewall-drop</name><executable>firewall-drop.sh</executable><expect>srcip</expect><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>local</location><rules_id>30412</rules_id><timeout>300</timeout></active-response>
</ossec_config>
`,
  );
  const r = runArctl(['simulate', tempFile('alerts.json', `${JSON.stringify(alert)}\n`), '--file', config, '--target-version', '3.13', '--timeline', '--compare', tempFile('active-responses.log', `${log}\n`)]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /log clock UTC\+01:00 \(inferred from the alert times of 1 run;/);
  assert.match(r.stdout, /^firewall-drop {2}firewall-drop\.sh-54\.157\.87\.167 {2}\(1 matched\)$/m);
  assert.match(r.stdout, /failed {7}2018-02-03 21:24:43 {2}add .*the program failed: "Unable to run \(iptables returning != 1\): 1 - .*" \(log line 2\)/);
});

test('an empty log: every response replayed on that host is missing, execd disabled named as the cause', () => {
  const r = runArctl(['simulate', join(fixtures, 'alerts.json'), '--file', join(fixtures, 'ossec.conf'), '--timeline', '--compare', tempFile('active-responses.log', ''), '--log-host', '1']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /The log is empty: compared over the alerts' span, 2024-05-02 10:00:00 to 2024-05-02 10:32:00 UTC\./);
  assert.match(r.stdout, /missing {6}2024-05-02 10:00:00 {2}add .*: the log has no run at all: execd is disabled on agent 001 \(<disabled>yes<\/disabled> first under <active-response> in its own ossec\.conf; --agent-config simulates it\), or the log is another host's/);
  assert.match(r.stdout, /^11 differences \(11 missing\); 0 run\(s\) matched\.$/m);
});

test("a run whose input line the program read cut (over OS_MAXSTR - 1 bytes) is the replay's fail: its ids are read from what the log kept", () => {
  // execd writes firewall-drop a 65536-byte line; the program reads 65535 (fgets into OS_MAXSTR), logs that
  // part and "Invalid input format" (active_responses.c:62-74) and never answers check_keys.
  const frame = '{"version":1,"origin":{"name":"undefined","module":"wazuh-execd"},"command":"add","parameters":{"extra_args":[],"alert":,"program":"active-response/bin/firewall-drop"}}';
  const alert = { timestamp: '2024-05-02T09:13:00.000+0000', rule: { level: 10, description: 'sshd: brute force', id: '5712', firedtimes: 1, mail: false, groups: ['sshd'] }, agent: { id: '000', name: 'm' }, id: '1714641180.1', data: { srcip: '203.0.113.9' }, full_log: '' };
  alert.full_log = 'L'.repeat(65536 - frame.length - JSON.stringify(alert).length);
  const line = frame.replace(',"alert":,', `,"alert":${JSON.stringify(alert)},`);
  assert.equal(line.length, 65536);
  const at = '2024/05/02 09:13:00 active-response/bin/firewall-drop: ';
  const log = tempFile('active-responses.log', `${at}Starting\n${at}${line.slice(0, 65535)}\n${at}Invalid input format\n`);
  const alerts = tempFile('alerts.json', `${JSON.stringify(alert)}\n`);
  const config = tempFile(
    'ossec.conf',
    '<ossec_config>\n  <command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>\n  <active-response><command>firewall-drop</command><location>server</location><rules_id>5712</rules_id><timeout>600</timeout></active-response>\n</ossec_config>\n',
  );
  const r = runArctl(['simulate', alerts, '--file', config, '--timeline', '--compare', log, '--log-timezone', 'UTC', '--format', 'json']);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  const items = jsonLines(r.stdout);
  assert.deepEqual(items.slice(0, -1).map((i) => [i.type, i.action, i.logLine]), [['matched', 'fail', 2]]);
});
