/**
 * Large JSON-lines files are read by worker threads in line-aligned ranges (src/timeline/source.ts).
 * Whatever the number of workers, the output must be the one of reading on one thread: same events,
 * same summary, same skipped-line messages, same error line.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { closeSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { availableParallelism } from 'node:os';
import { gzipSync } from 'node:zlib';
import { generateAlertLines } from '../../bench/generate.ts';
import { lineAlignedRanges } from '../../src/timeline/ranges.ts';
import { projectRoot } from '../helpers/paths.ts';
import { runArctl } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const config = join(projectRoot, 'examples/ossec.conf');
const dir = tempDir('arctl-parallel-');

/**
 * About 30 MB (four 8 MB ranges): a BOM first, CRLF and blank lines, alerts without an id, an alert
 * out of order, and broken lines just before and after range boundaries. Returns the broken lines' numbers.
 */
function bigFile(): { path: string; broken: number[] } {
  const path = join(dir, 'alerts.json');
  const fd = openSync(path, 'w');
  const broken: number[] = [];
  let line = 0;
  let bytes = 0;
  const put = (text: string) => {
    writeSync(fd, text);
    bytes += Buffer.byteLength(text);
    line += text.split('\n').length - 1;
  };
  put('\ufeff');
  let next = 8 * 1024 * 1024 - 3000;
  for (let from = 0; from < 44_000; from += 1000) {
    const lines = generateAlertLines(from, 1000).split('\n').filter(Boolean);
    for (const [i, text] of lines.entries()) {
      if (bytes > next) {
        broken.push(line + 1);
        put('{"timestamp":"2024-05-01T00:00:00.000+0000","rule":{"id":"5712",\n');
        next += 8 * 1024 * 1024;
      }
      if (i === 500) put(`${text.replace(/"id":"\d+\.\d+",/, '')}\r\n\n`);
      else if (i === 700) put(`${text.replace('2024-05', '2024-04')}\n`);
      else put(`${text}\n`);
    }
  }
  closeSync(fd);
  return { path, broken };
}

const big = bigFile();

function timeline(workers: number, extra: string[] = [], env: Record<string, string> = {}) {
  const r = runArctl(['simulate', big.path, '--file', config, '--timeline', '--format', 'json', ...extra], {
    env: { ...process.env, ARCTL_TIMELINE_WORKERS: String(workers), ...env },
    maxBuffer: 256 * 1024 * 1024,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

test('ranges start at line starts and cover the file, a line longer than a range included', () => {
  const path = join(dir, 'ranges.json');
  const text = `${'a'.repeat(10)}\n${'b'.repeat(50)}\n\nc\n${'d'.repeat(7)}`;
  writeFileSync(path, text);
  const ranges = lineAlignedRanges(path, text.length, 8);
  // Cuts after byte 8 (at 11) and after byte 19 (at 62, past the long line); none after 70.
  assert.deepEqual(ranges, [
    { start: 0, end: 11 },
    { start: 11, end: 62 },
    { start: 62, end: 72 },
  ]);
  for (const r of ranges.slice(1)) assert.equal(text[r.start - 1], '\n');
});

test('workers or not: the same timeline, summary and skipped lines (--skip-invalid)', () => {
  const one = timeline(0, ['--skip-invalid']);
  assert.equal(one.status, 0, one.stderr);
  assert.deepEqual(
    [...one.stderr.matchAll(/alerts\.json:(\d+): /g)].map((m) => Number(m[1])),
    big.broken,
    'each broken line is reported once, by its number',
  );
  assert.ok(one.stdout.split('\n').length > 1000, 'the file fires responses');
  // With another core, bin/arctl.js starts the first worker before it loads the CLI.
  const launched = availableParallelism() > 1 ? ', the first as arctl started' : '';
  assert.match(timeline(2, ['--at', '2024-01-01T00:00:00Z'], { ARCTL_DEBUG: '1' }).stderr, new RegExp(`read by 2 worker threads \\(started while the simulation loaded${launched}\\) and the main thread`));
  assert.match(timeline(1, ['--at', '2024-01-01T00:00:00Z'], { ARCTL_DEBUG: '1' }).stderr, new RegExp(`read on the main thread, the alerts the line prefilter keeps decided by a worker thread \\(started while the simulation loaded${launched}\\)`));
  // One worker is the default on two cores.
  for (const workers of [1, 2, 3]) {
    const many = timeline(workers, ['--skip-invalid']);
    assert.equal(many.status, 0, many.stderr);
    assert.equal(many.stderr, one.stderr, `${workers} workers: skipped lines`);
    assert.equal(many.stdout, one.stdout, `${workers} workers: timeline and summary`);
  }
});

test('workers or not: the first broken line stops the replay with the same error, after the same events', () => {
  const one = timeline(0);
  assert.equal(one.status, 2);
  assert.match(one.stderr, new RegExp(`alerts\\.json:${big.broken[0]}: .*--skip-invalid`));
  for (const workers of [1, 2]) {
    const many = timeline(workers);
    assert.equal(many.status, one.status, `${workers} workers`);
    assert.equal(many.stderr, one.stderr, `${workers} workers`);
    assert.equal(many.stdout, one.stdout, `${workers} workers`);
  }
  assert.ok(one.stdout.split('\n').length > 100, 'the events before the broken line are printed');
  assert.doesNotMatch(one.stdout, /"summary"/);
});

test('a byte that is not UTF-8 in a later range is said once with its line in the file, workers or not', () => {
  const bytes = Buffer.from(readFileSync(big.path));
  // A Latin-1 'é' in the third 8 MB range, and another further on (said once, the first).
  const lines: number[] = [];
  for (const from of [17 * 1024 * 1024, 25 * 1024 * 1024]) {
    const at = bytes.indexOf('"full_log":"May', from) + '"full_log":"'.length;
    bytes[at] = 0xe9;
    lines.push(bytes.subarray(0, at).toString('latin1').split('\n').length);
  }
  const path = join(dir, 'latin1.json');
  writeFileSync(path, bytes);
  const note = `arctl: ${path}:${lines[0]} has bytes that are not UTF-8`;
  // 1: this thread reads the lines and the worker decides them (src/timeline/line-feed.ts); 2: each worker reads ranges.
  for (const workers of ['0', '1', '2']) {
    const r = runArctl(['simulate', path, '--file', config, '--timeline', '--format', 'json', '--skip-invalid', '--at', '2024-01-01T00:00:00Z'], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: workers }, maxBuffer: 256 * 1024 * 1024 });
    assert.equal(r.status, 0, r.stderr);
    const notes = r.stderr.split('\n').filter((l) => l.includes('not UTF-8'));
    assert.equal(notes.length, 1, `workers=${workers}: ${r.stderr}`);
    assert.ok(notes[0]!.startsWith(note), `workers=${workers}: ${notes[0]}`);
  }
});

const gzipped = join(dir, 'alerts.json.gz');
writeFileSync(gzipped, gzipSync(readFileSync(big.path), { level: 1 }));
// Asked for, the worker starts before the simulation is loaded (src/timeline/worker-start.ts).
const GZIP_PLAN = new RegExp(`^arctl: .*: decompressed on the main thread, read whole by a worker thread \\(started while the simulation loaded${availableParallelism() > 1 ? ', the first as arctl started' : ''}\\)\n`, 'm');

/** The same gzipped timeline on one thread and with workers (main thread decompressing, one worker deciding). */
function gzipRuns(path: string, extra: string[] = []) {
  const args = ['simulate', path, '--file', config, '--timeline', '--format', 'json', ...extra];
  const options = { maxBuffer: 256 * 1024 * 1024 };
  const one = runArctl(args, { ...options, env: { ...process.env, ARCTL_TIMELINE_WORKERS: '0' } });
  const many = runArctl(args, { ...options, env: { ...process.env, ARCTL_TIMELINE_WORKERS: '2', ARCTL_DEBUG: '1' } });
  assert.match(many.stderr, GZIP_PLAN);
  return { one, many: { ...many, stderr: many.stderr.replace(GZIP_PLAN, '') } };
}

test('a gzipped file is decompressed on the main thread and decided by one worker: the same output as on one thread', () => {
  const { one, many } = gzipRuns(gzipped, ['--skip-invalid']);
  assert.equal(one.status, 0, one.stderr);
  assert.equal(many.stdout, one.stdout);
  assert.equal(many.stderr, one.stderr);
});

test('a gzipped file with a broken line: the same error and the same events before it with workers', () => {
  const { one, many } = gzipRuns(gzipped);
  assert.equal(one.status, 2);
  assert.match(one.stderr, new RegExp(`alerts\\.json\\.gz:${big.broken[0]}: not valid JSON`));
  assert.equal(many.status, one.status);
  assert.equal(many.stderr, one.stderr);
  assert.equal(many.stdout, one.stdout);
});

test('corrupt or truncated gzip data: the same one-line error with workers as on one thread', () => {
  const whole = readFileSync(gzipped);
  const truncated = join(dir, 'truncated.json.gz');
  writeFileSync(truncated, whole.subarray(0, Math.floor(whole.length * 0.6)));
  const corrupt = join(dir, 'corrupt.json.gz');
  const damaged = Buffer.from(whole);
  // Flipped bits in the CRC-32 of the trailer: everything inflates, then the check fails.
  for (let i = damaged.length - 8; i < damaged.length - 4; i++) damaged[i]! ^= 0x55;
  writeFileSync(corrupt, damaged);
  for (const [path, reason] of [
    [truncated, 'unexpected end of file'],
    [corrupt, 'incorrect data check'],
  ] as const) {
    const { one, many } = gzipRuns(path, ['--skip-invalid']);
    assert.equal(one.status, 2, path);
    const last = one.stderr.trimEnd().split('\n').at(-1)!;
    assert.match(last, /^arctl: .*\.json\.gz: corrupt gzip data \(/, path);
    assert.ok(last.endsWith(`(${reason})`), last);
    assert.doesNotMatch(many.stderr, /internal error/, path);
    assert.equal(many.status, one.status, path);
    assert.equal(many.stderr, one.stderr, path);
    assert.equal(many.stdout, one.stdout, path);
  }
});

test('a JSON array or pretty-printed alerts are read whole by one worker when workers are asked for', () => {
  const alerts = readFileSync(join(projectRoot, 'examples/alerts.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l));
  for (const [name, text] of [
    ['array.json', JSON.stringify(alerts, null, 2)],
    ['pretty.json', alerts.map((a) => JSON.stringify(a, null, 2)).join('\n')],
  ]) {
    const path = join(dir, name);
    writeFileSync(path, text);
    const args = ['simulate', path, '--file', config, '--timeline', '--format', 'json'];
    const one = runArctl(args, { env: { ...process.env, ARCTL_TIMELINE_WORKERS: '0' } });
    const many = runArctl(args, { env: { ...process.env, ARCTL_TIMELINE_WORKERS: '2', ARCTL_DEBUG: '1' } });
    assert.equal(one.status, 0, one.stderr);
    assert.equal(many.stdout, one.stdout, name);
    assert.match(many.stderr, /read whole by a worker thread/, name);
  }
});

test('workers started while the simulation loads: a configuration that cannot be loaded, or an unreadable file, ends the run as without them', () => {
  const broken = join(dir, 'broken.conf');
  writeFileSync(broken, '<ossec_config>\n  <active-response>\n    <command>firewall-drop\n</ossec_config>\n');
  const cases: Array<[string, string[]]> = [
    ['a configuration that is not XML', ['simulate', big.path, '--file', broken, '--timeline']],
    ['a missing configuration', ['simulate', big.path, '--file', join(dir, 'missing.conf'), '--timeline']],
    ['a missing --agents file', ['simulate', big.path, '--file', config, '--agents', join(dir, 'missing-agents.json'), '--timeline']],
    ['a missing alerts file', ['simulate', join(dir, 'missing.json'), '--file', config, '--timeline']],
    ['a directory as the alerts', ['simulate', dir, '--file', config, '--timeline']],
  ];
  for (const [name, args] of cases) {
    const one = runArctl(args, { env: { ...process.env, ARCTL_TIMELINE_WORKERS: '0' } });
    const many = runArctl(args, { env: { ...process.env, ARCTL_TIMELINE_WORKERS: '2' } });
    assert.ok(one.status === 1 || one.status === 2, `${name}: ${one.stderr}`);
    assert.doesNotMatch(one.stderr, /^\s+at |internal error/m, name);
    assert.equal(many.status, one.status, name);
    assert.equal(many.stderr, one.stderr, name);
    assert.equal(many.stdout, one.stdout, name);
  }
});

test('an export of Wazuh indexer documents (one per line) replays as the alerts in their _source, with workers or not', () => {
  const lines = generateAlertLines(0, 3000).split('\n').filter(Boolean);
  const plain = join(dir, 'plain.json');
  const docs = join(dir, 'docs.json');
  writeFileSync(plain, `${lines.join('\n')}\n`);
  writeFileSync(docs, `${lines.map((l, i) => `{"_index":"wazuh-alerts-4.x-2024.05.01","_id":"d${i}","_source":${l}}`).join('\n')}\n`);
  const run = (path: string, workers: number) =>
    runArctl(['simulate', path, '--file', config, '--timeline', '--format', 'json'], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: String(workers) }, maxBuffer: 64 * 1024 * 1024 });
  const expected = run(plain, 0);
  assert.equal(expected.status, 0, expected.stderr);
  assert.ok(expected.stdout.split('\n').length > 100, 'the alerts fire responses');
  for (const workers of [0, 1]) {
    const got = run(docs, workers);
    assert.equal(got.status, 0, got.stderr);
    assert.equal(got.stdout, expected.stdout, `${workers} workers`);
  }
});

test('one worker fed by the main thread: long runs the prefilter rules out (across packets, at the start and the end) keep lines, positions and counts', () => {
  // Alerts of a rule no block of examples/ossec.conf names (5710) in runs of 1 to 3,000, between alerts that
  // fire (5712) without an id of their own (their position in the file stands in for it), and a broken line.
  const lines = generateAlertLines(0, 12_000).split('\n').filter(Boolean);
  const quiet = (i: number) => lines[i]!.replace(/"id":"\d+"/, '"id":"5710"').replace(/"level":\d+/, '"level":5');
  const loud = (i: number) => lines[i]!.replace(/"id":"\d+"/, '"id":"5712"').replace(/,"id":"\d+\.\d+"/, '');
  const out: string[] = [];
  let ruledOut = 0;
  let n = 0;
  for (const run of [3000, 1, 2, 2500, 0, 700, 1, 3000]) {
    for (let i = 0; i < run; i++, ruledOut++) out.push(quiet(n++));
    out.push(loud(n++), loud(n++));
    if (run === 700) out.push('{"timestamp":"2024-05-01T00:00:00.000+0000","rule":{"id":"5712",');
  }
  for (let i = 0; i < 1500; i++, ruledOut++) out.push(quiet(n++));
  const path = join(dir, 'runs.json');
  writeFileSync(path, `${out.join('\n')}\n`);
  const run = (workers: number) =>
    runArctl(['simulate', path, '--file', config, '--timeline', '--format', 'json', '--skip-invalid'], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: String(workers) }, maxBuffer: 64 * 1024 * 1024 });
  const one = run(0);
  assert.equal(one.status, 0, one.stderr);
  const summary = JSON.parse(one.stdout.trim().split('\n').at(-1)!) as { summary: { unparsed?: number } };
  assert.equal(summary.summary.unparsed, ruledOut);
  assert.match(one.stderr, new RegExp(`:${out.findIndex((l) => l.endsWith('"5712",')) + 1}: `), 'the broken line, by its number');
  const fed = run(1);
  assert.equal(fed.stderr, one.stderr);
  assert.equal(fed.stdout, one.stdout);
});

test('notes are said where one thread says them among the skipped entries, and before an error that stops the run, workers or not', () => {
  const lines = generateAlertLines(0, 3000).split('\n').filter(Boolean);
  const latin1 = (text: string) => {
    const bytes = Buffer.from(text);
    bytes[bytes.indexOf('"full_log":"') + '"full_log":"'.length] = 0xe9;
    return bytes;
  };
  const fired = lines.findIndex((l) => l.includes('"id":"5712"'));
  const quiet = lines.findIndex((l) => l.includes('"id":"5710"'));
  const files: Array<[string, Buffer]> = [
    // Broken lines before and after a line with a Latin-1 byte that the line prefilter keeps, or rules out.
    ...[fired, quiet].map((at, n): [string, Buffer] => [
      `notes-${n}.json`,
      Buffer.concat(lines.map((l, i) => (i === at ? latin1(`${l}\n`) : Buffer.from(`${i % 400 === 7 ? l.slice(0, 60) : l}\n`)))),
    ]),
    // A broken line that is not UTF-8 (without --skip-invalid: the note, then the error).
    ['notes-broken.json', Buffer.concat([Buffer.from(`${lines.slice(0, 300).join('\n')}\n`), latin1('{"full_log":"x\n'), Buffer.from(`${lines.slice(300).join('\n')}\n`)])],
    // The file's last byte is not UTF-8, on a line of text.
    ['notes-end.json', Buffer.concat([Buffer.from(`${lines.join('\n')}\n`), Buffer.from([0xff])])],
    // alerts.log with a block that cannot be read: the alerts.log note first.
    ['notes-alerts.log', Buffer.from(`${readFileSync(join(projectRoot, 'test/fixtures/simulate/agent-hosts-alerts.log'), 'utf8')}** Alert 1714557670.3000: - syslog,\ngarbage\n`)],
  ];
  for (const [name, bytes] of files) {
    const path = join(dir, name);
    writeFileSync(path, bytes);
    for (const extra of [['--skip-invalid'], []]) {
      const run = (workers: number) =>
        runArctl(['simulate', path, '--file', config, '--timeline', '--format', 'json', ...extra], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: String(workers) }, maxBuffer: 64 * 1024 * 1024 });
      const one = run(0);
      assert.match(one.stderr, /not UTF-8|is alerts\.log/, name);
      assert.match(one.stderr, /\n.*: (?!.*not UTF-8)/, `${name}: a note and a skipped entry or an error`);
      for (const workers of [1, 2]) {
        const many = run(workers);
        assert.equal(many.stderr, one.stderr, `${name} ${extra.join(' ')} ${workers} workers`);
        assert.equal(many.stdout, one.stdout, `${name} ${extra.join(' ')} ${workers} workers`);
        assert.equal(many.status, one.status, `${name} ${extra.join(' ')} ${workers} workers`);
      }
    }
  }
});
