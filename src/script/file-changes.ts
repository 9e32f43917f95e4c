/**
 * What a program changed in a file tree, as evidence: the state of a path (kind, size, time, mode and, for a
 * small text file, its text), read with a bounded read, and the change between two states with a short
 * line diff for small text files (`+ALL: 203.0.113.7` appended to hosts.deny).
 */
import { closeSync, constants, fstatSync, lstatSync, openSync, readdirSync, readlinkSync, readSync } from 'node:fs';

/** A file is shown with its text (and diffed) up to this size; no read of any file goes further. */
export const SMALL_FILE = 4096;
/** Diff lines shown per change. */
const DIFF_LINES = 8;
const LINE_CHARS = 160;

export type FileKind = 'file' | 'directory' | 'symlink' | 'other' | 'absent';

export interface FileState {
  kind: FileKind;
  size?: number;
  mtimeMs?: number;
  mode?: number;
  /** symlink: its target. */
  target?: string;
  /** A regular file of at most SMALL_FILE bytes of UTF-8 text without NUL: the whole text. */
  text?: string;
  /** Otherwise the first SMALL_FILE bytes, base64: a change within them shows even when size and time do not. */
  head?: string;
  /** A file whose bytes were not read (fileState with `read` false): compared by size, time and mode only. */
  unread?: true;
}

export const ABSENT: FileState = { kind: 'absent' };

/** One path the program created, changed or removed: `effect` is the line of the run's effects it stands for. */
export interface FileChange {
  effect: string;
  path: string;
  change: 'created' | 'changed' | 'removed';
  kind: Exclude<FileKind, 'absent'>;
  /** Small text files: the lines removed (-) and added (+). */
  diff?: string[];
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * The state of a path (lstat; symbolic links not followed), reading at most SMALL_FILE bytes of a file, or none
 * when `read` is false (a tree of many files, past the ones read: `unread`).
 */
export function fileState(path: string | Buffer, read = true): FileState {
  let st;
  try {
    st = lstatSync(path);
  } catch {
    return ABSENT;
  }
  if (st.isDirectory()) return { kind: 'directory', mode: st.mode & 0o7777 };
  if (st.isSymbolicLink()) {
    let target = '';
    try {
      target = readlinkSync(path);
    } catch {
      // Gone meanwhile.
    }
    return { kind: 'symlink', target };
  }
  if (!st.isFile()) return { kind: 'other', mode: st.mode };
  const state: FileState = { kind: 'file', size: st.size, mtimeMs: st.mtimeMs, mode: st.mode & 0o7777 };
  if (!read) return { ...state, unread: true };
  const head = readHead(path, SMALL_FILE);
  if (head === undefined) return state;
  if (st.size <= SMALL_FILE && !head.includes(0)) {
    try {
      return { ...state, text: utf8.decode(head) };
    } catch {
      // Not UTF-8: compared by its bytes.
    }
  }
  return { ...state, head: head.toString('base64') };
}

/**
 * The first `max` bytes of a regular file. The path was lstat'ed as one, but a program still running (its
 * background work) may have swapped it since for a FIFO, whose open would block until a writer came, or a
 * symbolic link: the open neither blocks nor follows a link, and anything but a regular file is not read.
 */
export function readHead(path: string | Buffer, max: number): Buffer | undefined {
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch {
    return undefined;
  }
  try {
    if (!fstatSync(fd).isFile()) return undefined;
    const buf = Buffer.alloc(max);
    let got = 0;
    while (got < max) {
      const n = readSync(fd, buf, got, max - got, got);
      if (n === 0) break;
      got += n;
    }
    return buf.subarray(0, got);
  } catch {
    return undefined;
  } finally {
    closeSync(fd);
  }
}

/**
 * Directory names as string paths can carry them. A name that is not UTF-8 (a program's `touch $'\xff'`)
 * has no string path: Node's readdir gives it with U+FFFD, which names no file, and its file went unseen. It
 * is shown with \xHH for each byte past ASCII, and `bytes` turns a path with such names back into the bytes
 * that reach the file. (A UTF-8 name spelt exactly as such an escape is taken for it.)
 */
export class Names {
  private readonly raw = new Map<string, Buffer>();

  /** The names in dir, as shown; throws when dir cannot be listed. */
  list(dir: string): string[] {
    return readdirSync(this.bytes(dir), { encoding: 'buffer' }).map((name) => {
      try {
        return utf8.decode(name);
      } catch {
        const shown = [...name].map((b) => (b >= 0x80 ? `\\x${b.toString(16).padStart(2, '0')}` : String.fromCharCode(b))).join('');
        this.raw.set(shown, name);
        return shown;
      }
    });
  }

  /** A path as the file system takes it: the path itself, or its bytes when a name in it is not UTF-8. */
  bytes(path: string): string | Buffer {
    if (this.raw.size === 0) return path;
    const parts = path.split('/');
    if (!parts.some((part) => this.raw.has(part))) return path;
    return Buffer.concat(parts.flatMap((part, i) => [...(i > 0 ? [Buffer.from('/')] : []), this.raw.get(part) ?? Buffer.from(part)]));
  }
}

export function sameState(a: FileState, b: FileState): boolean {
  if (a.kind !== b.kind) return false;
  if (a.kind === 'symlink') return a.target === b.target;
  if (a.kind === 'file') return a.size === b.size && a.mtimeMs === b.mtimeMs && a.mode === b.mode && (a.unread || b.unread || (a.text === b.text && a.head === b.head));
  return a.kind !== 'other' || a.mode === b.mode;
}

/**
 * The change from one state of a path to the next, or undefined when there is none. The effect reads
 * `CHANGE NAME[ -> TARGET][, DETAIL]WHERE`: `name` is the path as shown, `where` a suffix such as " (the test's
 * private /tmp)".
 */
export function fileChange(path: string, before: FileState, after: FileState, name: string, where = ''): FileChange | undefined {
  if (sameState(before, after)) return undefined;
  if (after.kind === 'absent') return { effect: `removed ${name}${before.kind === 'directory' ? '/' : ''}${where}`, path, change: 'removed', kind: before.kind as FileChange['kind'] };
  const kind = after.kind;
  const change = before.kind === 'absent' ? 'created' : 'changed';
  const diff = kind === 'file' && after.text !== undefined && (before.kind === 'absent' || before.text !== undefined) ? textDiff(before.text ?? '', after.text) : undefined;
  const link = kind === 'symlink' ? ` -> ${after.target}` : '';
  const detail = change === 'changed' ? changeDetail(before, after) : '';
  return { effect: `${change} ${name}${kind === 'directory' ? '/' : ''}${link}${detail}${where}`, path, change, kind, ...(diff && diff.length > 0 ? { diff } : {}) };
}

/** What else a change is when its kind changed, or its bytes did not. */
function changeDetail(before: FileState, after: FileState): string {
  if (before.kind !== after.kind) return `, was a ${before.kind === 'directory' ? 'directory' : before.kind === 'symlink' ? 'symbolic link' : before.kind}`;
  if (after.kind !== 'file' || before.unread || after.unread || before.size !== after.size || before.text !== after.text || before.head !== after.head) return '';
  // Bytes known (a small file, or the head of a larger one at the same size) and equal.
  if (before.mode !== after.mode) return `, mode ${octal(before.mode)} -> ${octal(after.mode)}, same content`;
  return (after.size ?? 0) <= SMALL_FILE ? ', written again with the same content' : ', written again with the same size and first 4 KB';
}

const octal = (mode: number | undefined) => (mode ?? 0).toString(8).padStart(4, '0');

/** The lines between the common head and tail of two texts: removed ones with -, added ones with +, a few at most. */
export function textDiff(before: string, after: string): string[] {
  const lines = (text: string) => (text === '' ? [] : text.replace(/\n$/, '').split('\n'));
  const a = lines(before);
  const b = lines(after);
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  const all = [...a.slice(start, a.length - end).map((l) => `-${l}`), ...b.slice(start, b.length - end).map((l) => `+${l}`)];
  const cut = (l: string) => (l.length > LINE_CHARS ? `${l.slice(0, LINE_CHARS)}…` : l);
  if (all.length === 0 && before !== after) return [before.endsWith('\n') ? '-(the newline at the end)' : '+(a newline at the end)'];
  return all.length > DIFF_LINES ? [...all.slice(0, DIFF_LINES - 1).map(cut), `… ${all.length - DIFF_LINES + 1} more line(s)`] : all.map(cut);
}
