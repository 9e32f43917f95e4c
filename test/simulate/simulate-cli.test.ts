/**
 * `arctl simulate` end to end through the spawned CLI on hand-written fixtures. Every expectation
 * below was worked out by hand from wazuh-semantics.md §3-5 (comments say which rule applies).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runArctl, simulateJson, type SimulatedResponse, type SimulateOutput } from '../helpers/cli.ts';
import { tempDir, tempFile, tempFiles } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

const dir = join(projectRoot, 'test/fixtures/simulate');
const fx = (name: string) => join(dir, name);

/** `fired` blocks as "block:targets:name", the others as "block:reason". */
function verdicts(responses: SimulatedResponse[]): string[] {
  return responses.map((r) => (r.fired ? `${r.block}:${(r.targets ?? []).join(',')}:${r.name}` : `${r.block}:${r.reason}`));
}

let reasonsOut: SimulateOutput | undefined;
/** The reasons fixture's JSON output, computed once for the tests that read it. */
const reasons = (): SimulateOutput => (reasonsOut ??= simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf')]));

test('every reason code, location and matcher quirk on the reasons fixture', () => {
  const out = reasons();
  assert.equal(out.targetVersion, '4.14');
  assert.equal(out.config, fx('reasons.conf'));
  assert.equal(out.alerts.length, 12);
  const v = out.alerts.map((a) => verdicts(a.responses));
  // 5710, agent 001: rules_id "5710 5712" reads 5710; level 10 not reached; sshd|web; ^syslog anchors the
  // group string start; level 3 AND authentication_failed; `Local` = local; a block with no trigger.
  assert.deepEqual(v[0], ['0:disabled', '1:001:firewall-drop600', '2:no-match', '3:all:custom0', '4:002:firewall-drop0', '5:001:host-deny0', '6:no-trigger', '7:no-match']);
  // 5712: the walker stops at the space in "5710 5712"; level 10 reaches the server block;
  // authentication_failed is not a substring of authentication_failures.
  assert.deepEqual(v[1], ['0:disabled', '1:no-match', '2:000:host-deny60', '3:all:custom0', '4:002:firewall-drop0', '5:no-match', '6:no-trigger', '7:no-match']);
  // `10.0.0` is a pattern entry (substring): 10.0.0.5 and 110.0.0.1; CIDR /24; dotted netmask; ::ffff: stripped.
  for (const i of [2, 3, 4, 5, 11]) {
    assert.deepEqual(v[i], ['0:disabled', '1:whitelisted', '2:no-match', '3:whitelisted', '4:whitelisted', '5:whitelisted', '6:no-trigger', '7:no-match'], `alert ${i}`);
  }
  assert.equal(v[6][1], '1:invalid-user');
  assert.equal(v[7][1], '1:invalid-srcip');
  // Level-0 rules are never bound; no-trigger and disabled come first in the reason order.
  assert.deepEqual(v[8], ['0:disabled', '1:rule-excluded', '2:rule-excluded', '3:rule-excluded', '4:rule-excluded', '5:rule-excluded', '6:no-trigger', '7:rule-excluded']);
  // Agent 000: `local` runs on the manager.
  assert.deepEqual(v[9].slice(1, 6), ['1:000:firewall-drop600', '2:no-match', '3:all:custom0', '4:002:firewall-drop0', '5:000:host-deny0']);
  // `wazuh-master` contains "as": the manager.
  assert.deepEqual(v[10], ['0:disabled', '1:no-match', '2:000:host-deny60', '3:all:custom0', '4:no-match', '5:no-match', '6:no-trigger', '7:000:firewall-drop0']);
  assert.equal(out.summary.alerts, 12);
  assert.equal(out.summary.responsesFired, v.flat().filter((x) => /^\d+:[^:]+:/.test(x)).length);
});

test('fired blocks carry matchedBy, line, executable, timeout after the timeout_allowed check, and the execd payload', () => {
  const out = reasons();
  const a0 = out.alerts[0];
  const byBlock = (b: number) => a0.responses.find((r) => r.block === b)!;
  assert.deepEqual(byBlock(1).matchedBy, ['rules_id']);
  assert.deepEqual(byBlock(3).matchedBy, ['rules_group']);
  assert.deepEqual(byBlock(5).matchedBy, ['level', 'rules_group']);
  assert.deepEqual(out.alerts[0].responses.map((r) => r.line), [32, 40, 48, 56, 64, 72, 80, 86]);
  // custom has no timeout_allowed: the 60 is forced to 0 (1305) and the name says so.
  assert.equal(byBlock(3).timeout, 0);
  assert.equal(byBlock(3).executable, 'custom-script');
  const alert0 = JSON.parse(readFileSync(fx('reasons-alerts.jsonl'), 'utf8').split('\n')[0]);
  assert.equal(
    JSON.stringify(byBlock(1).payload),
    JSON.stringify({ version: 1, origin: { name: 'node01', module: 'wazuh-execd' }, command: 'add', parameters: { extra_args: [], alert: alert0, program: 'active-response/bin/firewall-drop' } }),
  );
  // extra_args split on single spaces, empty pieces dropped (strtok).
  assert.deepEqual((byBlock(3).payload!.parameters as { extra_args: string[] }).extra_args, ['-a', 'b', '--c=d']);
  const noMatch = byBlock(2);
  assert.match(noMatch.detail!, /rule level 5 is below 10/);
  assert.equal(noMatch.payload, undefined);
});

function verdictDetail(out: SimulateOutput, block: number): string {
  return out.alerts[0]!.responses[block]!.detail ?? '';
}

test('--agents: all reaches every active agent but never the manager; a defined agent must exist', () => {
  const out = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--agents', fx('agents.json')]);
  const v = verdicts(out.alerts[0].responses);
  assert.equal(v[3], '3:001,003:custom0');
  assert.equal(v[4], '4:002:firewall-drop0');
  // analysisd sends to a defined agent whatever its state; remoted drops it for one it has not heard from
  // (sendmsg.c: "(1245): Sending message to disconnected agent"): the fired row says so, the timeline fails it.
  assert.equal(out.alerts[0].responses[4]!.detail, `agent 002 is disconnected (--agents): remoted drops what it gets for an agent it has not heard from ("(1245): Sending message to disconnected agent '002'.") and nothing runs`);
  const timeline = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--agents', fx('agents.json'), '--timeline', '--format', 'json']);
  const onTwo = timeline.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host?: string; action?: string; command?: string }).filter((e) => e.host === '002');
  assert.ok(onTwo.length > 0 && onTwo.every((e) => e.action === 'fail' && e.command === 'firewall-drop'), JSON.stringify(onTwo));
  const never = tempFile('agents.json', JSON.stringify([{ id: '002', name: 'db01', status: 'never_connected' }]));
  assert.match(verdictDetail(simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--agents', never]), 4), /^agent 002 has never connected \(--agents\): nothing runs there \(analysisd finds no version for it in wazuh-db, "Failed to get agent '2' version\.", and remoted drops/);
  const agents = tempFile('client.keys', '001 web01 any 0123456789abcdef\n');
  const out2 = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--agents', agents]);
  const v2 = verdicts(out2.alerts[0].responses);
  assert.equal(v2[3], '3:001:custom0');
  assert.equal(v2[4], '4:no-target');
});

test('.arctl.json in the working directory supplies targetVersion, ruleset and agents', () => {
  const cwd = tempFiles({ '.arctl.json': JSON.stringify({ targetVersion: '3.13', ruleset: [fx('rules')], agents: fx('agents.json') }) });
  const r = runArctl(['simulate', fx('legacy-alerts.jsonl'), '--file', fx('legacy.conf'), '--format', 'json'], { cwd });
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout) as SimulateOutput;
  assert.equal(out.targetVersion, '3.13');
  assert.ok('argv' in (out.alerts[0].responses[0].payload ?? {}));
  const rules = runArctl(['simulate', fx('ruleset-alerts.jsonl'), '--file', fx('ruleset.conf'), '--format', 'json'], { cwd });
  assert.deepEqual(verdicts((JSON.parse(rules.stdout) as SimulateOutput).alerts[0].responses), ['0:rule-excluded', '1:rule-excluded']);
  writeFileSync(join(cwd, '.arctl.json'), JSON.stringify({ targetVersion: '5.0' }));
  const bad = runArctl(['simulate', fx('legacy-alerts.jsonl'), '--file', fx('legacy.conf')], { cwd });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /\.arctl\.json: .*5\.x/);
});

test('a disabled block after an enabled server block wipes the manager queue (queue-disabled)', () => {
  const out = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('queue.conf')]);
  assert.deepEqual(verdicts(out.alerts[0].responses), ['0:queue-disabled', '1:disabled', '2:all:firewall-drop30']);
  assert.match(out.alerts[0].responses[0].detail!, /disabled/);
});

test('the first <disabled> of the file is yes: responses for the manager never run there (execd-disabled)', () => {
  // execd reads only the first ossec_config/active-response/disabled; "yes" makes it log (1350) and never
  // read its queue (src/os_execd/config.c ExecdConfig, main.c). Agents read their own ossec.conf.
  const out = simulateJson([fx('execd-disabled-alerts.jsonl'), '--file', fx('execd-disabled.conf')]);
  assert.deepEqual(verdicts(out.alerts[0].responses), ['0:disabled', '1:execd-disabled', '2:execd-disabled']);
  assert.deepEqual(verdicts(out.alerts[1].responses), ['0:disabled', '1:execd-disabled', '2:001:firewall-drop60']);
  assert.match(out.alerts[0].responses[1].detail!, /line 9.*\(1350\)/);
  const timeline = runArctl(['simulate', '--timeline', fx('execd-disabled-alerts.jsonl'), '--file', fx('execd-disabled.conf'), '--format', 'json']);
  assert.equal(timeline.status, 0, timeline.stderr);
  const hosts = timeline.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host?: string }).filter((e) => e.host !== undefined).map((e) => e.host);
  assert.deepEqual(hosts, ['001']);
});

test("--agent-config whose first <disabled> is yes: responses sent to agents run nothing there (execd-disabled)", () => {
  const agentConf = join(projectRoot, 'test/fixtures/timeline/agent-ossec-ar-off.conf');
  const out = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('queue.conf'), '--agent-config', agentConf]);
  assert.deepEqual(verdicts(out.alerts[0].responses), ['0:queue-disabled', '1:disabled', '2:execd-disabled']);
  assert.match(out.alerts[0].responses[2].detail!, /agent-ossec-ar-off\.conf:9\b.*\(1350\)/);
  // An agents' file whose execd runs changes nothing.
  const on = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('queue.conf'), '--agent-config', join(projectRoot, 'test/fixtures/timeline/agent-ossec.conf')]);
  assert.deepEqual(verdicts(on.alerts[0].responses), ['0:queue-disabled', '1:disabled', '2:all:firewall-drop30']);
});

test("--agent-config whose first <disabled> is neither yes nor no: the agents' execd refuses to start (1235), so it runs nothing either", () => {
  const text = readFileSync(join(projectRoot, 'test/fixtures/timeline/agent-ossec-ar-off.conf'), 'utf8').replace('<disabled>yes</disabled>', '<disabled>yes </disabled>');
  const out = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('queue.conf'), '--agent-config', tempFile('agent-ossec.conf', text)]);
  assert.deepEqual(verdicts(out.alerts[0].responses), ['0:queue-disabled', '1:disabled', '2:execd-disabled']);
  assert.match(out.alerts[0].responses[2].detail!, /agent-ossec\.conf:9\b.*'yes ', neither yes nor no.*\(1235\): Invalid value for element 'disabled': yes \. and exits at start/);
});

test('a configuration Wazuh refuses: errors and exit 1; --force marks the block rejected', () => {
  const refused = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('refused.conf')]);
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /1303/);
  assert.equal(refused.stdout, '');
  const forced = simulateJson([fx('reasons-alerts.jsonl'), '--file', fx('refused.conf'), '--force']);
  assert.deepEqual(verdicts(forced.alerts[0].responses), ['0:001:firewall-drop0', '1:rejected']);
  assert.match(forced.alerts[0].responses[1].detail!, /1303/);
});

test('legacy target: expect gates, whitelist only with expect srcip, positional argv', () => {
  const out = simulateJson([fx('legacy-alerts.jsonl'), '--file', fx('legacy.conf'), '--target-version', '3.13']);
  const v = out.alerts.map((a) => verdicts(a.responses));
  assert.deepEqual(v[0], ['0:001:firewall-drop600', '1:001:disable-account600', '2:000:notify0']);
  assert.deepEqual(v[1], ['0:001:firewall-drop600', '1:missing-field', '2:000:notify0']);
  assert.deepEqual(v[2], ['0:missing-field', '1:001:disable-account600', '2:000:notify0']);
  // 18.18.18.18 is whitelisted for firewall-drop (expect srcip); the crafted user only stops expect-user commands.
  assert.deepEqual(v[3], ['0:whitelisted', '1:invalid-user', '2:000:notify0']);
  const a0 = out.alerts[0].responses;
  assert.deepEqual(a0[0].payload, { argv: ['active-response/bin/firewall-drop.sh', 'add', '-', '1.2.3.4', '1714557600.1000', '5710', '(web01)', 'any->/var/log/auth.log', '-', '-'] });
  assert.deepEqual(a0[1].payload, { argv: ['active-response/bin/disable-account.sh', 'add', 'root', '-', '1714557600.1000', '5710', '(web01)', 'any->/var/log/auth.log', '-', '-'] });
  assert.deepEqual(a0[2].payload, { argv: ['active-response/bin/notify.sh', 'add', '-', '-', '1714557600.1000', '5710', '(web01)', 'any->/var/log/auth.log', '-', '--to', 'ops'] });
});

test('e-mail: global recipients always, granular blocks AND their criteria, group ignored with alerts.json', () => {
  const out = simulateJson([fx('email-alerts.jsonl'), '--file', fx('email.conf')]);
  assert.deepEqual(out.alerts[0].email, { sent: true, recipients: ['soc@example.com', 'rules@example.com'], blocks: [2] });
  assert.deepEqual(out.alerts[1].email, { sent: true, recipients: ['soc@example.com', 'level10@example.com', 'web@example.com'], blocks: [0, 3] });
  assert.equal(out.alerts[2].email.sent, false);
  const off = simulateJson([fx('email-alerts.jsonl'), '--file', fx('reasons.conf')]);
  assert.equal(off.alerts[0].email.sent, false);
});

test('e-mail as wazuh-maild reads alerts.json: cJSON valueint levels, case-blind keys, rule.mail true only, rule_id zeros (os_maild_client.c, email-alerts-config.c)', () => {
  const out = simulateJson([fx('email-maild-alerts.jsonl'), '--file', fx('email-maild.conf')]);
  const emails = out.alerts.map((a) => a.email);
  // "12" as a string is valueint 0: no <level>10 block; the zeros-only rule_id block's clone needs level 3.
  assert.deepEqual(emails[0], { sent: true, recipients: ['soc@example.com'], blocks: [] });
  // -1 read as unsigned passes every level; '0, 5712' is the list 5712.
  assert.deepEqual(emails[1], { sent: true, recipients: ['soc@example.com', 'level10@example.com', 'ids@example.com', 'second@example.com'], blocks: [0, 1, 2] });
  // RULE, LEVEL, Mail, Agent, NAME, Location: cJSON_GetObjectItem ignores case.
  assert.deepEqual(emails[2], { sent: true, recipients: ['soc@example.com', 'level10@example.com', 'second@example.com'], blocks: [0, 2] });
  assert.equal(emails[3]!.sent, false);
  assert.match(emails[3]!.detail!, /rule\.mail is not true/);
  assert.deepEqual(emails[4], { sent: false, recipients: [], blocks: [], detail: 'maild drops an alerts.json alert without agent.name' });
});

test('e-mail: the alerts.json line maild measures against OS_MAXSTR is the one cJSON_PrintUnformatted writes (1e+16, not 10000000000000000)', () => {
  const line = (fullLog: string) => JSON.stringify({ timestamp: '2024-05-01T10:00:00.000+0000', rule: { level: 12, description: 'd', id: '1', mail: true, groups: ['sshd'] }, agent: { id: '000', name: 'm' }, data: { score: 1e16 }, id: '1714557600.1', full_log: fullLog, location: 'x' });
  // JSON.stringify writes the number in 17 bytes, cJSON in 5: 65540 bytes here, 65528 as analysisd writes it.
  const text = line('f'.repeat(65_540 - Buffer.byteLength(line(''))));
  assert.equal(Buffer.byteLength(text), 65_540);
  const out = simulateJson([tempFile('alerts.json', `${text}\n`), '--file', fx('email.conf')]);
  assert.deepEqual(out.alerts[0].email, { sent: true, recipients: ['soc@example.com', 'level10@example.com'], blocks: [0] });
});

test('e-mail: a configuration wazuh-maild refuses sends no e-mail, whatever analysisd does (maild.c: MailConf < 0 exits)', () => {
  const text = readFileSync(fx('email.conf'), 'utf8').replace('<jsonout_output>yes</jsonout_output>', '');
  const out = simulateJson([fx('email-alerts.jsonl'), '--file', tempFile('ossec.conf', text)]);
  assert.equal(out.alerts[0].email.sent, false);
  assert.match(out.alerts[0].email.detail!, /^wazuh-maild: ERROR: Alerts\.json is disabled \(line \d+\): wazuh-maild does not start, so it sends no e-mail$/);
  // analysisd starts: simulate goes on, every alert judged.
  assert.equal(out.alerts.length, 3);
  assert.ok(out.alerts.every((a) => a.email.sent === false));
});

test('gzip, stdin and a JSON array give the same results as JSON lines', () => {
  const lines = readFileSync(fx('reasons-alerts.jsonl'));
  const base = reasons();
  const strip = (o: SimulateOutput) => o.alerts.map((a) => verdicts(a.responses));
  const gz = tempFile('alerts.json.gz', gzipSync(lines));
  assert.deepEqual(strip(simulateJson([gz, '--file', fx('reasons.conf')])), strip(base));
  assert.deepEqual(strip(simulateJson(['-', '--file', fx('reasons.conf')], lines)), strip(base));
  const array = `[\n${lines.toString('utf8').trim().split('\n').join(',\n')}\n]\n`;
  assert.deepEqual(strip(simulateJson(['-', '--file', fx('reasons.conf')], array)), strip(base));
});

test('Wazuh indexer documents: one document, a _search response and an export of documents give their _source alerts', () => {
  const lines = readFileSync(fx('reasons-alerts.jsonl'), 'utf8').trim().split('\n');
  const base = reasons();
  const strip = (o: SimulateOutput) => o.alerts.map((a) => verdicts(a.responses));
  const doc = (line: string, i: number) => ({ _index: 'wazuh-alerts-4.x-2024.05.01', _id: `id${i}`, _score: 1, _source: JSON.parse(line) as unknown });
  // The dashboard's JSON view of one alert, pretty-printed.
  const one = simulateJson(['-', '--file', fx('reasons.conf')], JSON.stringify(doc(lines[0]!, 0), null, 2));
  assert.deepEqual(strip(one), strip(base).slice(0, 1));
  // A _search response (curl output) and an export of one document per line: every alert, in order.
  const search = JSON.stringify({ took: 3, timed_out: false, hits: { total: { value: lines.length }, hits: lines.map(doc) } }, null, 2);
  assert.deepEqual(strip(simulateJson(['-', '--file', fx('reasons.conf')], search)), strip(base));
  const exported = lines.map((l, i) => JSON.stringify(doc(l, i))).join('\n');
  assert.deepEqual(strip(simulateJson(['-', '--file', fx('reasons.conf')], exported)), strip(base));
  // A hit without its _source (a search with _source: false) is an invalid entry of that line.
  const partial = JSON.stringify({ hits: { hits: [doc(lines[0]!, 0), { _id: 'x' }, doc(lines[1]!, 1)] } });
  const bad = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: partial });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^arctl: <stdin>:1: indexer document hits\.hits\[1\] has no alert object in _source/);
  const skipped = runArctl(['simulate', '-', '--file', fx('reasons.conf'), '--skip-invalid', '--format', 'json'], { input: partial });
  assert.equal(skipped.status, 0, skipped.stderr);
  assert.deepEqual(strip(JSON.parse(skipped.stdout) as SimulateOutput), strip(base).slice(0, 2));
});

test('a UTF-16 alerts file (PowerShell `>`): exit 2 and one line saying how to convert it, with --timeline too', () => {
  const utf16 = tempFile('alerts.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(readFileSync(fx('reasons-alerts.jsonl'), 'utf8'), 'utf16le')]));
  for (const extra of [[], ['--timeline'], ['--skip-invalid']]) {
    const r = runArctl(['simulate', utf16, '--file', fx('reasons.conf'), ...extra]);
    assert.equal(r.status, 2, extra.join(' '));
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^arctl: .*alerts\.json:1: the file is UTF-16 encoded .*iconv -f UTF-16 -t UTF-8\n$/);
  }
});

test('events without a rule (archives.json) are said to be no alerts in the text summary', () => {
  const event = (n: number) => JSON.stringify({ timestamp: '2024-05-01T00:00:00.000+0000', agent: { id: '001', name: 'web01' }, full_log: `event ${n}`, location: '/var/log/auth.log' });
  const archives = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: `${event(1)}\n${event(2)}\n` });
  assert.equal(archives.status, 0, archives.stderr);
  assert.match(archives.stdout, /\n2 alerts, 0 responses fired, 0 e-mails\nNone of the 2 has a rule\.id: responses fire on alerts \(alerts\.json\), not on events that matched no rule \(archives\.json\)\.\n$/);
  // Another tool's output (seen in the wild: an anomaly detector's JSON): no rule and no agent, so not events either.
  const foreign = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: '[{"timestamp": "2026-04-30 07:05:00+00:00", "severity": "critical", "details": {"event_count": 20}}, {"severity": "high"}]' });
  assert.equal(foreign.status, 0, foreign.stderr);
  assert.match(foreign.stdout, /\n2 alerts, 0 responses fired, 0 e-mails\nNone of the 2 has a rule\.id, nor an agent: they are not Wazuh alerts or events \(another tool's output\?\); give it the alerts as Wazuh wrote them/);
  const mixed = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: `${readFileSync(fx('reasons-alerts.jsonl'), 'utf8')}${event(1)}\n` });
  assert.match(mixed.stdout, /\n1 of them has no rule\.id and fires nothing\.\n$/);
  assert.doesNotMatch(runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf')]).stdout, /rule\.id and|has a rule\.id/);
});

test('a text log given as alerts (an application log named alerts.log, archives.log) is named as text, not as a JSON character error', () => {
  // JSON.parse reads '2026' as a number and then complains of position 4; a syslog date begins with a year and a word.
  const input = '2026-04-16 16:41:02,106 [WARNING] [CRITICAL] Anomaly at 08:00: 173 events\n2021 May 09 12:31:26 web01->/var/log/auth.log sshd: x\n';
  const r = runArctl(['simulate', '-', '--file', fx('reasons.conf'), '--skip-invalid'], { input });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr.match(/<stdin>:[12]: a line of text, not a JSON alert, and not Wazuh's alerts\.log either \(its alerts begin '\*\* Alert'\)/g)?.length, 2, r.stderr);
  assert.doesNotMatch(r.stderr, /position/);
});

test('a line that is not JSON: exit 2 with its line number; --skip-invalid counts and skips it', () => {
  const text = readFileSync(fx('reasons-alerts.jsonl'), 'utf8').split('\n');
  text.splice(2, 0, '{"rule": broken');
  const input = text.join('\n');
  const bad = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /<stdin>:3: not valid JSON/);
  // A line that closes its value but is not JSON: its column too (the '}' after a trailing comma).
  const comma = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: `${text[0]}\n{"rule": {"id": 5712,}}\n` });
  assert.equal(comma.status, 2);
  assert.match(comma.stderr, /^arctl: <stdin>:2:22: not valid JSON/);
  // In a JSON array on one line (an export, an API answer), the column says which element: plain and --timeline,
  // from a file and from standard input.
  const array = `[${text[0]}, 5, ${text[1]}]`;
  const at = array.indexOf(', 5,') + 3;
  const arrayFile = tempFile('alerts.json', array);
  for (const [args, input, shown] of [[[arrayFile], undefined, arrayFile], [['-'], array, '<stdin>'], [[arrayFile, '--timeline'], undefined, arrayFile]] as const) {
    const r = runArctl(['simulate', ...args, '--file', fx('reasons.conf')], input === undefined ? {} : { input });
    assert.equal(r.status, 2, r.stderr);
    assert.equal(r.stderr, `arctl: ${shown}:1:${at}: expected an alert object, found number (--skip-invalid skips such entries)\n`);
  }
  const skipped = runArctl(['simulate', '-', '--file', fx('reasons.conf'), '--skip-invalid', '--format', 'json'], { input });
  assert.equal(skipped.status, 0, skipped.stderr);
  const out = JSON.parse(skipped.stdout);
  assert.equal(out.summary.alerts, 12);
  assert.equal(out.summary.invalidSkipped, 1);
  assert.match(skipped.stderr, /:3: .*skipped/);
});

test('text format: a table of every block with reasons in words; --payload shows the payload', () => {
  const r = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf')]);
  assert.equal(r.status, 0, r.stderr);
  const first = r.stdout.split('\n\n')[0];
  assert.match(first, /alert 0 .*id 1714557600\.1000/);
  assert.match(first, /rule 5710 level 5/);
  assert.match(first, /firewall-drop\s+fired\s+001\s+600s\s+matched by rules_id/);
  assert.match(first, /host-deny\s+no-match\s+-\s+-\s+rule level 5 is below 10/);
  assert.match(first, /disabled .*<disabled>yes<\/disabled>/);
  assert.match(first, /e-mail: not sent/);
  assert.doesNotMatch(first, /payload/);
  assert.match(r.stdout, /12 alerts, \d+ responses fired, 0 e-mails\n$/);
  const p = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--payload']);
  assert.match(p.stdout.split('\n\n')[0], /name firewall-drop600 {2}payload \{"version":1,"origin":\{"name":"node01","module":"wazuh-execd"\},"command":"add"/);
});

test('--assert: passes quietly, fails with a readable diff and exit 1', () => {
  const ok = tempFile(
    'ok.yaml',
    [
      '- alert: 0',
      '  fires:',
      '    - command: firewall-drop',
      '      targets: ["001"]',
      '    - command: custom',
      '  notFires: [nothing-here]',
      '- alert: "1714557600.1001"',
      '  fires: [{command: host-deny, targets: ["000"]}]',
    ].join('\n'),
  );
  const pass = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--assert', ok]);
  assert.equal(pass.status, 0, pass.stdout + pass.stderr);
  assert.match(pass.stdout, /2 of 2 expectations met/);
  const alert = JSON.parse(readFileSync(fx('reasons-alerts.jsonl'), 'utf8').split('\n')[2]);
  const failing = tempFile('fail.json', JSON.stringify([{ alert, fires: [{ command: 'firewall-drop', targets: ['001'] }] }, { alert: 0, notFires: ['host-deny'] }]));
  const fail = runArctl(['simulate', '--file', fx('reasons.conf'), '--assert', failing, fx('reasons-alerts.jsonl')]);
  assert.equal(fail.status, 1);
  assert.match(fail.stdout, /FAIL {2}1 inline alert/);
  assert.match(fail.stdout, /- firewall-drop fires on \[001\]\n\s+\+ firewall-drop did not fire \(block 0\): disabled: .*; firewall-drop did not fire \(block 1\): whitelisted/);
  assert.match(fail.stdout, /- host-deny does not fire\n\s+\+ host-deny fired on \[001\] \(block 5\)/);
  assert.match(fail.stdout, /0 of 2 expectations met, 2 failed/);
  assert.match(fail.stderr, /2 of 2 simulate expectations failed/);
});

test('examples/expectations.yml: the shipped policy tests pass on the example, and catch a change that drops a rule id', () => {
  const args = ['simulate', join(projectRoot, 'examples/alerts.json'), '--assert', join(projectRoot, 'examples/expectations.yml')];
  const pass = runArctl([...args, '--file', join(projectRoot, 'examples/ossec.conf')]);
  assert.equal(pass.status, 0, pass.stdout + pass.stderr);
  assert.match(pass.stdout, /^4 of 4 expectations met$/m);
  const changed = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8').replace('<rules_id>5712,5720</rules_id>', '<rules_id>5720</rules_id>');
  assert.notEqual(changed, readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8'));
  const fail = runArctl([...args, '--file', '-'], { input: changed });
  assert.equal(fail.status, 1);
  assert.match(fail.stdout, /^FAIL  1 alert id 1714641247\.1549653 /m);
  assert.match(fail.stdout, /^3 of 4 expectations met, 1 failed$/m);
  assert.equal(fail.stderr, 'arctl: 1 of 4 simulate expectations failed\n');
});

test('usage errors exit 2 with one line', () => {
  const missing = runArctl(['simulate', fx('no-such-file.json'), '--file', fx('reasons.conf')]);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no-such-file\.json: no such file/);
  const noConfig = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('nope.conf')]);
  assert.equal(noConfig.status, 2);
  assert.equal(noConfig.stderr, `arctl: ${fx('nope.conf')}: no such file\n`);
  // No --file, no ./ossec.conf (and no /var/ossec here): the error says where arctl looks, as lint's does.
  if (!existsSync('/var/ossec/etc/ossec.conf')) {
    const defaulted = runArctl(['simulate', fx('reasons-alerts.jsonl')], { cwd: tempDir() });
    assert.equal(defaulted.status, 2);
    assert.equal(defaulted.stderr, 'arctl: ./ossec.conf: no such file (no --file given: arctl reads ./ossec.conf, or a Wazuh installation with --root DIR)\n');
  }
  const badVersion = runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf'), '--target-version', '5.0']);
  assert.equal(badVersion.status, 2);
  assert.match(badVersion.stderr, /5\.x/);
});

test('--ruleset: no_ar excludes the rule; the exact group string replaces the approximate rebuilt one', () => {
  const args = [fx('ruleset-alerts.jsonl'), '--file', fx('ruleset.conf')];
  const without = simulateJson(args);
  assert.deepEqual(without.alerts.map((a) => verdicts(a.responses)), [['0:003:firewall-drop0', '1:no-match'], ['0:003:firewall-drop0', '1:no-match']]);
  // alerts.json lost where pci_dss_6.5 sat among the groups: the pattern spans it, so the verdict is flagged.
  assert.equal((without.alerts[1].responses[1] as { approximate?: boolean }).approximate, true);
  const withRules = simulateJson([...args, '--ruleset', fx('rules')]);
  assert.deepEqual(withRules.alerts.map((a) => verdicts(a.responses)), [['0:rule-excluded', '1:rule-excluded'], ['0:003:firewall-drop0', '1:003:firewall-drop0']]);
  assert.match(withRules.alerts[0].responses[0].detail!, /no_ar/);
  assert.equal((withRules.alerts[1].responses[1] as { approximate?: boolean }).approximate, undefined);
});

test('white_list `!` entries: 4.x ignores the `!` of an IP entry; on a pattern it negates the match', () => {
  const tmp = tempDir();
  const config = join(tmp, 'ossec.conf');
  const write = (entry: string) =>
    writeFileSync(
      config,
      `<ossec_config>\n  <global>\n    <white_list>${entry}</white_list>\n  </global>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5710</rules_id>\n  </active-response>\n</ossec_config>\n`,
    );
  const alert = (srcip: string) => JSON.stringify({ rule: { id: '5710', level: 5, groups: ['sshd'] }, agent: { id: '001', name: 'a' }, data: { srcip }, location: 'x' });
  const input = [alert('192.0.2.5'), alert('198.51.100.1')].join('\n');
  write('!192.0.2.0/24');
  const ip = simulateJson(['-', '--file', config], input);
  assert.deepEqual(ip.alerts.map((a) => a.responses[0].reason ?? 'fired'), ['whitelisted', 'fired']);
  assert.match(ip.alerts[0].responses[0].detail!, /!192\.0\.2\.0\/24/);
  // get_ip (exec.c) removes one leading `::ffff:`: `::ffff:::ffff:192.0.2.5` is compared as `::ffff:192.0.2.5`,
  // an IPv6 text that no IPv4 entry holds.
  const mapped = simulateJson(['-', '--file', config], [alert('::ffff:192.0.2.5'), alert('::ffff:::ffff:192.0.2.5')].join('\n'));
  assert.deepEqual(mapped.alerts.map((a) => a.responses[0].reason ?? 'fired'), ['whitelisted', 'fired']);
  write('!192.0.2');
  const pattern = simulateJson(['-', '--file', config], input);
  assert.deepEqual(pattern.alerts.map((a) => a.responses[0].reason ?? 'fired'), ['fired', 'whitelisted']);
});

test('e-mail: an event below <log_alert_level> (archives.json keeps it) or of a no_log rule is never logged, so never mailed; its responses still run', () => {
  // analysisd.c:2173 writes an alert only for rules with DO_LOGALERT (rules.c:2133 level >= log_alert_level,
  // :1338-1345 log_alert / no_log); the AR loop after it runs either way, and maild reads only what is written.
  const dir = tempFiles({
    'ossec.conf': `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <email_notification>yes</email_notification>
    <email_to>soc@example.com</email_to>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
  </global>
  <alerts>
    <log_alert_level>8</log_alert_level>
    <email_alert_level>3</email_alert_level>
  </alerts>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>3</level>
  </active-response>
</ossec_config>
`,
    'rules/local_rules.xml': '<group name="local,">\n  <rule id="100200" level="12">\n    <match>quiet</match>\n    <options>no_log</options>\n    <description>never logged</description>\n  </rule>\n</group>\n',
    'alerts.json': [5, 9].map((level, i) => JSON.stringify({ timestamp: '2024-05-01T10:00:00.000+0000', rule: { level, description: 'd', id: '5710', mail: true, groups: ['sshd'] }, agent: { id: '001', name: 'web' }, id: `1714557600.${i}`, data: { srcip: '203.0.113.9' }, location: '/var/log/auth.log' })).join('\n') +
      `\n${JSON.stringify({ timestamp: '2024-05-01T10:00:00.000+0000', rule: { level: 12, description: 'never logged', id: '100200', mail: true, groups: ['local'] }, agent: { id: '001', name: 'web' }, id: '1714557600.2', location: '/var/log/auth.log' })}\n`,
  });
  const out = simulateJson([`${dir}/alerts.json`, '--file', `${dir}/ossec.conf`, '--ruleset', `${dir}/rules`]);
  assert.deepEqual(out.alerts.map((a) => [a.responses[0]!.fired, a.email.sent]), [[true, false], [true, true], [true, false]]);
  assert.equal(out.alerts[0]!.email.detail, 'rule level 5 is below <log_alert_level> 8: analysisd writes no alert for it (the responses still run), so maild never reads it');
  assert.equal(out.alerts[2]!.email.detail, 'rule 100200 has <options>no_log</options> in --ruleset: analysisd writes no alert for it (the responses still run), so maild never reads it');
});

test('an entry without rule.level (not an alert, or hand-made) is not e-mailed "below <email_alert_level>": it has no level to compare', () => {
  const examples = join(projectRoot, 'examples/ossec.conf');
  const alerts = [
    { agent: { id: '001' }, data: { srcip: '203.0.113.5' } },
    { rule: { id: '5712' }, agent: { id: '001' } },
    { rule: { id: '5712', level: 3 }, agent: { id: '001' } },
  ];
  const out = simulateJson(['-', '--file', examples], alerts.map((a) => JSON.stringify(a)).join('\n'));
  const details = out.alerts.map((a) => (a as { email: { sent: boolean; detail?: string } }).email);
  assert.deepEqual(details.map((e) => [e.sent, e.detail]), [
    [false, 'the alert has no rule.level: not flagged for e-mail'],
    [false, 'the alert has no rule.level: not flagged for e-mail'],
    [false, 'rule level below <email_alert_level> 10 and no alert_by_email: not flagged for e-mail'],
  ]);
});

test('an alerts file with no alert in it (0 bytes, only blank lines) is said on stderr, naming it; exit 0 as before', () => {
  for (const [name, content] of [['empty.json', ''], ['blank.json', '\n  \n\r\n\n']] as const) {
    const file = tempFile(name, content);
    for (const format of ['text', 'json']) {
      const r = runArctl(['simulate', file, '--file', fx('reasons.conf'), '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, `arctl: ${file} holds no alerts (nothing was simulated)\n`, `${name} ${format}`);
      if (format === 'text') assert.equal(r.stdout, '0 alerts, 0 responses fired, 0 e-mails\n');
    }
  }
  const stdin = runArctl(['simulate', '-', '--file', fx('reasons.conf')], { input: '' });
  assert.equal(stdin.stderr, 'arctl: <stdin> holds no alerts (nothing was simulated)\n');
  // Alerts read, or entries skipped (which says so itself): no such note.
  assert.doesNotMatch(runArctl(['simulate', fx('reasons-alerts.jsonl'), '--file', fx('reasons.conf')]).stderr, /holds no alerts/);
  const junk = runArctl(['simulate', tempFile('junk.json', 'not json\n'), '--file', fx('reasons.conf'), '--skip-invalid']);
  assert.equal(junk.status, 0, junk.stderr);
  assert.doesNotMatch(junk.stderr, /holds no alerts/);
});
