/** The few git facts `arctl hook` needs, asked from git itself (it knows worktrees and core.hooksPath). */
import { execFileSync } from 'node:child_process';
import { realpathSync } from 'node:fs';
import { isAbsolute, join, relative, resolve, sep } from 'node:path';
import { isConfigFilePath } from '../config/config-files.ts';
import { InputError } from '../util/errors.ts';

/** A git command's output; its failure as one line (git's own first line of stderr). */
function runGit(cwd: string, args: string[]): string {
  try {
    return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
  } catch (error) {
    const stderr = String((error as { stderr?: string }).stderr ?? '').trim();
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputError('git is not installed or not on PATH');
    throw new InputError(stderr.split('\n')[0] || `git ${args.join(' ')} failed`);
  }
}

const git = (cwd: string, args: string[]): string => runGit(cwd, args).trim();

/** A git command's NUL-separated output (`-z`), as a list. */
const gitZ = (cwd: string, args: string[]): string[] => runGit(cwd, args).split('\0').filter((p) => p !== '');

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
 * Whether `rev` names a commit and `spec` (`REV:PATH`) nothing in it: the path is new since that revision
 * (as `git diff REV` shows a file added since). A revision git cannot resolve is not that: false.
 */
export function absentAtRevision(cwd: string, rev: string, spec: string): boolean {
  const ok = (args: string[]) => {
    try {
      execFileSync('git', args, { cwd, stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  };
  return ok(['rev-parse', '--verify', '--quiet', `${rev}^{commit}`]) && !ok(['cat-file', '-e', spec]);
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

/** A staged configuration file: its path from the top of the working tree and its blob in the index. */
export interface StagedFile {
  path: string;
  bytes: Buffer;
}

/**
 * The staged configuration files the installed pre-commit hook lints (hook-script.ts), read as it reads
 * them: the index's blob (`git show :0:PATH`), not the working tree, so an unstaged edit neither hides nor
 * causes a failure. Without `only`: every path the commit adds, copies, modifies or renames
 * (`git diff --cached --diff-filter=ACMR`) named like a configuration; with it, those of `only` (paths
 * relative to `cwd`, as a hook manager passes them) that are. A symbolic link (mode 120000: its blob is
 * the path it points to) or a submodule (160000) is no configuration file. A path given but not in the
 * index is a problem, said in words.
 */
export function stagedConfigFiles(cwd: string, only: string[] | undefined, limit: number): { top: string; files: StagedFile[]; problems: string[] } {
  const top = worktreeTop(cwd);
  const problems: string[] = [];
  // Each path from the top, and as the caller named it (for messages).
  const named = new Map<string, string>();
  let paths: string[];
  if (only === undefined) {
    paths = gitZ(top, ['diff', '--cached', '--name-only', '-z', '--diff-filter=ACMR']);
  } else {
    paths = [];
    for (const given of only) {
      const fromTop = relative(top, resolve(realpathSync(cwd), given)).split(sep).join('/');
      if (fromTop.startsWith('../') || fromTop === '..' || isAbsolute(fromTop)) problems.push(`${given}: outside the repository (${top})`);
      else if (!named.has(fromTop)) {
        paths.push(fromTop);
        named.set(fromTop, given);
      }
    }
  }
  const wanted = [...new Set(paths.filter(isConfigFilePath))];
  if (wanted.length === 0) return { top, files: [], problems };
  // `mode blob stage\tpath` of each wanted path in the index, literal pathspecs (no glob, no magic).
  const modes = new Map<string, string>();
  for (const entry of gitZ(top, ['ls-files', '-s', '-z', '--', ...wanted.map((p) => `:(literal)${p}`)])) {
    const tab = entry.indexOf('\t');
    const [mode, , stage] = entry.slice(0, tab).split(' ');
    if (stage === '0') modes.set(entry.slice(tab + 1), mode!);
  }
  const files: StagedFile[] = [];
  for (const path of wanted) {
    const mode = modes.get(path);
    if (mode === undefined) {
      problems.push(`${named.get(path) ?? path}: not in the index (git add it to lint what would be committed)`);
      continue;
    }
    if (mode === '120000' || mode === '160000') continue;
    try {
      files.push({ path, bytes: fileAtRevision(top, `:0:${path}`, limit) });
    } catch (error) {
      if (!(error instanceof InputError)) throw error;
      problems.push(error.message);
    }
  }
  return { top, files, problems };
}

