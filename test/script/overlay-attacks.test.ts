/**
 * `arctl script test` against a hostile program (#22's attacker, who wrote the program people download and
 * test): through the real CLI, in the copy-on-write overlay, on files of the test only. Each attack must end
 * with this machine's files as they were and a bounded, honest report.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, describe, test } from 'node:test';
import { RECORD_FD } from '../../src/script/recorders.ts';
import { runArctlAsync, type CliResult } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const overlaySkip = (() => {
  const probe = spawnSync('unshare', ['--user', '--mount', '--map-root-user', 'sh', '-c', 'd=$(mktemp -d) && mkdir "$d/l" "$d/u" "$d/w" "$d/m" && mount -t tmpfs t "$d/u" && mkdir "$d/u/u" "$d/u/w" && mount -t overlay o -o "userxattr,lowerdir=$d/l,upperdir=$d/u/u,workdir=$d/u/w" "$d/m"; s=$?; umount "$d/m" "$d/u" 2>/dev/null; rm -rf "$d"; exit $s'], { encoding: 'utf8' });
  return probe.status === 0 ? false : `a user, mount and overlay namespace is not permitted here (${(probe.stderr || String(probe.error)).trim().split('\n')[0]})`;
})();

/** The processes of this machine running `sleep MARKER`. */
function sleeping(marker: string): string[] {
  return readdirSync('/proc').filter((pid) => {
    try {
      return /^\d+$/.test(pid) && readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `sleep\0${marker}\0`;
    } catch {
      return false;
    }
  });
}

const pythonSkip = spawnSync('/usr/bin/env', ['python3', '--version'], { env: { PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' } }).status === 0 ? false : 'no python3 on the PATH execd gives its programs';

interface Report {
  fileIsolation: string;
  runs: Array<{ effects: string[]; stderr: string }>;
}

/** `arctl script test` (JSON, timeout 0: three add runs) of a shell program whose body, after `read -r _`, is `lines`. */
async function testProgram(lines: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult & { report: () => Report }> {
  const path = join(tempDir('arctl-script-attack-'), 'hostile.sh');
  writeFileSync(path, ['#!/bin/sh', 'read -r _', ...lines, 'exit 0', ''].join('\n'));
  chmodSync(path, 0o755);
  const r = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json'], env);
  return { ...r, report: () => JSON.parse(r.stdout) as Report };
}

describe('arctl script test against a hostile program, in the overlay', { skip: overlaySkip }, () => {
  test("the holder's /proc/PID/root (this machine's tree, in the program's user namespace) is read-only: a write there fails and the file stays as it was", async () => {
    const victim = join(tempDir('arctl-script-attack-'), 'victim');
    writeFileSync(victim, 'original\n');
    // Every process whose root is not the program's own and shows the victim: the namespace's holder.
    const r = await testProgram([
      'for p in /proc/[0-9]*; do',
      `  [ -e "$p/root${victim}" ] && ! [ "$p/root/" -ef / ] || continue`,
      '  echo "reached $p" >&2',
      `  echo pwned 2>/dev/null >> "$p/root${victim}" && echo "wrote through $p" >&2`,
      'done',
    ]);
    const report = r.report();
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    const stderr = report.runs.map((run) => run.stderr).join('');
    assert.match(stderr, /^reached \/proc\/\d+$/m, 'the attack found the holder');
    assert.doesNotMatch(stderr, /wrote through/);
    assert.equal(readFileSync(victim, 'utf8'), 'original\n');
  });

  test("devices: the program's /dev holds only null, zero, full, random, urandom and tty, and this machine's /dev reached through the holder's root opens no device", async () => {
    const r = await testProgram([
      'ls /dev | tr "\\n" " " >&2; echo >&2',
      'echo x > /dev/null && echo "dev/null ok" >&2',
      'for p in /proc/[0-9]*/root; do',
      '  [ "$p/" -ef / ] && continue',
      '  [ -c "$p/dev/null" ] || continue',
      '  echo "reached $p/dev" >&2',
      '  echo x 2>/dev/null > "$p/dev/null" && echo "opened a device through $p" >&2',
      'done',
    ]);
    const report = r.report();
    assert.equal(report.fileIsolation, 'overlay', `why not: ${(report as { isolationNote?: string }).isolationNote}`);
    const stderr = report.runs[0]!.stderr;
    assert.equal(stderr.split('\n')[0]!.trim(), 'fd full null random shm stderr stdin stdout tty urandom zero');
    assert.match(stderr, /^dev\/null ok$/m);
    assert.match(stderr, /^reached \/proc\/\d+\/root\/dev$/m, 'the attack found the holder');
    assert.doesNotMatch(stderr, /opened a device/);
  });

  test('a program that makes thousands of files and runs a recorded command hundreds of times gets a bounded report with honest counts; past the cut it says so', async () => {
    // The first run: 50,050 files in the private /tmp, 2,050 in /etc (the overlay), 105 recorded iptables; the second changes one of each.
    const r = await testProgram([
      '[ -d /tmp/m ] && { echo changed > /etc/m/2040; echo changed > /tmp/m/25000; exit 0; }',
      'mkdir /tmp/m /etc/m && cd /tmp/m && seq 1 50050 | xargs touch && cd /etc/m && seq 1 2050 | xargs touch',
      'i=0; while [ $i -lt 105 ]; do iptables -A INPUT -j DROP; i=$((i+1)); done',
    ]);
    const [first, second] = r.report().runs;
    const effects = first!.effects;
    // Before: 4,200 lines in this run.
    assert.equal(effects.filter((e) => e.startsWith('ran iptables')).length, 100);
    assert.ok(effects.includes('and 5 more command(s) recorded'), effects.slice(100, 110).join('\n'));
    assert.equal(effects.filter((e) => e.startsWith('created ')).length, 100);
    // Private /tmp: 50,000 files compared (2,000 read) and 50 counted; the overlay: /etc/m and its 2,050 files, all compared.
    // Before: 2,000 per tree, the rest counted.
    assert.deepEqual(effects.slice(-2), [
      'and 51951 more path(s) changed',
      "and path(s) the test did not compare (the comparison was cut at 50000 files per tree; a directory it cannot list counts as one): 50 in the test's private /tmp",
    ]);
    // A file past the 2,000 read is compared by size and time: its change shows, without its lines.
    assert.ok(second!.effects.includes("changed /etc/m/2040 (in the test's overlay)"), second!.effects.join('\n'));
    // In the middle of the private /tmp's 50,050: compared whichever 50 the listing leaves for last.
    assert.ok(second!.effects.includes("changed /tmp/m/25000 (the test's private /tmp)"), second!.effects.join('\n'));
    assert.ok(r.stdout.length < 200_000, `${r.stdout.length} bytes`);
  });

  test("the recorders' record cannot be taken back: not truncated, read back nor forged into other lines; a child without the recorders' fd still records", async () => {
    const r = await testProgram([
      'iptables -F INPUT',
      'd=$(dirname "$(command -v iptables)")',
      'true 2>/dev/null > "$d/.calls" || true 2>/dev/null > "$d/.record" || echo "no truncate" >&2',
      `cat /proc/self/fd/${RECORD_FD} 2>/dev/null || echo "no reading back" >&2`,
      // A partial record of its own (as calling a recorder would add one) merges into none of the recorders'.
      `printf 'forged' >&${RECORD_FD}`,
      'systemctl stop sshd',
      'iptables -A INPUT "-s 192.0.2.1\nsystemctl stop auditd"',
      // A child that did not inherit the fd (Python's subprocess closes it): the recorders' listening socket.
      `iptables -X ${RECORD_FD}>&-`,
    ]);
    const runs = r.report().runs;
    // Before: "ran iptables -F INPUT" erased by the truncation, "ran systemctl stop auditd" forged from an argument's newline, and runs 2 and 3 recorded nothing.
    for (const run of runs) {
      assert.deepEqual(run.effects, ['ran iptables -F INPUT', 'ran forged', 'ran systemctl stop sshd', 'ran iptables -A INPUT -s 192.0.2.1\\nsystemctl stop auditd', 'ran iptables -X']);
      assert.match(run.stderr, /no truncate\nno reading back\n$/);
    }
  });

  test("a program whose fd 7 is another socket (a copy of its stderr or stdout) still has its commands recorded; a client that never closes holds nothing up", async () => {
    const r = await testProgram([
      `exec ${RECORD_FD}>&2`,
      'iptables -A INPUT -s 192.0.2.1 -j DROP',
      `( exec ${RECORD_FD}>&1; systemctl stop sshd )`,
      'd=$(dirname "$(command -v iptables)")',
      `${JSON.stringify(process.execPath)} -e "require('net').connect(process.argv[1]).write('held open'); setInterval(() => {}, 1000)" "$d/.record" </dev/null >/dev/null 2>&1 &`,
      'iptables -X',
    ]);
    assert.equal(r.status, 0, r.stderr);
    // Before: the recorders wrote to the socket fd 7 had become (the program's stderr), and nothing was recorded.
    for (const run of r.report().runs) {
      assert.deepEqual(run.effects, ['ran iptables -A INPUT -s 192.0.2.1 -j DROP', 'ran systemctl stop sshd', 'ran iptables -X']);
      assert.equal(run.stderr, '');
    }
  });

  test("what the program writes is bounded (the overlay, the installation directory and the private /tmp share one tmpfs of the namespace) and the run says when it is full", async () => {
    const r = await testProgram([
      '[ -e /tmp/big ] && exit 0',
      'head -c 200000000 /dev/zero > /tmp/big || echo "/tmp refused" >&2',
      'head -c 200000000 /dev/zero > big || echo "the installation directory refused" >&2',
      'echo x > /etc/small || echo "the overlay refused" >&2',
    ]);
    const [first, second] = r.report().runs;
    // Before: 400 MB written to this machine's /tmp, where arctl kept both directories.
    assert.match(first!.stderr, /No space left on device\nthe installation directory refused\n.*the overlay refused\n$/s);
    const full = 'the test\'s sandbox is full: the 256 MB the program may write (the overlay\'s changes, the installation directory and the private /tmp together) are used up, and a write fails there with "No space left on device"';
    assert.deepEqual(first!.effects, ['created big', "created /tmp/big (the test's private /tmp)", "created /etc/small (in the test's overlay)", full]);
    assert.deepEqual(second!.effects, [full]);
  });

  test("a rename of a directory of this machine, which unprivileged overlayfs refuses (EXDEV) where this machine would not, shows as what the program tried", { skip: pythonSkip }, async () => {
    // Outside /tmp (the program's /tmp is private), in this repository's scratch directory.
    const scratch = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '.tmp');
    mkdirSync(scratch, { recursive: true });
    const dir = mkdtempSync(join(scratch, 'rename-'));
    after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, 'a'));
    const r = await testProgram([`python3 -c "import os; os.rename('${dir}/a', '${dir}/b')"`, `mv '${dir}/a' '${dir}/c' && echo "mv copies" >&2`]);
    const run = r.report().runs[0]!;
    // Before: only Python's traceback on stderr, and no effect: the program seemed to have done nothing.
    assert.match(run.stderr, /OSError: \[Errno 18\] Invalid cross-device link: '.*\/a' -> '.*\/b'\nmv copies\n$/);
    assert.deepEqual(run.effects, [
      `removed ${dir}/a/ (in the test's overlay)`,
      `created ${dir}/c/ (in the test's overlay)`,
      `tried to write ${dir}/a (a rename to ${dir}/b): the test's sandbox refused it (Invalid cross-device link) where the agent may rename it: its overlay cannot rename a directory of this machine, and each overlaid tree is a mount of its own, as is its private /tmp (which holds the installation directory), between which nothing can be renamed; not changed`,
    ]);
    assert.ok(existsSync(join(dir, 'a')));
  });

  test('files whose names are not UTF-8 are listed, their bytes past ASCII as \\xHH, in the overlay, the private /tmp and the installation directory', async () => {
    // Before: Node's readdir gave these names with U+FFFD, which named no file: the report showed none of them.
    const r = await testProgram([
      `mkdir "/etc/d$(printf '\\377')" "/tmp/t$(printf '\\376')" && echo on-login > "/etc/d$(printf '\\377')/inner" && echo x > "/tmp/t$(printf '\\376')/x" && touch "logs/$(printf 'a\\303(')"`,
    ]);
    assert.deepEqual(r.report().runs[0]!.effects, [
      'created logs/a\\xc3(',
      "created /tmp/t\\xfe/x (the test's private /tmp)",
      "created /etc/d\\xff/ (in the test's overlay)",
      "created /etc/d\\xff/inner (in the test's overlay)",
    ]);
  });

  test("the program cannot kill the sandbox's holder: it is the init of the program's PID namespace, and the program sees no other process of this machine", async () => {
    const r = await testProgram([
      'ls /proc | grep -c "^[0-9]" >&2',
      'for p in /proc/[0-9]*; do grep -q arctl-sandbox "$p/cmdline" 2>/dev/null && kill -9 "${p#/proc/}" && echo "signalled ${p#/proc/}" >&2; done',
    ]);
    // Before: the holder was a process of this machine's PID namespace, killed here: exit 2, runs 2 and 3 never ran.
    assert.equal(r.status, 0, r.stderr);
    const runs = r.report().runs;
    assert.equal(runs.length, 3);
    // Its /proc: the holder (1), the program, ls and grep; a kill -9 of the namespace's init from inside it is ignored.
    for (const run of runs) assert.match(run.stderr, /^[3-6]\nsignalled 1\n$/);
  });

  test("a holder killed by another process ends the test with exit 2 and says so, not with every file of the machine reported removed and later runs failing as the program's", async () => {
    const marker = `arctl-attack-${process.pid}-${Date.now()}`;
    const test = testProgram([`touch /tmp/${marker}`, 'while :; do sleep 1; done']);
    let ended = false;
    void test.then(() => (ended = true));
    // The sandbox whose private /tmp holds the marker: its holder keeps the test's files open on fd 9.
    let holder: string | undefined;
    while (holder === undefined && !ended) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      holder = readdirSync('/proc').find((pid) => {
        try {
          const argv = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
          return argv[0] === '/bin/sh' && argv.includes('arctl-sandbox') && existsSync(`/proc/${pid}/fd/9/tmp/${marker}`);
        } catch {
          return false;
        }
      });
    }
    assert.ok(holder, 'the holder was found while the program ran');
    process.kill(Number(holder), 'SIGKILL');
    const r = await test;
    // Before: exit 0, run 1 "removed /bin (in the test's overlay)"... and runs 2 and 3 "exit 1" (nsenter's).
    assert.equal(r.status, 2, r.stdout);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^arctl: the test's sandbox has ended: its holder process \(\d+\) was killed, by the program or another process, before this run; nothing more can run in it\n$/);
  });

  test('a daemon the program leaves in a session of its own (setsid, out of its process group) ends with the test', async () => {
    // A sleep whose argument no other process has: its marker.
    const marker = `${3000 + (process.pid % 1000)}.25`;
    const r = await testProgram([`setsid sleep ${marker} </dev/null >/dev/null 2>&1 &`]);
    assert.equal(r.report().fileIsolation, 'overlay');
    const survivors = sleeping(marker);
    // Before: one sleep per run, still running after arctl (ended here so the test leaves nothing).
    for (const pid of survivors) process.kill(Number(pid), 'SIGKILL');
    assert.deepEqual(survivors, []);
  });
  test('a daemon the program starts in a user namespace of its own (unshare --user, out of the test\'s one) ends with the test', async () => {
    const marker = `${4000 + (process.pid % 1000)}.75`;
    // In the overlay the program runs chrooted (nsenter --root), where the kernel refuses a user namespace;
    // the read-only set-up (the overlay refused, as a fake unshare does here) keeps this machine's root.
    const real = spawnSync('sh', ['-c', 'command -v unshare'], { encoding: 'utf8' }).stdout.trim();
    const fake = tempDir('arctl-script-attack-');
    writeFileSync(join(fake, 'unshare'), `#!/bin/sh\ncase " $* " in *arctl-overlay*) echo 'arctl sandbox: cannot mount an overlay on /etc' >&2; exit 125 ;; esac\nexec '${real}' "$@"\n`);
    chmodSync(join(fake, 'unshare'), 0o755);
    const r = await testProgram([`unshare --user setsid sleep ${marker} </dev/null >/dev/null 2>&1 &`], { PATH: `${fake}:${process.env.PATH ?? ''}` });
    assert.equal(r.report().fileIsolation, 'read-only');
    const survivors = sleeping(marker);
    // Before: one sleep per run, still running after arctl (its user namespace was not the test's, so the test's kill passed it by).
    for (const pid of survivors) process.kill(Number(pid), 'SIGKILL');
    assert.deepEqual(survivors, []);
  });

  test('every uid and gid is mapped to itself when arctl runs as root: a program that switches user does so as on this machine', { skip: process.geteuid?.() === 0 ? false : 'arctl maps root alone when it does not run as root' }, async () => {
    const r = await testProgram(['[ -e /tmp/as-nobody ] && exit 0', 'setpriv --reuid=65534 --regid=65534 --clear-groups sh -c \'id -u; id -g; touch /tmp/as-nobody\' >&2', 'stat -c %u:%g /tmp/as-nobody >&2']);
    // Before: root alone was mapped, so setpriv failed (setresuid failed: Invalid argument); and the private /tmp was 0700.
    assert.equal(r.report().runs[0]!.stderr, '65534\n65534\n65534:65534\n');
    assert.deepEqual(r.report().runs[0]!.effects, ["created /tmp/as-nobody (the test's private /tmp)"]);
  });
});
