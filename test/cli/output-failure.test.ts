/**
 * Output that cannot be written (`> /dev/full`, `>&-`, `2> /dev/full`) through the real CLI: one line on
 * standard error and exit 2, never a stack trace; `add` and `--fix` say which files they wrote first.
 * And `lint --fix` on a file with nothing to fix does not need to write it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, copyFileSync, existsSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arctlBin, runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir, tmpfsSkip, withTmpfs } from '../helpers/temp.ts';

const devFullSkip = existsSync('/dev/full') ? false : 'no /dev/full on this system';
const example = join(projectRoot, 'examples/ossec.conf');
const broken = join(projectRoot, 'examples/broken.ossec.conf');
const alerts = join(projectRoot, 'examples/alerts.json');
const FULL = 'arctl: cannot write standard output: no space left on device';

/** Runs arctl with standard output (or standard error) on /dev/full; returns the status and the other stream. */
function withFull(args: string[], which: 'stdout' | 'stderr' = 'stdout'): { status: number | null; text: string } {
  const fd = openSync('/dev/full', 'w');
  try {
    const stdio: Array<'ignore' | 'pipe' | number> = which === 'stdout' ? ['ignore', fd, 'pipe'] : ['ignore', 'pipe', fd];
    const r = spawnSync(process.execPath, [arctlBin, ...args], { cwd: projectRoot, encoding: 'utf8', stdio, env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
    return { status: r.status, text: String((which === 'stdout' ? r.stderr : r.stdout) ?? '') };
  } finally {
    closeSync(fd);
  }
}

test('> /dev/full: lint, validate, rules, explain, simulate, help: one line on stderr, exit 2', { skip: devFullSkip }, () => {
  // A clean file in the stylish format prints nothing: nothing is lost.
  assert.deepEqual(withFull(['lint', example]), { status: 0, text: '' });
  const cases = [
    ['lint', '--format', 'json', example],
    ['lint', broken],
    ['validate', '--format', 'sarif', example],
    ['rules'],
    ['explain', 'unknown-command'],
    ['simulate', alerts, '--file', example],
    ['simulate', alerts, '--file', example, '--format', 'json'],
    ['simulate', alerts, '--file', example, '--timeline'],
    ['--help'],
  ];
  for (const args of cases) {
    const r = withFull(args);
    assert.equal(r.text, `${FULL}\n`, args.join(' '));
    assert.equal(r.status, 2, args.join(' '));
  }
});

test('> /dev/full: add and lint --fix write the file, then say so with the failure; exit 2', { skip: devFullSkip }, () => {
  const dir = tempDir('arctl-full-');
  const conf = join(dir, 'ossec.conf');
  copyFileSync(example, conf);
  const add = withFull(['add', 'white-list', '192.0.2.1', '--file', conf, '--no-input']);
  assert.equal(add.status, 2, add.text);
  assert.match(readFileSync(conf, 'utf8'), /<white_list>192\.0\.2\.1<\/white_list>/);
  assert.equal(add.text.trimEnd().split('\n').at(-1), `${FULL}; ${conf} was written`);

  const dryRun = withFull(['add', 'white-list', '192.0.2.2', '--file', conf, '--no-input', '--dry-run']);
  assert.equal(dryRun.status, 2);
  assert.doesNotMatch(readFileSync(conf, 'utf8'), /192\.0\.2\.2/);
  assert.equal(dryRun.text.trimEnd().split('\n').at(-1), FULL);

  const fixable = join(dir, 'broken.ossec.conf');
  copyFileSync(broken, fixable);
  const fix = withFull(['lint', '--fix', fixable]);
  assert.equal(fix.status, 2, fix.text);
  assert.notEqual(readFileSync(fixable, 'utf8'), readFileSync(broken, 'utf8'), 'the fixes were written');
  assert.equal(fix.text.trimEnd().split('\n').at(-1), `${FULL}; ${fixable} was written`);
  assert.match(fix.text, /: fixed \d+ problems? \(/, 'the report of what was fixed comes first, on standard error');
  const dry = withFull(['lint', '--fix-dry-run', broken]);
  assert.equal(dry.status, 2);
  assert.equal(dry.text.trimEnd().split('\n').at(-1), FULL);
});

/** Runs arctl through sh with standard output closed (`>&-`): Node then writes to a /dev/null of its own. */
function withClosedStdout(args: string[]): { status: number | null; stderr: string } {
  const quoted = [arctlBin, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const r = spawnSync('sh', ['-c', `exec '${process.execPath}' ${quoted} >&-`], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

const CLOSED = 'arctl: cannot write standard output: it is closed';

test('>&- (a closed standard output): lint, rules, explain, simulate, add: one line on stderr, exit 2', () => {
  for (const args of [['lint', broken], ['lint', '--format', 'json', example], ['rules'], ['explain', 'unknown-command'], ['simulate', alerts, '--file', example], ['simulate', alerts, '--file', example, '--timeline']]) {
    assert.deepEqual(withClosedStdout(args), { status: 2, stderr: `${CLOSED}\n` }, args.join(' '));
  }
  // Nothing to print, nothing lost.
  assert.deepEqual(withClosedStdout(['lint', example]), { status: 0, stderr: '' });
  const conf = join(tempDir('arctl-closed-'), 'ossec.conf');
  copyFileSync(example, conf);
  const add = withClosedStdout(['add', 'white-list', '192.0.2.1', '--file', conf, '--no-input']);
  assert.equal(add.status, 2, add.stderr);
  assert.match(readFileSync(conf, 'utf8'), /<white_list>192\.0\.2\.1<\/white_list>/);
  assert.equal(add.stderr.trimEnd().split('\n').at(-1), `${CLOSED}; ${conf} was written`);
  // Output thrown away on purpose is not lost: > /dev/null keeps lint's own exit code.
  const devNull = spawnSync('sh', ['-c', `exec '${process.execPath}' '${arctlBin}' lint '${broken}' > /dev/null`], { cwd: projectRoot, encoding: 'utf8' });
  assert.deepEqual([devNull.status, devNull.stderr], [1, '']);
});

test('2> /dev/full does not change the exit code', { skip: devFullSkip }, () => {
  assert.equal(withFull(['lint', 'no-such-file.conf'], 'stderr').status, 2);
  assert.equal(withFull(['lint', '--no-such-flag'], 'stderr').status, 2);
  assert.equal(withFull(['lint', broken], 'stderr').status, 1);
  const clean = withFull(['lint', '--format', 'json', example], 'stderr');
  assert.equal(clean.status, 0);
  assert.equal((JSON.parse(clean.text) as Array<{ errorCount: number }>)[0].errorCount, 0);
});

test('lint --fix on a clean file that cannot be written: nothing to fix, exit 0', { skip: tmpfsSkip }, () => {
  withTmpfs('1m', (mount) => {
    const conf = join(mount, 'ossec.conf');
    const fixable = join(mount, 'broken.ossec.conf');
    writeFileSync(conf, readFileSync(example));
    writeFileSync(fixable, readFileSync(broken));
    assert.equal(spawnSync('mount', ['-o', 'remount,ro', mount]).status, 0, 'remount read-only');
    const clean = runArctl(['lint', '--fix', conf]);
    assert.equal(clean.stderr, '');
    assert.equal(clean.status, 0);
    // With something to fix, the read-only file system is the error, in one line.
    const refused = runArctl(['lint', '--fix', fixable]);
    assert.equal(refused.status, 2);
    assert.match(refused.stderr, /^arctl: cannot lock .*broken\.ossec\.conf: .*read-only file system; nothing written\n$/);
    assert.equal(readFileSync(fixable, 'utf8'), readFileSync(broken, 'utf8'));
  });
});
