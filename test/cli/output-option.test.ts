/**
 * `-o, --output FILE` on the commands that print a report besides lint and validate (simulate, its
 * timeline, diff, script test, rules), through the real CLI: FILE holds exactly what standard output
 * would, is never one of the inputs, and is left as it was when the command fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const example = join(projectRoot, 'examples/ossec.conf');
const quirks = join(projectRoot, 'examples/quirks.ossec.conf');
const alerts = join(projectRoot, 'examples/alerts.json');

test('--output writes what standard output would get, for simulate, the timeline, diff and rules', () => {
  const dir = tempDir();
  const cases: string[][] = [
    ['simulate', alerts, '--file', example, '--format', 'json'],
    ['simulate', '--timeline', alerts, '--file', example],
    ['diff', example, quirks, '--alerts', alerts],
    ['rules', '--format', 'json'],
  ];
  for (const [i, args] of cases.entries()) {
    const printed = runArctl(args);
    const out = join(dir, `report-${i}`);
    const written = runArctl([...args, '-o', out]);
    assert.equal(written.status, printed.status, `${args.join(' ')}: ${written.stderr}`);
    assert.equal(written.stdout, '', `${args.join(' ')}: nothing on standard output`);
    assert.ok(printed.stdout.length > 0, args.join(' '));
    assert.equal(readFileSync(out, 'utf8'), printed.stdout, args.join(' '));
  }
  // No temporary file is left beside the reports.
  assert.deepEqual(readdirSync(dir).sort(), cases.map((_, i) => `report-${i}`).sort());
});

test('--output never replaces an input, and a failed run leaves the file as it was', () => {
  const dir = tempDir();
  const config = join(dir, 'ossec.conf');
  writeFileSync(config, readFileSync(example));
  const over = runArctl(['simulate', alerts, '--file', config, '--output', config]);
  assert.equal(over.status, 2);
  assert.match(over.stderr, /^arctl: --output .*ossec\.conf would replace .*ossec\.conf, one of the command's inputs, with the report; nothing written/);
  assert.ok(readFileSync(config).equals(readFileSync(example)));

  const report = join(dir, 'report.txt');
  writeFileSync(report, 'the previous report\n');
  const failed = runArctl(['simulate', join(dir, 'missing.json'), '--file', config, '-o', report]);
  assert.equal(failed.status, 2);
  assert.match(failed.stderr, /missing\.json: no such file/);
  assert.equal(readFileSync(report, 'utf8'), 'the previous report\n');
  assert.deepEqual(readdirSync(dir).sort(), ['ossec.conf', 'report.txt']);

  const nowhere = runArctl(['rules', '-o', join(dir, 'no-such-dir', 'rules.txt')]);
  assert.equal(nowhere.status, 2);
  assert.match(nowhere.stderr, /^arctl: cannot write --output .*rules\.txt: no such file/);
  assert.equal(nowhere.stderr.trim().split('\n').length, 1);
});
