/**
 * Hostile alert files through `arctl simulate` and `--timeline`: 100,000 nesting levels, a 100 MB
 * single line, invalid lines and a gzip bomb (a small .gz expanding to 2 GB) end in a result or a
 * one-line message naming the file and line, in bounded memory.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { pool } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';
import { runMeasured } from './measured.ts';

const config = join(projectRoot, 'examples/ossec.conf');
const RSS_LIMIT_MB = 500;

function makeFiles(dir: string) {
  const deep = join(dir, 'deep.json');
  writeFileSync(deep, `{"timestamp":"2024-05-01T00:00:00Z","rule":{"id":"5712","level":10},"data":{"srcip":"203.0.113.9"},"x":${'['.repeat(100_000)}${']'.repeat(100_000)}}\n`);
  const long = join(dir, 'long-line.json');
  const fd = openSync(long, 'w');
  writeSync(fd, '{"timestamp":"2024-05-01T00:00:00Z","full_log":"');
  const block = Buffer.alloc(1 << 20, 'a');
  for (let i = 0; i < 100; i++) writeSync(fd, block);
  writeSync(fd, '"}\n');
  closeSync(fd);
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, '{"timestamp":"2024-05-01T00:00:00Z","rule":{"id":"5712","level":10}}\nnot json at all\n[1,2]\n{"timestamp":"2024-05-01T00:00:05Z","rule":{"id":"5712","level":10}}\n');
  // Concatenated gzip members decode as one stream: 32 copies of 64 MB of newline-free text = 2 GB.
  const member = gzipSync(Buffer.alloc(64 << 20, 'x'), { level: 9 });
  const bomb = join(dir, 'bomb.json.gz');
  writeFileSync(bomb, Buffer.concat(Array.from({ length: 32 }, () => member)));
  return { deep, long, invalid, bomb };
}

test('hostile alert files: a result or a one-line message with file and line, bounded memory', { timeout: 600_000 }, async () => {
  const dir = tempDir('arctl-hostile-alerts-');
  const f = makeFiles(dir);
  const cases = [
    { file: f.deep, expect: 'ok' as const },
    { file: f.long, expect: /long-line\.json:1: line is longer than \d+ characters$/ },
    { file: f.invalid, expect: /invalid\.json:2: not valid JSON/ },
    { file: f.bomb, expect: /bomb\.json\.gz:1: line is longer than \d+ characters$/ },
  ];
  const jobs = cases.flatMap((c) => [
    { c, args: ['simulate', '--config', config, c.file] },
    { c, args: ['simulate', '--timeline', '--config', config, c.file] },
  ]);
  const results = await pool(jobs, 2, async (job) => ({ job, r: await runMeasured(job.args) }));
  for (const { job, r } of results) {
    const what = `arctl ${job.args.slice(0, 2).join(' ')} on ${job.c.file}`;
    assert.equal(r.signal, null, `${what}: finished within the spawn timeout`);
    if (job.c.expect === 'ok') {
      assert.equal(r.status, 0, `${what}: ${r.stderr.slice(0, 300)}`);
      assert.match(r.stdout, job.args.includes('--timeline') ? /Nothing is still active|still active/ : /1 alert/, what);
    } else {
      assert.equal(r.status, 2, `${what}: exit 2, got ${r.status}: ${(r.stdout + r.stderr).slice(0, 300)}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, `${what}: one line: ${r.stderr.slice(0, 500)}`);
      assert.match(lines[0], job.c.expect, what);
    }
    if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < RSS_LIMIT_MB, `${what}: peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  }
});

test('--skip-invalid goes past invalid lines and reports each, with its line', async () => {
  const dir = tempDir('arctl-hostile-alerts-');
  const invalid = join(dir, 'invalid.json');
  writeFileSync(invalid, '{"timestamp":"2024-05-01T00:00:00Z","rule":{"id":"5712","level":10}}\nnot json at all\n[1,2]\n{"timestamp":"2024-05-01T00:00:05Z","rule":{"id":"5712","level":10}}\n');
  const r = await runMeasured(['simulate', '--skip-invalid', '--config', config, invalid]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /invalid\.json:2: .*skipped/);
  assert.match(r.stderr, /invalid\.json:3: .*skipped/);
  assert.match(r.stdout, /2 alerts/);
});
