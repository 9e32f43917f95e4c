/**
 * `arctl lint --fix` and `--fix-dry-run`: fixing until stable, writing the file back under its lock,
 * or the unified diff. lint-runner.ts loads this module (through actions.ts) only with one of the flags.
 */
import { accessSync, constants } from 'node:fs';
import { stat } from 'node:fs/promises';
import { fixUntilStable, type FixResult, type FixSelection } from '../lint/fix.ts';
import type { Diagnostic } from '../lint/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { InputError } from '../util/errors.ts';
import { releaseHeldLocks, withFileLock } from '../util/file-lock.ts';
import { describeFsError, readConfigInput } from '../util/read-input.ts';
import { forReading, readableDiff } from '../util/unified-diff.ts';
import { noteWritten } from './io.ts';

type Lint = (bytes: Buffer) => Promise<Diagnostic[]>;

/**
 * Fixes the file on disk and returns the fixed bytes. Under the lock `arctl add` takes, fixing what is
 * on disk now: a concurrent writer's change is kept, not overwritten.
 */
export async function fixInPlace(target: string, lint: Lint, selection: FixSelection = {}): Promise<FixResult> {
  // Nothing to fix: nothing to lock or write (a clean file in a directory arctl cannot write is fine).
  const first = readConfigInput(target).bytes;
  const firstFixed = await fixUntilStable(first, lint, undefined, selection);
  if (firstFixed.bytes.equals(first)) return firstFixed;
  releaseLocksOnStopSignals();
  const fixed = await withFileLock(target, async () => {
    const fresh = readConfigInput(target).bytes;
    const fixed = fresh.equals(first) ? firstFixed : await fixUntilStable(fresh, lint, undefined, selection);
    if (!fixed.bytes.equals(fresh)) {
      writeBack(target, fixed.bytes);
      noteWritten(target);
    }
    return fixed;
  });
  await pendingSignalsHandled();
  return fixed;
}

const STOP_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let stopSignalsCaught = false;

/**
 * From now on a stop signal releases the file locks this process holds, then ends it by the same
 * signal. Uncaught, a Ctrl-C or kill while the file is linted under its lock would leave
 * FILE.arctl-lock behind until the next run. A caught signal waits for the synchronous parts (the
 * write among them) to finish; SIGKILL cannot be caught, and the next run clears what it leaves.
 */
function releaseLocksOnStopSignals(): void {
  if (stopSignalsCaught) return;
  stopSignalsCaught = true;
  const stop = (signal: NodeJS.Signals) => {
    releaseHeldLocks();
    for (const s of STOP_SIGNALS) process.removeListener(s, stop);
    process.kill(process.pid, signal);
  };
  for (const signal of STOP_SIGNALS) process.on(signal, stop);
}

/**
 * The fixed bytes and, when they differ, the unified diff from `bytes` to them (git style, as `add --dry-run`).
 * `stdin`: the bytes came from standard input, which --fix cannot write back; the note says what gives them exactly.
 */
export async function fixDryRun(path: string, bytes: Buffer, lint: Lint, selection: FixSelection = {}, stdin = false): Promise<FixResult & { patch?: string; note?: string }> {
  const fixed = await fixUntilStable(bytes, lint, undefined, selection);
  if (fixed.bytes.equals(bytes)) return fixed;
  const diff = readableDiff(path, bytes, fixed.bytes);
  const note = forReading(diff.caveats, stdin ? 'arctl lint --fix on a file holding this input writes it byte for byte' : `--fix writes ${path} byte for byte`);
  return { ...fixed, patch: diff.text, ...(note ? { note } : {}) };
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

/**
 * Resolves once a stop signal that arrived during synchronous work has been handled. libuv reads
 * pending signals in the event loop's poll phase, which a timer or setImmediate may not pass through
 * before the process ends (the signal would be lost); a file-system request completes through it.
 */
function pendingSignalsHandled(): Promise<void> {
  return stat('.').then(
    () => undefined,
    () => undefined,
  );
}
