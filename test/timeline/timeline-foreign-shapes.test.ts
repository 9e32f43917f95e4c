/**
 * A timeline of records that are not Wazuh alerts (a flattened export with dotted keys, another tool's
 * records with no rule at all) says what they are under "No active response fired.", as simulate's
 * summary does: the first alerts are read again after the replay (src/timeline/sample-shape.ts), so the
 * per-line reading is unchanged. Through the built CLI, on a file, standard input, a gzipped file and
 * the worker-thread reading.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { runArctl, runArctlAsync } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const conf = join(projectRoot, 'examples/ossec.conf');
const flattenedFixture = join(projectRoot, 'test/fixtures/simulate/flattened-alerts.json');
const FLAT_NOTE = 'they are a flattened export (a top-level rule_id or "rule.id"), which arctl does not read; give it the alerts as Wazuh wrote them (alerts.json, alerts.log) or as the indexer stores them.';

function timeline(args: string[], options: { input?: string | Buffer; env?: NodeJS.ProcessEnv } = {}) {
  const r = runArctl(['simulate', ...args, '--file', conf, '--timeline'], options);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

/** `n` records of a flattened export whose rule.id is one the shipped example's responses fire on (5712). */
function flattenedLines(n: number): string {
  const lines: string[] = [];
  for (let i = 0; i < n; i++) {
    lines.push(JSON.stringify({ timestamp: new Date(Date.UTC(2025, 5, 1, 8, 0, i)).toISOString(), 'rule.id': '5712', 'rule.level': 10, 'agent.id': '001', 'data.srcip': `192.0.2.${i % 250}` }));
  }
  return `${lines.join('\n')}\n`;
}

test('a flattened export: the text summary names it under "No active response fired."', () => {
  const out = timeline([flattenedFixture]);
  assert.match(out, /^No active response fired\.\nNone of the 2 has a rule\.id: (.*)\n\nNothing is still active[^\n]*\.\n$/m);
  assert.ok(out.includes(`None of the 2 has a rule.id: ${FLAT_NOTE}`), out);
  // The same from standard input (the bytes kept as they were read).
  const stdin = timeline(['-'], { input: flattenedLines(3) });
  assert.ok(stdin.includes(`None of the 3 has a rule.id: ${FLAT_NOTE}`), stdin);
});

test('the JSON summary carries the sample as firstAlerts', () => {
  const r = runArctl(['simulate', flattenedFixture, '--file', conf, '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const { summary } = JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { summary: Record<string, unknown> };
  assert.deepEqual(summary.firstAlerts, { sampled: 2, complete: true, withoutRule: 2, ossec2: 0, flattened: 2, notWazuh: 0 });
});

test('records with neither a rule nor an agent are named as another tool\'s output', () => {
  const input = `${JSON.stringify({ timestamp: '2025-06-01T08:00:00Z', host: 'web', message: 'login failed' })}\n${JSON.stringify({ timestamp: '2025-06-01T08:00:05Z', host: 'web', message: 'login failed' })}\n`;
  const out = timeline(['-'], { input });
  assert.ok(out.includes("None of the 2 has a rule.id, nor an agent: they are not Wazuh alerts or events (another tool's output?)"), out);
});

test('records without a timestamp, skipped as untimed, are named too', () => {
  // A pretty-printed object (a JSON Schema document) is parsed whole: no line prefilter, so it is skipped for its time.
  const out = timeline(['-'], { input: `${JSON.stringify({ title: 'Alert', type: 'object', properties: { rule: { type: 'object' } } }, null, 2)}\n` });
  assert.ok(out.startsWith('0 alerts replayed.\n1 alert(s) without a readable timestamp were skipped'), out);
  assert.ok(out.includes("No active response fired.\nIt has no rule.id, nor an agent: it is not a Wazuh alert or event (another tool's output?)"), out);
});

test('a large export: the first alerts are sampled, read by worker threads or gzipped alike', () => {
  const dir = tempDir();
  const path = join(dir, 'export.json');
  writeFileSync(path, flattenedLines(500));
  writeFileSync(`${path}.gz`, gzipSync(flattenedLines(500)));
  const note = `None of the first 20 alerts has a rule.id: ${FLAT_NOTE}`;
  for (const [file, workers] of [[path, '0'], [path, '2'], [`${path}.gz`, '1']] as const) {
    const out = timeline([file], { env: { ARCTL_TIMELINE_WORKERS: workers } });
    assert.ok(out.startsWith('500 alerts replayed.\n'), out);
    assert.ok(out.includes(`No active response fired.\n${note}\n`), `${file} with ${workers} worker(s):\n${out}`);
  }
});

test("Wazuh's alerts that fire nothing get no such note", () => {
  // Rule 5402 (sudo to root) at level 3: none of the shipped example's responses fires on it.
  const alert = { timestamp: '2025-06-01T08:00:00.000+0000', rule: { id: '5402', level: 3, groups: ['syslog', 'sudo'] }, agent: { id: '001', name: 'web01' }, id: '1748764800.1' };
  const out = timeline(['-'], { input: `${JSON.stringify(alert)}\n` });
  assert.match(out, /^No active response fired\.\n\nNothing is still active\.\n$/m);
  assert.doesNotMatch(out, /rule\.id/);
});

const fifoSkip = process.platform !== 'win32' && spawnSync('mkfifo', ['--version']).status === 0 ? false : 'no mkfifo here';

test('a FIFO is read once: the first alerts are sampled from the bytes kept as it was read, not by opening it again (which waited for a writer forever)', { skip: fifoSkip }, async () => {
  const fifo = join(tempDir(), 'alerts.fifo');
  assert.equal(spawnSync('mkfifo', [fifo]).status, 0);
  const writer = spawn('sh', ['-c', 'cat "$1" > "$2"', 'sh', flattenedFixture, fifo], { stdio: 'ignore' });
  const r = await runArctlAsync(['simulate', fifo, '--file', conf, '--timeline']);
  writer.kill();
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^No active response fired\.\nNone of the 2 has a rule\.id: /m);
  assert.ok(r.stdout.includes(`None of the 2 has a rule.id: ${FLAT_NOTE}`), r.stdout);
});
