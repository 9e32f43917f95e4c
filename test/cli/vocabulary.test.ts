/**
 * One flag vocabulary (README "One flag vocabulary"), through the real CLI: `-f, --format` with `text`
 * as the human format everywhere, `--file` for the ossec.conf, `--config` for the .arctl.json; each old
 * spelling still works, the same as the new one, with exactly one warning line on standard error.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir, tempFiles } from '../helpers/temp.ts';

const example = join(projectRoot, 'examples/ossec.conf');
const broken = join(projectRoot, 'examples/broken.ossec.conf');
const alerts = join(projectRoot, 'examples/alerts.json');

function warnings(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line.startsWith('arctl: warning:'));
}

/** The old spelling gives what the new one gives, plus one line that names both. */
function sameWithOneWarning(oldArgs: string[], newArgs: string[], warning: RegExp, options: { cwd?: string } = {}): void {
  const old = runArctl(oldArgs, options);
  const current = runArctl(newArgs, options);
  assert.equal(old.status, current.status, `${oldArgs.join(' ')}: ${old.stderr}`);
  assert.equal(old.stdout, current.stdout);
  assert.deepEqual(warnings(current.stderr), [], newArgs.join(' '));
  const [line, ...more] = warnings(old.stderr);
  assert.match(line ?? '', warning);
  assert.deepEqual(more, []);
  assert.equal(old.stderr.replace(`${line}\n`, ''), current.stderr);
}

test('-f is --format in lint, validate, rules, simulate, diff; `text` is the human format of each', () => {
  const stylish = runArctl(['lint', broken]);
  assert.equal(stylish.status, 1);
  for (const args of [['lint', broken, '--format', 'text'], ['lint', broken, '-f', 'text'], ['lint', broken, '-f', 'stylish']]) {
    const r = runArctl(args);
    assert.equal(r.stdout, stylish.stdout, args.join(' '));
    assert.equal(r.stderr, '');
  }
  assert.equal(runArctl(['validate', broken, '-f', 'json']).stdout, runArctl(['validate', broken, '--format', 'json']).stdout);
  assert.equal(runArctl(['rules', '-f', 'text']).stdout, runArctl(['rules']).stdout);
  assert.equal(runArctl(['simulate', alerts, '--file', example, '-f', 'json']).stdout, runArctl(['simulate', alerts, '--file', example, '--format', 'json']).stdout);
  assert.equal(runArctl(['diff', example, broken, '-f', 'json']).stdout, runArctl(['diff', example, broken, '--format', 'json']).stdout);
  const refused = runArctl(['simulate', alerts, '--file', example, '-f', 'stylish']);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /argument 'stylish' is invalid\. Allowed choices are text, json\./);
});

test('deprecated: rules --format table is --format text, with one warning', () => {
  sameWithOneWarning(['rules', '--format', 'table'], ['rules', '--format', 'text'], /^arctl: warning: rules --format table is deprecated; use --format text$/);
});

test('deprecated: add -f PATH is --file PATH, with one warning; -f is not offered in help', () => {
  const dir = tempDir();
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  sameWithOneWarning(
    ['add', 'white-list', '10.20.30.40', '-f', file, '--dry-run', '--no-input'],
    ['add', 'white-list', '10.20.30.40', '--file', file, '--dry-run', '--no-input'],
    /^arctl: warning: add white-list -f is deprecated; use --file \(-f is --format in every command\)$/,
  );
  const written = runArctl(['add', 'active-response', '-f', file, '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712', '--timeout', '600', '--no-input']);
  assert.equal(written.status, 0, written.stderr);
  assert.match(readFileSync(file, 'utf8'), /<rules_id>5712<\/rules_id>/);
  const help = runArctl(['add', 'command', '--help']);
  assert.match(help.stdout, /^ {2}--file <path>/m);
  assert.doesNotMatch(help.stdout, /-f\b/);
});

test('simulate: --file is the ossec.conf, --config the .arctl.json; --config ossec.conf still works, with one warning', () => {
  const dir = tempFiles({ 'settings.json': JSON.stringify({ targetVersion: '3.13' }) });
  sameWithOneWarning(
    ['simulate', alerts, '--config', example, '--format', 'json'],
    ['simulate', alerts, '--file', example, '--format', 'json'],
    /^arctl: warning: simulate --config FILE for the ossec\.conf is deprecated; use --file FILE \(--config names the \.arctl\.json in every command\)$/,
  );
  const withSettings = runArctl(['simulate', alerts, '--file', example, '--config', join(dir, 'settings.json'), '--format', 'json']);
  assert.equal(withSettings.status, 0, withSettings.stderr);
  assert.equal((JSON.parse(withSettings.stdout) as { targetVersion: string }).targetVersion, '3.13');
  assert.equal(withSettings.stderr, '');
  const both = runArctl(['simulate', alerts, '--file', example, '--config', example]);
  assert.equal(both.status, 2);
  assert.match(both.stderr, /^arctl: --config .*ossec\.conf: --config names the \.arctl\.json \(a \.json file\); the ossec\.conf is --file\n$/);
});

test('diff: --config names the .arctl.json', () => {
  const dir = tempFiles({ 'settings.json': JSON.stringify({ targetVersion: '3.13' }) });
  const r = runArctl(['diff', example, broken, '--config', join(dir, 'settings.json'), '-f', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { targetVersion: string }).targetVersion, '3.13');
});

test('deprecated: script test --config ossec.conf is --file ossec.conf, with one warning', () => {
  const program = join(projectRoot, 'examples/scripts/block-ip.sh');
  // The same refusal either way shows --config reached --file (without running the program).
  sameWithOneWarning(
    ['script', 'test', program, '--config', example, '--timeout', '60'],
    ['script', 'test', program, '--file', example, '--timeout', '60'],
    /^arctl: warning: script test --config FILE is deprecated; use --file FILE \(--config names the \.arctl\.json in every command\)$/,
  );
  assert.match(runArctl(['script', 'test', program, '--file', example, '--timeout', '60']).stderr, /--timeout is for a test without --file/);
});
