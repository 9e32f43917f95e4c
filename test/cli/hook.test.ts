import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envWithArctlOnPath, runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { fillUp, tempDir, tempGitRepo, tmpfsSkip, withTmpfs } from '../helpers/temp.ts';

const gitRepo = () => tempGitRepo('arctl-hook-');

test('hook install writes an executable pre-commit hook, is idempotent, and uninstall removes it', () => {
  const repo = gitRepo();
  const r = runArctl(['hook', 'install'], { cwd: repo });
  assert.equal(r.status, 0, r.stderr);
  const hook = join(repo, '.git/hooks/pre-commit');
  assert.ok(readFileSync(hook, 'utf8').includes('# arctl pre-commit hook'));
  assert.ok(statSync(hook).mode & 0o100, 'executable');
  assert.match(runArctl(['hook', 'install'], { cwd: repo }).stdout, /already installed/);
  const u = runArctl(['hook', 'uninstall'], { cwd: repo });
  assert.equal(u.status, 0, u.stderr);
  assert.ok(!existsSync(hook));
});

test('hook install works from a subdirectory and respects core.hooksPath', () => {
  const repo = gitRepo();
  execFileSync('git', ['config', 'core.hooksPath', 'githooks'], { cwd: repo });
  mkdirSync(join(repo, 'roles/wazuh'), { recursive: true });
  const r = runArctl(['hook', 'install'], { cwd: join(repo, 'roles/wazuh') });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(repo, 'githooks/pre-commit')));
  assert.ok(!existsSync(join(repo, '.git/hooks/pre-commit')));
});

test('an existing hook is kept: chained by default, refused with --no-chain, restored on uninstall', () => {
  const repo = gitRepo();
  const hook = join(repo, '.git/hooks/pre-commit');
  const mine = '#!/bin/sh\necho mine\n';
  writeFileSync(hook, mine, { mode: 0o755 });
  const refused = runArctl(['hook', 'install', '--no-chain'], { cwd: repo });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /already exists/);
  assert.equal(readFileSync(hook, 'utf8'), mine);
  const chained = runArctl(['hook', 'install'], { cwd: repo });
  assert.equal(chained.status, 0, chained.stderr);
  assert.equal(readFileSync(`${hook}.arctl-chained`, 'utf8'), mine);
  assert.ok(readFileSync(hook, 'utf8').includes('pre-commit.arctl-chained'));
  const u = runArctl(['hook', 'uninstall'], { cwd: repo });
  assert.equal(u.status, 0, u.stderr);
  assert.equal(readFileSync(hook, 'utf8'), mine);
});

test("uninstall after arctl's hook was deleted by hand puts the hook it set aside back; a foreign hook in its place is left, and the set-aside one named", () => {
  const repo = gitRepo();
  const hook = join(repo, '.git/hooks/pre-commit');
  const mine = '#!/bin/sh\necho mine\n';
  writeFileSync(hook, mine, { mode: 0o755 });
  assert.equal(runArctl(['hook', 'install'], { cwd: repo }).status, 0);
  unlinkSync(hook);
  const u = runArctl(['hook', 'uninstall'], { cwd: repo });
  assert.equal(u.status, 0, u.stderr);
  assert.match(u.stdout, /^no arctl pre-commit hook at .*pre-commit \(deleted by hand\?\); restored your previous hook there from .*pre-commit\.arctl-chained$/m);
  assert.equal(readFileSync(hook, 'utf8'), mine);
  assert.ok(statSync(hook).mode & 0o100, 'still executable');
  assert.ok(!existsSync(`${hook}.arctl-chained`));
  assert.match(runArctl(['hook', 'uninstall'], { cwd: repo }).stderr, /not installed by arctl; leaving it alone\n/);

  // arctl's hook replaced by hand with another: both stay, and uninstall says where the set-aside one is.
  assert.equal(runArctl(['hook', 'install'], { cwd: repo }).status, 0);
  const theirs = '#!/bin/sh\necho theirs\n';
  writeFileSync(hook, theirs, { mode: 0o755 });
  const refused = runArctl(['hook', 'uninstall'], { cwd: repo });
  assert.equal(refused.status, 1);
  assert.match(refused.stderr, /not installed by arctl; leaving it alone; the hook arctl set aside when it was installed is still at pre-commit\.arctl-chained: merge it into this one or delete it/);
  assert.equal(readFileSync(hook, 'utf8'), theirs);
  assert.equal(readFileSync(`${hook}.arctl-chained`, 'utf8'), mine);
});

test('a hook manager that runs what its own file name says is refused, not renamed into silence: husky 4, husky 9, any $0 dispatcher', () => {
  const commitFails = (repo: string) => {
    writeFileSync(join(repo, `f${Math.random()}`), 'x');
    execFileSync('git', ['add', '.'], { cwd: repo });
    return spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, encoding: 'utf8' }).status !== 0;
  };
  // A dispatcher as husky 4 writes one: the work is looked up by the hook's own name, here a check that fails.
  const repo = gitRepo();
  const hook = join(repo, '.git/hooks/pre-commit');
  mkdirSync(join(repo, '.git/hooks/manager.d'));
  writeFileSync(join(repo, '.git/hooks/manager.d/pre-commit'), '#!/bin/sh\necho "the team check failed" >&2\nexit 1\n', { mode: 0o755 });
  const dispatcher = '#!/bin/sh\nhookName=`basename "$0"`\nwork="$(dirname "$0")/manager.d/$hookName"\n[ -x "$work" ] || exit 0\nexec "$work" "$@"\n';
  writeFileSync(hook, dispatcher, { mode: 0o755 });
  assert.ok(commitFails(repo), 'the team check runs before install');
  const refused = runArctl(['hook', 'install'], { cwd: repo });
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, /^arctl: .*pre-commit: the existing pre-commit hook is a dispatcher that picks what to run from its own file name .*pass every commit/);
  assert.equal(readFileSync(hook, 'utf8'), dispatcher);
  assert.ok(!existsSync(`${hook}.arctl-chained`));
  assert.ok(commitFails(repo), 'the team check still runs');

  // husky 9: core.hooksPath .husky/_, whose pre-commit sources h, which runs .husky/$(basename "$0").
  const husky = gitRepo();
  mkdirSync(join(husky, '.husky/_'), { recursive: true });
  writeFileSync(join(husky, '.husky/_/pre-commit'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', { mode: 0o755 });
  writeFileSync(join(husky, '.husky/_/h'), '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n', { mode: 0o755 });
  writeFileSync(join(husky, '.husky/pre-commit'), 'echo "lint-staged failed" >&2\nexit 1\n');
  execFileSync('git', ['config', 'core.hooksPath', '.husky/_'], { cwd: husky });
  assert.ok(commitFails(husky));
  const h = runArctl(['hook', 'install'], { cwd: husky });
  assert.equal(h.status, 1, h.stderr);
  assert.match(h.stderr, /husky's/);
  assert.ok(commitFails(husky), "husky's hook still runs");
});

test('hook install with $ARCTL set says the hook runs it', () => {
  const repo = gitRepo();
  const r = runArctl(['hook', 'install'], { cwd: repo, env: { ARCTL: 'npx --no arctl', PATH: '/usr/bin:/bin' } });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^arctl: the hook runs \$ARCTL \(npx --no arctl\) when the commit's environment sets it, as this one does; else nothing: the hook finds no arctl to run/);
  assert.doesNotMatch(r.stderr, /warning/);
});

test('the installed hook finding no arctl says so, not "fix the errors above", and still blocks the commit', () => {
  const repo = gitRepo();
  assert.equal(runArctl(['hook', 'install'], { cwd: repo }).status, 0);
  writeFileSync(join(repo, 'ossec.conf'), '<ossec_config>\n</ossec_config>\n');
  execFileSync('git', ['add', 'ossec.conf'], { cwd: repo });
  const { ARCTL: _unset, ...env } = process.env;
  const r = spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, encoding: 'utf8', env: { ...env, PATH: '/usr/bin:/bin' } });
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /^arctl: pre-commit hook: arctl is neither in .*node_modules\/\.bin\/arctl nor on PATH; install it, or set ARCTL/m);
  assert.match(r.stderr, /^arctl: commit blocked: the staged configuration files were not linted, for want of an arctl to run \(see above\)\n$/m);
  assert.doesNotMatch(r.stderr, /fix the errors above/);
  // $ARCTL naming no command: the shell says so (status 127), and the hook says the same as above.
  const named = spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, encoding: 'utf8', env: { ...env, PATH: '/usr/bin:/bin', ARCTL: 'no-such-arctl' } });
  assert.equal(named.status, 1, named.stderr);
  assert.match(named.stderr, /no-such-arctl: (command )?not found\n/);
  assert.match(named.stderr, /^arctl: commit blocked: the staged configuration files were not linted, for want of an arctl to run \(see above\)\n$/m);
  assert.doesNotMatch(named.stderr, /fix the errors above/);
  assert.equal(spawnSync('git', ['rev-parse', '-q', '--verify', 'HEAD'], { cwd: repo }).status, 1, 'nothing was committed');
});

test('the installed hook runs `arctl hook run`, the one implementation of the check, and says when that arctl could not check at all', () => {
  const repo = gitRepo();
  assert.equal(runArctl(['hook', 'install'], { cwd: repo }).status, 0);
  // A stand-in for the repository's arctl: records how it is called, exits as told.
  mkdirSync(join(repo, 'node_modules/.bin'), { recursive: true });
  const calls = join(repo, 'calls');
  writeFileSync(join(repo, 'node_modules/.bin/arctl'), `#!/bin/sh\necho "$PWD: $*" >> '${calls}'\nexit "$(cat '${join(repo, 'status')}')"\n`, { mode: 0o755 });
  const { ARCTL: _unset, ...env } = process.env;
  const commit = (status: number) => {
    writeFileSync(join(repo, 'status'), String(status));
    return spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: join(repo, 'etc'), encoding: 'utf8', env: { ...env, PATH: '/usr/bin:/bin' } });
  };
  mkdirSync(join(repo, 'etc'));
  writeFileSync(join(repo, 'etc/ossec.conf'), '<ossec_config>\n</ossec_config>\n');
  execFileSync('git', ['add', 'etc/ossec.conf'], { cwd: repo });
  // hook run blocks (exit 1) and says why itself: the hook adds nothing.
  const blocked = commit(1);
  assert.equal(blocked.status, 1);
  assert.equal(blocked.stderr, '');
  // exit 2 (an unusable .arctl.json, an arctl too old to have `hook run`): nothing was checked, and the hook says so.
  const unchecked = commit(2);
  assert.equal(unchecked.status, 1);
  assert.equal(unchecked.stderr, 'arctl: commit blocked: arctl could not check the staged configuration files (see above)\n');
  const passed = commit(0);
  assert.equal(passed.status, 0, passed.stderr);
  // Once per commit, from the top of the working tree, whatever the directory git commit ran in.
  assert.deepEqual(readFileSync(calls, 'utf8').split('\n').filter(Boolean), [1, 2, 3].map(() => `${repo}: hook run`));
  // A commit without a configuration file does not run it.
  writeFileSync(join(repo, 'README'), 'x');
  execFileSync('git', ['add', 'README'], { cwd: repo });
  assert.equal(commit(1).status, 0);
  assert.equal(readFileSync(calls, 'utf8').split('\n').filter(Boolean).length, 3);
});

test('hook uninstall leaves a foreign hook alone; outside a repository is a clear error', () => {
  const repo = gitRepo();
  const hook = join(repo, '.git/hooks/pre-commit');
  writeFileSync(hook, '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  const r = runArctl(['hook', 'uninstall'], { cwd: repo });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /not installed by arctl/);
  const outside = runArctl(['hook', 'install'], { cwd: tempDir() });
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /^arctl: .*not a git repository/i);
});

test('hook install on a full disk: a clear error, the existing hook left in place, no temporary file', { skip: tmpfsSkip }, () => {
  const repo = gitRepo();
  withTmpfs('64k', (mount) => {
    const hooks = join(mount, 'hooks');
    mkdirSync(hooks);
    const mine = '#!/bin/sh\necho mine\n';
    writeFileSync(join(hooks, 'pre-commit'), mine, { mode: 0o755 });
    fillUp(mount);
    execFileSync('git', ['config', 'core.hooksPath', hooks], { cwd: repo });
    const r = runArctl(['hook', 'install'], { cwd: repo });
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.match(r.stderr, /pre-commit: no space left on device/);
    assert.deepEqual(readdirSync(hooks), ['pre-commit'], 'no temporary file, and the hook was not moved aside');
    assert.equal(readFileSync(join(hooks, 'pre-commit'), 'utf8'), mine);
  });
});

test('hook run lints what would be committed, as the installed hook does and with its exit codes: a hook manager (here husky 9) calls it', () => {
  const bad = '<ossec_config>\n  <active-response>\n    <command>nope</command>\n    <location>local</location>\n    <level>10</level>\n  </active-response>\n</ossec_config>\n';
  const good = '<ossec_config>\n  <global>\n    <jsonout_output>yes</jsonout_output>\n  </global>\n</ossec_config>\n';
  const repo = gitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  const env = envWithArctlOnPath();
  const commit = () => spawnSync('git', ['commit', '-q', '-m', 'x'], { cwd: repo, encoding: 'utf8', env });
  // Nothing staged is a configuration file: nothing to block, nothing said.
  writeFileSync(join(repo, 'notes.txt'), 'x\n');
  git('add', 'notes.txt');
  const none = runArctl(['hook', 'run'], { cwd: repo });
  assert.deepEqual([none.status, none.stdout, none.stderr], [0, '', '']);

  // The staged blob counts, not the working tree: broken when staged, mended but not staged.
  mkdirSync(join(repo, 'etc'));
  writeFileSync(join(repo, 'etc/ossec.conf'), bad);
  git('add', 'etc/ossec.conf');
  writeFileSync(join(repo, 'etc/ossec.conf'), good);
  const blocked = runArctl(['hook', 'run'], { cwd: repo });
  assert.equal(blocked.status, 1, blocked.stderr);
  assert.match(blocked.stdout, /^etc\/ossec\.conf\n +3:14 +error +No <command> is named 'nope'/m);
  assert.equal(blocked.stderr, 'arctl: commit blocked: fix the errors above (or commit with --no-verify to skip the hook)\n');
  // The installed hook decides the same, and says the same.
  assert.equal(runArctl(['hook', 'install'], { cwd: repo }).status, 0);
  const hooked = commit();
  assert.equal(hooked.status, 1);
  assert.ok(hooked.stderr.endsWith(blocked.stderr), hooked.stderr);
  assert.equal(runArctl(['hook', 'uninstall'], { cwd: repo }).status, 0);

  // As a hook manager passes paths: relative to where it runs, others than configurations ignored.
  const fromSub = runArctl(['hook', 'run', '../etc/ossec.conf', '../notes.txt'], { cwd: join(repo, 'etc') });
  assert.equal(fromSub.status, 1, fromSub.stderr);
  assert.match(fromSub.stdout, /^ossec\.conf\n/m);
  const missing = runArctl(['hook', 'run', 'other.ossec.conf'], { cwd: repo });
  assert.equal(missing.status, 1);
  assert.match(missing.stderr, /^arctl: other\.ossec\.conf: not in the index \(git add it to lint what would be committed\)\narctl: commit blocked/);

  // husky 9 runs .husky/pre-commit with sh: `arctl hook run` there blocks and passes as the hook would.
  mkdirSync(join(repo, '.husky/_'), { recursive: true });
  writeFileSync(join(repo, '.husky/_/pre-commit'), '#!/usr/bin/env sh\n. "$(dirname "$0")/h"\n', { mode: 0o755 });
  writeFileSync(join(repo, '.husky/_/h'), '#!/usr/bin/env sh\nn=$(basename "$0")\ns=$(dirname "$(dirname "$0")")/$n\n[ ! -f "$s" ] && exit 0\nsh -e "$s" "$@"\n', { mode: 0o755 });
  writeFileSync(join(repo, '.husky/pre-commit'), 'arctl hook run\n');
  git('config', 'core.hooksPath', '.husky/_');
  const viaHusky = commit();
  assert.equal(viaHusky.status, 1, viaHusky.stderr);
  assert.match(viaHusky.stderr, /commit blocked/);
  git('add', 'etc/ossec.conf');
  const passed = commit();
  assert.equal(passed.status, 0, passed.stdout + passed.stderr);

  const outside = runArctl(['hook', 'run'], { cwd: tempDir() });
  assert.equal(outside.status, 2);
  assert.match(outside.stderr, /^arctl: .*not a git repository/i);
});

test('hook run on a staged file arctl cannot read says why, without lint\'s hint for a run with no FILE', () => {
  const repo = gitRepo();
  writeFileSync(join(repo, 'agent.conf'), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<agent_config>\n</agent_config>\n', 'utf16le')]));
  execFileSync('git', ['add', 'agent.conf'], { cwd: repo, stdio: 'pipe' });
  const r = runArctl(['hook', 'run'], { cwd: repo });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^arctl: agent\.conf:1:1: file is UTF-16 encoded; .*\(convert it with iconv -f UTF-16 -t UTF-8\)\narctl: commit blocked: /);
  assert.doesNotMatch(r.stderr, /no FILE given/);
});

test('hook run names the command that fixes what it can (arctl lint --fix FILE), not a --fix option it does not take', () => {
  const repo = gitRepo();
  writeFileSync(join(repo, 'ossec.conf'), readFileSync(join(projectRoot, 'examples/broken.ossec.conf')));
  execFileSync('git', ['add', 'ossec.conf'], { cwd: repo, stdio: 'pipe' });
  const r = runArctl(['hook', 'run'], { cwd: repo });
  assert.equal(r.status, 1, r.stderr);
  assert.doesNotMatch(r.stdout, /--fix/);
  assert.match(r.stderr, /^arctl: \d+ of them are fixable: arctl lint --fix ossec\.conf \(in the working tree; then git add\)\narctl: commit blocked/);
  // The hint's command does what it says.
  assert.equal(runArctl(['lint', '--fix', 'ossec.conf'], { cwd: repo }).status, 1);
  assert.notEqual(readFileSync(join(repo, 'ossec.conf'), 'utf8'), readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8'));
});
