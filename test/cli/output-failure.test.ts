/**
 * Output that cannot be written (`> /dev/full`, `2> /dev/full`) through the real CLI: one line on
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

/**
 * `>&-` cannot be told from output thrown away on purpose: Node gives a closed descriptor a read-write
 * /dev/null of its own, exactly what a parent's `stdio: 'ignore'` (or Python's subprocess.DEVNULL)
 * gives. Callers that ignore the output and read the exit code must get the command's own.
 */
test("standard output ignored by the parent (stdio 'ignore', as >&- becomes): the command's own exit code, nothing on stderr", () => {
  for (const [args, status] of [[['lint', broken], 1], [['lint', example], 0], [['rules'], 0], [['simulate', alerts, '--file', example], 0]] as const) {
    const r = spawnSync(process.execPath, [arctlBin, ...args], { cwd: projectRoot, encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'], timeout: 60_000 });
    assert.deepEqual([r.status, r.stderr], [status, ''], args.join(' '));
  }
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
