/**
 * An exclusive advisory lock on a file, shared by every arctl process that edits it: `FILE.arctl-lock`
 * created with O_EXCL and holding the owner's pid, host and a nonce. A lock whose owner died (a
 * killed process) is detected from its pid and broken at once; one from another host after a while.
 * A caught signal can free the locks held at that moment (releaseHeldLocks) before the process ends.
 */
import { closeSync, constants, fstatSync, openSync, readFileSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { InputError } from './errors.ts';
import { describeFsError } from './read-input.ts';
import { processAlive, randomHex, removeQuietly, resolveTarget } from './atomic-write.ts';

export interface LockOptions {
  /** Give up after this long (default 30 s). */
  timeoutMs?: number;
  /** A lock from another host older than this is considered abandoned (default 60 s). */
  foreignStaleMs?: number;
}

/** A lock whose content is unreadable this long (its creator died before writing it) is abandoned. */
const UNWRITTEN_STALE_MS = 5000;
/** A stale-lock breaker holds its guard for microseconds; an older guard belongs to a dead process. */
const BREAKER_STALE_MS = 2000;

/** The locks this process holds now: lock path -> its token. */
const heldLocks = new Map<string, string>();

export function lockPathFor(path: string): string {
  return `${resolveTarget(path)}.arctl-lock`;
}

/** Runs `fn` while holding the exclusive lock on `path`; the lock is released however `fn` ends. */
export async function withFileLock<T>(path: string, fn: () => T | Promise<T>, options: LockOptions = {}): Promise<T> {
  const lockPath = lockPathFor(path);
  const token = await acquire(path, lockPath, options);
  heldLocks.set(lockPath, token);
  try {
    return await fn();
  } finally {
    heldLocks.delete(lockPath);
    release(lockPath, token);
  }
}

/**
 * Releases every lock this process holds, for a signal handler that is about to end the process in
 * the middle of withFileLock (otherwise the lock stays until the next run finds its owner dead).
 */
export function releaseHeldLocks(): void {
  for (const [lockPath, token] of heldLocks) release(lockPath, token);
  heldLocks.clear();
}

async function acquire(path: string, lockPath: string, options: LockOptions): Promise<string> {
  const timeoutMs = options.timeoutMs ?? 30_000;
  const foreignStaleMs = options.foreignStaleMs ?? 60_000;
  const token = `${process.pid}\n${hostname()}\n${randomHex(8)}\n`;
  const started = Date.now();
  let delay = 2;
  for (;;) {
    if (tryCreate(path, lockPath, token)) return token;
    const held = readLock(lockPath);
    if (held !== null && isAbandoned(lockPath, held, foreignStaleMs)) {
      if (breakAbandoned(lockPath, held)) continue;
    }
    if (Date.now() - started > timeoutMs) {
      const owner = held ? parseOwner(held) : null;
      throw new InputError(`${path} is locked by ${owner ? `process ${owner.pid} on ${owner.host}` : 'another process'} (${lockPath}); nothing written`);
    }
    await sleep(delay + Math.random() * delay);
    delay = Math.min(delay * 2, 50);
  }
}

function tryCreate(path: string, lockPath: string, token: string): boolean {
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw new InputError(`cannot lock ${path}: cannot create ${lockPath}: ${describeFsError(error)}; nothing written`);
  }
  try {
    writeSync(fd, token);
  } catch (error) {
    // A full disk can refuse even these few bytes: take the empty lock back and say why.
    closeSync(fd);
    removeQuietly(lockPath);
    throw new InputError(`cannot lock ${path}: cannot write ${lockPath}: ${describeFsError(error)}; nothing written`);
  }
  closeSync(fd);
  return true;
}

/**
 * The lock's content, or null when it vanished meanwhile. Opened without following a link and
 * without blocking: a FIFO or device planted at the lock's path is refused instead of hanging arctl.
 */
function readLock(lockPath: string): string | null {
  let fd: number;
  try {
    fd = openSync(lockPath, constants.O_RDONLY | constants.O_NONBLOCK | constants.O_NOFOLLOW);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ELOOP') throw notALock(lockPath, 'a symbolic link');
    return null;
  }
  try {
    if (!fstatSync(fd).isFile()) throw notALock(lockPath, 'not a regular file');
    return readFileSync(fd, 'utf8');
  } catch (error) {
    if (error instanceof InputError) throw error;
    return null;
  } finally {
    closeSync(fd);
  }
}

function notALock(lockPath: string, what: string): InputError {
  return new InputError(`${lockPath} is ${what}, not an arctl lock; remove it and try again; nothing written`);
}

function parseOwner(content: string): { pid: number; host: string } | null {
  const [pid, host] = content.split('\n');
  const n = Number(pid);
  if (!Number.isInteger(n) || n <= 0 || !host) return null;
  return { pid: n, host };
}

function ageMs(path: string): number {
  try {
    return Date.now() - statSync(path).mtimeMs;
  } catch {
    return 0;
  }
}

function isAbandoned(lockPath: string, content: string, foreignStaleMs: number): boolean {
  const owner = parseOwner(content);
  if (!owner) return ageMs(lockPath) > UNWRITTEN_STALE_MS;
  if (owner.host !== hostname()) return ageMs(lockPath) > foreignStaleMs;
  return owner.pid !== process.pid && !processAlive(owner.pid);
}

/**
 * Removes an abandoned lock. Breakers take a guard file first and re-check the content under it, so
 * two processes that saw the same dead lock cannot remove a fresh lock taken in between.
 */
function breakAbandoned(lockPath: string, staleContent: string): boolean {
  const guard = `${lockPath}.break`;
  let fd: number;
  try {
    fd = openSync(guard, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST' && ageMs(guard) > BREAKER_STALE_MS) removeQuietly(guard);
    return false;
  }
  closeSync(fd);
  try {
    if (readLock(lockPath) === staleContent) removeQuietly(lockPath);
  } finally {
    removeQuietly(guard);
  }
  return true;
}

function release(lockPath: string, token: string): void {
  if (readLock(lockPath) === token) removeQuietly(lockPath);
}
