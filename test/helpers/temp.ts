/**
 * Temporary directories for tests. Each is removed, with everything in it, when the test that made it
 * ends (or the test file, when made outside a test), whether it passed or failed; .ci/run fails when a
 * test run leaves anything in TMPDIR.
 */
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, cpSync, existsSync, linkSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after } from 'node:test';

export function tempDir(prefix = 'arctl-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  // node:test's after() attaches to the running test, or to the file outside of one.
  after(() => removeTree(dir));
  return dir;
}

/** A fresh temporary directory holding `files` (name, which may include folders, -> content). */
export function tempFiles(files: Record<string, string | Buffer>, prefix?: string): string {
  const dir = tempDir(prefix);
  for (const [name, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), content);
  }
  return dir;
}

/** `content` written as `name` in a fresh temporary directory; returns the file's path. */
export function tempFile(name: string, content: string | Buffer, prefix?: string): string {
  return join(tempFiles({ [name]: content }, prefix), name);
}

/** A new git repository in a fresh temporary directory, on branch main, with a committer identity of its own. */
export function tempGitRepo(prefix = 'arctl-git-'): string {
  const dir = tempDir(prefix);
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, stdio: 'pipe' });
  git('init', '-q', '-b', 'main');
  git('config', 'user.email', 'test@example.com');
  git('config', 'user.name', 'arctl test');
  return dir;
}

/**
 * Environment for a child that runs npm (directly or through pre-commit): npm's cache and logs go to
 * a temporary directory instead of ~/.npm, where every run would add entries. Other npm settings
 * (~/.npmrc) still apply.
 *
 * The temporary cache starts with what the user's cache already holds (the packages `npm ci` put
 * there), and npm prefers it to the registry (--prefer-offline; npm passes it on to the install that
 * prepares a git dependency): installs ask the registry only for what is missing instead of
 * downloading arctl's dependencies again for each install.
 */
export function npmEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const cache = tempDir('arctl-npm-cache-');
  seedNpmCache(join(env.npm_config_cache ?? join(homedir(), '.npm'), '_cacache'), join(cache, '_cacache'));
  return { ...env, npm_config_cache: cache, npm_config_prefer_offline: 'true' };
}

/**
 * A copy of npm's content-addressed cache (cacache): the index is copied, since npm appends to its
 * files; the content is hard-linked where it can be, since npm never rewrites a content file (it
 * writes a new one and renames it into place), so the user's cache is never changed.
 */
function seedNpmCache(from: string, to: string): void {
  if (!existsSync(join(from, 'index-v5')) || !existsSync(join(from, 'content-v2'))) return;
  cpSync(join(from, 'index-v5'), join(to, 'index-v5'), { recursive: true });
  const link = (src: string, dest: string): void => {
    mkdirSync(dest, { recursive: true });
    for (const entry of readdirSync(src, { withFileTypes: true })) {
      const [s, d] = [join(src, entry.name), join(dest, entry.name)];
      if (entry.isDirectory()) link(s, d);
      else if (entry.isFile()) {
        try {
          linkSync(s, d);
        } catch {
          copyFileSync(s, d);
        }
      }
    }
  };
  link(join(from, 'content-v2'), join(to, 'content-v2'));
}

/** Skip reason for tests that mount a tmpfs (false as root). */
export const tmpfsSkip = process.getuid?.() === 0 ? false : 'needs root to mount a small tmpfs (CI runs as root)';

/** Mounts a tmpfs of `size` on a new temporary directory, runs `body`, unmounts. */
export function withTmpfs(size: string, body: (mount: string) => void): void {
  const mount = tempDir('arctl-tmpfs-');
  const m = spawnSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', mount], { encoding: 'utf8' });
  assert.equal(m.status, 0, `mount: ${m.stderr}`);
  try {
    body(mount);
  } finally {
    spawnSync('umount', [mount]);
  }
}

/** Writes filler files into `dir` until its file system is full (tmpfs counts whole pages). */
export function fillUp(dir: string): void {
  let n = 0;
  try {
    for (;;) writeFileSync(join(dir, `filler-${n++}`), Buffer.alloc(4096, 1));
  } catch (error) {
    assert.equal((error as NodeJS.ErrnoException).code, 'ENOSPC');
  }
}

/** Removes `dir`; a test may have left a directory in it read-only, which rm cannot empty unless root. */
function removeTree(dir: string): void {
  try {
    rmSync(dir, { recursive: true, force: true });
  } catch {
    makeWritable(dir);
    rmSync(dir, { recursive: true, force: true });
  }
}

function makeWritable(dir: string): void {
  chmodSync(dir, 0o700);
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (lstatSync(path).isDirectory()) makeWritable(path);
  }
}
