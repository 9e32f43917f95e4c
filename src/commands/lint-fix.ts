/**
 * `arctl lint --fix` and `--fix-dry-run`: fixing until stable, writing the file back under its lock,
 * or the unified diff. lint-runner.ts loads this module (through actions.ts) only with one of the flags.
 */
import { accessSync, constants } from 'node:fs';
import { createTwoFilesPatch } from 'diff';
import { fixUntilStableAsync } from '../lint/fix.ts';
import type { Diagnostic } from '../lint/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { InputError } from '../util/errors.ts';
import { withFileLock } from '../util/file-lock.ts';
import { describeFsError, readConfigInput } from '../util/read-input.ts';

type Lint = (bytes: Buffer) => Promise<Diagnostic[]>;

/**
 * Fixes the file on disk and returns the fixed bytes. Under the lock `arctl add` takes, fixing what is
 * on disk now: a concurrent writer's change is kept, not overwritten.
 */
export function fixInPlace(target: string, lint: Lint): Promise<Buffer> {
  return withFileLock(target, async () => {
    const fresh = readConfigInput(target).bytes;
    const fixed = (await fixUntilStableAsync(fresh, lint)).bytes;
    if (!fixed.equals(fresh)) writeBack(target, fixed);
    return fixed;
  });
}

/** The fixed bytes and, when they differ, the unified diff from `bytes` to them. */
export async function fixDryRun(path: string, bytes: Buffer, lint: Lint): Promise<{ bytes: Buffer; patch?: string }> {
  const fixed = (await fixUntilStableAsync(bytes, lint)).bytes;
  if (fixed.equals(bytes)) return { bytes };
  return { bytes: fixed, patch: createTwoFilesPatch(path, path, bytes.toString('utf8'), fixed.toString('utf8')) };
}

/**
 * Replaces the file atomically (temporary file in the same directory, fsync, rename), keeping mode
 * and owner; temporary files of killed runs are removed first. Call it holding the file's lock.
 */
function writeBack(path: string, bytes: Buffer): void {
  // rename(2) would replace a read-only file too; respect its permission as an editor does.
  try {
    accessSync(path, constants.W_OK);
  } catch (error) {
    throw new InputError(`cannot write fixes to ${path}: ${describeFsError(error)}; the file was left unchanged`);
  }
  removeStaleTempFiles(path);
  writeFileAtomic(path, bytes);
}
