/** What `arctl hook install | uninstall` do; hook.ts registers them and loads this through actions.ts. */
import { chmodSync, existsSync, mkdirSync, readFileSync, renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { hooksDirectory } from '../hook/git.ts';
import { CHAINED_SUFFIX, planInstall, planUninstall, renderHook } from '../hook/hook-script.ts';
import { removeQuietly } from '../util/atomic-write.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { describeFsError } from '../util/read-input.ts';
import { writeOut } from './output.ts';

function readIfExists(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`${path}: ${describeFsError(error)}`);
  }
}

/** The command the hook runs: this very node binary and this arctl's launcher, by absolute path. */
function arctlCommand(): string[] {
  const launcher = resolve(fileURLToPath(new URL('../bin/arctl.js', import.meta.url)));
  return [process.execPath, launcher];
}

export function installHook(chain: boolean): void {
  const dir = hooksDirectory(process.cwd());
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
    writeFileSync(tmp, renderHook(arctlCommand(), plan.chainExisting), { mode: 0o755 });
    chmodSync(tmp, 0o755);
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
}

export function uninstallHook(): void {
  const dir = hooksDirectory(process.cwd());
  const hookPath = join(dir, 'pre-commit');
  const chainedPath = hookPath + CHAINED_SUFFIX;
  const plan = planUninstall(readIfExists(hookPath), existsSync(chainedPath));
  if (plan.action === 'not-installed') {
    writeOut(`no arctl pre-commit hook at ${hookPath}\n`);
    return;
  }
  if (plan.action === 'refuse') throw new CheckFailedError(`${hookPath}: ${plan.reason}`);
  try {
    if (plan.restoreChained) renameSync(chainedPath, hookPath);
    else unlinkSync(hookPath);
  } catch (error) {
    throw new InputError(`${hookPath}: ${describeFsError(error)}`);
  }
  writeOut(plan.restoreChained ? `removed the arctl hook; restored your previous hook at ${hookPath}\n` : `removed ${hookPath}\n`);
}
