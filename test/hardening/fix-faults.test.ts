/**
 * `lint --fix` under faults: SIGKILL at random moments, concurrent writers (other `lint --fix` and
 * `arctl add` runs on the same file), a read-only file, a read-only directory or file system, and a
 * full disk. The file is always exactly the old or the new version, mode kept, and the user is told
 * what happened in one line (exit 2, cli.md). Mounts (tmpfs) need root; skipped with a message otherwise.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pool, runArctl, runArctlAsync, spawnArctl } from '../helpers/cli.ts';
import { fillUp, tempDir, tmpfsSkip, withTmpfs } from '../helpers/temp.ts';

const BROKEN = `<ossec_config>
  <global>
    <email_notification>no</email_notification>
    <white_list>127.0.0.1</white_list>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <active-response>
    <command> firewall-drop </command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;
const FIXED = BROKEN.replace('<command> firewall-drop </command>', '<command>firewall-drop</command>');
const isRoot = process.getuid?.() === 0;

function killAfter(args: string[], delayMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawnArctl(args, { stdio: 'ignore' });
    const timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    child.on('error', reject);
    child.on('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const leftovers = (dir: string) => readdirSync(dir).filter((f) => f.includes('.arctl-'));

test('lint --fix sanity: the fixture has exactly the one fix the fault tests expect', () => {
  const dir = tempDir('arctl-fix-faults-');
  const path = join(dir, 'ossec.conf');
  writeFileSync(path, BROKEN);
  const r = runArctl(['lint', '--fix', path]);
  assert.equal(r.status, 0, r.stdout + r.stderr);
  assert.equal(readFileSync(path, 'utf8'), FIXED);
});

test('lint --fix killed with SIGKILL at random moments leaves the old or the fixed file, mode kept', { timeout: 300_000 }, async () => {
  const lanes = Array.from({ length: 3 }, async (_, lane) => {
    const dir = tempDir('arctl-fix-kill-');
    const path = join(dir, 'ossec.conf');
    let sawFixed = false;
    for (let i = 0; i < 10; i++) {
      writeFileSync(path, BROKEN);
      chmodSync(path, 0o640);
      // Start-up takes most of a second on a loaded machine; the kill lands anywhere from before the read to after the rename.
      await killAfter(['lint', '--fix', path], Math.random() * 2500);
      const now = readFileSync(path, 'utf8');
      assert.ok(now === BROKEN || now === FIXED, `lane ${lane} kill ${i}: the file is one whole version`);
      assert.equal(statSync(path).mode & 0o777, 0o640, `lane ${lane} kill ${i}: mode kept`);
      sawFixed ||= now === FIXED;
    }
    // A run after the kills takes any abandoned lock and removes abandoned temporary files.
    writeFileSync(path, BROKEN);
    const after = await runArctlAsync(['lint', '--fix', path]);
    assert.equal(after.status, 0, `lane ${lane}: ${after.stderr}`);
    assert.equal(readFileSync(path, 'utf8'), FIXED);
    assert.deepEqual(leftovers(dir), [], `lane ${lane}: no lock or temporary file left`);
    return sawFixed;
  });
  const saw = await Promise.all(lanes);
  // Not asserted per lane: on a loaded machine every kill may land before the write.
  if (!saw.some(Boolean)) process.stderr.write('note: no kill landed after a completed write in this run\n');
});

/** BROKEN with the response repeated `count` times: linting and fixing it holds the lock for a good part of a second. */
function slowToFix(count: number): { broken: string; fixed: string } {
  const response = BROKEN.slice(BROKEN.indexOf('  <active-response>'), BROKEN.indexOf('</ossec_config>'));
  const responses = Array.from({ length: count }, (_, i) => response.replace('5712', String(5712 + i))).join('');
  const broken = BROKEN.replace(response, responses);
  return { broken, fixed: broken.replaceAll('<command> firewall-drop </command>', '<command>firewall-drop</command>') };
}

test('lint --fix stopped by SIGINT, SIGTERM or SIGHUP while it holds the lock: no lock left, one whole version, ended by that signal', { timeout: 120_000 }, async () => {
  const dir = tempDir('arctl-fix-signal-');
  const path = join(dir, 'ossec.conf');
  const { broken, fixed } = slowToFix(300);
  // Native checks run synchronously, so the signal waits for the write; libxml2 loads asynchronously
  // under the lock, so there the signal lands while the lock is held and the file is not yet written.
  for (const engine of [[], ['--libxml2']]) {
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
      const what = `${signal}${engine.length ? ' with --libxml2' : ''}`;
      // On a loaded machine this process may not look while the lock is held (and arctl ends unsignalled):
      // then nothing was tested, and the case is run again, a few times at most.
      let child: ReturnType<typeof spawnArctl> | undefined;
      let end: Promise<{ code: number | null; signal: NodeJS.Signals | null }> | undefined;
      for (let attempt = 1; ; attempt++) {
        writeFileSync(path, broken);
        const started = spawnArctl(['lint', '--fix', ...engine, path], { stdio: 'ignore' });
        let ended = false;
        const ending = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
          started.on('error', reject);
          started.on('close', (code, signal) => {
            ended = true;
            resolve({ code, signal });
          });
        });
        while (!ended && !existsSync(`${path}.arctl-lock`)) await sleep(2);
        if (!ended) {
          child = started;
          end = ending;
          break;
        }
        await ending;
        assert.ok(attempt < 5, `${what}: arctl ended before this test saw it take the lock, ${attempt} times`);
      }
      child!.kill(signal);
      const { code, signal: endedBy } = await end!;
      assert.equal(endedBy, signal, `${what}: ended by the signal (exit code ${code})`);
      assert.deepEqual(leftovers(dir), [], `${what}: no lock or temporary file left`);
      const now = readFileSync(path, 'utf8');
      assert.ok(now === broken || now === fixed, `${what}: the file is one whole version`);
    }
  }
});

test('lint --fix and arctl add running at once on one file: every add lands and the fix is applied', { timeout: 300_000 }, async () => {
  const dir = tempDir('arctl-fix-concurrent-');
  const path = join(dir, 'ossec.conf');
  writeFileSync(path, BROKEN);
  const jobs = Array.from({ length: 8 }, (_, i) => (i % 2 === 0 ? ['lint', '--fix', path] : ['add', 'white-list', `192.0.2.${i}`, '--file', path, '--no-input']));
  const results = await pool(jobs, 8, (args) => runArctlAsync(args));
  results.forEach((r, i) => assert.ok(r.status === 0 || r.status === 1, `${jobs[i].join(' ')}: ${r.stderr}`));
  const final = readFileSync(path, 'utf8');
  for (let i = 1; i < 8; i += 2) assert.ok(final.includes(`<white_list>192.0.2.${i}</white_list>`), `add ${i} kept: ${final}`);
  assert.ok(final.includes('<command>firewall-drop</command>'), 'the fix is applied');
  assert.ok(!final.includes('<command> firewall-drop </command>'));
});

test('lint --fix on a read-only file: one line, exit 2, file unchanged', { skip: isRoot ? 'root ignores file permission bits; the read-only file system case below covers it' : false }, () => {
  const dir = tempDir('arctl-fix-ro-');
  const path = join(dir, 'ossec.conf');
  writeFileSync(path, BROKEN);
  chmodSync(path, 0o444);
  const r = runArctl(['lint', '--fix', path]);
  assert.equal(r.status, 2);
  assert.match(r.stderr.trim(), /^arctl: cannot write fixes to .*ossec\.conf: permission denied; the file was left unchanged$/);
  assert.equal(readFileSync(path, 'utf8'), BROKEN);
});

test('lint --fix in a read-only directory: one line, exit 2, file unchanged', { skip: isRoot ? 'root ignores directory permission bits; the read-only file system case below covers it' : false }, () => {
  const dir = tempDir('arctl-fix-rodir-');
  const sub = join(dir, 'etc');
  mkdirSync(sub);
  const path = join(sub, 'ossec.conf');
  writeFileSync(path, BROKEN);
  chmodSync(sub, 0o555);
  try {
    const r = runArctl(['lint', '--fix', path]);
    assert.equal(r.status, 2);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /permission denied/);
    assert.equal(readFileSync(path, 'utf8'), BROKEN);
  } finally {
    chmodSync(sub, 0o755);
  }
});

test('lint --fix on a full disk and on a read-only file system: one line, exit 2, file unchanged, mode kept', { skip: tmpfsSkip, timeout: 120_000 }, () => {
  withTmpfs('64k', (mount) => {
    const path = join(mount, 'ossec.conf');
    writeFileSync(path, BROKEN);
    chmodSync(path, 0o640);
    fillUp(mount);
    const r = runArctl(['lint', '--fix', path]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /ossec\.conf.*no space left on device/);
    assert.equal(readFileSync(path, 'utf8'), BROKEN);
    assert.equal(statSync(path).mode & 0o777, 0o640);
    assert.deepEqual(leftovers(mount), [], 'no temporary file or lock left');
    // arctl add takes the same lock: same refusal (it used to end in an internal error on ENOSPC).
    const add = runArctl(['add', 'white-list', '192.0.2.1', '--file', path, '--no-input']);
    assert.equal(add.status, 2, add.stdout + add.stderr);
    assert.match(add.stderr.trim(), /^arctl: .*ossec\.conf.*no space left on device; nothing written$/);
    assert.equal(readFileSync(path, 'utf8'), BROKEN);
    assert.deepEqual(leftovers(mount), [], 'no temporary file or lock left');
  });
  withTmpfs('1m', (mount) => {
    const path = join(mount, 'ossec.conf');
    writeFileSync(path, BROKEN);
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', mount]).status, 0);
    const r = runArctl(['lint', '--fix', path]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.match(r.stderr, /ossec\.conf.*read-only file system/);
    assert.equal(readFileSync(path, 'utf8'), BROKEN);
    assert.ok(!existsSync(`${path}.arctl-lock`));
  });
});
