/** Terminal output for commands: colour decisions and writing. Only src/commands uses it. */
import { Chalk, type ChalkInstance } from 'chalk';
import { printable } from '../util/printable.ts';

/**
 * Colour is on only for a TTY, and off with --no-color, NO_COLOR (any non-empty value) or
 * FORCE_COLOR=0. chalk 5 ignores NO_COLOR on a TTY, so the decision is made here.
 */
export function colorEnabled(stream: NodeJS.WriteStream, noColorFlag: boolean): boolean {
  if (noColorFlag) return false;
  const env = process.env;
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
  if (text !== '') process.stdout.write(text);
}

/** Bytes as they are: a file's non-UTF-8 bytes must not be re-encoded. */
export function writeOutBytes(bytes: Buffer): void {
  if (bytes.length > 0) process.stdout.write(bytes);
}

/** Messages, line by line with control characters escaped: they quote file names and file contents. */
export function writeErr(text: string): void {
  process.stderr.write(text.split('\n').map(printable).join('\n'));
}
