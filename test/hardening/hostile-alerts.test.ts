/**
 * Alerts built to break arctl: nesting deeper than execd's JSON parser accepts, and timestamps that
 * name no real moment. Through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { parseAlertTime } from '../../src/timeline/time.ts';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';
import { runMeasured } from './measured.ts';

const config = join(projectRoot, 'examples/ossec.conf');
const alert = (data: string, timestamp = '2024-01-01T00:00:00.000+0000') =>
  `{"timestamp":"${timestamp}","rule":{"id":"5712","level":10,"groups":["sshd"]},"agent":{"id":"001","name":"web"},"data":${data}}`;
const nested = (depth: number) => `{"srcip":"192.0.2.9","x":${'['.repeat(depth)}${']'.repeat(depth)}}`;

test('an alert nested deeper than cJSON accepts is an invalid entry named by line, and JSON output stays valid JSON', () => {
  const file = tempFile('alerts.json', `${alert(nested(3))}\n${alert(nested(5000))}\n`);
  const json = runArctl(['simulate', file, '--file', config, '--format', 'json']);
  assert.equal(json.status, 2, json.stderr);
  assert.match(json.stderr, /^arctl: .*alerts\.json:2: a JSON value nested deeper than 1000 levels/m);
  const doc = JSON.parse(json.stdout) as { alerts: unknown[]; error: string };
  assert.equal(doc.alerts.length, 1, 'the alert before it is kept');
  assert.match(doc.error, /alerts\.json:2: a JSON value nested deeper than 1000 levels/);
  const payload = runArctl(['simulate', file, '--file', config, '--payload']);
  assert.equal(payload.status, 2);
  assert.doesNotMatch(payload.stderr, /internal error/);
  const skipped = runArctl(['simulate', file, '--file', config, '--format', 'json', '--skip-invalid']);
  assert.equal(skipped.status, 0, skipped.stderr);
  assert.equal((JSON.parse(skipped.stdout) as { summary: { invalidSkipped: number } }).summary.invalidSkipped, 1);
  // Just inside the limit still works, with output in proportion to the alerts: indented, JSON grows with
  // depth squared (20 such alerts of 2 KB printed 40 MB); values deeper than src/util/pretty-json.ts's
  // PRETTY_DEPTH go on one line.
  const deepAlerts = `${Array.from({ length: 20 }, () => alert(nested(997))).join('\n')}\n`;
  const deepest = runArctl(['simulate', tempFile('alerts.json', deepAlerts), '--file', config, '--format', 'json'], { maxBuffer: 256 << 20 });
  assert.equal(deepest.status, 0, deepest.stderr);
  assert.equal((JSON.parse(deepest.stdout) as { alerts: unknown[] }).alerts.length, 20);
  assert.ok(deepest.stdout.length < 10 * deepAlerts.length, `${deepest.stdout.length} bytes printed for ${deepAlerts.length}`);
});

test('impossible timestamps are unreadable, not rolled into another date', () => {
  for (const bad of ['2024-13-01T00:00:00.000+0000', '2023-02-29T10:00:00.000+0000', '2024-04-31T10:00:00Z', '2024-01-01T24:00:00Z', '0099-01-01T00:00:00.000+0000', '0000-01-01T00:00:00Z', '2024-01-01T10:00:00+25:00']) {
    assert.equal(parseAlertTime(bad), undefined, bad);
  }
  assert.equal(parseAlertTime('2024-02-29T00:00:00.000+0000'), Date.UTC(2024, 1, 29) / 1000);
  assert.equal(parseAlertTime('2024-01-01T10:00:00+05:30'), Date.UTC(2024, 0, 1, 4, 30) / 1000);
  const file = tempFile('alerts.json', [alert('{"srcip":"192.0.2.9"}'), alert('{"srcip":"192.0.2.10"}', '2024-13-01T00:00:00.000+0000'), alert('{"srcip":"192.0.2.11"}', '0050-06-01T00:00:00.000+0000')].join('\n') + '\n');
  const r = runArctl(['simulate', file, '--file', config, '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const summary = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { summary: { untimed: number; firstUntimed: unknown } };
  assert.equal(summary.summary.untimed, 2);
  assert.deepEqual(summary.summary.firstUntimed, { file, line: 2, timestamp: '2024-13-01T00:00:00.000+0000' });
  assert.doesNotMatch(r.stdout, /192\.0\.2\.1[01]/, 'neither is replayed at another date');
  // The first one is named by file and line, on one thread and in workers (lines counted from the file's start).
  const late = tempFile('late.json', `${Array.from({ length: 30 }, () => alert('{"srcip":"192.0.2.9"}')).join('\n')}\n${alert('{}', '2024-02-30T00:00:00.000+0000')}\n${alert('{}', '2024-13-01T00:00:00.000+0000')}\n`);
  for (const workers of ['0', '2']) {
    const text = runArctl(['simulate', late, '--file', config, '--timeline'], { env: { ARCTL_TIMELINE_WORKERS: workers } });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, new RegExp(`2 alert\\(s\\) without a readable timestamp were skipped \\(the first: ${late.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}:31, timestamp '2024-02-30T00:00:00.000\\+0000'\\)\\.`), `workers=${workers}`);
  }
});

test('--skip-invalid on a file of junk: the first entries are named, the rest counted, on one thread and in workers, by simulate, its timeline and diff', () => {
  // A valid alert first (the file is JSON lines), then 5,000 invalid lines and a JSON array of numbers.
  const junk = Array.from({ length: 5000 }, (_, i) => (i % 2 ? `{"broken": ${i}` : String(i))).join('\n');
  const file = tempFile('alerts.json', `${alert('{"srcip":"192.0.2.9"}')}\n${junk}\n${alert('{"srcip":"192.0.2.10"}')}\n`);
  const runs = [
    ...['0', '2'].map((workers) => ({ workers, args: ['simulate', file, '--file', config, '--timeline', '--skip-invalid', '--format', 'json'] })),
    { workers: 'simulate', args: ['simulate', file, '--file', config, '--skip-invalid', '--format', 'json'] },
    { workers: 'diff', args: ['diff', config, config, '--alerts', file, '--skip-invalid', '--format', 'json'] },
  ];
  for (const { workers, args } of runs) {
    const r = runArctl(args, { env: { ARCTL_TIMELINE_WORKERS: /\d/.test(workers) ? workers : '0' } });
    assert.equal(r.status, 0, r.stderr);
    const named = r.stderr.split('\n').filter((l) => l.endsWith('(skipped)'));
    assert.equal(named.length, 20, `workers=${workers}: ${r.stderr.slice(0, 500)}`);
    assert.match(r.stderr, /alerts\.json: 4980 more invalid entries skipped \(5000 in all\)/);
    if (workers !== 'diff') assert.match(r.stdout, /192\.0\.2\.10/, 'the alert after the junk is replayed');
  }
});

test('a JSON array of 2,000,000 numbers on one line: each element skipped as it is cut out, in bounded memory', { timeout: 300_000 }, async () => {
  // The elements' ends were gathered in a list before any was read: 2,000,000 objects (227 MB RSS; 1.05 GB
  // with a worker before the skipped entries were counted instead of kept). The heap cap makes holding them fail.
  const file = tempFile('numbers.json', `[${Array.from({ length: 2_000_000 }, (_, i) => i % 10).join(',')}]`);
  for (const args of [['simulate', file, '--file', config, '--skip-invalid'], ['simulate', file, '--file', config, '--timeline', '--skip-invalid']]) {
    const r = await runMeasured(args, 240_000, { heapMb: 48 });
    assert.equal(r.status, 0, r.stderr.slice(-500));
    assert.match(r.stderr, /numbers\.json: 1999980 more invalid entries skipped \(2000000 in all\)/);
    assert.equal(r.stderr.split('\n').filter((l) => l.endsWith('(skipped)')).length, 20);
    if (r.peakRssMb !== undefined) assert.ok(r.peakRssMb < 120, `${args.join(' ')}: peak RSS ${r.peakRssMb.toFixed(0)} MB`);
  }
});
