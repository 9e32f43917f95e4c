/**
 * What every run of arctl loads (dist/arctl.js and its static chunks) takes Node's built-ins from
 * process.getBuiltinModule, never from a static import: the ESM facade of node:fs reads every export,
 * so fs.ReadStream and fs.promises would load the stream and fs/promises internals at start-up
 * (scripts/esbuild-options.mjs, builtinsWithoutFacade). A command line that starts with lint or validate
 * registers that command alone (src/commands/index.ts, registerFor).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildProgram } from '../../src/cli.ts';
import { runArctl } from '../helpers/cli.ts';
import { distDir, startupFiles } from '../helpers/dist.ts';
import { projectRoot } from '../helpers/paths.ts';

test('no file of the start-up bundles imports a Node built-in statically', () => {
  for (const file of [...startupFiles(), ...startupFiles('simulate-cli.js')]) {
    const code = readFileSync(join(distDir, file), 'utf8');
    assert.doesNotMatch(code, /\b(?:from|import)\s*["']node:/, `${file} imports a Node built-in through its ESM facade`);
    assert.doesNotMatch(code, /\bimport\s*\(\s*["']node:fs["']\s*\)/, `${file} imports node:fs through its ESM facade`);
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
  // Everything the simulate bundle can load, dynamic imports too.
  const reachable = new Set<string>();
  const visit = (file: string) => {
    if (reachable.has(file)) return;
    reachable.add(file);
    for (const m of readFileSync(join(distDir, file), 'utf8').matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*|\(\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]!);
  };
  visit('simulate-cli.js');
  assert.ok(reachable.size > 3 && [...reachable].some((f) => f.startsWith('simulate-simulate-')), [...reachable].join(' '));
  // The marker is found where it is: the full CLI's start-up bundle holds the rules.
  assert.ok([...startupFiles()].some((f) => readFileSync(join(distDir, f), 'utf8').includes(LINT_RULE_MARKER)));
  for (const file of reachable) assert.ok(!readFileSync(join(distDir, file), 'utf8').includes(LINT_RULE_MARKER), `${file} holds lint rule code`);
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
