/**
 * The GitHub Action (action.yml) without GitHub: its shell steps (action/run.sh) run in a temporary git
 * repository with this checkout's arctl on PATH and a fake `gh` that records the API calls, as the
 * composite action runs them on a pull request.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { parse } from 'yaml';
import { envWithArctlOnPath } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir, tempGitRepo } from '../helpers/temp.ts';

const script = join(projectRoot, 'action/run.sh');
const baseConf = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');

interface Step {
  id?: string;
  run?: string;
  uses?: string;
  env?: Record<string, string>;
}

test('action.yml: a composite action whose shell steps are the subcommands of action/run.sh, in order', () => {
  const action = parse(readFileSync(join(projectRoot, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, unknown>; outputs: Record<string, { value: string }> };
  assert.equal(action.runs.using, 'composite');
  const steps = action.runs.steps.map((s) => /run\.sh" (\w+)/.exec(s.run ?? '')?.[1]).filter(Boolean);
  assert.deepEqual(steps, ['files', 'lint', 'diff', 'comment']);
  // Every input the steps read exists.
  const text = readFileSync(join(projectRoot, 'action.yml'), 'utf8');
  for (const [, name] of text.matchAll(/inputs\.([\w-]+)/g)) assert.ok(name! in action.inputs, `inputs.${name} is not declared`);
  for (const [, id] of text.matchAll(/steps\.([\w-]+)\.outputs/g)) assert.ok(action.runs.steps.some((s) => s.id === id), `no step ${id}`);
});

/** A fake `gh`: records each call and the comment body; answers the comment list from $GH_STATE/existing. */
function fakeGh(): { bin: string; state: string } {
  const bin = tempDir('arctl-fake-gh-');
  const state = tempDir('arctl-gh-state-');
  writeFileSync(
    join(bin, 'gh'),
    `#!/bin/sh
printf '%s\\n' "$*" >> "$GH_STATE/calls"
for arg in "$@"; do case $arg in body=@*) cp "\${arg#body=@}" "$GH_STATE/body" ;; esac; done
case "$*" in
  *--method\\ POST*) echo 4242 ;;
  *--paginate*) cat "$GH_STATE/existing" 2>/dev/null || true ;;
esac
`,
    { mode: 0o755 },
  );
  return { bin, state };
}

test('the action steps on a pull request: changed files found, linted, diffed against the base, one comment posted then updated', () => {
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString().trim();
  mkdirSync(join(repo, 'etc'));
  writeFileSync(join(repo, 'etc/ossec.conf'), baseConf);
  writeFileSync(join(repo, 'README'), 'not a configuration\n');
  writeFileSync(join(repo, 'alerts.json.gz'), gzipSync(readFileSync(join(projectRoot, 'examples/alerts.json'))));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(repo, 'etc/ossec.conf'), baseConf.replace('<timeout>600</timeout>', '<timeout>3600</timeout>'));
  writeFileSync(join(repo, 'README'), 'changed\n');
  writeFileSync(join(repo, 'new.ossec.conf'), '<ossec_config>\n  <global>\n    <white_list>192.0.2.1</white_list>\n  </global>\n</ossec_config>\n');
  git('add', '.');
  git('commit', '-q', '-m', 'change');

  const gh = fakeGh();
  const work = tempDir('arctl-action-work-');
  const outputs = join(work, 'github-output');
  const env = envWithArctlOnPath({
    ...process.env,
    ARCTL_BASE: base,
    ARCTL_WORK: join(work, 'arctl'),
    ARCTL_ALERTS: '*.json.gz',
    GITHUB_OUTPUT: outputs,
    GITHUB_STEP_SUMMARY: join(work, 'summary.md'),
    GITHUB_REPOSITORY: 'example/wazuh-config',
    ARCTL_PR: '7',
    GH_STATE: gh.state,
  });
  env.PATH = `${gh.bin}${delimiter}${env.PATH}`;
  const step = (name: string) => {
    const r = spawnSync('sh', [script, name], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}${r.stdout}`);
    return r.stdout;
  };
  assert.match(step('files'), /2 configuration file\(s\) to check/);
  assert.deepEqual(readFileSync(join(work, 'arctl/files'), 'utf8').trim().split('\n').sort(), ['etc/ossec.conf', 'new.ossec.conf']);
  step('lint');
  assert.ok(existsSync(join(work, 'arctl/arctl.sarif')));
  assert.equal((JSON.parse(readFileSync(join(work, 'arctl/arctl.sarif'), 'utf8')) as { version: string }).version, '2.1.0');
  step('diff');
  const body = readFileSync(join(work, 'arctl/comment.md'), 'utf8');
  assert.match(body, /^<!-- arctl-diff -->\n### arctl diff: `[0-9a-f]{40}:\.\/etc\/ossec\.conf` → `etc\/ossec\.conf`/);
  assert.match(body, /\*\*1 configuration change; 2 of 5 alerts decided differently\.\*\*/);
  // The new file is compared with an empty configuration.
  assert.match(body, /`white_list` \| \+192\.0\.2\.1/);
  assert.equal(readFileSync(join(work, 'summary.md'), 'utf8'), body);
  step('comment');
  const out = readFileSync(outputs, 'utf8');
  assert.match(out, /^files-count=2$/m);
  assert.match(out, /^lint-status=0$/m);
  assert.match(out, /^changed=true$/m);
  assert.match(out, /^comment-id=4242$/m);
  assert.equal(readFileSync(join(gh.state, 'body'), 'utf8'), body);
  let calls = readFileSync(join(gh.state, 'calls'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 2);
  assert.match(calls[0]!, /^api --paginate repos\/example\/wazuh-config\/issues\/7\/comments --jq /);
  assert.match(calls[1]!, /^api --method POST repos\/example\/wazuh-config\/issues\/7\/comments -F body=@/);

  // The next push: the comment with the marker is found and updated, not posted again.
  writeFileSync(join(gh.state, 'existing'), '4242\n');
  step('comment');
  calls = readFileSync(join(gh.state, 'calls'), 'utf8').trim().split('\n');
  assert.equal(calls.length, 4);
  assert.match(calls[3]!, /^api --method PATCH repos\/example\/wazuh-config\/issues\/comments\/4242 -F body=@/);
});

test('the action steps when no configuration changed, and when lint finds errors', () => {
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString().trim();
  writeFileSync(join(repo, 'README'), 'x\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  const work = tempDir('arctl-action-work-');
  const env = envWithArctlOnPath({ ...process.env, ARCTL_BASE: base, ARCTL_WORK: work, GITHUB_OUTPUT: join(work, 'out') });
  for (const name of ['files', 'lint', 'diff']) assert.equal(spawnSync('sh', [script, name], { cwd: repo, env }).status, 0, name);
  assert.equal(readFileSync(join(work, 'comment.md'), 'utf8'), '<!-- arctl-diff -->\nNo Wazuh configuration file changed.\n');
  assert.match(readFileSync(join(work, 'out'), 'utf8'), /^changed=false$/m);

  writeFileSync(join(repo, 'ossec.conf'), readFileSync(join(projectRoot, 'examples/broken.ossec.conf')));
  git('add', '.');
  git('commit', '-q', '-m', 'broken');
  for (const name of ['files', 'lint']) {
    const r = spawnSync('sh', [script, name], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    if (name === 'lint') assert.match(r.stdout, /^::error file=ossec\.conf,line=\d+/m);
  }
  assert.match(readFileSync(join(work, 'out'), 'utf8'), /^lint-status=1$/m);
});

test('the action on shared agent.conf files, changed and new: no refusal, no change, no failure', () => {
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString().trim();
  const fixtures = join(projectRoot, 'test/fixtures/diff/shared-agent-conf');
  mkdirSync(join(repo, 'etc/shared/default'), { recursive: true });
  mkdirSync(join(repo, 'etc/shared/web'), { recursive: true });
  writeFileSync(join(repo, 'etc/shared/default/agent.conf'), readFileSync(join(fixtures, 'base/agent.conf')));
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  writeFileSync(join(repo, 'etc/shared/default/agent.conf'), readFileSync(join(fixtures, 'head/agent.conf')));
  // A new group: compared with an empty <agent_config>, not an empty <ossec_config>.
  writeFileSync(join(repo, 'etc/shared/web/agent.conf'), readFileSync(join(fixtures, 'head/agent.conf')));
  git('add', '.');
  git('commit', '-q', '-m', 'change');
  const work = tempDir('arctl-action-work-');
  const env = envWithArctlOnPath({ ...process.env, ARCTL_BASE: base, ARCTL_WORK: work, GITHUB_OUTPUT: join(work, 'out') });
  for (const name of ['files', 'diff']) {
    const r = spawnSync('sh', [script, name], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
  }
  const body = readFileSync(join(work, 'comment.md'), 'utf8');
  assert.equal(body.match(/^Shared agent\.conf: no active-response change is possible here/gm)?.length, 2, body);
  assert.doesNotMatch(body, /CAUTION|failed|refuses/);
  assert.match(readFileSync(join(work, 'out'), 'utf8'), /^changed=false$/m);
});

test('the action on changed files whose paths have blanks or non-ASCII letters: each is one file to lint and diff', () => {
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' }).toString().trim();
  writeFileSync(join(repo, 'README'), 'x\n');
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  const base = git('rev-parse', 'HEAD');
  mkdirSync(join(repo, 'site a'));
  writeFileSync(join(repo, 'site a/ossec.conf'), readFileSync(join(projectRoot, 'examples/broken.ossec.conf')));
  writeFileSync(join(repo, 'zürich.ossec.conf'), baseConf);
  git('add', '.');
  git('commit', '-q', '-m', 'change');
  const work = tempDir('arctl-action-work-');
  const env = envWithArctlOnPath({ ...process.env, ARCTL_BASE: base, ARCTL_WORK: work, GITHUB_OUTPUT: join(work, 'out') });
  const step = (name: string) => {
    const r = spawnSync('sh', [script, name], { cwd: repo, env, encoding: 'utf8' });
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    assert.equal(r.stderr, '', name);
    return r.stdout;
  };
  assert.match(step('files'), /2 configuration file\(s\) to check/);
  assert.deepEqual(readFileSync(join(work, 'files'), 'utf8').trim().split('\n').sort(), ['site a/ossec.conf', 'zürich.ossec.conf']);
  assert.match(step('lint'), /^::error file=site a\/ossec\.conf,line=\d+/m);
  assert.match(readFileSync(join(work, 'out'), 'utf8'), /^lint-status=1$/m);
  step('diff');
  const body = readFileSync(join(work, 'comment.md'), 'utf8');
  assert.match(body, /`site a\/ossec\.conf`/);
  assert.match(body, /`zürich\.ossec\.conf`/);
  assert.doesNotMatch(body, /failed/);
});
