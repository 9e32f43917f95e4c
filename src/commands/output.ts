/** Terminal output for commands: colour decisions and writing. Only src/commands uses it. */
import { Chalk, type ChalkInstance } from 'chalk';
import { printable } from '../util/printable.ts';
import { currentRun, type OutputStream } from './io.ts';

/**
 * Colour is on only for a TTY, and off with --no-color, NO_COLOR (any non-empty value) or
 * FORCE_COLOR=0. chalk 5 ignores NO_COLOR on a TTY, so the decision is made here.
 */
export function colorEnabled(noColorFlag: boolean, stream: OutputStream = currentRun().io.stdout): boolean {
  if (noColorFlag) return false;
  const env = currentRun().io.env;
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') return false;
  if (env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false') return false;
  if (env.FORCE_COLOR !== undefined && env.FORCE_COLOR !== '') return true;
  return Boolean(stream.isTTY);
}

export function makeChalk(enabled: boolean): ChalkInstance {
  return new Chalk({ level: enabled ? 1 : 0 });
}

export function writeOut(text: string): void {
  // A clean lint prints nothing: no write (the first one sets up the stream's write path).
  if (text !== '') writeStdout(text);
}

/** Bytes as they are: a file's non-UTF-8 bytes must not be re-encoded. */
export function writeOutBytes(bytes: Buffer): void {
  if (bytes.length > 0) writeStdout(bytes);
}

/**
 * Writes a part of a stream of output and waits while the reader is behind, so output does not pile
 * up in memory (`arctl simulate big.json`); returns false once standard output has stopped (its reader
 * went away, or it failed): there is no point in computing more.
 */
export async function writeOutPaced(text: string | Buffer): Promise<boolean> {
  if (text.length > 0 && !writeStdout(text)) {
    const stdout = currentRun().io.stdout;
    await new Promise<void>((resolve) => {
      const done = () => {
        stdout.removeListener('drain', done);
        stdout.removeListener('error', done);
        stdout.removeListener('close', done);
        resolve();
      };
      stdout.once('drain', done);
      stdout.once('error', done);
      stdout.once('close', done);
    });
  }
  return !outputStopped();
}

/** Standard output's reader went away or writing it failed: later output is dropped. */
export function outputStopped(): boolean {
  const run = currentRun();
  return run.outputClosed || run.outputError !== undefined;
}

function writeStdout(chunk: string | Buffer): boolean {
  if (outputStopped()) return true;
  return currentRun().io.stdout.write(chunk);
}

/** Messages, line by line with control characters escaped: they quote file names and file contents. */
export function writeErr(text: string): void {
  currentRun().io.stderr.write(text.split('\n').map(printable).join('\n'));
}
