/**
 * Lints every real configuration in ../shared/corpus/conf/*.conf through the CLI and compares the
 * findings with committed snapshots in test/lint/corpus-expected/<file>.json. Each entry is a finding
 * ("line:col severity rule-id/message-id message") and the reason a reviewer gave for it being right on
 * that real file: a finding on a configuration people run must be a real problem, so none is accepted
 * unreviewed. Regenerate with UPDATE_SNAPSHOTS=1: reviewed reasons carry over to the same finding (same
 * rule, message and line, whatever its column); new findings get an UNREVIEWED reason, which fails the
 * test until someone writes why the finding is right (or fixes the rule).
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
const UNREVIEWED = 'UNREVIEWED: say why this finding is right on this real file, or fix the rule';

interface ReviewedFinding {
  finding: string;
  reason: string;
}

/** What identifies a finding across a column change: everything but the column. */
function reviewKey(finding: string): string {
  return finding.replace(/^(\d+):\d+ /, '$1 ');
}

function readSnapshot(path: string): ReviewedFinding[] {
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as ReviewedFinding[]) : [];
}

test('lint every corpus configuration end to end and match the reviewed snapshots', { skip: corpusSkip }, () => {
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
      actual.set(group[i], result.messages.map((m) => `${m.line}:${m.column} ${m.severityName} ${m.ruleId}/${m.messageId} ${m.message}`));
    });
  }
  if (update) mkdirSync(snapshotDir, { recursive: true });
  const stale = existsSync(snapshotDir) ? readdirSync(snapshotDir).filter((f) => !actual.has(f.replace(/\.json$/, ''))) : [];
  assert.deepEqual(stale, [], 'snapshots without a corpus file');
  for (const [name, findings] of actual) {
    const path = join(snapshotDir, `${name}.json`);
    const reviewed = readSnapshot(path);
    if (update) {
      const reasons = new Map(reviewed.map((r) => [reviewKey(r.finding), r.reason]));
      const next = findings.map((finding) => ({ finding, reason: reasons.get(reviewKey(finding)) ?? UNREVIEWED }));
      writeFileSync(path, `${JSON.stringify(next, null, 2)}\n`);
      continue;
    }
    assert.ok(existsSync(path), `no snapshot for ${name}: run UPDATE_SNAPSHOTS=1 npm test and review it`);
    assert.deepEqual(findings, reviewed.map((r) => r.finding), `${name}: findings changed (UPDATE_SNAPSHOTS=1 to accept after review)`);
    const unreviewed = reviewed.filter((r) => r.reason === UNREVIEWED || r.reason.trim().length < 20);
    assert.deepEqual(unreviewed, [], `${name}: every finding on a real file needs the reason it is right`);
  }
});
