/**
 * Lint on each hostile configuration shape of bench/hostile.ts, at twice the benchmark's size, through the
 * real CLI (#22, bounded cost): lint's own verdict (exit 0 or 1), nothing on standard error but what lint
 * says, and peak memory under RSS_LIMIT_MB. Before the fixes the memory shapes held a copy of the file per
 * finding (1,000 responses using a later <command>: 243 MB; 2,000 commands named 'drop ip': 1.33 GB) and
 * crashed V8 past that; --fix and add went through the same findings. Each run gets a heap of HEAP_MB.
 * How time grows with size (linear) is measured by `npm run bench` (hostile rows), not here: tests hold no timings.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { hostileShapes } from '../../bench/hostile.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';
import { runMeasured } from './measured.ts';

const RSS_LIMIT_MB = 400;
/**
 * The heap each run gets: the memory shapes held a copy of the file per finding and crash under it (heap
 * out of memory). Uncapped, a --fix-dry-run that keeps ~70 MB alive peaked at 390-440 MB RSS, by when V8
 * chose to compact.
 */
const HEAP_MB = 200;
const stock = join(projectRoot, '../shared/corpus/rules/wazuh-v4.14.7');
const STACK = /\n\s+at .+:\d+:\d+\)?\n|internal error|heap out of memory/;

for (const shape of hostileShapes) {
  const needsStock = shape.args?.includes('STOCK') ?? false;
  const skip = needsStock && !existsSync(stock) ? 'the stock ruleset (../shared/corpus) is missing' : false;
  test(`lint on a hostile shape, n=${2 * shape.n}: ${shape.name}`, { skip, timeout: 600_000 }, async () => {
    const file = join(tempDir('arctl-hostile-cost-'), 'ossec.conf');
    writeFileSync(file, shape.config(2 * shape.n));
    const args = ['lint', '--format', 'json', file, ...(shape.args ?? []).map((a) => (a === 'STOCK' ? stock : a))];
    const r = await runMeasured(args, 540_000, { heapMb: HEAP_MB });
    assert.equal(r.signal, null, `finished (${r.stderr.slice(0, 300)})`);
    assert.ok(r.status === 0 || r.status === 1, `lint's verdict, got exit ${r.status}: ${r.stderr.slice(0, 500)}`);
    assert.doesNotMatch(r.stderr, STACK);
    // --fix-dry-run prints its diff whatever the format.
    assert.match(r.stdout, shape.args?.includes('--fix-dry-run') ? /^--- a\// : /^\[\{"filePath":/, 'the report');
    if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < RSS_LIMIT_MB, `peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  });
}

test('--fix and add on 2,000 responses that use a <command> defined after them: bounded memory, the file fixed, then extended', { timeout: 600_000 }, async () => {
  const shape = hostileShapes.find((s) => s.name === 'responses using a command defined after them')!;
  const file = join(tempDir('arctl-hostile-fix-'), 'ossec.conf');
  writeFileSync(file, shape.config(2000));
  const fix = await runMeasured(['lint', '--fix', file], 540_000, { heapMb: HEAP_MB });
  assert.equal(fix.status, 0, fix.stderr.slice(0, 500));
  assert.doesNotMatch(fix.stderr, STACK);
  if (fix.peakRssMb !== undefined) assert.ok(fix.peakRssMb < RSS_LIMIT_MB, `lint --fix: peak RSS ${fix.peakRssMb.toFixed(0)} MB`);
  const text = readFileSync(file, 'utf8');
  assert.ok(text.indexOf('<name>late</name>') < text.indexOf('<command>late</command>'), 'the command moved before its first use');
  const add = await runMeasured(['add', 'white-list', '192.0.2.7', '--file', file, '--no-input'], 540_000, { heapMb: HEAP_MB });
  assert.equal(add.status, 0, add.stderr.slice(0, 500));
  if (add.peakRssMb !== undefined) assert.ok(add.peakRssMb < RSS_LIMIT_MB, `add: peak RSS ${add.peakRssMb.toFixed(0)} MB`);
  assert.match(readFileSync(file, 'utf8'), /<white_list>192\.0\.2\.7<\/white_list>/);
});

test('a configuration of more than 100,000 tags is refused in one line naming where, before any memory grows; one of 100,000 is read', { timeout: 600_000 }, async () => {
  const dir = tempDir('arctl-hostile-tags-');
  // 32 MB of `<x/>` is 6.4 million elements: lint ran out of memory (exit 134, native stack) after minutes.
  const over = join(dir, 'over.conf');
  const text = `<ossec_config>\n${'<x/>\n'.repeat(100_000)}</ossec_config>\n`;
  writeFileSync(over, text);
  const where = new RegExp(`^arctl: ${over.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:100001:1: more than 100000 tags: .*\\n$`);
  for (const args of [['lint', over], ['validate', over], ['simulate', '--file', over, join(projectRoot, 'examples/alerts.json')], ['add', 'active-response', '--file', over, '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712']]) {
    const r = await runMeasured(args, 120_000);
    assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
    assert.match(r.stderr, where, args[0]);
    if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < 150, `${args[0]}: peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  }
  assert.equal(readFileSync(over, 'utf8'), text, 'add wrote nothing');
  // At the bound: read and linted (each <x/> an unknown element).
  const at = join(dir, 'at.conf');
  writeFileSync(at, `<ossec_config>\n${'<x/>\n'.repeat(99_998)}</ossec_config>\n`);
  const r = await runMeasured(['lint', '--format', 'json', at], 540_000);
  assert.equal(r.status, 1, r.stderr.slice(0, 300));
  assert.doesNotMatch(r.stderr, STACK);
  if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < 700, `peak RSS ${r.peakRssMb.toFixed(0)} MB`);
});
