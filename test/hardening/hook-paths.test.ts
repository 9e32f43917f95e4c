/**
 * The pre-commit hook and the files arctl writes beside the one it edits, attacked through paths:
 * names git quotes, a `~` in core.hooksPath, links planted at side-file names, hard links, extended
 * attributes, FIFOs and devices. Each case runs the real CLI (and real git).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, linkSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { envWithArctlOnPath, runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir, tempFiles, tempGitRepo } from '../helpers/temp.ts';

const broken = readFileSync(join(projectRoot, 'examples/broken.ossec.conf'));
const example = join(projectRoot, 'examples/ossec.conf');
const hasGit = spawnSync('git', ['--version']).status === 0;
const gitSkip = hasGit ? false : 'git is not installed';

function commitWithHook(names: string[]): { status: number | null; output: string } {
  const repo = tempGitRepo('arctl-hook-path-');
  const env = envWithArctlOnPath();
  const install = runArctl(['hook', 'install'], { cwd: repo, env });
  assert.equal(install.status, 0, install.stderr);
  for (const name of names) {
    mkdirSync(join(repo, name, '..'), { recursive: true });
    writeFileSync(join(repo, name), broken);
  }
  execFileSync('git', ['add', '--', ...names], { cwd: repo, env });
  const commit = spawnSync('git', ['commit', '-q', '-m', 'broken'], { cwd: repo, env, encoding: 'utf8' });
  return { status: commit.status, output: commit.stdout + commit.stderr };
}

for (const name of ['glob[*]?.ossec.conf', 'café.ossec.conf', 'tab\there.ossec.conf', 'quote".ossec.conf', 'back\\slash/ossec.conf', 'new\nline.ossec.conf', '1:ossec.conf/agent.conf']) {
  test(`the pre-commit hook lints a staged file git would quote: ${JSON.stringify(name)}`, { skip: gitSkip }, () => {
    const { status, output } = commitWithHook([name]);
    assert.notEqual(status, 0, `the commit must be refused:\n${output}`);
    // Linted as what its name makes it: an agent.conf's <active-response> blocks are read by no analysisd,
    // but its <ossec_config> root is refused; an ossec.conf's location is.
    assert.match(output, name.endsWith('agent.conf') ? /outside-ossec-config/ : /invalid-location/);
    assert.match(output, /commit blocked/);
  });
}

test('the pre-commit hook lints no symbolic link named like a configuration: its blob is the path it points to', { skip: gitSkip }, () => {
  const repo = tempGitRepo('arctl-hook-link-');
  const env = envWithArctlOnPath();
  assert.equal(runArctl(['hook', 'install'], { cwd: repo, env }).status, 0);
  mkdirSync(join(repo, 'etc'));
  copyFileSync(example, join(repo, 'etc/manager.xml'));
  symlinkSync('manager.xml', join(repo, 'etc/ossec.conf'));
  execFileSync('git', ['add', 'etc'], { cwd: repo, env });
  const linked = spawnSync('git', ['commit', '-q', '-m', 'link'], { cwd: repo, env, encoding: 'utf8' });
  assert.equal(linked.status, 0, linked.stderr);
  assert.equal(linked.stdout + linked.stderr, '', 'the link text manager.xml was linted as a file');
  // A real file beside a link is still linted.
  writeFileSync(join(repo, 'ossec.conf'), broken);
  symlinkSync('etc/manager.xml', join(repo, 'agent.conf'));
  execFileSync('git', ['add', 'ossec.conf', 'agent.conf'], { cwd: repo, env });
  const both = spawnSync('git', ['commit', '-q', '-m', 'both'], { cwd: repo, env, encoding: 'utf8' });
  assert.notEqual(both.status, 0);
  assert.match(both.stderr + both.stdout, /^ossec\.conf$/m);
  assert.doesNotMatch(both.stderr + both.stdout, /agent\.conf/);
});

test('the pre-commit hook names no absolute path of arctl or node, and says which arctl it runs', { skip: gitSkip }, () => {
  const repo = tempGitRepo('arctl-hook-which-');
  const env = envWithArctlOnPath();
  const install = runArctl(['hook', 'install'], { cwd: repo, env });
  assert.equal(install.status, 0, install.stderr);
  assert.match(install.stderr, /the hook runs arctl from PATH \(.*arctl-path-.*\/arctl\)/);
  const hook = readFileSync(join(repo, '.git/hooks/pre-commit'), 'utf8');
  assert.ok(!hook.includes(process.execPath), 'no node path');
  assert.ok(!hook.includes(projectRoot), 'no checkout path');
  // Without arctl anywhere, a commit of a configuration file is refused with the reason; others pass.
  const bare = { ...process.env, PATH: '/usr/bin:/bin' };
  writeFileSync(join(repo, 'README'), 'x');
  execFileSync('git', ['add', 'README'], { cwd: repo });
  assert.equal(spawnSync('git', ['commit', '-q', '-m', 'doc'], { cwd: repo, env: bare }).status, 0, 'no configuration file: arctl is not needed');
  copyFileSync(example, join(repo, 'ossec.conf'));
  execFileSync('git', ['add', 'ossec.conf'], { cwd: repo });
  const refused = spawnSync('git', ['commit', '-q', '-m', 'conf'], { cwd: repo, env: bare, encoding: 'utf8' });
  assert.notEqual(refused.status, 0);
  assert.match(refused.stderr, /arctl is neither in .*node_modules\/\.bin\/arctl nor on PATH/);
  // The repository's own node_modules/.bin/arctl is found first.
  mkdirSync(join(repo, 'node_modules/.bin'), { recursive: true });
  writeFileSync(join(repo, 'node_modules/.bin/arctl'), `#!/bin/sh\necho local-arctl-ran >&2\nexit 0\n`, { mode: 0o755 });
  const local = spawnSync('git', ['commit', '-q', '-m', 'conf'], { cwd: repo, env: bare, encoding: 'utf8' });
  assert.equal(local.status, 0, local.stderr);
  assert.match(local.stderr, /local-arctl-ran/);
});

test('core.hooksPath with ~ is expanded as git expands it', { skip: gitSkip }, () => {
  const repo = tempGitRepo('arctl-hook-tilde-');
  const home = tempDir('arctl-home-');
  execFileSync('git', ['config', 'core.hooksPath', '~/.githooks'], { cwd: repo });
  const r = runArctl(['hook', 'install'], { cwd: repo, env: { ...envWithArctlOnPath(), HOME: home } });
  assert.equal(r.status, 0, r.stderr);
  assert.ok(existsSync(join(home, '.githooks/pre-commit')), 'installed where git runs hooks');
  assert.ok(!existsSync(join(repo, '~')), 'no literal ~ directory in the repository');
});

test('hook install does not write through a link planted at its temporary file', { skip: gitSkip }, () => {
  const repo = tempGitRepo('arctl-hook-link-');
  const victim = join(tempDir('arctl-victim-'), 'victim');
  writeFileSync(victim, 'precious\n');
  symlinkSync(victim, join(repo, '.git/hooks/pre-commit.arctl-tmp'));
  const r = runArctl(['hook', 'install'], { cwd: repo, env: envWithArctlOnPath() });
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.match(readFileSync(join(repo, '.git/hooks/pre-commit'), 'utf8'), /arctl pre-commit hook/);
});

const addArgs = (file: string) => ['add', 'white-list', '192.0.2.7', '--file', file, '--no-input'];

test('add --backup replaces a link planted at FILE.bak instead of writing through it; the backup keeps the mode', () => {
  const dir = tempDir('arctl-bak-');
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  execFileSync('chmod', ['0640', file]);
  const victim = join(tempDir('arctl-victim-'), 'victim');
  writeFileSync(victim, 'precious\n');
  symlinkSync(victim, `${file}.bak`);
  const r = runArctl([...addArgs(file), '--backup']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(readFileSync(victim, 'utf8'), 'precious\n');
  assert.deepEqual(readFileSync(`${file}.bak`), readFileSync(example));
  assert.equal(statSync(`${file}.bak`).mode & 0o777, 0o640);
});

test('a file with several hard links is refused, not split', () => {
  const dir = tempDir('arctl-hardlink-');
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  linkSync(file, join(dir, 'other-name.conf'));
  const r = runArctl(addArgs(file));
  assert.equal(r.status, 2, r.stderr);
  assert.match(r.stderr, /^arctl: cannot write .*ossec\.conf: it has 2 hard links.*nothing written\n$/);
  assert.deepEqual(readFileSync(file), readFileSync(example));
  // lint --fix writes through the same replace.
  const fixable = join(dir, 'broken.ossec.conf');
  copyFileSync(join(projectRoot, 'examples/broken.ossec.conf'), fixable);
  linkSync(fixable, join(dir, 'broken-link.conf'));
  const fix = runArctl(['lint', '--fix', fixable]);
  assert.equal(fix.status, 2, fix.stderr);
  assert.match(fix.stderr, /cannot write .*broken\.ossec\.conf: it has 2 hard links.*nothing written\n$/);
  assert.deepEqual(readFileSync(fixable), readFileSync(join(projectRoot, 'examples/broken.ossec.conf')));
});

const hasAttrTools = spawnSync('setfattr', ['--version']).status === 0 && spawnSync('getfacl', ['--version']).status === 0;
test('extended attributes and the POSIX ACL survive the atomic replace', { skip: hasAttrTools ? false : 'setfattr/getfacl are not installed (apt-get install attr acl)' }, (t) => {
  const dir = tempDir('arctl-xattr-');
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  const set = spawnSync('setfattr', ['-n', 'user.arctl-test', '-v', 'kept', file], { encoding: 'utf8' });
  if (set.status !== 0) {
    t.skip(`this file system refuses user extended attributes: ${set.stderr.trim()}`);
    return;
  }
  execFileSync('setfacl', ['-m', 'u:nobody:r', file]);
  const r = runArctl(addArgs(file));
  assert.equal(r.status, 0, r.stderr);
  assert.notDeepEqual(readFileSync(file), readFileSync(example), 'written');
  assert.match(execFileSync('getfattr', ['-n', 'user.arctl-test', '--only-values', file], { encoding: 'utf8' }), /^kept$/);
  assert.match(execFileSync('getfacl', ['-p', file], { encoding: 'utf8' }), /user:nobody:r--/);
});

test('add refuses a FIFO, a device, and a text file that is not an ossec.conf; --create adds a root to the text', () => {
  const dir = tempDir('arctl-kinds-');
  const fifo = join(dir, 'fifo.conf');
  execFileSync('mkfifo', [fifo]);
  const r1 = runArctl(addArgs(fifo), { timeout: 20_000 });
  assert.equal(r1.status, 2, r1.stderr);
  assert.match(r1.stderr, /fifo\.conf: is a FIFO \(named pipe\); arctl edits regular files only/);
  const r2 = runArctl(addArgs('/dev/null'));
  assert.equal(r2.status, 2);
  assert.match(r2.stderr, /\/dev\/null: is a device/);
  const passwd = join(dir, 'passwd');
  writeFileSync(passwd, 'root:x:0:0:root:/root:/bin/bash\n');
  const r3 = runArctl(addArgs(passwd));
  assert.equal(r3.status, 2, r3.stderr);
  assert.match(r3.stderr, /passwd: not an ossec\.conf: it has text but no <ossec_config> root \(give --create/);
  assert.equal(readFileSync(passwd, 'utf8'), 'root:x:0:0:root:/root:/bin/bash\n');
  const r4 = runArctl([...addArgs(passwd), '--create']);
  assert.equal(r4.status, 0, r4.stderr);
  assert.match(readFileSync(passwd, 'utf8'), /^root:x:0:0[^]*<ossec_config>[^]*192\.0\.2\.7/);
});

test('a FIFO planted at FILE.arctl-lock is refused, not waited on', () => {
  const dir = tempDir('arctl-lockfifo-');
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  execFileSync('mkfifo', [`${file}.arctl-lock`]);
  const r = runArctl(addArgs(file), { timeout: 20_000 });
  assert.equal(r.status, 2, `${r.status} ${r.stderr}`);
  assert.match(r.stderr, /arctl-lock is not a regular file, not an arctl lock; remove it/);
  assert.deepEqual(readFileSync(file), readFileSync(example));
});

test('inputs without a size (devices, pipes) are read up to the limit, not until memory runs out', () => {
  const lint = runArctl(['lint', '/dev/zero'], { timeout: 30_000 });
  assert.equal(lint.status, 2, lint.stderr);
  assert.match(lint.stderr, /^arctl: \/dev\/zero: input exceeds 32 MB; arctl reads configuration files up to 32 MB\n$/);
  const agents = runArctl(['lint', example, '--agents', '/dev/zero'], { timeout: 30_000 });
  assert.equal(agents.status, 2, agents.stderr);
  assert.match(agents.stderr, /--agents \/dev\/zero: input exceeds 32 MB/);
  // The same list named by .arctl.json (a file a pull request can change).
  const configured = tempFiles({ '.arctl.json': '{"agents":"/dev/zero"}\n', 'ossec.conf': readFileSync(example) });
  const fromConfig = runArctl(['lint', 'ossec.conf'], { cwd: configured, timeout: 30_000 });
  assert.equal(fromConfig.status, 2, fromConfig.stderr);
  assert.match(fromConfig.stderr, /^arctl: config .*\.arctl\.json: agents \/dev\/zero: input exceeds 32 MB.*\n$/);
  // A pipe (process substitution) still works.
  const piped = spawnSync('bash', ['-c', `${JSON.stringify(process.execPath)} bin/arctl.js lint <(cat examples/ossec.conf)`], { cwd: projectRoot, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(piped.status, 0, piped.stderr);
});
