/**
 * `-o, --output FILE` for every command that prints a report (lint, validate, simulate, diff, script test,
 * rules): the report goes to FILE instead of standard output. A regular FILE is written beside itself
 * under a temporary name and renamed over itself when the command ends, so it is the whole report or
 * stays as it was; a device or FIFO (/dev/null, /dev/stdout) is written as it is.
 */
import { chmodSync, createWriteStream, lstatSync, realpathSync, renameSync, rmSync, statSync, writeFileSync, type WriteStream } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { InputError } from '../util/errors.ts';
import { describeFsError } from '../util/read-input.ts';
import { currentRun } from './io.ts';

/**
 * `--output` naming one of the command's inputs would replace it with the report (`arctl lint ossec.conf
 * -o ossec.conf` left an empty file for a clean one): refused before anything is read or written.
 * `what` says what the inputs are ("the files to check").
 */
export function refuseOutputOverInput(output: string, inputs: readonly string[], cwd: string, what: string): void {
  const identity = (path: string) => {
    try {
      const st = statSync(resolve(cwd, path));
      return `${st.dev}:${st.ino}`;
    } catch {
      return `path:${resolve(cwd, path)}`;
    }
  };
  const target = identity(output);
  const same = inputs.find((path) => path !== '-' && identity(path) === target);
  if (same) throw new InputError(`--output ${output} would replace ${same}, one of ${what}, with the report; nothing written (write the report elsewhere)`);
}

/**
 * Where the report for `path` goes. A path that is no regular file (/dev/null, /dev/stdout, a FIFO) is
 * written as it is: a temporary file renamed over it would replace the device itself. A regular file, or
 * a new one, gets a temporary file beside the file a link leads to (the link stays), given the mode the
 * file had and renamed over it at the end.
 */
type ReportTarget = { direct: string } | { final: string; temporary: string; mode?: number };

function reportTarget(path: string): ReportTarget {
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    // A link to nowhere yet: written through, as the shell's `>` would.
    if (lstatSync(path, { throwIfNoEntry: false })?.isSymbolicLink()) return { direct: path };
    return { final: path, temporary: temporaryBeside(path) };
  }
  // A hard-linked file is written in place: a rename would leave its other names on the old report.
  if (!st.isFile() || st.nlink > 1) return { direct: path };
  const final = realpathSync(path);
  return { final, temporary: temporaryBeside(final), mode: st.mode & 0o7777 };
}

const temporaryBeside = (path: string) => join(dirname(path), `.${basename(path)}.arctl-${process.pid}.tmp`);

function cannotWrite(output: string, error: unknown): InputError {
  return new InputError(`cannot write --output ${output}: ${describeFsError(error)}`);
}

/** Opens what the report is written to: the device itself, or the temporary file ('wx': never through a planted link). */
function openTarget(target: ReportTarget): WriteStream {
  if ('direct' in target) return createWriteStream(target.direct, { flags: 'w' });
  return createWriteStream(target.temporary, { flags: 'wx' });
}

/** Puts the written report in place (the rename), or drops the temporary file after a failure. */
function settle(target: ReportTarget, failed: boolean): void {
  if ('direct' in target) return;
  if (failed) {
    rmSync(target.temporary, { force: true });
    return;
  }
  if (target.mode !== undefined) chmodSync(target.temporary, target.mode);
  renameSync(target.temporary, target.final);
}

/** Writes a report made in one piece (lint, validate) to `output`, as withOutputFile does. */
export function writeReportFile(output: string, text: string): void {
  const path = resolve(currentRun().io.cwd, output);
  let target: ReportTarget | undefined;
  try {
    target = reportTarget(path);
    if ('direct' in target) writeFileSync(target.direct, text);
    else writeFileSync(target.temporary, text, { flag: 'wx' });
    settle(target, false);
  } catch (error) {
    if (target) settle(target, true);
    throw cannotWrite(output, error);
  }
}

/**
 * Runs `body` with standard output going to `output` (nothing changes without it). `inputs`: the files
 * the command reads, which the report must not replace. A failure to write is one line naming the file.
 */
export async function withOutputFile<T>(output: string | undefined, inputs: ReadonlyArray<string | undefined>, body: () => Promise<T>): Promise<T> {
  if (output === undefined) return body();
  const run = currentRun();
  refuseOutputOverInput(output, inputs.filter((i): i is string => i !== undefined), run.io.cwd, "the command's inputs");
  let target: ReportTarget;
  try {
    target = reportTarget(resolve(run.io.cwd, output));
  } catch (error) {
    throw cannotWrite(output, error);
  }
  let failure: NodeJS.ErrnoException | undefined;
  const stream = openTarget(target);
  stream.on('error', (error: NodeJS.ErrnoException) => void (failure ??= error));
  await new Promise<void>((done) => {
    stream.once('open', () => done());
    stream.once('error', () => done());
  });
  if (failure) throw cannotWrite(output, failure);
  const stdout = run.io.stdout;
  run.io.stdout = stream;
  let result: T;
  try {
    result = await body();
  } catch (error) {
    stream.destroy();
    settle(target, true);
    throw error;
  } finally {
    run.io.stdout = stdout;
  }
  await new Promise<void>((done) => {
    if (failure) return done();
    stream.once('close', () => done());
    stream.end();
  });
  try {
    if (failure) throw failure;
    settle(target, false);
  } catch (error) {
    settle(target, true);
    throw cannotWrite(output, error);
  }
  return result;
}
