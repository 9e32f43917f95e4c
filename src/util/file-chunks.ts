/**
 * A regular file's bytes as chunks read synchronously. Reading a large file through a read stream
 * costs more than the reading: each 64 KB chunk is a trip through the thread pool, a stream event
 * and a promise (150 MB of alerts: about 0.3 s of CPU time, against 0.04 s read here), and the
 * thread waits idle for each chunk. Only for regular files: a FIFO or a device would block the thread.
 */
import { closeSync, openSync, readSync, statSync } from 'node:fs';

/** Bytes per chunk: strings decoded from larger ones land in V8's large-object space. */
export const FILE_CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of `path` from `start` to `end` (exclusive; default: the end of the file), a chunk at a
 * time. `reuse`: every chunk is a view of one buffer, overwritten by the next read, for a reader that
 * is done with a chunk before it asks for the next (it decodes it at once); otherwise each chunk
 * owns its memory. The file is opened on the first step, so an open error comes from the iteration,
 * as a read stream's does.
 */
export async function* fileChunks(path: string, options: { start?: number; end?: number; reuse?: boolean } = {}): AsyncGenerator<Buffer> {
  const end = options.end ?? Infinity;
  const fd = openSync(path, 'r');
  try {
    let buffer = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
    for (let at = options.start ?? 0; at < end; ) {
      const read = readSync(fd, buffer, 0, Math.min(buffer.length, end - at), at);
      if (read <= 0) break;
      at += read;
      yield buffer.subarray(0, read);
      if (!options.reuse) buffer = Buffer.allocUnsafe(FILE_CHUNK_BYTES);
    }
  } finally {
    closeSync(fd);
  }
}

/** Whether `path` is a regular file (false when it is anything else or cannot be looked at). */
export function isRegularFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
