/**
 * Lints every real configuration in ../shared/corpus/conf/*.conf through the CLI and compares the
 * findings with committed snapshots in test/lint/corpus-expected/<file>.json
 * ("line:col severity rule-id message"). Regenerate with UPDATE_SNAPSHOTS=1 and review the diff:
 * a finding on a config Wazuh ships must be a real problem.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { targetFor } from '../helpers/corpus.ts';

const confDir = join(corpusDir, 'conf');
const snapshotDir = join(projectRoot, 'test/lint/corpus-expected');
const update = process.env.UPDATE_SNAPSHOTS === '1';

test('lint every corpus configuration end to end and match the snapshots', { skip: corpusSkip }, () => {
  const names = readdirSync(confDir).filter((f) => f.endsWith('.conf')).sort();
  assert.ok(names.length > 0);
  const byTarget = new Map<string, string[]>();
  for (const name of names) byTarget.set(targetFor(name), [...(byTarget.get(targetFor(name)) ?? []), name]);
  const actual = new Map<string, string[]>();
  for (const [target, group] of byTarget) {
    const r = runArctl(['lint', '--format', 'json', '--target-version', target, ...group], { cwd: confDir });
    assert.ok(r.status === 0 || r.status === 1, `target ${target}: exit ${r.status}: ${r.stderr}`);
    assert.equal(r.stderr, '', `target ${target}: nothing on stderr`);
    const results = JSON.parse(r.stdout) as JsonReportFile[];
    assert.equal(results.length, group.length);
    results.forEach((result, i) => {
      actual.set(group[i], result.messages.map((m) => `${m.line}:${m.column} ${m.severityName} ${m.ruleId} ${m.message}`));
    });
  }
  if (update) mkdirSync(snapshotDir, { recursive: true });
  const stale = existsSync(snapshotDir) ? readdirSync(snapshotDir).filter((f) => !actual.has(f.replace(/\.json$/, ''))) : [];
  assert.deepEqual(stale, [], 'snapshots without a corpus file');
  for (const [name, lines] of actual) {
    const path = join(snapshotDir, `${name}.json`);
    if (update) {
      writeFileSync(path, `${JSON.stringify(lines, null, 2)}\n`);
      continue;
    }
    assert.ok(existsSync(path), `no snapshot for ${name}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
    assert.deepEqual(lines, JSON.parse(readFileSync(path, 'utf8')), `${name}: findings changed (UPDATE_SNAPSHOTS=1 to accept after review)`);
  }
});
