/**
 * Concurrent and interrupted writes: 20 `arctl add` processes on one file all land (the lock plus a
 * re-read under it), and writers killed with SIGKILL at random moments never leave anything but the
 * old or the new version of the file (temporary file + fsync + rename), nor a lock that blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { planAdd } from '../../src/add/plan.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { runArctlAsync } from '../helpers/cli.ts';
import { tempDir, tempFile } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';
import { lintErrors } from './helpers.ts';

const BASE = `<ossec_config>
  <global>
    <email_notification>no</email_notification>
    <white_list>127.0.0.1</white_list>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
</ossec_config>
`;

test('20 concurrent arctl add processes on one file: all 20 blocks land and the file stays valid', { timeout: 300_000 }, async () => {
  const path = tempFile('ossec.conf', BASE, 'arctl-add-concurrent-');
  const dir = dirname(path);
  const runs = Array.from({ length: 20 }, (_, i) =>
    i % 2 === 0
      ? ['add', 'white-list', `10.20.0.${i}`, '--file', path, '--no-input']
      : ['add', 'command', '--name', `custom-${i}`, '--executable', `custom-${i}`, '--file', path, '--no-input'],
  );
  const results = await Promise.all(runs.map((args) => runArctlAsync(args)));
  results.forEach((r, i) => assert.equal(r.status, 0, `run ${i}: ${r.stderr}`));
  const after = readFileSync(path);
  const doc = new ConfigDocument(path, after);
  assert.equal(doc.parseError, null);
  const view = buildConfigView(doc);
  const entries = view.globals[0].whiteList.map((w) => w.text);
  const names = view.commands.map((c) => c.name?.text);
  for (let i = 0; i < 20; i += 2) assert.ok(entries.includes(`10.20.0.${i}`), `white_list 10.20.0.${i} landed`);
  for (let i = 1; i < 20; i += 2) assert.ok(names.includes(`custom-${i}`), `command custom-${i} landed`);
  assert.equal(entries.length, 11);
  assert.equal(names.length, 11);
  assert.ok(lintErrors(path, after) <= lintErrors(path, Buffer.from(BASE)));
  assert.deepEqual(readdirSync(dir), ['ossec.conf'], 'no lock or temporary file left behind');
});

/** A writer that loops forever replacing the file with one of two versions under the lock; prints `w` after each write. */
async function buildWriter(dir: string): Promise<string> {
  const entry = join(dir, 'writer.ts');
  writeFileSync(
    entry,
    `import { readFileSync } from 'node:fs';
import { removeStaleTempFiles, writeFileAtomic } from ${JSON.stringify(join(projectRoot, 'src/util/atomic-write.ts'))};
import { withFileLock } from ${JSON.stringify(join(projectRoot, 'src/util/file-lock.ts'))};
const [path, a, b] = process.argv.slice(2);
const versions = [readFileSync(a), readFileSync(b)];
for (let i = Math.round(Math.random()); ; i++) {
  await withFileLock(path, () => { removeStaleTempFiles(path); writeFileAtomic(path, versions[i % 2]); });
  process.stdout.write('w\\n');
}
`,
  );
  const out = join(dir, 'writer.mjs');
  await build({ entryPoints: [entry], outfile: out, bundle: true, format: 'esm', platform: 'node', target: 'node20', logLevel: 'silent' });
  return out;
}

function killAtRandom(args: string[], maxDelayMs: number, waitForReady: boolean): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: projectRoot, stdio: ['ignore', 'pipe', 'ignore'], env: { ...process.env, NO_COLOR: '1' } });
    const kill = () => setTimeout(() => child.kill('SIGKILL'), Math.random() * maxDelayMs);
    // After the first completed write the kill lands at a random moment among the following ones.
    if (waitForReady) child.stdout.once('data', kill);
    else kill();
    child.stdout.resume();
    child.on('error', reject);
    child.on('close', () => resolve());
  });
}

test('writers killed with SIGKILL at random moments leave exactly the old or the new version', { timeout: 300_000 }, async () => {
  const dir = tempDir('arctl-add-kill-');
  const writer = await buildWriter(dir);
  const path = join(dir, 'ossec.conf');
  const versionA = Buffer.from(BASE);
  const versionB = Buffer.from(BASE.replace('127.0.0.1', '127.0.0.1</white_list>\n    <white_list>192.0.2.99'));
  writeFileSync(join(dir, 'a'), versionA);
  writeFileSync(join(dir, 'b'), versionB);
  writeFileSync(path, versionA);
  let sawB = false;
  // Four lanes on the same file at once: writers also die while holding the lock or mid-rename
  // while others wait for it, so abandoned locks and temporary files must be recovered from.
  const lanes = Array.from({ length: 4 }, async (_, lane) => {
    for (let i = 0; i < 25; i++) {
      await killAtRandom([writer, path, join(dir, 'a'), join(dir, 'b')], 25, true);
      const now = readFileSync(path);
      assert.ok(now.equals(versionA) || now.equals(versionB), `lane ${lane} kill ${i}: the file is one whole version`);
      sawB ||= now.equals(versionB);
    }
  });
  await Promise.all(lanes);
  assert.ok(sawB, 'the writers did replace the file between kills');

  // The real CLI, killed while it plans, locks and writes: old or new version, and later runs still work.
  const target = parseTargetVersion('4.14');
  for (let i = 0; i < 12; i++) {
    const before = readFileSync(path);
    const entry = `198.51.100.${i}`;
    const plan = planAdd({ path, bytes: before, spec: { kind: 'white-list', entries: [entry] }, gate: { target, managerIps: [] } });
    assert.ok(plan.changed);
    await killAtRandom([join(projectRoot, 'bin/arctl.js'), 'add', 'white-list', entry, '--file', path, '--no-input'], 400, false);
    const now = readFileSync(path);
    assert.ok(now.equals(before) || now.equals(plan.after), `arctl kill ${i}: old or new version`);
  }
  const final = await runArctlAsync(['add', 'white-list', '203.0.113.250', '--file', path, '--no-input']);
  assert.equal(final.status, 0, `a run after the kills takes the abandoned lock: ${final.stderr}`);
  assert.equal(existsSync(`${path}.arctl-lock`), false);
  assert.deepEqual(readdirSync(dir).filter((f) => f.startsWith('.ossec.conf.arctl-')), [], 'abandoned temporary files are cleaned up');
});
