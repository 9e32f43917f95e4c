/**
 * `arctl simulate --timeline` end to end. Every expected event below was worked out by hand from
 * execd's code (wazuh-semantics.md section 4): expiry at added + timeout + 1 s, abort resets the
 * timer, repeated offenders replace the timeout from the second sighting.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { projectRoot } from '../helpers/paths.ts';
import { runArctl } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const fixtures = join(projectRoot, 'test/fixtures/timeline');
const T0 = Date.UTC(2024, 4, 1, 12, 0, 0) / 1000;

interface AlertSpec {
  t: number;
  rule: string;
  level?: number;
  agent?: string;
  srcip?: string;
  user?: string;
}

function alert(spec: AlertSpec, n: number): Record<string, unknown> {
  const ts = new Date((T0 + spec.t) * 1000).toISOString().replace('Z', '+0000');
  return {
    timestamp: ts,
    rule: { level: spec.level ?? 10, id: spec.rule, groups: ['test'] },
    agent: { id: spec.agent ?? '001', name: `agent${spec.agent ?? '001'}` },
    id: `${T0 + spec.t}.${n}`,
    data: { ...(spec.srcip ? { srcip: spec.srcip } : {}), ...(spec.user ? { dstuser: spec.user } : {}) },
    location: '/var/log/auth.log',
  };
}

function alertsFile(specs: AlertSpec[], name = 'alerts.json', transform?: (text: string) => string | Buffer): string {
  const text = `${specs.map((s, i) => JSON.stringify(alert(s, i))).join('\n')}\n`;
  return tempFile(name, transform ? transform(text) : text, 'arctl-timeline-');
}

/** Events as `+seconds host action key timeout offense` for compact expectations. */
function timeline(args: string[]): { events: string[]; summary: Record<string, unknown>; stderr: string; status: number | null } {
  const r = runArctl(['simulate', ...args, '--timeline', '--format', 'json']);
  const lines = r.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = (lines.pop()?.summary ?? {}) as Record<string, unknown>;
  const events = lines.map((e) => {
    const t = Date.parse(String(e.time)) / 1000 - T0;
    return e.action === 'fail' ? `+${t} ${e.host} fail ${e.command}` : `+${t} ${e.host} ${e.action} ${e.key} ${e.timeout} #${e.offense}`;
  });
  return { events, summary, stderr: r.stderr, status: r.status };
}

const manager = join(fixtures, 'manager.conf');

test('expiry boundary and abort: a repeat at exactly the timeout resets the timer; the entry goes at added + timeout + 1 s', () => {
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 600, rule: '5712', srcip: '203.0.113.5' },
    { t: 1201, rule: '5712', srcip: '203.0.113.5' },
    { t: 1300, rule: '5712', srcip: '198.51.100.7' },
  ]);
  const r = timeline([file, '--file', manager]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 001 add firewall-drop-203.0.113.5 600 #0',
    '+600 001 abort firewall-drop-203.0.113.5 600 #0',
    '+1201 001 delete firewall-drop-203.0.113.5 600 #0',
    '+1201 001 add firewall-drop-203.0.113.5 600 #0',
    '+1300 001 add firewall-drop-198.51.100.7 600 #0',
  ]);
  const groups = r.summary.groups as Array<Record<string, unknown>>;
  assert.deepEqual(groups, [{ command: 'firewall-drop', host: '001', adds: 3, aborts: 1, deletes: 1, fails: 0, distinctKeys: 2, peakActive: 2 }]);
  assert.deepEqual((r.summary.stillActive as Array<Record<string, unknown>>).map((a) => [a.key, Date.parse(String(a.expires)) / 1000 - T0]), [
    ['firewall-drop-203.0.113.5', 1802],
    ['firewall-drop-198.51.100.7', 1901],
  ]);
});

test('repeated offenders on the manager: 1 then 5 minutes, the last value reused, counted while still blocked', () => {
  const file = alertsFile([
    { t: 0, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 30, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 500, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 1000, rule: '100001', agent: '000', srcip: '192.0.2.9' },
  ]);
  const r = timeline([file, '--file', manager]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 000 add firewall-drop-192.0.2.9 120 #0',
    '+30 000 abort firewall-drop-192.0.2.9 60 #1',
    '+91 000 delete firewall-drop-192.0.2.9 60 #1',
    '+500 000 add firewall-drop-192.0.2.9 300 #2',
    '+801 000 delete firewall-drop-192.0.2.9 300 #2',
    '+1000 000 add firewall-drop-192.0.2.9 300 #3',
  ]);
});

test('entries due at the same second are deleted in the order execd first listed them, not the order of their last reset', () => {
  // ExecdTimeoutRun walks the timeout list from its first node; an abort resets an entry where it is.
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.1' },
    { t: 100, rule: '5712', srcip: '203.0.113.2' },
    { t: 100, rule: '5712', srcip: '203.0.113.1' },
    { t: 200, rule: '5712', srcip: '203.0.113.3' },
  ]);
  const r = timeline([file, '--file', manager, '--at', new Date((T0 + 800) * 1000).toISOString()]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 001 add firewall-drop-203.0.113.1 600 #0',
    '+100 001 add firewall-drop-203.0.113.2 600 #0',
    '+100 001 abort firewall-drop-203.0.113.1 600 #0',
    '+200 001 add firewall-drop-203.0.113.3 600 #0',
    '+701 001 delete firewall-drop-203.0.113.1 600 #0',
    '+701 001 delete firewall-drop-203.0.113.2 600 #0',
  ]);
});

test('repeated offenders minutes are multiplied by 60 in C int (71582789 wraps to 44 s); a negative timeout deletes at the second it is set', () => {
  const conf = tempFile('ossec.conf', readFileSync(manager, 'utf8').replace('<repeated_offenders>1,5</repeated_offenders>', '<repeated_offenders>71582789,-1</repeated_offenders>'), 'arctl-timeline-');
  const file = alertsFile([
    { t: 0, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 10, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 100, rule: '100001', agent: '000', srcip: '192.0.2.9' },
    { t: 100, rule: '100001', agent: '000', srcip: '192.0.2.9' },
  ]);
  const r = timeline([file, '--file', conf]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 000 add firewall-drop-192.0.2.9 120 #0',
    '+10 000 abort firewall-drop-192.0.2.9 44 #1',
    '+55 000 delete firewall-drop-192.0.2.9 44 #1',
    '+100 000 add firewall-drop-192.0.2.9 -60 #2',
    '+100 000 delete firewall-drop-192.0.2.9 -60 #2',
    '+100 000 add firewall-drop-192.0.2.9 -60 #3',
    '+100 000 delete firewall-drop-192.0.2.9 -60 #3',
  ]);
  assert.deepEqual(r.summary.stillActive, []);
  // Entries with a negative timeout are listed, then deleted: never more than one active at a time.
  assert.deepEqual((r.summary.groups as Array<Record<string, unknown>>).map((g) => [g.adds, g.aborts, g.deletes, g.peakActive]), [[3, 1, 3, 1]]);
  const text = runArctl(['simulate', '--timeline', file, '--file', conf]);
  assert.match(text.stdout, /add +firewall-drop-192\.0\.2\.9  firewall-drop  timeout -60s, offense #3  /);
  assert.doesNotMatch(text.stdout, /-60.*never undone|never undone.*-60/);
});

test("agents use their own repeated_offenders (--agent-config); 'all' goes to every active agent from --agents", () => {
  const file = alertsFile([
    { t: 0, rule: '31151', agent: '002', srcip: '198.51.100.1' },
    { t: 10, rule: '5712', agent: '001', srcip: '198.51.100.1' },
    { t: 20, rule: '5712', agent: '001', srcip: '198.51.100.1' },
  ]);
  const r = timeline([file, '--file', manager, '--agents', join(fixtures, 'agents.json'), '--agent-config', join(fixtures, 'agent-ossec.conf')]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 001 add firewall-drop-198.51.100.1 60 #0',
    '+0 002 add firewall-drop-198.51.100.1 60 #0',
    '+10 001 abort firewall-drop-198.51.100.1 120 #1',
    '+20 001 abort firewall-drop-198.51.100.1 600 #2',
  ]);
  // The replay ends at the last alert: agent 002's entry is still there, agent 001's runs on 10 minutes.
  assert.deepEqual((r.summary.stillActive as Array<Record<string, unknown>>).map((a) => [a.host, Date.parse(String(a.expires)) / 1000 - T0]), [
    ['002', 61],
    ['001', 621],
  ]);
});

test("agents whose own ossec.conf turns execd off (--agent-config) run nothing; the manager's responses still run", () => {
  const file = alertsFile([
    { t: 0, rule: '31151', agent: '002', srcip: '198.51.100.1' },
    { t: 10, rule: '5712', agent: '001', srcip: '198.51.100.1' },
    { t: 20, rule: '100001', agent: '001', srcip: '198.51.100.2' },
  ]);
  const args = [file, '--file', manager, '--agents', join(fixtures, 'agents.json')];
  const on = timeline([...args, '--agent-config', join(fixtures, 'agent-ossec.conf')]);
  assert.equal(on.status, 0, on.stderr);
  assert.deepEqual(on.events, [
    '+0 001 add firewall-drop-198.51.100.1 60 #0',
    '+0 002 add firewall-drop-198.51.100.1 60 #0',
    '+10 001 abort firewall-drop-198.51.100.1 120 #1',
    '+20 000 add firewall-drop-198.51.100.2 120 #0',
  ]);
  const off = timeline([...args, '--agent-config', join(fixtures, 'agent-ossec-ar-off.conf')]);
  assert.equal(off.status, 0, off.stderr);
  assert.deepEqual(off.events, ['+20 000 add firewall-drop-198.51.100.2 120 #0']);
  // A first <disabled> execd cannot read (neither yes nor no): it exits at start, the same nothing runs.
  const refused = tempFile('agent-ossec.conf', readFileSync(join(fixtures, 'agent-ossec.conf'), 'utf8').replace(/<active-response>/, '<active-response>\n    <disabled>off</disabled>'), 'arctl-timeline-');
  const refusedRun = timeline([...args, '--agent-config', refused]);
  assert.equal(refusedRun.status, 0, refusedRun.stderr);
  assert.deepEqual(refusedRun.events, ['+20 000 add firewall-drop-198.51.100.2 120 #0']);
});

test('disable-account keys on the user, a missing srcip makes firewall-drop fail, timeout 0 is never undone', () => {
  const file = alertsFile([
    { t: 0, rule: '5503', user: 'alice' },
    { t: 5, rule: '5712' },
    { t: 6, rule: '100002', agent: '000', srcip: '192.0.2.1' },
    { t: 7, rule: '100002', agent: '000', srcip: '192.0.2.1' },
  ]);
  const r = timeline([file, '--file', manager]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, [
    '+0 001 add disable-account-alice 300 #0',
    '+5 001 fail firewall-drop',
    '+6 000 add notify-soc.sh-192.0.2.1 0 #0',
    '+7 000 add notify-soc.sh-192.0.2.1 0 #0',
  ]);
});

test('a stock program that finds no key in the alert fails in its own words (route-null and netsh do not say "invalid IP format")', () => {
  const file = alertsFile([
    { t: 0, rule: '100010', srcip: '10.0.0.1.5' },
    { t: 1, rule: '100011' },
    { t: 2, rule: '100012', srcip: '1.2.3.4:22' },
    { t: 3, rule: '100013', user: 'root' },
    { t: 4, rule: '100014' },
  ]);
  const r = runArctl(['simulate', file, '--file', join(fixtures, 'key-refusals.conf'), '--timeline', '--format', 'json', '--key', 'user']);
  assert.equal(r.status, 0, r.stderr);
  const fails = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>).filter((e) => e.action === 'fail');
  assert.deepEqual(fails.map((e) => [e.command, e.reason]), [
    ['route-null', `data.srcip '10.0.0.1.5' is not an IP address getaddrinfo accepts: route-null logs "Cannot read 'srcip' from data" and exits`],
    ['netsh', `no srcip in the alert: netsh logs "Cannot read 'srcip' from data" and exits`],
    ['host-deny', `data.srcip '1.2.3.4:22' is not an IP address getaddrinfo accepts: host-deny logs "Cannot read 'srcip' from data or invalid IP format" and exits`],
    ['disable-account', `data.dstuser 'root' is refused by is_valid_username: disable-account logs "Cannot read 'dstuser' from data or invalid username format" and exits`],
    ['notify', 'no data.dstuser in the alert: the program exits before answering check_keys'],
  ]);
});

test("the stock programs read the source IP as getaddrinfo(AI_NUMERICHOST) and cJSON do (short and hex IPv4, any key case, an empty win ipAddress stops)", () => {
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '10.1' },
    { t: 1, rule: '5712', srcip: '0x0a000001' },
    { t: 2, rule: '5712', srcip: 'SrcIP' },
    { t: 3, rule: '5712', srcip: 'win' },
  ], 'alerts.json', (text) =>
    text
      .replace('"srcip":"SrcIP"', '"SrcIP":"10.0.0.3"')
      .replace('"srcip":"win"', '"win":{"eventdata":{"ipAddress":""}},"srcip":"10.0.0.4"'));
  const r = timeline([file, '--file', manager]);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events.map((e) => e.split(' ').slice(0, 4).join(' ')), [
    '+0 001 add firewall-drop-10.1',
    '+1 001 add firewall-drop-0x0a000001',
    '+2 001 add firewall-drop-10.0.0.3',
    '+3 001 fail firewall-drop',
  ]);
});

test('out-of-order alerts within the reorder window are replayed in time order', () => {
  const file = alertsFile([
    { t: 30, rule: '5712', srcip: '203.0.113.9' },
    { t: 0, rule: '5712', srcip: '203.0.113.9' },
  ]);
  const r = timeline([file, '--file', manager]);
  assert.deepEqual(r.events, ['+0 001 add firewall-drop-203.0.113.9 600 #0', '+30 001 abort firewall-drop-203.0.113.9 600 #0']);
  const late = timeline([file, '--file', manager, '--reorder-window', '10']);
  assert.deepEqual(late.events, ['+20 001 add firewall-drop-203.0.113.9 600 #0', '+30 001 abort firewall-drop-203.0.113.9 600 #0']);
  assert.equal(late.summary.late, 1);
});

test('alerts newest first (an indexer search sorted by time, descending): most responses late, and the text summary says why', () => {
  const specs = [400, 300, 200, 100, 0].map((t, i) => ({ t, rule: '5712', srcip: `203.0.113.${i + 1}` }));
  const text = runArctl(['simulate', alertsFile(specs), '--file', manager, '--timeline']);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /4 response\(s\) arrived later than the reorder window/);
  assert.match(text.stdout, /Most responses came late: are the alerts newest first, or in no time order \(an indexer search not sorted on timestamp\)\? Replay them oldest first \(`tac FILE` for newest-first lines; "sort": \[\{"timestamp": "asc"\}\] in the search\)/);
  // Oldest first: nothing late, no hint; one late response among several: the count alone.
  const inOrder = runArctl(['simulate', alertsFile([...specs].reverse()), '--file', manager, '--timeline']);
  assert.doesNotMatch(inOrder.stdout, /late|reorder/);
  const oneLate = runArctl(['simulate', alertsFile([...specs].reverse().concat({ t: 100, rule: '5712', srcip: '198.51.100.1' })), '--file', manager, '--timeline']);
  assert.match(oneLate.stdout, /1 response\(s\) arrived later/);
  assert.doesNotMatch(oneLate.stdout, /Most responses came late/);
});

test('legacy targets key on the script and the srcip argument', () => {
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 100, rule: '5712', srcip: '203.0.113.5' },
  ]);
  const r = timeline([file, '--file', join(fixtures, 'legacy.conf'), '--target-version', '3.13']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, ['+0 001 add firewall-drop.sh-203.0.113.5 600 #0', '+100 001 abort firewall-drop.sh-203.0.113.5 600 #0']);
});

test('--at lists what is active at that time; --since skips earlier alerts', () => {
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 100, rule: '5712', srcip: '198.51.100.7' },
    { t: 2000, rule: '5712', srcip: '192.0.2.44' },
  ]);
  const at = new Date((T0 + 650) * 1000).toISOString();
  const r = timeline([file, '--file', manager, '--at', at]);
  assert.deepEqual(r.events, ['+0 001 add firewall-drop-203.0.113.5 600 #0', '+100 001 add firewall-drop-198.51.100.7 600 #0', '+601 001 delete firewall-drop-203.0.113.5 600 #0']);
  assert.deepEqual((r.summary.stillActive as Array<Record<string, unknown>>).map((a) => a.key), ['firewall-drop-198.51.100.7']);
  const since = timeline([file, '--file', manager, '--since', new Date((T0 + 50) * 1000).toISOString()]);
  assert.equal(since.events[0], '+100 001 add firewall-drop-198.51.100.7 600 #0');
  assert.equal(since.summary.outsideWindow, 1);
});

test('gzip input and a truncated last line: an error naming the line, or skipped with --skip-invalid', () => {
  const specs = [
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 10, rule: '5712', srcip: '198.51.100.7' },
  ];
  const truncated = (text: string) => gzipSync(Buffer.from(`${text}{"timestamp":"2024-05-01T12:00:20.000+0000","rule":{"id":"57`));
  const file = alertsFile(specs, 'alerts.json.gz', truncated);
  const failing = runArctl(['simulate', file, '--file', manager, '--timeline']);
  assert.equal(failing.status, 2);
  assert.match(failing.stderr, /alerts\.json\.gz:3: .*--skip-invalid/);
  const r = timeline([file, '--file', manager, '--skip-invalid']);
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(r.events, ['+0 001 add firewall-drop-203.0.113.5 600 #0', '+10 001 add firewall-drop-198.51.100.7 600 #0']);
  assert.match(r.stderr, /:3: .*skipped/);
});

test('text output: a log-like timeline and the summary table', () => {
  const file = alertsFile([{ t: 0, rule: '5712', srcip: '203.0.113.5' }]);
  const r = runArctl(['simulate', file, '--file', manager, '--timeline']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^2024-05-01 12:00:00 {2}agent 001 {3}add {5}firewall-drop-203\.0\.113\.5 {2}firewall-drop {2}timeout 600s/m);
  assert.match(r.stdout, /command\s+host\s+adds\s+aborts\s+deletes\s+fails\s+keys\s+peak active\nfirewall-drop\s+agent 001\s+1\s+0\s+0\s+0\s+1\s+1/);
  assert.match(r.stdout, /Still active at 2024-05-01 12:00:00 UTC \(1\):/);
});

test('an alert so large that the message analysisd sends is cut (over OS_MAXSTR): execd refuses it, so the timeline shows a fail, with workers or not', () => {
  const specs: AlertSpec[] = [
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 10, rule: '5712', srcip: '203.0.113.6' },
  ];
  const file = alertsFile(specs, 'alerts.json', (text) => {
    const lines = text.trim().split('\n');
    const huge = JSON.parse(lines[1]!) as Record<string, unknown>;
    huge.full_log = 'x'.repeat(70_000);
    return `${lines[0]}\n${JSON.stringify(huge)}\n`;
  });
  for (const workers of ['0', '1']) {
    const r = runArctl(['simulate', file, '--file', manager, '--timeline', '--format', 'json'], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: workers } });
    assert.equal(r.status, 0, r.stderr);
    const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { action: string; key?: string; reason?: string });
    assert.deepEqual(events.map((e) => e.action), ['add', 'fail'], `${workers} workers`);
    assert.match(events[1]!.reason ?? '', /^the message analysisd sends \(\d+ bytes\) is over the 65533 bytes its queue carries whole \(OS_MAXSTR\): it arrives cut and execd refuses it, \(1315\): Invalid JSON message$/);
  }
  // simulate says the same of the fired response.
  const one = runArctl(['simulate', file, '--file', manager, '--format', 'json']);
  const fired = (JSON.parse(one.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean; detail?: string }> }> }).alerts[1]!.responses.find((x) => x.fired);
  assert.match(fired?.detail ?? '', /execd runs nothing for this alert: the message analysisd sends the manager|agent 001 \(\d+ bytes\)/);
});

test("a cluster: manager-side responses of alerts another node raised (cluster.node) run on that node's execd, a timeout list of its own", () => {
  // Each node runs its own analysisd and execd (to_json.c:73-74 writes the node's <node_name> as cluster.node).
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 10, rule: '5712', srcip: '203.0.113.5' },
    { t: 20, rule: '5712', srcip: '203.0.113.5' },
    { t: 30, rule: '5712', srcip: '203.0.113.5' },
  ], 'alerts.json', (text) =>
    text
      .trim()
      .split('\n')
      .map((line, i) => JSON.stringify({ ...(JSON.parse(line) as object), cluster: { name: 'wazuh', node: i === 1 || i === 2 ? 'worker01' : 'master-node' } }))
      .join('\n') + '\n');
  for (const workers of ['0', '1']) {
    const r = runArctl(['simulate', file, '--file', join(fixtures, 'cluster-master.conf'), '--timeline', '--format', 'json'], { env: { ARCTL_TIMELINE_WORKERS: workers } });
    assert.equal(r.status, 0, r.stderr);
    const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { time: string; host: string; action: string; timeout: number });
    // worker01's execd has not seen the key: an add, not an abort; its repeat is a second offence there (2 min).
    assert.deepEqual(events.map((e) => [Date.parse(e.time) / 1000 - T0, e.host, e.action, e.timeout]), [
      [0, '000', 'add', 600],
      [10, '000@worker01', 'add', 600],
      [20, '000@worker01', 'abort', 120],
      [30, '000', 'abort', 120],
    ], `workers=${workers}`);
  }
  const text = runArctl(['simulate', file, '--file', join(fixtures, 'cluster-master.conf'), '--timeline']);
  assert.match(text.stdout, /^2024-05-01 12:00:10 {2}manager@worker01 {2}add /m);
  // --compare takes that node's log with --log-host 000@worker01.
  const log = tempFile('active-responses.log', '2024/05/01 12:00:10 active-response/bin/host-deny: Starting\n');
  const compared = runArctl(['simulate', file, '--file', join(fixtures, 'cluster-master.conf'), '--timeline', '--compare', log, '--log-host', '000@worker01', '--log-timezone', 'UTC']);
  assert.match(compared.stdout, /Compared with .*: the manager of node worker01 \(from --log-host\)/);
  assert.match(compared.stdout, /missing {6}2024-05-01 12:00:10 {2}add /);
  // Without a <node_name> in the file every alert is this manager's.
  const bare = tempFile('ossec.conf', readFileSync(join(fixtures, 'cluster-master.conf'), 'utf8').replace(/<cluster>[\s\S]*?<\/cluster>/, ''));
  const one = runArctl(['simulate', file, '--file', bare, '--timeline', '--format', 'json']);
  assert.deepEqual([...new Set(one.stdout.trim().split('\n').slice(0, -1).map((l) => (JSON.parse(l) as { host: string }).host))], ['000']);
});

test("the text summary's times are those of the alerts parsed: an alert the prefilter rules out is counted but its time is not read", () => {
  const file = alertsFile([
    { t: 0, rule: '1002', srcip: '203.0.113.5' },
    { t: 100, rule: '5712', srcip: '203.0.113.5' },
    { t: 200, rule: '5712', srcip: '203.0.113.6' },
  ]);
  const r = runArctl(['simulate', file, '--file', manager, '--timeline']);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^3 alerts replayed; those parsed run from 2024-05-01 12:01:40 to 2024-05-01 12:03:20 UTC\.\n1 of them could fire no response and was not parsed\.$/m);
  const all = runArctl(['simulate', alertsFile([{ t: 100, rule: '5712', srcip: '203.0.113.5' }, { t: 200, rule: '5712', srcip: '203.0.113.6' }], 'parsed.json'), '--file', manager, '--timeline']);
  assert.match(all.stdout, /^2 alerts replayed from 2024-05-01 12:01:40 to 2024-05-01 12:03:20 UTC\.$/m);
});

test('--timeline on an alerts file with no alert in it (0 bytes, only blank lines) says so on stderr, naming it; exit 0', () => {
  for (const [name, content] of [['empty.json', ''], ['blank.json', '\n \n\n']] as const) {
    const file = tempFile(name, content, 'arctl-timeline-');
    for (const format of ['text', 'json']) {
      const r = runArctl(['simulate', file, '--file', join(fixtures, 'manager.conf'), '--timeline', '--format', format]);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(r.stderr, `arctl: ${file} holds no alerts (nothing was replayed)\n`, `${name} ${format}`);
      if (format === 'text') assert.match(r.stdout, /^0 alerts replayed\./);
    }
  }
  const one = tempFile('one.json', `${JSON.stringify(alert({ t: 0, rule: '5712', srcip: '10.0.0.1' }, 0))}\n`, 'arctl-timeline-');
  const r = runArctl(['simulate', one, '--file', join(fixtures, 'manager.conf'), '--timeline']);
  assert.equal(r.status, 0, r.stderr);
  assert.doesNotMatch(r.stderr, /holds no alerts/);
});

test('responses without a timeout: nothing is left to undo, and the summary says their blocks stay', () => {
  const conf = tempFile('ossec.conf', `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
  <active-response>
    <command>host-deny</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`, 'arctl-timeline-');
  const file = alertsFile([
    { t: 0, rule: '5712', srcip: '203.0.113.5' },
    { t: 10, rule: '5712', srcip: '203.0.113.5' },
    { t: 20, rule: '5712', srcip: '198.51.100.7' },
  ]);
  const run = (at: string[]) => runArctl(['simulate', '--file', conf, file, '--timeline', '--no-progress', ...at]);
  // execd lists no entry of timeout 0 (execd.c:344-345): firewall-drop runs on each alert, and never undoes.
  const during = run([]);
  assert.match(during.stdout, /\nStill active at 2024-05-01 12:00:20 UTC \(2\):\n/);
  assert.match(during.stdout, /\nBesides, the responses without a timeout are never undone, what they did stays \(firewall-drop on agent 001: 2 keys\)\.\n$/);
  // host-deny's entries are deleted by then; firewall-drop's blocks stay.
  const done = run(['--at', '2024-05-01T13:00:00Z']);
  assert.match(done.stdout, /\nNothing is still active at 2024-05-01 13:00:00 UTC; the responses without a timeout are never undone, what they did stays \(firewall-drop on agent 001: 2 keys\)\.\n$/);
});
