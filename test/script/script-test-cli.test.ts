/**
 * `arctl script test` end to end through the real CLI: Bash, Python and C programs, each with a
 * known protocol behaviour, get the right verdict, in a private network namespace and without one.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, chownSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, realpathSync, rmSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { arctlBin, pool, runArctl, runArctlAsync, type CliResult } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';
import { bash, bashCrlf, cProgram, python } from './programs.ts';

interface Check {
  id: string;
  status: string;
  summary: string;
}
interface Report {
  compliant: boolean;
  isolation: string;
  protocol: string;
  checks: Check[];
  runs: Array<{ action: string; answer?: string; effects: string[]; stderr: string }>;
}

const unshare = spawnSync('unshare', ['--user', '--net', '--map-root-user', 'true'], { encoding: 'utf8' });
const namespaceSkip = unshare.status === 0 ? false : `unshare of user and network namespaces is not permitted here (${(unshare.stderr || String(unshare.error)).trim().split('\n')[0]})`;
// The read-only mount namespace needs a mount namespace on top of the user one; arctl falls back to the network one alone.
const mountNamespace = spawnSync('unshare', ['--user', '--net', '--mount', '--map-root-user', 'true'], { encoding: 'utf8' }).status === 0;
const isolatedAs = mountNamespace ? 'mount-and-network-namespace' : 'network-namespace';
// The copy-on-write overlay needs unprivileged overlayfs in a user namespace (Linux 5.11+); arctl falls back to read-only mounts.
const overlaySkip = (() => {
  const probe = spawnSync('unshare', ['--user', '--mount', '--map-root-user', 'sh', '-c', 'd=$(mktemp -d) && mkdir "$d/l" "$d/u" "$d/w" "$d/m" && mount -t tmpfs t "$d/u" && mkdir "$d/u/u" "$d/u/w" && mount -t overlay o -o "userxattr,lowerdir=$d/l,upperdir=$d/u/u,workdir=$d/u/w" "$d/m"; s=$?; umount "$d/m" "$d/u" 2>/dev/null; rm -rf "$d"; exit $s'], { encoding: 'utf8' });
  return probe.status === 0 ? false : `unprivileged overlayfs is not permitted here (${(probe.stderr || String(probe.error)).trim().split('\n')[0]})`;
})();
const ccSkip = spawnSync('cc', ['--version']).status === 0 ? false : 'no C compiler (cc) on this machine';
const pythonSkip = spawnSync('/usr/bin/env', ['python3', '--version'], { env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } }).status === 0 ? false : 'no python3 on the PATH execd gives its programs';

/** The processes of this machine running `sleep 600 MARKER`. */
function sleepers(marker: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${'600'}\0${marker}\0`;
    } catch {
      return false;
    }
  });
}

/** A directory outside /tmp (the program's /tmp is a private one in the mount namespace), removed after the test. */
function scratchDir(): string {
  const scratch = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp');
  mkdirSync(scratch, { recursive: true });
  const dir = mkdtempSync(join(scratch, 'script-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function program(name: string, text: string): string {
  const path = join(tempDir('arctl-script-prog-'), name);
  writeFileSync(path, text);
  chmodSync(path, 0o755);
  return path;
}

function compiled(): string {
  const dir = tempDir('arctl-script-c-');
  writeFileSync(join(dir, 'block.c'), cProgram);
  const r = spawnSync('cc', ['-O0', '-o', join(dir, 'block'), join(dir, 'block.c')], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  return join(dir, 'block');
}

interface Case {
  name: string;
  path: () => string;
  args?: string[];
  compliant: boolean;
  /** Checks that must have this status. */
  expect: Record<string, string>;
  /** Reply deadline: short for the programs that hang, roomy for the others (a loaded machine starts bash slowly). */
  deadline: string;
  skip?: string | false;
}

const cases: Case[] = [
  { name: 'bash, compliant stateful', path: () => program('block.sh', bash.compliant), compliant: true, expect: { reply: 'pass', 'check-keys': 'pass', 'distinct-keys': 'pass', abort: 'pass', delete: 'pass', acts: 'pass' }, deadline: '10' },
  { name: 'bash, reads stdin to EOF', path: () => program('block.sh', bash.readsToEof), compliant: false, expect: { reply: 'fail' }, deadline: '0.5' },
  { name: 'bash, no check_keys', path: () => program('block.sh', bash.noCheckKeys), compliant: false, expect: { reply: 'pass', 'check-keys': 'fail', 'distinct-keys': 'fail' }, deadline: '10' },
  { name: 'bash, empty keys', path: () => program('block.sh', bash.emptyKeys), compliant: false, expect: { 'check-keys': 'fail', 'distinct-keys': 'fail' }, deadline: '10' },
  { name: 'bash, ignores abort', path: () => program('block.sh', bash.ignoresAbort), compliant: false, expect: { 'check-keys': 'pass', abort: 'fail' }, deadline: '10' },
  { name: 'bash, a reply cJSON reads but JSON.parse would not', path: () => program('block.sh', bash.laxReply), compliant: true, expect: { 'check-keys': 'pass', 'distinct-keys': 'pass', abort: 'pass', delete: 'pass' }, deadline: '10' },
  { name: 'bash, CRLF line endings', path: () => program('block.sh', bashCrlf), compliant: false, expect: { 'file-line-endings': 'fail' }, deadline: '10' },
  { name: 'bash, legacy form on 4.14', path: () => program('block.sh', bash.legacy), compliant: false, expect: { reply: 'fail', 'source-arguments': 'warn' }, deadline: '10' },
  { name: 'bash, legacy form on 4.1', path: () => program('block.sh', bash.legacy), args: ['--target-version', '4.1'], compliant: true, expect: { abort: 'pass', delete: 'pass', acts: 'pass' }, deadline: '10' },
  { name: 'bash, legacy form on a 4.1 agent of a 4.14 manager', path: () => program('block.sh', bash.legacy), args: ['--agent-version', '4.1.5'], compliant: true, expect: { delete: 'pass' }, deadline: '10' },
  { name: 'python, compliant stateful', path: () => program('block.py', python.compliant), compliant: true, expect: { reply: 'pass', 'check-keys': 'pass', abort: 'pass', delete: 'pass' }, deadline: '10', skip: pythonSkip },
  // Keys on the rule id as Wazuh's documented template: a warning (one entry per rule by design), not a failure.
  { name: 'python, keyed on the rule id', path: () => program('block.py', python.ruleKeyed), compliant: true, expect: { 'check-keys': 'pass', 'distinct-keys': 'warn', abort: 'pass', delete: 'pass' }, deadline: '10', skip: pythonSkip },
  { name: 'python, reads stdin to EOF', path: () => program('block.py', python.readsToEof), compliant: false, expect: { reply: 'fail' }, deadline: '0.5', skip: pythonSkip },
  { name: 'C, compliant stateful', path: compiled, compliant: true, expect: { reply: 'pass', 'check-keys': 'pass', abort: 'pass', delete: 'pass', acts: 'pass' }, deadline: '10', skip: ccSkip },
];

async function runCase(c: Case, isolated: boolean): Promise<{ result: CliResult; report: Report }> {
  const args = ['script', 'test', c.path(), '--timeout', '60', '--reply-timeout', c.deadline, '--format', 'json', ...(c.args ?? []), ...(isolated ? [] : ['--no-isolation'])];
  const result = await runArctlAsync(args);
  assert.equal(result.stderr, '', result.stderr);
  return { result, report: JSON.parse(result.stdout) as Report };
}

function verify(c: Case, result: CliResult, report: Report, isolation: string): void {
  assert.equal(report.isolation, isolation);
  const statuses = Object.fromEntries(report.checks.map((k) => [k.id, k.status]));
  for (const [id, status] of Object.entries(c.expect)) assert.equal(statuses[id], status, `${c.name}: ${id}: ${JSON.stringify(report.checks.find((k) => k.id === id))}`);
  assert.equal(report.compliant, c.compliant, JSON.stringify(report.checks.filter((k) => k.status === 'fail')));
  assert.equal(result.status, c.compliant ? 0 : 1);
}

for (const [label, isolated, skip] of [['in a private network namespace', true, namespaceSkip], ['without isolation (--no-isolation)', false, false]] as const) {
  describe(`arctl script test, ${label}`, { skip }, () => {
    test('every program gets its verdict', async (t) => {
      const runnable = cases.filter((c) => !c.skip);
      for (const c of cases.filter((x) => x.skip)) t.diagnostic(`skipped ${c.name}: ${c.skip}`);
      const outcomes = await pool(runnable, 4, (c) => runCase(c, isolated));
      runnable.forEach((c, i) => verify(c, outcomes[i]!.result, outcomes[i]!.report, isolated ? isolatedAs : 'none'));
    });
  });
}

describe('arctl script test, evidence', () => {
  test('a program that reads stdin to EOF is reported as the hang it is, with the line and the fix', async () => {
    const { report } = await runCase(cases[1]!, false);
    const reply = report.checks.find((k) => k.id === 'reply')!;
    assert.match(reply.summary, /reads stdin to the end \(.*block\.sh:2: INPUT_JSON=\$\(cat\)\)/);
    assert.match(reply.summary, /waits for that line with no time limit/);
  });

  test('the text report shows the runs on the fake clock and the verdict; junit has one testcase per check', async () => {
    const path = program('block.sh', bash.ignoresAbort);
    const text = await runArctlAsync(['script', 'test', path, '--timeout', '60', '--no-isolation']);
    assert.equal(text.status, 1);
    assert.match(text.stdout, /isolation: none \(--no-isolation\)/);
    assert.match(text.stdout, /t\+1s {2}add → abort {2}the same alert again/);
    assert.match(text.stdout, /FAIL {2}honours abort \(does nothing more\): step 2 \(add → abort, the same alert again\): acted after abort: ran iptables -I INPUT -s 203\.0\.113\.7 -j DROP/);
    assert.match(text.stdout, /NOT compliant: 1 check\(s\) failed/);
    const junit = await runArctlAsync(['script', 'test', path, '--timeout', '60', '--no-isolation', '--format', 'junit']);
    assert.equal(junit.status, 1);
    assert.match(junit.stdout, /<testsuite name="arctl script test [^"]*block\.sh" tests="\d+" failures="1"/);
    assert.match(junit.stdout, /<testcase classname="[^"]*" name="abort: honours abort \(does nothing more\)" time="0">\n\s*<failure message="step 2/);
  });

  test('--file and an alerts file: the block\'s timeout and payload, every alert at its timestamp', async () => {
    const r = await runArctlAsync(['script', 'test', program('firewall-drop', bash.compliant), '--file', 'examples/ossec.conf', '--command', 'firewall-drop', '--alert', 'examples/alerts.json', '--no-isolation', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Omit<Report, 'runs'> & { timeout: number; runs: Array<{ time: number; action: string; answer?: string; key: string; stdin: string[] }> };
    assert.equal(report.timeout, 600);
    // As `arctl simulate --timeline` shows for the same files: add, abort (timer restarted), delete 600 s after the abort.
    assert.deepEqual(report.runs.map((x) => `${x.time} ${x.action} ${x.answer ?? '-'} ${x.key}`), [
      '1714641247 add continue firewall-drop-203.0.113.45',
      '1714641552 add abort firewall-drop-203.0.113.45',
      '1714642153 delete - firewall-drop-203.0.113.45',
    ]);
    const message = JSON.parse(report.runs[0]!.stdin[0]!) as { origin: unknown; command: string; parameters: { program: string } };
    // examples/ossec.conf has no <cluster><node_name>: get_node_name gives "undefined".
    assert.deepEqual([message.origin, message.command, message.parameters.program], [{ name: 'undefined', module: 'wazuh-execd' }, 'add', 'active-response/bin/firewall-drop']);
  });

  test('--alert - reads the alerts from standard input (the program\'s own stdin is execd\'s pipe); --file - as well is refused', async () => {
    const args = ['script', 'test', program('firewall-drop', bash.compliant), '--file', 'examples/ossec.conf', '--command', 'firewall-drop', '--no-isolation', '--format', 'json'];
    const fromFile = await runArctlAsync([...args, '--alert', 'examples/alerts.json']);
    const fromStdin = runArctl([...args, '--alert', '-'], { input: readFileSync(join(projectRoot, 'examples/alerts.json')) });
    assert.equal(fromStdin.status, 0, fromStdin.stdout + fromStdin.stderr);
    const runs = (out: string) => (JSON.parse(out) as { runs: Array<{ time: number; action: string; answer?: string; key: string }> }).runs.map((x) => `${x.time} ${x.action} ${x.answer ?? '-'} ${x.key}`);
    assert.deepEqual(runs(fromStdin.stdout), runs(fromFile.stdout));
    assert.equal(runs(fromStdin.stdout).length, 3);
    const both = runArctl(['script', 'test', program('firewall-drop', bash.compliant), '--file', '-', '--alert', '-', '--no-isolation'], { input: '' });
    assert.equal(both.status, 2);
    assert.equal(both.stderr, 'arctl: --alert - and --file - cannot both read standard input; give a file for all but one\n');
    const none = runArctl(['script', 'test', program('firewall-drop', bash.compliant), '--alert', '-', '--no-isolation'], { input: '[]\n' });
    assert.equal(none.status, 2);
    assert.equal(none.stderr, 'arctl: <stdin>: no alerts\n');
  });

  test('without --file the message is what execd writes for an ossec.conf with no node name: origin "undefined", numbers as cJSON prints them', async () => {
    const alertFile = join(tempDir(), 'alert.json');
    writeFileSync(alertFile, '{"timestamp":"2024-05-01T12:00:00.000+0000","rule":{"id":"5712","level":10,"firedtimes":10000000000000000,"ratio":1.5e-7},"agent":{"id":"001","name":"web01"},"id":"1714564800.1","data":{"srcip":"203.0.113.7"}}\n');
    const r = await runArctlAsync(['script', 'test', program('block.sh', bash.compliant), '--alert', alertFile, '--no-isolation', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const first = (JSON.parse(r.stdout) as { runs: Array<{ stdin: string[] }> }).runs[0]!.stdin[0]!;
    assert.match(first, /"origin":\{"name":"undefined","module":"wazuh-execd"\}/);
    // cJSON_PrintUnformatted's %1.15g: JSON.stringify would write 10000000000000000 and 1.5e-7.
    assert.match(first, /"firedtimes":1e\+16,"ratio":1\.5e-07\}/);
  });

  test('rm, mv, mkdir... on a path outside the installation directory are recorded, not run; inside it they run; /var/ossec paths are named', async () => {
    // A remove-threat script (Wazuh's VirusTotal example: `rm -f` of data.virustotal.source.file) deleted the
    // file the alert names on this machine, and the report said it did nothing visible.
    const dir = tempDir();
    const victim = join(dir, 'eicar file.exe');
    writeFileSync(victim, 'X5O!');
    const alertFile = join(dir, 'alert.json');
    writeFileSync(alertFile, JSON.stringify({ timestamp: '2024-05-01T12:00:00.000+0000', rule: { id: '87105', level: 12 }, agent: { id: '001', name: 'web01' }, id: '1714564800.1', data: { virustotal: { source: { file: victim } } } }) + '\n');
    const script = [
      '#!/bin/bash',
      'read -r INPUT_JSON',
      'FILE=$(printf \'%s\' "$INPUT_JSON" | sed -n \'s/.*"file":"\\([^"]*\\)".*/\\1/p\')',
      'printf \'{"version":1,"origin":{"name":"remove-threat","module":"active-response"},"command":"check_keys","parameters":{"keys":[]}}\\n\'',
      'read -r RESPONSE',
      'mkdir -p state && touch state/lock && rm -rf state',
      'mkdir -p /nonexistent-arctl-quarantine',
      'mv "$FILE" /nonexistent-arctl-quarantine/ && rm -f "$FILE"',
      // Wazuh's Python example logs to /var/ossec/logs by absolute path: absent here, named in the stderr check's fix.
      'echo removed >> /var/ossec/arctl-test-absent/active-responses.log',
      // Its own log, relative to its working directory: the report shows the last 20 lines.
      'i=1; while [ $i -le 25 ]; do echo "remove-threat: line $i" >> logs/active-responses.log; i=$((i+1)); done',
      '',
    ].join('\n');
    const r = await runArctlAsync(['script', 'test', program('remove-threat.sh', script), '--timeout', '0', '--alert', alertFile, '--no-isolation', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    assert.deepEqual(report.runs[0]!.effects, ['ran mkdir -p /nonexistent-arctl-quarantine', `ran mv ${victim} /nonexistent-arctl-quarantine/`, `ran rm -f ${victim}`]);
    assert.equal(readFileSync(victim, 'utf8'), 'X5O!');
    assert.equal(report.checks.find((k) => k.id === 'acts')?.status, 'pass');
    const stderr = report.checks.find((k) => k.id === 'stderr') as Check & { fix?: string };
    assert.equal(stderr.status, 'warn');
    const log = (report as Report & { activeResponsesLog: { lines: string[]; more: boolean } }).activeResponsesLog;
    assert.deepEqual([log.lines.length, log.lines[0], log.lines.at(-1), log.more], [20, 'remove-threat: line 6', 'remove-threat: line 25', true]);
    assert.match(stderr.fix ?? '', /^it names \/var\/ossec\/arctl-test-absent\/active-responses\.log by absolute path, which does not exist on this machine: the test installs the program in a temporary directory, execd's working directory/);
  });

  test('in the overlay a write outside the installation directory succeeds in the test only: the runs show each file changed, with its lines, even when the program hides its errors; the AR log is shown', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip }, async () => {
    // Not under /tmp: the program gets a private /tmp, where these files would merely be absent.
    const dir = scratchDir();
    const hostsDeny = join(dir, 'hosts.deny');
    writeFileSync(hostsDeny, 'ALL: 192.0.2.1\n');
    const quarantined = join(dir, 'eicar.exe');
    writeFileSync(quarantined, 'X5O!');
    const unpacked = join(dir, 'eicar.d');
    mkdirSync(unpacked);
    writeFileSync(join(unpacked, 'a'), 'X5O!');
    // Wazuh's stock host-deny as a shell script (src/active-response/host-deny.c): a duplicate check, "ALL:IP"
    // appended, on delete the file rewritten through active-response/bin/temp-hosts-deny; its failures go to its own
    // log only (write_debug_file), never to stderr.
    const hostDeny = program('host-deny.sh', [
      '#!/bin/sh',
      'LOG=logs/active-responses.log',
      `DENY='${hostsDeny}'`,
      'read -r INPUT_JSON',
      'COMMAND=$(printf \'%s\' "$INPUT_JSON" | sed -n \'s/.*"command":"\\([a-z_]*\\)".*/\\1/p\')',
      'SRCIP=$(printf \'%s\' "$INPUT_JSON" | sed -n \'s/.*"srcip":"\\([^"]*\\)".*/\\1/p\')',
      'if [ "$COMMAND" = add ]; then',
      '  printf \'{"version":1,"origin":{"name":"host-deny","module":"active-response"},"command":"check_keys","parameters":{"keys":["%s"]}}\\n\' "$SRCIP"',
      '  read -r ANSWER',
      '  case "$ANSWER" in *\'"command":"continue"\'*) ;; *) echo "host-deny: Aborted" >> "$LOG"; exit 0 ;; esac',
      '  grep -q "$SRCIP" "$DENY" 2>/dev/null && { echo "host-deny: IP $SRCIP already exists" >> "$LOG"; exit 1; }',
      '  echo "ALL:$SRCIP" >> "$DENY" 2>/dev/null || echo "host-deny: Unable to write rule" >> "$LOG"',
      'else',
      '  grep -v "$SRCIP" "$DENY" > active-response/bin/temp-hosts-deny 2>/dev/null',
      '  mv active-response/bin/temp-hosts-deny "$DENY" 2>/dev/null || echo "host-deny: Unable to write file $DENY" >> "$LOG"',
      'fi',
      'echo "host-deny: Ended" >> "$LOG"',
      'exit 0',
      '',
    ].join('\n'));
    // A remove-threat that hides its errors (Python's try/except alike) and tries to replace a recorder first.
    const removeThreat = program('remove-threat.sh', [
      '#!/bin/sh',
      'read -r INPUT_JSON',
      'printf \'{"version":1,"origin":{"name":"remove-threat","module":"active-response"},"command":"check_keys","parameters":{"keys":[]}}\\n\'',
      'read -r ANSWER',
      'printf \'#!/bin/sh\\n\' > "$(command -v iptables)" 2>/dev/null',
      `rm -f '${quarantined}' 2>/dev/null`,
      `rm -rf '${unpacked}' 2>/dev/null`,
      'iptables -I INPUT -s 203.0.113.7 -j DROP',
      'exit 0',
      '',
    ].join('\n'));
    const [deny, remove] = await Promise.all([
      runArctlAsync(['script', 'test', hostDeny, '--timeout', '60', '--format', 'json']),
      runArctlAsync(['script', 'test', removeThreat, '--timeout', '0', '--format', 'json']),
    ]);
    assert.equal(deny.status, 0, deny.stdout + deny.stderr);
    const report = JSON.parse(deny.stdout) as Report & { fileIsolation: string; activeResponsesLog: { file: string; lines: string[]; more: boolean } };
    const runs = report.runs as Array<Report['runs'][number] & { changes?: Array<{ effect: string; path: string; change: string; diff?: string[] }> }>;
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    // This machine's files are as they were.
    assert.equal(readFileSync(hostsDeny, 'utf8'), 'ALL: 192.0.2.1\n');
    assert.equal(readFileSync(quarantined, 'utf8'), 'X5O!');
    const changed = `changed ${hostsDeny} (in the test's overlay)`;
    // add, abort, another offender, the deletes, the first offender again: each step's own change to the file.
    assert.deepEqual(runs.map((r) => `${r.action}${r.answer ? ` ${r.answer}` : ''}: ${r.effects.join('; ')}`), [
      `add continue: ${changed}`,
      'add abort: ',
      `add continue: ${changed}`,
      `delete: ${changed}`,
      `delete: ${changed}`,
      `add continue: ${changed}`,
      `delete: ${changed}`,
    ]);
    assert.deepEqual(runs.map((r) => r.changes?.map((c) => c.diff?.join(' ')).join(' | ')), ['+ALL:203.0.113.7', '', '+ALL:198.51.100.23', '-ALL:203.0.113.7', '-ALL:198.51.100.23', '+ALL:203.0.113.7', '-ALL:203.0.113.7']);
    assert.equal(runs[0]!.changes![0]!.path, hostsDeny);
    assert.deepEqual(Object.fromEntries(report.checks.filter((k) => ['abort', 'acts', 'delete', 'stderr'].includes(k.id)).map((k) => [k.id, k.status])), { abort: 'pass', acts: 'pass', delete: 'pass', stderr: 'pass' });
    assert.deepEqual(report.activeResponsesLog, { file: 'logs/active-responses.log', lines: ['host-deny: Ended', 'host-deny: Aborted', 'host-deny: Ended', 'host-deny: Ended', 'host-deny: Ended', 'host-deny: Ended', 'host-deny: Ended'], more: false });

    assert.equal(remove.status, 0, remove.stdout + remove.stderr);
    const removed = JSON.parse(remove.stdout) as Report;
    // rm runs in the overlay (no recorder there); the recorders' directory is read-only, so iptables is still recorded.
    const recorder = /^tried to write (\/\S+)\/iptables: read-only in the test, not changed$/.exec(removed.runs[0]!.effects[3] ?? '');
    assert.deepEqual(removed.runs[0]!.effects, ['ran iptables -I INPUT -s 203.0.113.7 -j DROP', `removed ${unpacked}/ (in the test's overlay)`, `removed ${quarantined} (in the test's overlay)`, `tried to write ${recorder?.[1]}/iptables: read-only in the test, not changed`]);
    assert.equal(readFileSync(join(unpacked, 'a'), 'utf8'), 'X5O!');
    assert.equal(removed.checks.find((k) => k.id === 'stderr')?.status, 'pass');

    // The text report: the lines under the change, and the log.
    const text = await runArctlAsync(['script', 'test', hostDeny, '--timeout', '60']);
    assert.equal(text.status, 0, text.stdout + text.stderr);
    assert.match(text.stdout, new RegExp(`\\n {8}${changed.replace(/[.()/]/g, '\\$&')}\\n {10}\\+ALL:203\\.0\\.113\\.7\\n`));
    assert.match(text.stdout, /\nlogs\/active-responses\.log \(what the program logged in the installation directory\):\n {2}host-deny: Ended\n {2}host-deny: Aborted\n/);
    assert.equal(readFileSync(hostsDeny, 'utf8'), 'ALL: 192.0.2.1\n');
  });

  test('a directory the kernel will not overlay (overlays stacked as deep as it allows) is bound read-only and named; the rest stays an overlay', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip }, () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'deep'));
    writeFileSync(join(dir, 'other'), 'a\n');
    const path = program('deny.sh', [
      '#!/bin/sh',
      'read -r INPUT_JSON',
      'printf \'{"version":1,"origin":{"name":"deny","module":"active-response"},"command":"check_keys","parameters":{"keys":[]}}\\n\'',
      'read -r RESPONSE',
      `echo b >> '${dir}/deep/top/state'`,
      `echo b >> '${dir}/other'`,
      'exit 0',
      '',
    ].join('\n'));
    // In a namespace of the test's own: overlays stacked on dir/deep until the kernel refuses one more, the last bound at dir/deep/top.
    const stack = `d=$1/deep/l && mkdir "$d" && echo a > "$d/state" && i=1 && while mkdir "$1/deep/u$i" "$1/deep/w$i" "$1/deep/m$i" && mount -t overlay o -o "userxattr,lowerdir=$d,upperdir=$1/deep/u$i,workdir=$1/deep/w$i" "$1/deep/m$i" 2>/dev/null; do d=$1/deep/m$i; i=$((i+1)); done; mkdir "$1/deep/top" && mount --bind "$d" "$1/deep/top" && shift && exec "$@"`;
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', stack, 'stack', dir, process.execPath, arctlBin, 'script', 'test', path, '--timeout', '0', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report & { isolationNote: string; fileIsolation: string };
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    // The last of the stack (dir/deep/mN) is as deep as dir/deep/top, its bind.
    assert.match(report.isolationNote, new RegExp(`\\(/proc, /sys and read-only mounts aside, which stay read-only, as do ${dir.replace(/[.]/g, '\\.')}/deep/m\\d, ${dir.replace(/[.]/g, '\\.')}/deep/top, where the kernel refused an overlay\\)`));
    assert.deepEqual(report.runs[0]!.effects, [`changed ${dir}/other (in the test's overlay)`, `tried to write ${dir}/deep/top/state: read-only in the test, not changed`]);
    assert.equal(readFileSync(join(dir, 'other'), 'utf8'), 'a\n');
  });

  test("names of this machine that are not UTF-8, in a directory rebuilt from copies (one holding a mount), are in the new root, and a change there is listed", { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip }, () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'm'));
    const raw = (name: string, byte: number) => Buffer.concat([Buffer.from(`${dir}/${name}`), Buffer.from([byte])]);
    mkdirSync(raw('d', 0xff));
    writeFileSync(Buffer.concat([raw('d', 0xff), Buffer.from('/inner')]), 'a\n');
    writeFileSync(raw('f', 0xfe), 'copied\n');
    const path = program('names.sh', [
      '#!/bin/sh',
      'read -r INPUT_JSON',
      `cat "${dir}/d$(printf '\\377')/inner" "${dir}/f$(printf '\\376')" >&2`,
      `echo b >> "${dir}/d$(printf '\\377')/inner"`,
      'exit 0',
      '',
    ].join('\n'));
    // In a namespace of the test's own, a mount at dir/m: dir holds a mount, so the plan rebuilds it from copies.
    const r = spawnSync('unshare', ['--user', '--map-root-user', '--mount', 'sh', '-c', 'mount -t tmpfs t "$1/m" && shift && exec "$@"', 'mount', dir, process.execPath, arctlBin, 'script', 'test', path, '--timeout', '0', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report & { fileIsolation: string };
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    // Before: both were left out of the new root (Node named them with U+FFFD): "No such file or directory".
    assert.equal(report.runs[0]!.stderr, 'a\ncopied\n');
    assert.deepEqual(report.runs[0]!.effects, [`changed ${dir}/d\\xff/inner (in the test's overlay)`]);
    assert.equal(readFileSync(Buffer.concat([raw('d', 0xff), Buffer.from('/inner')]), 'utf8'), 'a\n');
  });

  test('a directory and files the new root rebuilds keep the mode, times, owner and group of this machine\'s; so does the root of each overlay', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip || (process.getuid?.() !== 0 && 'arctl maps every id only when run as root') }, () => {
    const dir = scratchDir();
    mkdirSync(join(dir, 'm'));
    mkdirSync(join(dir, 'sub'), { mode: 0o750 });
    mkdirSync(join(dir, 'private'), { mode: 0o700 });
    writeFileSync(join(dir, 'state'), 'a\n', { mode: 0o640 });
    // root:wazuh in a real installation: a group of its own.
    for (const p of ['state', 'sub', '.']) chownSync(join(dir, p), 0, 4242);
    chmodSync(join(dir, 'sub'), 0o750);
    chmodSync(join(dir, 'private'), 0o700);
    const paths = ['.', 'state', 'sub', 'private'].map((p) => join(dir, p));
    for (const p of paths) utimesSync(p, 1577836800, 1577836800);
    const path = program('stat.sh', ['#!/bin/sh', 'read -r INPUT_JSON', `stat -c '%n %u:%g %a %Y' ${paths.map((p) => `'${p}'`).join(' ')} >&2`, 'exit 0', ''].join('\n'));
    const host = spawnSync('stat', ['-c', '%n %u:%g %a %Y', ...paths], { encoding: 'utf8' }).stdout;
    assert.match(host, / 0:4242 640 1577836800\n/);
    // A private mount namespace of the test's own (no user namespace: every id stays mapped), a mount at dir/m: dir is rebuilt from copies.
    const r = spawnSync('unshare', ['--mount', 'sh', '-c', 'mount -t tmpfs t "$1/m" && shift && exec "$@"', 'mount', dir, process.execPath, arctlBin, 'script', 'test', path, '--timeout', '0', '--format', 'json'], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report & { fileIsolation: string };
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    // Before: state and dir came out 0:0 (cp without ownership), dir and private with the set-up's time, private 755.
    assert.equal(report.runs[0]!.stderr, host);
    assert.deepEqual(report.runs[0]!.effects, []);
  });

  test('when the overlay cannot be built every mount is read-only and a write shows as what it tried; without a mount namespace the report says writes are not contained', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') }, async () => {
    // Not under /tmp: the program gets a private /tmp, where this file would merely be absent.
    const victim = join(scratchDir(), 'hosts.deny');
    writeFileSync(victim, 'ALL: 192.0.2.1\n');
    const script = [
      '#!/bin/sh',
      'read -r INPUT_JSON',
      'printf \'{"version":1,"origin":{"name":"deny","module":"active-response"},"command":"check_keys","parameters":{"keys":[]}}\\n\'',
      'read -r RESPONSE',
      `echo "ALL: 203.0.113.7" >> '${victim}'`,
      'echo blocked > /tmp/deny.state',
      'exit 0',
      '',
    ].join('\n');
    const path = program('deny.sh', script);
    // An unshare on arctl's PATH whose namespace refuses the overlay (as a kernel before 5.11 does), or the mount namespace.
    const real = spawnSync('sh', ['-c', 'command -v unshare'], { encoding: 'utf8' }).stdout.trim();
    const refusing = (when: string, says: string) => {
      const fake = scratchDir();
      writeFileSync(join(fake, 'unshare'), `#!/bin/sh\ncase " $* " in ${when}) echo '${says}' >&2; exit 125 ;; esac\nexec '${real}' "$@"\n`);
      chmodSync(join(fake, 'unshare'), 0o755);
      return { PATH: `${fake}:${process.env.PATH ?? ''}` };
    };
    const r = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json'], refusing('*arctl-overlay*', 'arctl sandbox: cannot mount an overlay on /etc'));
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report & { isolationNote: string; fileIsolation: string };
    assert.deepEqual([report.isolation, report.fileIsolation], ['mount-and-network-namespace', 'read-only']);
    assert.match(report.isolationNote, /every file outside the installation directory is read-only there \(the copy-on-write overlay could not be built: cannot mount an overlay on \/etc; /);
    assert.equal(readFileSync(victim, 'utf8'), 'ALL: 192.0.2.1\n');
    assert.deepEqual(report.runs[0]!.effects, ['created /tmp/deny.state (the test\'s private /tmp)', `tried to write ${victim}: read-only in the test, not changed`]);
    assert.equal(report.checks.find((k) => k.id === 'acts')?.status, 'pass');
    // The EROFS line is the test's doing: it shows as the effect, not as the program's stderr noise.
    assert.equal(report.checks.find((k) => k.id === 'stderr')?.status, 'pass');

    // Its /dev is the namespace's own too: a read-only bind would leave this machine's disks writable to root.
    const devices = program('devices.sh', ['#!/bin/sh', 'read -r INPUT_JSON', 'ls /dev | tr "\\n" " " >&2', 'echo x > /dev/null && echo "dev/null ok" >&2', 'exit 0', ''].join('\n'));
    const devs = await runArctlAsync(['script', 'test', devices, '--timeout', '0', '--format', 'json'], refusing('*arctl-overlay*', 'arctl sandbox: cannot mount an overlay on /etc'));
    const devReport = JSON.parse(devs.stdout) as Report & { fileIsolation: string };
    assert.equal(devReport.fileIsolation, 'read-only');
    assert.equal(devReport.runs[0]!.stderr, 'fd full null random shm stderr stdin stdout tty urandom zero dev/null ok\n');

    // A kernel that refuses the mount namespace: the network one alone, said plainly.
    const refused = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json'], refusing('*" --mount "*', 'unshare: unshare failed: Operation not permitted'));
    assert.equal(refused.status, 0, refused.stdout + refused.stderr);
    const fallback = JSON.parse(refused.stdout) as Report & { isolationNote: string; fileIsolation: string };
    assert.deepEqual([fallback.isolation, fallback.fileIsolation], ['network-namespace', 'none']);
    assert.match(fallback.isolationNote, /^private user, network and PID namespace, no mount namespace \(unshare --user --net --pid --fork --kill-child --map-root-user: root alone is mapped, .*\): firewall changes by absolute path stay in it, but the kernel refused a mount namespace \(unshare --user --net --mount --pid --fork --kill-child( --map-root-user)?: unshare: unshare failed: Operation not permitted\), so writes to files outside the installation directory .* are NOT contained: they change this machine, the recorders' directory is writable to the program/);
    assert.match(readFileSync(victim, 'utf8'), /^ALL: 192\.0\.2\.1\nALL: 203\.0\.113\.7\n/);

    // Every run in the same network and PID namespaces, not this machine's; a daemon it leaves ends with the test.
    const marker = `arctl-net-${process.pid}`;
    const namespaces = program('ns.sh', ['#!/bin/sh', 'read -r INPUT_JSON', 'readlink /proc/self/ns/net /proc/self/ns/pid >&2', `setsid sleep 600 ${marker} </dev/null >/dev/null 2>&1 &`, 'exit 0', ''].join('\n'));
    const held = await runArctlAsync(['script', 'test', namespaces, '--timeout', '0', '--format', 'json'], refusing('*" --mount "*', 'unshare: unshare failed: Operation not permitted'));
    assert.equal(held.status, 0, held.stdout + held.stderr);
    const heldRuns = (JSON.parse(held.stdout) as Report).runs;
    const own = [readlinkSync('/proc/self/ns/net'), readlinkSync('/proc/self/ns/pid')].join('\n') + '\n';
    assert.equal(heldRuns.length, 3);
    assert.ok(heldRuns.every((run) => run.stderr === heldRuns[0]!.stderr && /^net:\[\d+\]\npid:\[\d+\]\n$/.test(run.stderr)), heldRuns.map((run) => run.stderr).join('|'));
    assert.notEqual(heldRuns[0]!.stderr.split('\n')[0], own.split('\n')[0]);
    assert.notEqual(heldRuns[0]!.stderr.split('\n')[1], own.split('\n')[1]);
    // Before: `setsid` took the daemon out of the run's process group, and it outlived the test.
    assert.deepEqual(sleepers(marker), []);

    // A kernel that refuses the PID namespace too: a network namespace a run, said so.
    const perRun = await runArctlAsync(['script', 'test', namespaces, '--timeout', '0', '--format', 'json'], refusing('*" --mount "*|*" --pid "*', 'unshare: unshare failed: Operation not permitted'));
    assert.equal(perRun.status, 0, perRun.stdout + perRun.stderr);
    const perRunReport = JSON.parse(perRun.stdout) as Report & { isolationNote: string };
    assert.match(perRunReport.isolationNote, /^private network namespace only, a new one each run \(unshare --user --net --map-root-user; the kernel refused a PID namespace too: unshare --user --net --pid --fork --kill-child --map-root-user: unshare: unshare failed: Operation not permitted; /);
    assert.notEqual(perRunReport.runs[0]!.stderr.split('\n')[0], perRunReport.runs[1]!.stderr.split('\n')[0]);
    for (const pid of sleepers(marker)) process.kill(Number(pid), 'SIGKILL');
  });

  test('a command named by absolute path is recorded as through PATH: in the overlay wherever execd\'s PATH has a directory, whether or not this machine has it; read-only, where this machine has it', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') }, async () => {
    // The ossec-hids firewall-drop.sh way: probe /sbin/iptables, then /usr/sbin/iptables, and exit 0 when neither is there.
    const probing = program('firewall-drop.sh', [
      '#!/bin/sh',
      'read -r INPUT_JSON',
      'printf \'{"version":1,"origin":{"name":"fw","module":"active-response"},"command":"check_keys","parameters":{"keys":[]}}\\n\'',
      'read -r RESPONSE',
      'IPTABLES=/sbin/iptables',
      'ls $IPTABLES >/dev/null 2>&1 || { IPTABLES=/usr$IPTABLES; ls $IPTABLES >/dev/null 2>&1 || exit 0; }',
      '$IPTABLES -I INPUT -s 203.0.113.7 -j DROP',
      '/usr/bin/systemctl restart fail2ban',
      '/bin/logger -t fw blocked',
      'exit 0',
      '',
    ].join('\n'));
    if (!overlaySkip) {
      const r = await runArctlAsync(['script', 'test', probing, '--timeout', '0', '--format', 'json']);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout) as Report & { isolationNote: string; fileIsolation: string };
      assert.equal(report.fileIsolation, 'overlay');
      // Recorded, and the recorders put there are not the program's changes to the overlay.
      assert.deepEqual(report.runs[0]!.effects, ['ran iptables -I INPUT -s 203.0.113.7 -j DROP', 'ran systemctl restart fail2ban', 'ran logger -t fw blocked']);
      assert.match(report.isolationNote, /named by absolute path in a directory of execd's PATH \(\/sbin\/iptables, \/usr\/bin\/systemctl\) are recorders too/);
    }

    // Read-only: a recorder bound over each recorded command this machine has as a program of its own name, or a link to one.
    const dirs = ['/usr/local/sbin', '/usr/local/bin', '/usr/sbin', '/usr/bin', '/sbin', '/bin'];
    const own = (name: string) => dirs.map((d) => `${d}/${name}`).find((p) => existsSync(p) && basename(realpathSync(p)) === name && statSync(p).isFile());
    const present = ['logger', 'kill', 'curl', 'wget', 'ip', 'systemctl', 'route'].map((name) => own(name)).find((p) => p !== undefined);
    if (present === undefined) return;
    const calling = program('call.sh', ['#!/bin/sh', 'read -r INPUT_JSON', `${present} --arctl-test "a b"`, 'exit 0', ''].join('\n'));
    const real = spawnSync('sh', ['-c', 'command -v unshare'], { encoding: 'utf8' }).stdout.trim();
    const fake = scratchDir();
    writeFileSync(join(fake, 'unshare'), `#!/bin/sh\ncase " $* " in *arctl-overlay*) echo 'arctl sandbox: cannot mount an overlay on /etc' >&2; exit 125 ;; esac\nexec '${real}' "$@"\n`);
    chmodSync(join(fake, 'unshare'), 0o755);
    const r = await runArctlAsync(['script', 'test', calling, '--timeout', '0', '--format', 'json'], { PATH: `${fake}:${process.env.PATH ?? ''}` });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report & { isolationNote: string; fileIsolation: string };
    assert.equal(report.fileIsolation, 'read-only');
    assert.deepEqual(report.runs[0]!.effects, [`ran ${basename(present)} --arctl-test a b`]);
    assert.match(report.isolationNote, /named by absolute path are recorded where this machine has them as a program of their own name/);
  });

  test("a Python program's rename the sandbox refuses (EXDEV: the private /tmp and the overlay are mounts of their own) shows as what it tried; its traceback is not the program's stderr noise", { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip || pythonSkip }, async () => {
    const dir = scratchDir();
    const path = program('quarantine.py', [
      '#!/usr/bin/env python3',
      'import json, os, sys',
      'sys.stdin.readline()',
      'print(json.dumps({"version": 1, "origin": {"name": "q", "module": "active-response"}, "command": "check_keys", "parameters": {"keys": []}}), flush=True)',
      'sys.stdin.readline()',
      "open('/tmp/deny.new', 'w').write('ALL: 203.0.113.7\\n')",
      'try:',
      `    os.rename('/tmp/deny.new', '${dir}/hosts.deny')`,
      'except OSError as e:',
      "    raise RuntimeError('cannot install the deny list') from e",
      '',
    ].join('\n'));
    const r = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as Report;
    const run = report.runs[0]!;
    // The traceback is there, chained: the EXDEV one, then the program's own.
    assert.match(run.stderr, /^Traceback \(most recent call last\):\n[^]*OSError: \[Errno 18\] Invalid cross-device link: '\/tmp\/deny\.new' -> '[^']+'\n\nThe above exception was the direct cause of the following exception:\n\nTraceback[^]*\nRuntimeError: cannot install the deny list\n$/);
    assert.deepEqual(run.effects, [
      "created /tmp/deny.new (the test's private /tmp)",
      `tried to write /tmp/deny.new (a rename to ${dir}/hosts.deny): the test's sandbox refused it (Invalid cross-device link) where the agent may rename it: its overlay cannot rename a directory of this machine, and each overlaid tree is a mount of its own, as is its private /tmp (which holds the installation directory), between which nothing can be renamed; not changed`,
    ]);
    // Before: "writes nothing to stderr" warned with the traceback, the test's doing.
    assert.equal(report.checks.find((k) => k.id === 'stderr')?.status, 'pass');
    assert.match(report.checks.find((k) => k.id === 'exit-status')?.summary ?? '', /exit 1 \(after the test kept it from writing outside the installation directory: the write may succeed on the agent\)/);
  });

  test('run by a user other than root, the namespace maps its /etc/subuid and /etc/subgid ranges through newuidmap, so a program may switch users; without them, or refused, root alone, said so', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || (process.getuid?.() !== 0 && 'the test needs root to run arctl as another user') || (spawnSync('sh', ['-c', 'command -v newuidmap && command -v newgidmap && command -v setpriv']).status !== 0 && 'no newuidmap, newgidmap (uidmap) or setpriv here') }, () => {
    // A user of the test's own, in a private mount namespace whose /etc/passwd, group, subuid and subgid name it: this machine's stay as they are.
    const dir = tempDir('arctl-script-user-');
    chmodSync(dir, 0o755);
    const user = 'arctltest';
    const id = 4000 + (process.pid % 1000);
    writeFileSync(join(dir, 'passwd'), `${readFileSync('/etc/passwd', 'utf8')}${user}:x:${id}:${id}::/tmp:/bin/sh\n`);
    writeFileSync(join(dir, 'group'), `${readFileSync('/etc/group', 'utf8')}${user}:x:${id}:\n`);
    writeFileSync(join(dir, 'ranges'), `${user}:300000:65536\n`);
    writeFileSync(join(dir, 'none'), '');
    mkdirSync(join(dir, 'bin'));
    writeFileSync(join(dir, 'bin', 'newuidmap'), '#!/bin/sh\necho "newuidmap: write to uid_map failed: Operation not permitted" >&2\nexit 1\n');
    chmodSync(join(dir, 'bin', 'newuidmap'), 0o755);
    const path = join(dir, 'switch.sh');
    writeFileSync(path, ['#!/bin/sh', 'read -r INPUT_JSON', 'cat /proc/self/uid_map >&2', 'setpriv --reuid=65534 --regid=65534 --clear-groups id -u >&2 || echo "no switch" >&2', 'exit 0', ''].join('\n'));
    chmodSync(path, 0o755);
    const asUser = (ranges: string, extraPath = '') => {
      const script = `for f in passwd group; do mount --bind "$1/$f" "/etc/$f" || exit 9; done; mount --bind "$1/$2" /etc/subuid && mount --bind "$1/$2" /etc/subgid || exit 9; shift 2; exec setpriv --reuid=${id} --regid=${id} --clear-groups "$@"`;
      const r = spawnSync('unshare', ['--mount', 'sh', '-c', script, 'as-user', dir, ranges, 'env', 'HOME=/tmp', `PATH=${extraPath}${process.env.PATH ?? ''}`, process.execPath, arctlBin, 'script', 'test', path, '--timeout', '0', '--format', 'json'], { encoding: 'utf8', cwd: '/tmp' });
      assert.equal(r.status, 0, r.stdout + r.stderr);
      return JSON.parse(r.stdout) as Report & { isolationNote: string; fileIsolation: string };
    };
    const mapped = asUser('ranges');
    assert.equal(mapped.fileIsolation, 'overlay');
    // Before: root alone (unshare --map-root-user), and the switch failed with EINVAL.
    assert.match(mapped.runs[0]!.stderr, new RegExp(`^ +0 +${id} +1\\n +1 +300000 +65536\\n65534\\n$`));
    assert.match(mapped.isolationNote, /root mapped to the user running arctl and ids 1 to 65536 to its \/etc\/subuid and \/etc\/subgid ranges \(newuidmap, newgidmap\), so a program may switch to another user there/);

    const refused = asUser('ranges', `${join(dir, 'bin')}:`);
    assert.match(refused.runs[0]!.stderr, new RegExp(`^ +0 +${id} +1\\n.*no switch\\n$`, 's'));
    assert.match(refused.isolationNote, /root alone is mapped, to the user running arctl \(newuidmap refused the \/etc\/subuid ranges: newuidmap: write to uid_map failed: Operation not permitted\), so a program that switches to another user \(su, setpriv\) fails there/);

    const none = asUser('none');
    assert.match(none.isolationNote, /--map-root-user: root alone is mapped, to the user running arctl, so a program that switches to another user \(su, setpriv\) fails there \(newuidmap and \/etc\/subuid ranges for this user would map more\)/);
  });

  test('a rename between the private /tmp and the installation directory works, as where the agent has them on one file system, in the overlay and read-only', { skip: namespaceSkip || (!mountNamespace && 'unshare --mount is not permitted here') || overlaySkip || pythonSkip }, async () => {
    // The atomic way: a temporary file in /tmp, then os.replace over the list in the installation directory; and back and forth.
    const path = program('lists.py', [
      '#!/usr/bin/env python3',
      'import json, os, sys, tempfile',
      'sys.stdin.readline()',
      'print(json.dumps({"version": 1, "origin": {"name": "l", "module": "active-response"}, "command": "check_keys", "parameters": {"keys": []}}), flush=True)',
      'sys.stdin.readline()',
      "fd, tmp = tempfile.mkstemp(dir='/tmp')",
      "os.write(fd, b'203.0.113.7\\n')",
      'os.close(fd)',
      "os.replace(tmp, 'etc/blocked.list')",
      "os.rename('etc/blocked.list', '/tmp/blocked.back')",
      "os.rename('/tmp/blocked.back', 'etc/blocked.list')",
      '',
    ].join('\n'));
    const real = spawnSync('sh', ['-c', 'command -v unshare'], { encoding: 'utf8' }).stdout.trim();
    const fake = scratchDir();
    writeFileSync(join(fake, 'unshare'), `#!/bin/sh\ncase " $* " in *arctl-overlay*) echo 'arctl sandbox: cannot mount an overlay on /etc' >&2; exit 125 ;; esac\nexec '${real}' "$@"\n`);
    chmodSync(join(fake, 'unshare'), 0o755);
    for (const [isolation, env] of [['overlay', {}], ['read-only', { PATH: `${fake}:${process.env.PATH ?? ''}` }]] as const) {
      const r = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json'], env);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const report = JSON.parse(r.stdout) as Report & { fileIsolation: string };
      assert.equal(report.fileIsolation, isolation);
      // Before: EXDEV (the installation directory was a mount of its own), the temporary file left in /tmp.
      assert.equal(report.runs[0]!.stderr, '');
      assert.deepEqual(report.runs[0]!.effects, ['created etc/blocked.list']);
    }
  });

  test('without a namespace to run in, the program is not run unless --no-isolation says so', async () => {
    const path = program('block.sh', bash.compliant);
    // No unshare on PATH: as on a system without util-linux.
    const refused = await runArctlAsync(['script', 'test', path], { PATH: '/nonexistent' });
    assert.equal(refused.status, 2);
    assert.equal(refused.stdout, '');
    assert.match(refused.stderr, /^arctl: cannot run the program in a private network namespace \(unshare: not installed \(util-linux\)\); --no-isolation runs it in a temporary directory only/);
  });

  test('a program that cannot be executed exits 127 and writes nothing, as execd\'s child does, in a namespace and without one', async () => {
    for (const [text, mode] of [[bash.compliant, 0o644], [bashCrlf, 0o755]] as const) {
      const path = program('block.sh', text);
      chmodSync(path, mode);
      for (const isolated of namespaceSkip ? [false] : [true, false]) {
        const r = await runArctlAsync(['script', 'test', path, '--timeout', '60', '--reply-timeout', '10', '--format', 'json', ...(isolated ? [] : ['--no-isolation'])]);
        assert.equal(r.status, 1, r.stderr);
        const report = JSON.parse(r.stdout) as Omit<Report, 'runs'> & { runs: Array<{ exit: { code: number } | 'hang'; stderr: string }> };
        const label = `mode ${mode.toString(8)}, ${isolated ? 'namespace' : 'no isolation'}`;
        assert.deepEqual([...new Set(report.runs.map((x) => JSON.stringify([x.exit, x.stderr])))], [JSON.stringify([{ code: 127, signal: null }, ''])], label);
        assert.equal(report.checks.find((k) => k.id === 'stderr')?.status, 'pass', label);
      }
    }
  });

  test('background work a program leaves behind ends with the test: it would act later on this machine, with the recorders gone', async () => {
    // The program says its background pid on stderr (the report's runs carry it): in the mount namespace it can write no file of this machine.
    const text = bash.compliant.replace('exit 0\n', `( sleep 300; iptables -D INPUT -s "$SRCIP" -j DROP ) >/dev/null 2>&1 &\necho "background $!" >&2\nexit 0\n`);
    for (const isolated of namespaceSkip ? [false] : [true, false]) {
      const r = await runArctlAsync(['script', 'test', program('block.sh', text), '--timeout', '60', '--format', 'json', ...(isolated ? [] : ['--no-isolation'])]);
      assert.equal(r.status, 0, r.stdout + r.stderr);
      const started = (JSON.parse(r.stdout) as Report).runs.flatMap((run) => [...run.stderr.matchAll(/^background (\d+)$/gm)].map((m) => Number(m[1])));
      assert.ok(started.length > 0, 'the program started background work');
      // Killed, a process may take a moment to go, and stays a zombie until it is reaped.
      const running = (pid: number) => {
        try {
          return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
        } catch {
          return false;
        }
      };
      let alive = started.filter(running);
      for (let i = 0; i < 50 && alive.length > 0; i++) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        alive = alive.filter(running);
      }
      // Don't leave them running when the assertion fails: their process group holds their children.
      for (const pid of alive) {
        try {
          const pgid = Number(/\) \S+ \d+ (\d+)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1]);
          process.kill(pgid > 1 ? -pgid : pid, 'SIGKILL');
        } catch {
          // Gone meanwhile.
        }
      }
      assert.deepEqual(alive, [], isolated ? 'namespace' : 'no isolation');
    }
  });

  test("an <executable> in a subdirectory runs as execd runs it, active-response/bin/sub/NAME; one that climbs out is refused as execd refuses it", async () => {
    const config = (executable: string) => {
      const path = join(tempDir(), 'ossec.conf');
      writeFileSync(
        path,
        `<ossec_config>\n  <command>\n    <name>block</name>\n    <executable>${executable}</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n` +
          '  <active-response>\n    <command>block</command>\n    <location>local</location>\n    <level>3</level>\n    <timeout>60</timeout>\n  </active-response>\n</ossec_config>\n',
      );
      return path;
    };
    // Found by its file name without --command; argv[0] and parameters.program name the subdirectory.
    const r = await runArctlAsync(['script', 'test', program('block.sh', bash.compliant), '--file', config('custom/block.sh'), '--no-isolation', '--format', 'json']);
    assert.equal(r.status, 0, r.stdout + r.stderr);
    const report = JSON.parse(r.stdout) as { runs: Array<{ action: string; argv: string[]; stdin: string[]; exit: unknown }> };
    assert.deepEqual([...new Set(report.runs.map((x) => JSON.stringify([x.argv, x.exit])))], [JSON.stringify([['active-response/bin/custom/block.sh'], { code: 0, signal: null }])]);
    assert.equal((JSON.parse(report.runs[0]!.stdin[0]!) as { parameters: { program: string } }).parameters.program, 'active-response/bin/custom/block.sh');
    // w_ref_parent_folder: ReadExecConfig drops it, so nothing would ever run.
    const out = await runArctlAsync(['script', 'test', program('block.sh', bash.compliant), '--file', config('../block.sh'), '--no-isolation']);
    assert.equal(out.status, 2, out.stdout + out.stderr);
    assert.equal(out.stdout, '');
    assert.match(out.stderr, /^arctl: <executable> '\.\.\/block\.sh': execd refuses it \(Active response command '\.\.\/block\.sh' vulnerable to directory traversal attack\. Ignoring\.: .*\) and never runs it; nothing to test\n$/);
  });

  test('usage errors exit 2 with one line', async () => {
    const both = await runArctlAsync(['script', 'test', program('block.sh', bash.compliant), '--file', 'examples/ossec.conf', '--timeout', '60', '--no-isolation']);
    assert.equal(both.status, 2);
    assert.match(both.stderr, /^arctl: --timeout is for a test without --file/);
    const missing = await runArctlAsync(['script', 'test', '/nonexistent/block.sh', '--no-isolation']);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /^arctl: \/nonexistent\/block\.sh: .+\n$/);
    const badDeadline = await runArctlAsync(['script', 'test', program('block.sh', bash.compliant), '--reply-timeout', 'soon', '--no-isolation']);
    assert.equal(badDeadline.status, 2);
    assert.match(badDeadline.stderr, /--reply-timeout 'soon': expected a number of seconds above 0/);
  });
});
