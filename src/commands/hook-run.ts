/** What `arctl hook install | uninstall | run` do; hook.ts registers them and loads this through actions.ts. */
import { accessSync, closeSync, constants, existsSync, fchmodSync, mkdirSync, openSync, readFileSync, realpathSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { delimiter, join, relative } from 'node:path';
import { hooksDirectory, stagedConfigFiles, worktreeTop } from '../hook/git.ts';
import { CHAINED_SUFFIX, COMMIT_BLOCKED, LOCAL_ARCTL, planInstall, planUninstall, renderHook } from '../hook/hook-script.ts';
import { removeQuietly } from '../util/atomic-write.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { describeFsError, MAX_CONFIG_BYTES } from '../util/read-input.ts';
import { tooManyWarnings, type RunResult } from './exit-code.ts';
import { runLint, type RunFlags } from './lint-runner.ts';
import { writeErr, writeOut } from './output.ts';
import { currentRun } from './io.ts';

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`${path}: ${describeFsError(error)}`);
  }
}

/** Which arctl the hook will run from this repository, found as the hook finds it (hook-script.ts). */
function arctlTheHookRuns(cwd: string): string | null {
  const local = join(worktreeTop(cwd), LOCAL_ARCTL);
  if (isExecutable(local)) return `the repository's ${LOCAL_ARCTL}`;
  for (const dir of (currentRun().io.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir || '.', 'arctl');
    if (isExecutable(candidate)) return `arctl from PATH (${candidate})`;
  }
  return null;
}

function isExecutable(path: string): boolean {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the new hook to a side file created exclusively: a link or file planted at that name is
 * removed (the link itself, never its target) instead of being written through.
 */
function writeExclusive(path: string, text: string): void {
  let fd: number;
  try {
    fd = openSync(path, 'wx', 0o755);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    unlinkSync(path);
    fd = openSync(path, 'wx', 0o755);
  }
  try {
    writeSync(fd, text);
    fchmodSync(fd, 0o755);
  } finally {
    closeSync(fd);
  }
}

export function installHook(chain: boolean): void {
  const dir = hooksDirectory(currentRun().io.cwd);
  const hookPath = join(dir, 'pre-commit');
  const chainedPath = hookPath + CHAINED_SUFFIX;
  const plan = planInstall(readIfExists(hookPath), chain, existsSync(chainedPath));
  if (plan.action === 'already-installed') {
    writeOut(`arctl pre-commit hook already installed at ${hookPath}\n`);
    return;
  }
  if (plan.action === 'refuse') throw new CheckFailedError(`${hookPath}: ${plan.reason}`);
  const tmp = `${hookPath}.arctl-tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    // The new hook is written in full before the existing one is moved: a failed write (a full disk)
    // leaves the hooks as they were.
    writeExclusive(tmp, renderHook(plan.chainExisting));
    if (plan.chainExisting) renameSync(hookPath, chainedPath);
    renameSync(tmp, hookPath);
  } catch (error) {
    removeQuietly(tmp);
    throw new InputError(`${hookPath}: ${describeFsError(error)}`);
  }
  writeOut(
    plan.chainExisting
      ? `installed arctl pre-commit hook at ${hookPath}; your existing hook was kept as ${chainedPath} and runs first\n`
      : `installed arctl pre-commit hook at ${hookPath}\n`,
  );
  const runs = arctlTheHookRuns(currentRun().io.cwd);
  const env = currentRun().io.env.ARCTL;
  const none = `the hook finds no arctl to run (not in ${LOCAL_ARCTL}, not on PATH)`;
  writeErr(
    env
      ? `arctl: the hook runs $ARCTL (${env}) when the commit's environment sets it, as this one does; else ${runs ?? `nothing: ${none}`}\n`
      : runs
        ? `arctl: the hook runs ${runs} (or $ARCTL when set)\n`
        : `arctl: warning: ${none}: commits of configuration files will be refused until it is installed or $ARCTL is set\n`,
  );
}

export function uninstallHook(): void {
  const dir = hooksDirectory(currentRun().io.cwd);
  const hookPath = join(dir, 'pre-commit');
  const chainedPath = hookPath + CHAINED_SUFFIX;
  const plan = planUninstall(readIfExists(hookPath), existsSync(chainedPath));
  if (plan.action === 'not-installed') {
    writeOut(`no arctl pre-commit hook at ${hookPath}\n`);
    return;
  }
  if (plan.action === 'refuse') throw new CheckFailedError(`${hookPath}: ${plan.reason}`);
  const restore = plan.action === 'restore-orphan' || plan.restoreChained;
  try {
    if (restore) renameSync(chainedPath, hookPath);
    else unlinkSync(hookPath);
  } catch (error) {
    throw new InputError(`${hookPath}: ${describeFsError(error)}`);
  }
  if (plan.action === 'restore-orphan') {
    writeOut(`no arctl pre-commit hook at ${hookPath} (deleted by hand?); restored your previous hook there from ${chainedPath}\n`);
    return;
  }
  writeOut(plan.restoreChained ? `removed the arctl hook; restored your previous hook at ${hookPath}\n` : `removed ${hookPath}\n`);
}

/**
 * `arctl hook run [PATH...]`: what the installed pre-commit hook does, for a hook manager to call (husky,
 * lefthook, pre-commit): lints the staged blob of each staged configuration file (of PATHs, when a manager
 * passes them) and blocks, exit 1, when one has errors or cannot be read, as the hook does; 0 otherwise,
 * also when nothing staged is a configuration file.
 */
export async function runHook(paths: string[], flags: RunFlags): Promise<RunResult> {
  const cwd = currentRun().io.cwd;
  const { top, files, problems } = stagedConfigFiles(cwd, paths.length > 0 ? paths : undefined, MAX_CONFIG_BYTES);
  for (const problem of problems) writeErr(`arctl: ${problem}\n`);
  // Named from the current directory, as `arctl lint PATH` would name them.
  const here = realpathSync(cwd);
  const blobs = files.map((f) => ({ path: relative(here, join(top, f.path)) || f.path, bytes: f.bytes }));
  const result = blobs.length > 0 ? await runLint([], flags, 'lint', blobs) : {};
  if (problems.length > 0 || result.unreadable || (result.errors ?? 0) > 0 || tooManyWarnings(result)) {
    writeErr(`${COMMIT_BLOCKED}\n`);
    return { failed: true };
  }
  return {};
}
