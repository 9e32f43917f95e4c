/**
 * `-o, --output FILE` for the commands that print a report (simulate, diff, script test, rules): the
 * report goes to FILE instead of standard output. It is written beside FILE under a temporary name and
 * renamed over it when the command ends, so FILE is the whole report or stays as it was.
 */
import { createWriteStream, renameSync, rmSync, statSync } from 'node:fs';
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
 * Runs `body` with standard output going to `output` (nothing changes without it). `inputs`: the files
 * the command reads, which the report must not replace. A failure to write is one line naming the file.
 */
export async function withOutputFile<T>(output: string | undefined, inputs: ReadonlyArray<string | undefined>, body: () => Promise<T>): Promise<T> {
  if (output === undefined) return body();
  const run = currentRun();
  const path = resolve(run.io.cwd, output);
  refuseOutputOverInput(output, inputs.filter((i): i is string => i !== undefined), run.io.cwd, "the command's inputs");
  const temporary = join(dirname(path), `.${basename(path)}.arctl-${process.pid}.tmp`);
  let failure: NodeJS.ErrnoException | undefined;
  // 'wx': never through a link or file planted under the temporary name.
  const stream = createWriteStream(temporary, { flags: 'wx' });
  stream.on('error', (error: NodeJS.ErrnoException) => void (failure ??= error));
  const opened = new Promise<void>((done) => {
    stream.once('open', () => done());
    stream.once('error', () => done());
  });
  await opened;
  const cannotWrite = (error: NodeJS.ErrnoException) => new InputError(`cannot write --output ${output}: ${describeFsError(error)}`);
  if (failure) throw cannotWrite(failure);
  const stdout = run.io.stdout;
  run.io.stdout = stream;
  let result: T;
  try {
    result = await body();
  } catch (error) {
    stream.destroy();
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    run.io.stdout = stdout;
  }
  await new Promise<void>((done) => {
    if (failure) return done();
    stream.once('close', () => done());
    stream.end();
  });
  if (failure) {
    rmSync(temporary, { force: true });
    throw cannotWrite(failure);
  }
  try {
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw cannotWrite(error as NodeJS.ErrnoException);
  }
  return result;
}
