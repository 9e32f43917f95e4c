/** The few git facts `arctl hook` needs, asked from git itself (it knows worktrees and core.hooksPath). */
import { execFileSync } from 'node:child_process';
import { isAbsolute, join } from 'node:path';
import { InputError } from '../util/errors.ts';

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('git is not installed or not on PATH');
    throw new InputError(stderr.split('\n')[0] || `git ${args.join(' ')} failed`);
  }
}

/**
 * A file as it is at a git revision (`git show REV:PATH`, no shell): PATH as git reads it (relative to
 * the top of the working tree, or to `cwd` when it starts with `./`). Larger than `limit` is refused.
 */
export function fileAtRevision(cwd: string, spec: string, limit: number): Buffer {
  try {
    return execFileSync('git', ['show', spec], { cwd, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: limit });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new InputError('git is not installed or not on PATH');
    if (code === 'ENOBUFS') throw new InputError(`${spec}: larger than ${limit / 1048576} MB`);
    const stderr = String((error as { stderr?: Buffer }).stderr ?? '').trim();
    throw new InputError(`${spec}: ${stderr.split('\n')[0]?.replace(/^fatal: /, '') || 'git show failed'}`);
  }
}

/**
 * The hooks directory git will run hooks from: core.hooksPath when set (a relative one is relative to
 * the top of the working tree, where git runs hooks), else the repository's hooks dir.
 */
export function hooksDirectory(cwd: string): string {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  let configured = '';
  try {
    // --type=path expands `~/` and `~user/` as git itself does when it runs hooks.
    configured = execFileSync('git', ['config', '--type=path', '--get', 'core.hooksPath'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  } catch {
    configured = '';
  }
  if (configured) return isAbsolute(configured) ? configured : join(top, configured);
  const path = git(cwd, ['rev-parse', '--git-path', 'hooks']);
  return isAbsolute(path) ? path : join(cwd, path);
}

/** The top directory of the working tree that `cwd` is in. */
export function worktreeTop(cwd: string): string {
  return git(cwd, ['rev-parse', '--show-toplevel']);
}
