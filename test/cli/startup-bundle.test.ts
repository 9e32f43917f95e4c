/**
 * How a run starts: bin/arctl.js loads one CommonJS bundle (dist/arctl.cjs, or dist/simulate-cli.cjs for a
 * command line that starts with `simulate`) with the V8 code cache the build trained for it
 * (bin/load-bundle.js, scripts/code-cache.mjs); a cache serves only the text it was made from. A command
 * line that starts with lint or validate registers that command alone (src/commands/index.ts, registerFor).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildProgram } from '../../src/cli.ts';
import { runArctl } from '../helpers/cli.ts';
import { CLI_BUNDLES, distDir } from '../helpers/dist.ts';
import { projectRoot } from '../helpers/paths.ts';

/**
 * Loads `bundle` in a plain `node` (the flags a run has, which V8 compares) and says what became of its
 * cache; the timeline worker's in a worker thread, as a replay starts it (its code listens on its port).
 */
function cacheState(bundle: string, extraArgs: string[] = []): string {
  const load = `require(${JSON.stringify(join(projectRoot, 'bin/load-bundle.js'))}).loadBundle(${JSON.stringify(bundle)}).cache`;
  const script = bundle.endsWith('timeline-worker.cjs')
    ? `const { Worker } = require('node:worker_threads'); const w = new Worker(${JSON.stringify(`require('node:worker_threads').parentPort.postMessage(${load})`)}, { eval: true, resourceLimits: { maxYoungGenerationSizeMb: 12 } }); w.once('message', (m) => { process.stdout.write(m); w.terminate(); });`
    : `process.stdout.write(${load});`;
  const r = spawnSync(process.execPath, [...extraArgs, '-e', script], { encoding: 'utf8', timeout: 60_000 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('each command-line bundle and the timeline worker load with the code cache the build made for them', () => {
  for (const bundle of [...CLI_BUNDLES, 'timeline-worker.cjs']) {
    const file = join(distDir, bundle);
    assert.match(readFileSync(file, 'latin1'), /\n\/\/# arctl-bundle=[0-9a-f]{32}\n$/, `${bundle} ends with its hash`);
    assert.ok(existsSync(`${file}.cache`), `${bundle}.cache was built`);
    assert.equal(cacheState(file), 'accepted', bundle);
    // V8 refuses a cache made under other heap flags: the bundle compiles as any script.
    assert.equal(cacheState(file, ['--max-old-space-size=300']), 'rejected', bundle);
  }
});

test('a code cache serves only the bundle text it was made from; without one, or with another, a run answers the same', () => {
  const dir = mkdtempSync(join(tmpdir(), 'arctl-code-cache-'));
  try {
    // A copy of the install: bin/, dist/ (the bundle edited, its old cache kept), package.json, node_modules.
    cpSync(join(projectRoot, 'bin'), join(dir, 'bin'), { recursive: true });
    cpSync(distDir, join(dir, 'dist'), { recursive: true });
    cpSync(join(projectRoot, 'package.json'), join(dir, 'package.json'));
    symlinkSync(join(projectRoot, 'node_modules'), join(dir, 'node_modules'));
    const bundle = join(dir, 'dist/arctl.cjs');
    const text = readFileSync(bundle, 'latin1');
    const args = ['lint', '--format', 'json', join(projectRoot, 'examples/broken.ossec.conf')];
    const expected = runArctl(args);
    assert.equal(expected.status, 1, expected.stderr);
    const run = () => spawnSync(process.execPath, [join(dir, 'bin/arctl.js'), ...args], { encoding: 'utf8', timeout: 60_000 });
    // The same length, another hash: V8 alone (which compares lengths) would take the old bytecode.
    writeFileSync(bundle, text.replace(/arctl-bundle=([0-9a-f])/, (_m, c: string) => `arctl-bundle=${c === '0' ? '1' : '0'}`), 'latin1');
    assert.equal(cacheState(bundle), 'stale');
    const stale = run();
    assert.deepEqual({ status: stale.status, stdout: stale.stdout, stderr: stale.stderr }, { status: expected.status, stdout: expected.stdout, stderr: expected.stderr });
    rmSync(`${bundle}.cache`);
    assert.equal(cacheState(bundle), 'none');
    const none = run();
    assert.deepEqual({ status: none.status, stdout: none.stdout, stderr: none.stderr }, { status: expected.status, stdout: expected.stdout, stderr: expected.stderr });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('the built-ins taken from process.getBuiltinModule serve a run end to end: a directory walked, files and standard input read', () => {
  const examples = join(projectRoot, 'examples');
  const r = runArctl(['lint', '--format', 'json', examples, '-', '--stdin-filename', 'stdin.ossec.conf'], { input: readFileSync(join(examples, 'ossec.conf')) });
  assert.equal(r.status, 1, r.stderr);
  const files = (JSON.parse(r.stdout) as { filePath: string }[]).map((f) => f.filePath.replace(`${examples}/`, ''));
  assert.deepEqual(files.sort(), ['broken.ossec.conf', 'ossec.conf', 'quirks.ossec.conf', join(projectRoot, 'stdin.ossec.conf')].sort());
});

test('a command line that starts with lint or validate registers that command alone, one that starts with --version none; any other every command', () => {
  const names = (argv: string[]) => buildProgram(argv).commands.map((c) => c.name());
  assert.deepEqual(names(['lint', 'ossec.conf']), ['lint']);
  assert.deepEqual(names(['validate']), ['validate']);
  assert.deepEqual(names(['--version', 'lint']), []);
  assert.deepEqual(names(['-V']), []);
  const every = names([]);
  assert.ok(every.length > 10 && every.includes('lint') && every.includes('add'));
  for (const argv of [['--target-version', '4.2', 'lint'], ['help', 'lint'], ['lnt'], ['rules'], ['--no-color', '--version']]) assert.deepEqual(names(argv), every, argv.join(' '));
});

test('lint, validate and simulate, registered alone, answer as they do among every command: help, an unknown flag, a run', () => {
  for (const command of ['lint', 'validate', 'simulate']) {
    const alone = runArctl([command, '--help']);
    const among = runArctl(['help', command]);
    assert.equal(alone.status, 0, alone.stderr);
    assert.equal(alone.stdout, among.stdout);
    const unknown = runArctl([command, '--formt', 'json']);
    assert.equal(unknown.status, 2);
    // Commander's usage errors carry arctl's prefix, like every other message.
    assert.match(unknown.stderr, /^arctl: unknown option '--formt'[\s\S]*--format/);
  }
  const globalFirst = runArctl(['--no-color', 'lint', 'examples/quirks.ossec.conf']);
  const commandFirst = runArctl(['lint', '--no-color', 'examples/quirks.ossec.conf']);
  assert.equal(commandFirst.status, 1, commandFirst.stderr);
  assert.equal(commandFirst.stdout, globalFirst.stdout);
});

/** What only the lint rules hold: a rule's summary (src/lint/rules/option-repeated.ts). */
const LINT_RULE_MARKER = 'Wazuh uses only the last one and silently drops the others';

test('arctl simulate runs from a bundle of its own that holds no lint rule, with the same answers as the full CLI', () => {
  // The simulate bundle is one file, its dynamic imports inside it; the full CLI's holds the rules.
  assert.ok(readFileSync(join(distDir, 'arctl.cjs'), 'latin1').includes(LINT_RULE_MARKER));
  assert.ok(!readFileSync(join(distDir, 'simulate-cli.cjs'), 'latin1').includes(LINT_RULE_MARKER), 'simulate-cli.cjs holds lint rule code');
  // The same run through the full CLI (a global flag first routes it there) and through simulate's own bundle.
  const alerts = join(projectRoot, 'examples/alerts.json');
  const config = join(projectRoot, 'examples/ossec.conf');
  const own = runArctl(['simulate', '--no-color', '--file', config, alerts]);
  const full = runArctl(['--no-color', 'simulate', '--file', config, alerts]);
  assert.equal(own.status, full.status, own.stderr);
  assert.equal(own.stdout, full.stdout);
  assert.equal(own.stderr, full.stderr);
  assert.ok(own.stdout.length > 100);
  // .arctl.json's rule ids are checked against the rule ids the simulate bundle knows without the rules.
  const dir = mkdtempSync(join(tmpdir(), 'arctl-simulate-bundle-'));
  try {
    for (const [rule, status] of [['no-such-rule', 2], ['option-repeated', 0]] as const) {
      writeFileSync(join(dir, '.arctl.json'), JSON.stringify({ rules: { [rule]: 'off' } }));
      for (const argv of [['simulate', '--file', config, alerts], ['--no-color', 'simulate', '--file', config, alerts]]) {
        const r = runArctl(argv, { cwd: dir });
        assert.equal(r.status, status, `${rule} ${argv[0]}: ${r.stderr}`);
        if (status === 2) assert.match(r.stderr, /^arctl: .*no-such-rule/);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
