/**
 * Each documented way to install arctl, run as the README and the CI examples run it, into temporary
 * prefixes: a git URL (a clean clone of this checkout's HEAD, standing in for github.com/arctl/arctl),
 * the commands of examples/github-workflow.yml, examples/gitlab-ci.yml and action.yml, and the single
 * file arctl.mjs run by plain node with no node_modules anywhere above it. The packed tarball installed
 * globally is test/cli/package.slow.test.ts's (one `npm pack` for its two tests). The git installs get
 * arctl's dependencies as a user's install does, through a temporary npm cache that starts with what
 * `npm ci` fetched (test/helpers/temp.ts npmEnv); the single file needs nothing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { projectRoot } from '../helpers/paths.ts';
import { npmEnv, tempDir, tempGitRepo } from '../helpers/temp.ts';
import { assertArctlWorks } from '../helpers/installed.ts';

const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;
const hasGitCheckout = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: projectRoot }).status === 0;
const gitSkip = hasGitCheckout ? false : 'not a git checkout: the git URL installs need one';
/** Where the README and the CI examples say arctl's repository is. */
const REPO_URL = 'https://github.com/arctl/arctl.git';
const example = (name: string) => join(projectRoot, 'examples', name);

function check(result: SpawnSyncReturns<string>, what: string): string {
  assert.equal(result.status, 0, `${what}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** A clean clone of this checkout's HEAD with the release tag the examples name, as users clone it. */
function cleanClone(): string {
  const dir = join(tempDir('arctl-clone-'), 'arctl');
  execFileSync('git', ['clone', '--quiet', '--no-hardlinks', projectRoot, dir], { stdio: 'pipe' });
  execFileSync('git', ['-c', 'user.name=arctl test', '-c', 'user.email=test@example.com', 'tag', '-f', '-a', `v${version}`, '-m', `v${version}`], { cwd: dir, stdio: 'pipe' });
  return dir;
}

test('from a git URL: npm install git+URL in a project, and the CI examples and the action as written', { skip: gitSkip, timeout: 1_200_000 }, () => {
  const clone = cleanClone();
  // One npm cache for every install here: the second git preparation finds the first one's downloads.
  const env = npmEnv();
  const asLocal = (text: string) => text.replaceAll(`git+${REPO_URL}`, `git+file://${clone}`);

  const app = tempDir('arctl-app-');
  writeFileSync(join(app, 'package.json'), '{ "name": "consumer", "version": "1.0.0", "private": true }\n');
  check(spawnSync(npm, ['install', '--no-audit', '--no-fund', `git+file://${clone}#v${version}`], { cwd: app, env, encoding: 'utf8' }), 'npm install git+file://');
  assertArctlWorks([join(app, 'node_modules/.bin/arctl')]);
  // npm's preparation of the git dependency emitted the library's declarations: `import ... from 'arctl'` type-checks.
  assert.ok(existsSync(join(app, 'node_modules/arctl/dist/types/index.d.ts')), 'the git install has dist/types (scripts/build-types.mjs --if-git-dependency)');

  // examples/github-workflow.yml installs as the GitLab job below does (run there), into the runner's temporary directory.
  const workflow = YAML.parse(readFileSync(example('github-workflow.yml'), 'utf8')) as { jobs: Record<string, { steps: Array<{ name?: string; run?: string }> }> };
  const step = Object.values(workflow.jobs)[0].steps.find((s) => s.name === 'Install arctl');
  // examples/gitlab-ci.yml's job script and after_script in a repository with a broken file: the job
  // fails on its errors, and leaves the Code Quality and JUnit reports it declares.
  const job = Object.values(YAML.parse(readFileSync(example('gitlab-ci.yml'), 'utf8')) as Record<string, { script: string[]; after_script: string[]; artifacts: { reports: Record<string, string> } }>)[0];
  assert.ok(job.script[0].includes(`git+${REPO_URL}#v${version}`), `the job installs v${version}`);
  assert.equal(step?.run, job.script[0].replaceAll('/tmp', '$RUNNER_TEMP'));
  const repo = tempGitRepo('arctl-gitlab-job-');
  copyFileSync(example('broken.ossec.conf'), join(repo, 'ossec.conf'));
  execFileSync('git', ['add', 'ossec.conf'], { cwd: repo });
  const glTmp = tempDir('arctl-gitlab-tmp-');
  const glPrefix = tempDir('arctl-prefix-');
  const shell = (lines: string[]) =>
    spawnSync('sh', ['-e', '-c', lines.map((l) => asLocal(l.replaceAll('/tmp', glTmp))).join('\n')], { cwd: repo, env: { ...env, npm_config_prefix: glPrefix, PATH: `${join(glPrefix, 'bin')}:${process.env.PATH}` }, encoding: 'utf8' });
  const script = shell(job.script);
  assert.equal(script.status, 1, `the job fails on the broken file:\n${script.stdout}\n${script.stderr}`);
  assert.match(script.stdout, /unicode-lookalike/);
  check(shell(job.after_script), 'after_script');
  const quality = JSON.parse(readFileSync(join(repo, job.artifacts.reports.codequality), 'utf8')) as Array<{ check_name: string; location: { path: string } }>;
  assert.ok(quality.some((i) => i.check_name === 'unicode-lookalike' && i.location.path === 'ossec.conf'));
  assert.match(readFileSync(join(repo, job.artifacts.reports.junit), 'utf8'), /<testsuite /);

  // action.yml's install step with its default (the action's own files, downloaded without .git).
  const action = YAML.parse(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as { runs: { steps: Array<{ name?: string; run?: string }> } };
  const actionStep = action.runs.steps.find((s) => s.name === 'Install arctl');
  const actionPath = join(tempDir('arctl-action-'), 'arctl');
  cpSync(clone, actionPath, { recursive: true, filter: (src) => !src.startsWith(join(clone, '.git')) });
  const runnerTemp = tempDir('arctl-runner-');
  const actionPrefix = tempDir('arctl-prefix-');
  check(spawnSync('bash', ['-e', '-c', actionStep!.run!], { cwd: runnerTemp, env: { ...env, GITHUB_ACTION_PATH: actionPath, RUNNER_TEMP: runnerTemp, VERSION: '', npm_config_prefix: actionPrefix }, encoding: 'utf8' }), 'the action step');
  assertArctlWorks([join(actionPrefix, 'bin/arctl')]);
});

test('the README and the examples name the release of package.json', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const named = [...readme.matchAll(/(?:rev: |arctl\/arctl@|arctl\.git#)v(\d+\.\d+\.\d+)/g), ...readFileSync(example('github-pr-review.yml'), 'utf8').matchAll(/arctl\/arctl@v(\d+\.\d+\.\d+)/g)].map((m) => m[1]);
  assert.ok(named.length >= 3);
  assert.deepEqual([...new Set(named)], [version]);
});

test('the single file arctl.mjs runs with plain node and nothing beside it', { timeout: 120_000 }, () => {
  const dir = tempDir('arctl-single-');
  const file = join(dir, 'arctl.mjs');
  check(spawnSync(process.execPath, [join(projectRoot, 'scripts/build-single.mjs'), file], { cwd: projectRoot, encoding: 'utf8' }), 'build-single');
  for (const name of ['ossec.conf', 'broken.ossec.conf']) copyFileSync(example(name), join(dir, name));
  assert.ok(!existsSync(join(dir, 'node_modules')));
  const run = (args: string[]) => spawnSync(process.execPath, [file, ...args], { cwd: dir, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', NODE_PATH: '' } });
  assertArctlWorks([process.execPath, file]);
  check(run(['lint', 'ossec.conf', '--manager-ip', '::1', '--format', 'gitlab']), 'lint with an IPv6 manager address (ipaddr.js inside)');
  // add: templates and xmlbuilder2 are inside the file.
  const added = run(['add', 'active-response', '--recipe', 'ssh-brute-force', '--file', 'ossec.conf', '--dry-run']);
  assert.match(check(added, 'add --dry-run'), /^\+ {4}<command>firewall-drop<\/command>$/m);
  const alert = join(dir, 'alert.json');
  writeFileSync(alert, JSON.stringify({ timestamp: '2024-05-01T12:00:00.000+0000', rule: { level: 10, id: '5712', groups: ['sshd'] }, agent: { id: '001', name: 'web01' }, id: '1.1', data: { srcip: '203.0.113.5' } }));
  const simulated = JSON.parse(check(run(['simulate', 'alert.json', '--file', 'ossec.conf', '--format', 'json']), 'simulate')) as { alerts: Array<{ responses: Array<{ command: string; fired: boolean }> }> };
  assert.deepEqual(simulated.alerts[0].responses.filter((r) => r.fired).map((r) => r.command), ['firewall-drop']);
  // What it lacks, said in one line.
  const libxml2 = run(['validate', '--libxml2', 'ossec.conf']);
  assert.equal(libxml2.status, 2);
  assert.match(libxml2.stderr, /^arctl: --libxml2 needs the libxml2-wasm package .* single-file arctl\.mjs/);
  assert.equal(libxml2.stderr.trim().split('\n').length, 1);
  rmSync(file);
});
