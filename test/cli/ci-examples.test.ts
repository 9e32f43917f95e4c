/**
 * The lint steps of the CI examples (examples/github-workflow.yml, examples/gitlab-ci.yml) as the runners
 * run them, with this checkout's arctl on PATH (their install steps are test/cli/install.slow.test.ts's): a
 * repository without a Wazuh configuration has nothing to lint and passes; one with a broken file fails
 * and still leaves its reports.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { execFileSync, spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import YAML from 'yaml';
import { envWithArctlOnPath } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempGitRepo } from '../helpers/temp.ts';

const example = (name: string) => join(projectRoot, 'examples', name);
const env = envWithArctlOnPath();

interface Step {
  name?: string;
  if?: string;
  run?: string;
  uses?: string;
  with?: Record<string, string>;
}
const workflow = YAML.parse(readFileSync(example('github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: Step[] }> };
const steps = Object.values(workflow.jobs)[0]!.steps;
const gitlab = Object.values(YAML.parse(readFileSync(example('gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; after_script: string[]; artifacts: { reports: Record<string, string> } }>)[0]!;

/** A git repository holding these files (committed: `git ls-files` lists them). */
function repository(files: Record<string, string>): string {
  const dir = tempGitRepo('arctl-ci-');
  for (const [name, from] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    copyFileSync(from, join(dir, name));
  }
  // A file of another kind, which the examples leave alone: git ls-files lists something, none of it theirs.
  writeFileSync(join(dir, 'README.md'), '# servers\n');
  execFileSync('git', ['add', 'README.md', ...Object.keys(files)], { cwd: dir });
  return dir;
}

/** GitHub runs a step's `run` with `bash -e`; GitLab a job's lines as one script (sh -e here, as install.slow.test.ts does). */
const shell = (program: 'bash' | 'sh', script: string, cwd: string) => spawnSync(program, ['-e', '-c', script], { cwd, env, encoding: 'utf8' });

const lintSteps = steps.filter((s) => s.run?.includes('arctl lint'));

test('the GitHub workflow: nothing to lint passes and uploads no SARIF; a broken file fails the lint step and its SARIF is uploaded', () => {
  assert.equal(lintSteps.length, 2);
  const upload = steps.find((s) => s.uses?.startsWith('github/codeql-action/upload-sarif'))!;
  const sarifFile = upload.with!.sarif_file!;
  // The upload runs only when the file exists: upload-sarif fails on a missing one.
  assert.equal(upload.if, `always() && hashFiles('${sarifFile}') != ''`);

  const empty = repository({});
  for (const step of lintSteps) {
    const r = shell('bash', step.run!, empty);
    assert.equal(r.status, 0, `${step.name}:\n${r.stdout}\n${r.stderr}`);
    assert.equal(r.stderr, '', step.name);
  }
  assert.equal(existsSync(join(empty, sarifFile)), false);

  const broken = repository({ 'ossec.conf': example('broken.ossec.conf') });
  const [annotations, sarif] = lintSteps.map((step) => shell('bash', step.run!, broken));
  assert.equal(annotations!.status, 1, annotations!.stderr);
  assert.match(annotations!.stdout, /^::error file=ossec\.conf,line=\d+/m);
  assert.equal(sarif!.status, 0, sarif!.stderr);
  const log = JSON.parse(readFileSync(join(broken, sarifFile), 'utf8')) as { runs: Array<{ results: unknown[] }> };
  assert.ok(log.runs[0]!.results.length > 0);
});

test('the GitLab job: nothing to lint passes and after_script writes nothing; a broken file fails the job and leaves its reports', () => {
  const script = gitlab.script.filter((line) => !line.startsWith('npm install'));
  const reports = Object.values(gitlab.artifacts.reports);

  const empty = repository({});
  const job = shell('sh', script.join('\n'), empty);
  assert.equal(job.status, 0, `${job.stdout}\n${job.stderr}`);
  assert.equal(job.stderr, '');
  const after = shell('sh', gitlab.after_script.join('\n'), empty);
  assert.equal(after.status, 0, after.stderr);
  assert.deepEqual(reports.filter((name) => existsSync(join(empty, name))), []);

  const broken = repository({ 'ossec.conf': example('broken.ossec.conf') });
  const failed = shell('sh', script.join('\n'), broken);
  assert.equal(failed.status, 1, failed.stderr);
  assert.match(failed.stdout, /unicode-lookalike/);
  assert.equal(shell('sh', gitlab.after_script.join('\n'), broken).status, 0);
  assert.deepEqual(reports.filter((name) => !existsSync(join(broken, name))), []);
});

test('both examples pass a path with blanks (or non-ASCII letters) as one argument', () => {
  // A broken file in a folder with a space, a clean one whose name git would C-quote by default (core.quotePath).
  const files = { 'site a/ossec.conf': example('broken.ossec.conf'), 'zürich.ossec.conf': example('ossec.conf') };
  const dir = repository(files);
  const [annotations, sarif] = lintSteps.map((step) => shell('bash', step.run!, dir));
  assert.equal(annotations!.status, 1, annotations!.stderr);
  assert.equal(annotations!.stderr, '');
  assert.match(annotations!.stdout, /^::error file=site a\/ossec\.conf,line=\d+/m);
  assert.equal(sarif!.status, 0, sarif!.stderr);
  const log = JSON.parse(readFileSync(join(dir, 'arctl.sarif'), 'utf8')) as { runs: Array<{ results: Array<{ locations: Array<{ physicalLocation: { artifactLocation: { uri: string } } }> }> }> };
  const uris = new Set(log.runs[0]!.results.map((r) => decodeURIComponent(r.locations[0]!.physicalLocation.artifactLocation.uri)));
  assert.deepEqual([...uris], ['site a/ossec.conf']);

  const script = gitlab.script.filter((line) => !line.startsWith('npm install'));
  const job = shell('sh', script.join('\n'), dir);
  assert.equal(job.status, 1, job.stderr);
  assert.equal(job.stderr, '');
  assert.match(job.stdout, /site a\/ossec\.conf/);
  assert.equal(shell('sh', gitlab.after_script.join('\n'), dir).status, 0);
  const quality = JSON.parse(readFileSync(join(dir, gitlab.artifacts.reports.codequality!), 'utf8')) as Array<{ location: { path: string } }>;
  assert.deepEqual([...new Set(quality.map((issue) => issue.location.path))], ['site a/ossec.conf']);
  // The clean file was linted too: JUnit lists both.
  const junit = readFileSync(join(dir, gitlab.artifacts.reports.junit!), 'utf8');
  assert.match(junit, /site a\/ossec\.conf/);
  assert.match(junit, /zürich\.ossec\.conf/);
});
