/** The library's log comparison gives what `simulate --timeline --compare --format json` prints. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compareAlertsWithLog, loadSimulation, readActiveResponsesLog } from '../../src/index.ts';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

const fixtures = join(projectRoot, 'test/fixtures/compare');

test('compareAlertsWithLog pairs the fixture log as the CLI does', async () => {
  const simulation = loadSimulation(readFileSync(join(fixtures, 'ossec.conf')));
  const alerts = readFileSync(join(fixtures, 'alerts.json'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const logText = readFileSync(join(fixtures, 'active-responses.log'), 'utf8');
  const comparison = await compareAlertsWithLog(simulation, alerts, logText);
  const cli = runArctl(['simulate', join(fixtures, 'alerts.json'), '--file', join(fixtures, 'ossec.conf'), '--timeline', '--compare', join(fixtures, 'active-responses.log'), '--format', 'json']);
  const lines = cli.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = lines.pop()!.comparison as { counts: unknown };
  assert.deepEqual(comparison.counts, summary.counts);
  assert.deepEqual(comparison.items.map((i) => [i.kind, i.key, i.action, i.logLine ?? null]), lines.map((l) => [l.type, l.key, l.action, l.logLine ?? null]));
  const log = readActiveResponsesLog(logText);
  assert.equal(log.format, 'json');
  assert.deepEqual(log.runs.map((r) => r.action), ['add', 'abort', 'add', 'delete', 'delete', 'add', 'add', 'fail']);
});
