/**
 * `--format gitlab` through the real CLI: every issue carries the fields GitLab's Code Quality report
 * format documents as required, with values of the documented types, and fingerprints that identify a
 * finding across runs and unrelated edits (GitLab matches a merge request's issues with its target
 * branch's by fingerprint, and shows only the first issue of a repeated one).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

interface Issue {
  type: string;
  description: string;
  check_name: string;
  fingerprint: string;
  severity: string;
  categories: string[];
  location: { path: string; lines: { begin: number; end: number } };
}

/** docs.gitlab.com/ci/testing/code_quality/#code-quality-report-format: the required fields and severity words. */
const GITLAB_SEVERITIES = ['info', 'minor', 'major', 'critical', 'blocker'];
/** The Code Climate spec's categories (GitLab ignores them; other Code Climate readers do not). */
const CODE_CLIMATE_CATEGORIES = ['Bug Risk', 'Clarity', 'Compatibility', 'Complexity', 'Duplication', 'Performance', 'Security', 'Style'];

function lintGitlab(dir: string, file: string): Issue[] {
  const run = runArctl(['lint', '--format', 'gitlab', file], { cwd: dir });
  assert.equal(run.status, 1, run.stderr);
  return JSON.parse(run.stdout) as Issue[];
}

test('lint --format gitlab writes GitLab Code Quality issues with stable, unique fingerprints', () => {
  const dir = tempDir('arctl-gitlab-');
  const broken = readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8');
  writeFileSync(join(dir, 'ossec.conf'), broken);
  const issues = lintGitlab(dir, 'ossec.conf');
  assert.ok(issues.length >= 3, 'the broken example has several findings');
  for (const issue of issues) {
    assert.equal(typeof issue.description, 'string');
    assert.ok(issue.description.length > 0);
    assert.match(issue.check_name, /^[a-z0-9-]+$/);
    assert.match(issue.fingerprint, /^[0-9a-f]{32}$/);
    assert.ok(GITLAB_SEVERITIES.includes(issue.severity), issue.severity);
    assert.equal(issue.location.path, 'ossec.conf', 'relative to the job directory, as GitLab links it');
    assert.ok(Number.isInteger(issue.location.lines.begin) && issue.location.lines.begin >= 1);
    assert.ok(issue.location.lines.end >= issue.location.lines.begin);
    assert.equal(issue.type, 'issue');
    assert.ok(issue.categories.every((c) => CODE_CLIMATE_CATEGORIES.includes(c)));
  }
  assert.equal(new Set(issues.map((i) => i.fingerprint)).size, issues.length, 'one fingerprint per issue');
  const errorRules = new Set(JSON.parse(runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir }).stdout)[0].messages.filter((m: { severity: number; severityName: string }) => m.severityName === 'error').map((m: { ruleId: string }) => m.ruleId));
  for (const issue of issues) assert.equal(issue.severity === 'critical', errorRules.has(issue.check_name), `${issue.check_name}: errors are critical, nothing else is`);

  assert.deepEqual(lintGitlab(dir, 'ossec.conf'), issues, 'the same report on a second run');

  // Lines added above every finding move them down; each keeps its fingerprint.
  writeFileSync(join(dir, 'ossec.conf'), `<!-- a comment -->\n<!-- another -->\n${broken}`);
  const moved = lintGitlab(dir, 'ossec.conf');
  assert.deepEqual(
    moved.map((i) => [i.fingerprint, i.location.lines.begin - 2]),
    issues.map((i) => [i.fingerprint, i.location.lines.begin]),
  );

  // The same finding in another file is another issue.
  writeFileSync(join(dir, 'copy.ossec.conf'), broken);
  const copy = lintGitlab(dir, 'copy.ossec.conf');
  assert.equal(copy.filter((i) => issues.some((j) => j.fingerprint === i.fingerprint)).length, 0);
});

test('two equal findings on equal lines get different fingerprints', () => {
  const block = '  <active-response>\n    <command>nope</command>\n    <location>local</location>\n    <level>10</level>\n  </active-response>\n';
  const dir = tempDir('arctl-gitlab-');
  writeFileSync(join(dir, 'ossec.conf'), `<ossec_config>\n${block}${block}</ossec_config>\n`);
  const issues = lintGitlab(dir, 'ossec.conf').filter((i) => i.check_name === 'unknown-command');
  assert.equal(issues.length, 2);
  assert.notEqual(issues[0].fingerprint, issues[1].fingerprint);
});
