/** Reads a configuration file (or `-` for stdin) as bytes, refusing what cannot be an ossec.conf. */
import { closeSync, constants, fstatSync, openSync, readSync as readSyncFd, statSync } from 'node:fs';
import { InputError } from './errors.ts';

/** An input that cannot be read: `label` (as the caller gave it) and why, so a caller can name it its own way. */
export class UnreadableInputError extends InputError {
  constructor(
    readonly label: string,
    readonly reason: string,
  ) {
    super(`${label}: ${reason}`);
  }
}

/** Larger files are refused: real ossec.conf files are kilobytes; this keeps time and memory bounded. */
export const MAX_CONFIG_BYTES = 32 * 1024 * 1024;
/**
 * Tags (`<`) in a configuration arctl reads: each element costs lint about 2.5 KB of memory, and each finding
 * as much again, so 32 MB of `<x/>` (6.4 million elements) ran out of memory (exit 134). Wazuh's own largest
 * files (its rule files) hold about 5,000; 100,000 elements of findings stay near 500 MB.
 */
export const MAX_CONFIG_TAGS = 100_000;

export interface InputFile {
  /** As given on the command line (or the --stdin-filename). */
  path: string;
  bytes: Buffer;
}

export function readConfigInput(path: string, stdinName = '<stdin>'): InputFile {
  if (path === '-') {
    const bytes = readAllStdin();
    return { path: stdinName, bytes: checkContent(stdinName, bytes) };
  }
  inputFileSize(path, 'a configuration file');
  const bytes = readBounded(path, MAX_CONFIG_BYTES, path, 'configuration files');
  return { path, bytes: checkContent(path, bytes) };
}

/**
 * Reads at most `limit` bytes of a file of any kind. A regular file's size is checked before reading;
 * a pipe (`<(...)`), FIFO or device has no size, so the bytes actually read are counted and reading
 * stops one chunk past the limit (`/dev/zero` is refused after 32 MB, not read until memory runs out).
 */
export function readBounded(path: string, limit: number, label: string, what: string): Buffer {
  const tooLarge = (size: string): InputError => new UnreadableInputError(label, `${size}; arctl reads ${what} up to ${limit / 1048576} MB`);
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY);
  } catch (error) {
    throw new UnreadableInputError(label, describeFsError(error));
  }
  try {
    const st = fstatSync(fd);
    if (st.isDirectory()) throw new UnreadableInputError(label, 'is a directory, not a file');
    if (st.isFile() && st.size > limit) throw tooLarge(`file is ${(st.size / 1048576).toFixed(0)} MB`);
    return readFdUpTo(fd, limit, label, () => tooLarge(`input exceeds ${limit / 1048576} MB`));
  } finally {
    closeSync(fd);
  }
}

/**
 * Refuses a path that exists but is not a regular file where arctl must read and then replace one
 * (`add --file`): a FIFO would be read twice and block, a device has no end.
 */
export function requireRegularFile(path: string): void {
  let st;
  try {
    st = statSync(path);
  } catch (error) {
    throw new InputError(`${path}: ${describeFsError(error)}`);
  }
  if (st.isFile()) return;
  const kind = st.isDirectory() ? 'a directory' : st.isFIFO() ? 'a FIFO (named pipe)' : st.isCharacterDevice() || st.isBlockDevice() ? 'a device' : st.isSocket() ? 'a socket' : 'not a regular file';
  throw new InputError(`${path}: is ${kind}; arctl edits regular files only`);
}

/** The size of an input file; a directory or an unreadable path is one clear InputError naming it. */
export function inputFileSize(path: string, what: string): number {
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new InputError(`${path}: is a directory, not ${what}`);
    return st.size;
  } catch (error) {
    if (error instanceof InputError) throw error;
    throw new InputError(`${path}: ${describeFsError(error)}`);
  }
}

function readAllStdin(): Buffer {
  return readFdUpTo(0, MAX_CONFIG_BYTES, '<stdin>', () => new InputError(`<stdin>: input exceeds ${MAX_CONFIG_BYTES / 1048576} MB`));
}

/**
 * Reads an open descriptor to its end in 64 KB steps, counting the bytes: past `limit` the error from
 * `tooLarge` is thrown, so a source without a size (pipe, device, stdin) cannot exhaust memory.
 */
function readFdUpTo(fd: number, limit: number, label: string, tooLarge: () => InputError): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  const chunk = Buffer.alloc(1 << 16);
  for (;;) {
    let n: number;
    try {
      n = readSyncFd(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') continue;
      if (code === 'EOF') break;
      throw new UnreadableInputError(label, describeFsError(error));
    }
    if (n === 0) break;
    total += n;
    if (total > limit) throw tooLarge();
    chunks.push(Buffer.from(chunk.subarray(0, n)));
  }
  return Buffer.concat(chunks, total);
}

/**
 * The UTF-16 encoding text starting with `start` is in, as iconv names it: told by its byte order mark (UTF-16), or
 * without one by a zero byte beside the first character (UTF-16LE, UTF-16BE), since a configuration or an alerts
 * file starts with ASCII. Undefined for anything else.
 */
export function utf16Encoding(start: Uint8Array): 'UTF-16' | 'UTF-16LE' | 'UTF-16BE' | undefined {
  if ((start[0] === 0xff && start[1] === 0xfe) || (start[0] === 0xfe && start[1] === 0xff)) return 'UTF-16';
  if (start.length < 2 || (start[0] === 0) === (start[1] === 0)) return undefined;
  return start[1] === 0 ? 'UTF-16LE' : 'UTF-16BE';
}

/**
 * UTF-16 files and binary data are refused with a clear line instead of a confusing parse error. UTF-16 is
 * told by its byte order mark, or without one by a zero byte beside the first character (a configuration
 * starts with ASCII: '<', a blank or a comment), as the alerts reader tells it.
 */
export function checkContent(path: string, bytes: Buffer): Buffer {
  const utf16 = utf16Encoding(bytes);
  if (utf16) throw new InputError(`${path}:1:1: file is UTF-16 encoded; Wazuh reads ossec.conf as UTF-8/ASCII bytes (convert it with iconv -f ${utf16} -t UTF-8)`, { file: path, line: 1, column: 1 });
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    const line = countLines(bytes, nul);
    throw new InputError(`${path}:${line.line}:${line.column}: file contains a NUL byte: this is binary data, not an ossec.conf`, { file: path, line: line.line, column: line.column });
  }
  const excess = tagBeyond(bytes, MAX_CONFIG_TAGS);
  if (excess !== -1) {
    const line = countLines(bytes, excess);
    throw new InputError(`${path}:${line.line}:${line.column}: more than ${MAX_CONFIG_TAGS} tags: arctl reads a configuration of up to ${MAX_CONFIG_TAGS} (Wazuh's largest files hold about 5,000), to stay in bounded memory`, { file: path, line: line.line, column: line.column });
  }
  return bytes;
}

/** Whether a text (an editor's buffer) holds more than MAX_CONFIG_TAGS tags, counted as checkContent counts them in bytes. */
export function overTagLimit(text: string): boolean {
  return tagBeyond(text, MAX_CONFIG_TAGS) !== -1;
}

/** The offset of the `<` after the first `max` (in bytes or UTF-16 units, as `source` is), or -1. */
function tagBeyond(source: Buffer | string, max: number): number {
  if (source.length <= max) return -1;
  // A byte value, not the string '<': Buffer#indexOf of a string is five times slower.
  const next = typeof source === 'string' ? (from: number) => source.indexOf('<', from) : (from: number) => source.indexOf(0x3c, from);
  let seen = 0;
  for (let i = next(0); i !== -1; i = next(i + 1)) if (++seen > max) return i;
  return -1;
}

function countLines(bytes: Buffer, offset: number): { line: number; column: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset; i++) {
    if (bytes[i] === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1 };
}

/** A small text input (an agents list, an .arctl.json, --assert expectations); `-` reads standard input. */
export function readTextInput(path: string, label: string): string {
  return (path === '-' ? readAllStdin() : readBounded(path, MAX_CONFIG_BYTES, label, 'such files')).toString('utf8');
}

/** Standard input can be read once: more than one input given as `-` is a usage error naming them. */
export function checkOneStdinReader(inputs: [label: string, path: string | undefined][]): void {
  const readers = inputs.filter(([, path]) => path === '-').map(([label]) => `${label} -`);
  if (readers.length < 2) return;
  const named = `${readers.slice(0, -1).join(', ')} and ${readers[readers.length - 1]}`;
  throw new InputError(`${named} cannot ${readers.length === 2 ? 'both' : 'all'} read standard input; give a file for all but one`);
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ENOTDIR':
      return 'a part of the path is not a directory';
    case 'ENOSPC':
      return 'no space left on device';
    case 'EROFS':
      return 'read-only file system';
    default:
      return (error as Error)?.message ?? String(error);
  }
}
