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
