/**
 * `-o, --output FILE` on the commands that print a report besides lint and validate (simulate, its
 * timeline, diff, script test, rules), through the real CLI: FILE holds exactly what standard output
 * would, is never one of the inputs, and is left as it was when the command fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, lstatSync, readdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
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

test('--output through a link writes the file it leads to, keeping the link and the mode; a FIFO is written as it is', async (t) => {
  const dir = tempDir();
  const expected = runArctl(['rules', '--format', 'json']).stdout;
  const lintExpected = runArctl(['lint', quirks, '--format', 'json']).stdout;
  for (const [args, want] of [
    [['rules', '--format', 'json'], expected],
    [['lint', quirks, '--format', 'json'], lintExpected],
  ] as const) {
    const real = join(dir, 'real.json');
    const link = join(dir, 'report.json');
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o640);
    symlinkSync('real.json', link);
    const r = runArctl([...args, '-o', link]);
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    assert.ok(lstatSync(link).isSymbolicLink(), `${args[0]}: the link stays a link`);
    assert.equal(readFileSync(real, 'utf8'), want, args[0]);
    assert.equal(statSync(real).mode & 0o777, 0o640, `${args[0]}: the mode stays`);
    assert.deepEqual(readdirSync(dir).sort(), ['real.json', 'report.json']);
    for (const f of [real, link]) spawnSync('rm', ['-f', f]);
  }
  // A temporary file renamed over a FIFO (or /dev/null) would replace it: it is written as it is.
  const fifo = join(dir, 'pipe');
  if (spawnSync('mkfifo', [fifo]).status !== 0) return t.skip('mkfifo is not available');
  const reader = spawn('cat', [fifo]);
  let read = '';
  reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
  const done = new Promise<void>((resolve) => reader.on('close', () => resolve()));
  const r = runArctl(['rules', '--format', 'json', '-o', fifo]);
  const stillFifo = lstatSync(fifo).isFIFO();
  // Replaced, the FIFO gets no writer: the reader would wait forever.
  if (!stillFifo) reader.kill();
  await done;
  assert.ok(stillFifo, 'the FIFO is still a FIFO');
  assert.equal(r.status, 0, r.stderr);
  assert.equal(read, expected);
});

test('an input lint cannot read leaves --output as it was (exit 2): a report without it would read as its findings fixed', () => {
  const dir = tempDir('arctl-output-unreadable-');
  const out = join(dir, 'arctl.sarif');
  // No report yet: none is made.
  const first = runArctl(['lint', '--format', 'sarif', '--output', out, quirks, join(dir, 'missing.conf')]);
  assert.equal(first.status, 2, first.stderr);
  assert.match(first.stderr, /missing\.conf: no such file/);
  assert.match(first.stderr, new RegExp(`^arctl: --output ${out.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')} not written: an input could not be read`, 'm'));
  assert.throws(() => lstatSync(out));
  // The last good report stays: code scanning keeps the findings it holds.
  const good = runArctl(['lint', '--format', 'sarif', '--output', out, quirks]);
  assert.equal(good.status, 1, good.stderr);
  const report = readFileSync(out, 'utf8');
  assert.match(report, /"results": \[\s*\{/);
  for (const format of ['sarif', 'junit', 'json']) {
    const again = runArctl(['lint', '--format', format, '--output', out, quirks, join(dir, 'missing.conf')]);
    assert.equal(again.status, 2, again.stderr);
    assert.equal(readFileSync(out, 'utf8'), report, format);
  }
  // validate takes the same path, and standard output still gets the report of what could be read.
  assert.equal(runArctl(['validate', '--output', out, join(dir, 'missing.conf')]).status, 2);
  assert.equal(readFileSync(out, 'utf8'), report);
  const printed = runArctl(['lint', '--format', 'json', quirks, join(dir, 'missing.conf')]);
  assert.equal(printed.status, 2);
  assert.equal((JSON.parse(printed.stdout) as unknown[]).length, 1);
});
