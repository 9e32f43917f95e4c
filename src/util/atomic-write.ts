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
  openSync,
  readdirSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { InputError } from './errors.ts';
import { describeFsError } from './read-input.ts';

export interface AtomicWriteOptions {
  /** Mode for a file that does not exist yet (default 0o666 minus the umask, as open(2) does). */
  newFileMode?: number;
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
  const target = resolveTarget(path);
  const dir = dirname(target);
  let existing: { mode: number; uid: number; gid: number } | null = null;
  try {
    const st = statSync(target);
    existing = { mode: st.mode & 0o7777, uid: st.uid, gid: st.gid };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw new InputError(`cannot write ${path}: ${describeFsError(error)}`);
  }
  if (existing) {
    // rename(2) would replace a read-only file too; respect the permission like an editor does.
    try {
      accessSync(target, constants.W_OK);
    } catch (error) {
      throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing written`);
    }
  }
  const tmp = join(dir, `${tempPrefix(target)}${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
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
      }
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, target);
  } catch (error) {
    removeQuietly(tmp);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EPERM' && existing) {
      throw new InputError(`cannot write ${path}: its owner (uid ${existing.uid}, gid ${existing.gid}) cannot be kept by this user; run as the owner or root; nothing written`);
    }
    throw new InputError(`cannot write ${path}: ${describeFsError(error)}; nothing written`);
  }
  syncDirectory(dir);
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
