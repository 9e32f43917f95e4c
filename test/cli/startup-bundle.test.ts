/**
 * What every run of arctl loads (dist/arctl.js and its static chunks) takes Node's built-ins from
 * process.getBuiltinModule, never from a static import: the ESM facade of node:fs reads every export,
 * so fs.ReadStream and fs.promises would load the stream and fs/promises internals at start-up
 * (scripts/esbuild-options.mjs, builtinsWithoutFacade). A command line that starts with lint or validate
 * registers that command alone (src/commands/index.ts, registerFor).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { buildProgram } from '../../src/cli.ts';
import { runArctl } from '../helpers/cli.ts';
import { distDir, startupFiles } from '../helpers/dist.ts';
import { projectRoot } from '../helpers/paths.ts';

test('no file of the start-up bundle imports a Node built-in statically', () => {
  for (const file of startupFiles()) {
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

test('lint and validate, registered alone, answer as they do among every command: help, an unknown flag, a run', () => {
  for (const command of ['lint', 'validate']) {
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
