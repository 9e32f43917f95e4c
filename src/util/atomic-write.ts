/**
 * Atomic file replacement: the new bytes go to a temporary file in the same directory, are flushed
 * to disk, get the old file's mode and owner, and replace the file with one rename. A reader (or a
 * crash at any moment) sees either the old file or the new one, never a mix.
 */
import {
  closeSync,
  constants,
  accessSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  lstatSync,
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { InputError } from './errors.ts';
import { describeFsError } from './read-input.ts';

/**
 * Random hex digits for a side file's unique name. node:crypto is loaded at the first call: imported, it
 * cost every command whose code holds this module (simulate, add, the hook) about 13 ms of start-up.
 */
export function randomHex(bytes: number): string {
  return process.getBuiltinModule('node:crypto').randomBytes(bytes).toString('hex');
}

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet (default 0o666 minus the umask, as open(2) does). */
  newFileMode?: number;
  /**
   * Replace a symbolic link at `path` itself instead of the file it points to. For side files such as
   * `FILE.bak`: a link planted there must not make arctl write through it to another file.
   */
  replaceLink?: boolean;
}

/** The file a path names after following symlinks (a symlinked ossec.conf keeps its link). */
export function resolveTarget(path: string): string {
  try {
    return realpathSync(path);
  } catch {
    return path;
  }
}

/**
 * Replaces `path` with `bytes` atomically, keeping the existing file's mode and owner. Refuses
 * (nothing written) when the file is not writable or its owner cannot be kept.
 */
export function writeFileAtomic(path: string, bytes: Uint8Array, options: AtomicWriteOptions = {}): void {
  const target = options.replaceLink ? path : resolveTarget(path);
  const dir = dirname(target);
  const existing = existingFile(path, target, Boolean(options.replaceLink));
  if (existing) {
    // rename(2) would replace a read-only file too; respect the permission like an editor does.
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing written`);
    }
  }
  const tmp = join(dir, `${tempPrefix(target)}${process.pid}-${randomHex(4)}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'wx', existing?.mode ?? options.newFileMode ?? 0o666);
  } catch (error) {
    throw new InputError(`cannot write ${path}: cannot create a file in ${dir}: ${describeFsError(error)}; nothing written`);
  }
  try {
    try {
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written, bytes.length - written);
      if (existing) {
        if (process.getuid && (existing.uid !== process.getuid() || existing.gid !== (process.getgid?.() ?? existing.gid))) {
          fchownSync(fd, existing.uid, existing.gid);
        }
        // open(2) applied the umask (and chown may clear set-id bits); put the exact old mode back.
        fchmodSync(fd, existing.mode);
        copyExtendedAttributes(path, target, tmp);
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (error) {
    removeQuietly(tmp);
    if (error instanceof InputError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' && existing) {
      throw new InputError(`cannot write ${path}: its owner (uid ${existing.uid}, gid ${existing.gid}) cannot be kept by this user; run as the owner or root; nothing written`);
    }
    throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing written`);
  }
  syncDirectory(dir);
}

/**
 * The mode and owner to keep, or null for a new file. With `noFollow` a link or other non-file at the
 * path is not looked through: the rename replaces it as if nothing were there.
 */
function existingFile(path: string, target: string, noFollow: boolean): { mode: number; uid: number; gid: number } | null {
  let st;
  try {
    st = noFollow ? lstatSync(target) : statSync(target);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputError(`cannot write ${path}: ${describeFsError(error)}`);
  }
  if (noFollow && !st.isFile()) return null;
  if (st.isFile() && st.nlink > 1) {
    // rename(2) puts a new inode at this name only: the other names would keep the old content.
    throw new InputError(`cannot write ${path}: it has ${st.nlink} hard links, and replacing it atomically would leave the others with the old content; edit the file through one name only (or replace the links by symbolic links); nothing written`);
  }
  return { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
}

/**
 * POSIX ACLs, SELinux labels and other extended attributes live on the inode, so a rename would drop
 * them. On Linux GNU cp copies them (and the ACL with the mode) onto the new file without touching
 * its content; a failure to keep them refuses the write. Elsewhere there is no such tool to rely on.
 */
function copyExtendedAttributes(path: string, from: string, to: string): void {
  if (process.platform !== 'linux') return;
  const { spawnSync } = process.getBuiltinModule('node:child_process');
  const result = spawnSync('cp', ['--attributes-only', '--preserve=mode,ownership,xattr', '--', from, to], { encoding: 'utf8', stdio: ['ignore', 'ignore', 'pipe'] });
  if (result.error || result.status === 0) return; // no cp on PATH: nothing to keep them with
  const reason = (result.stderr ?? '').trim().split('\n')[0].replace(/^cp: /, '');
  throw new InputError(`cannot write ${path}: its extended attributes or ACL cannot be kept (${reason}); nothing written`);
}

/** Temporary files of this target start with this prefix; the pid follows it. */
function tempPrefix(target: string): string {
  return `.${basename(target)}.arctl-`;
}

/**
 * Removes temporary files that a killed arctl left beside `path` (their pid is no longer running).
 * Call it while holding the file's lock so no live writer's file is touched.
 */
export function removeStaleTempFiles(path: string): void {
  const target = resolveTarget(path);
  const prefix = tempPrefix(target);
  let names: string[];
  try {
    names = readdirSync(dirname(target));
  } catch {
    return;
  }
  for (const name of names) {
    if (!name.startsWith(prefix) || !name.endsWith('.tmp')) continue;
    const pid = Number(name.slice(prefix.length).split('-')[0]);
    if (Number.isInteger(pid) && pid > 0 && !processAlive(pid)) removeQuietly(join(dirname(target), name));
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Removes a file that may already be gone. */
export function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {
    // already gone
  }
}

/** Makes the rename durable; some file systems refuse fsync on a directory, which is harmless. */
function syncDirectory(dir: string): void {
  try {
    const fd = openSync(dir, 'r');
    try {
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch {
    // not supported here
  }
}
