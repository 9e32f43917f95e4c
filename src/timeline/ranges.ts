/** Cutting a JSON-lines file into byte ranges that start at line starts, for reading in parallel. */
import { closeSync, openSync, readSync } from 'node:fs';

export interface ByteRange {
  start: number;
  /** Exclusive. */
  end: number;
}

const LF = 0x0a;
const PROBE_BYTES = 64 * 1024;

/**
 * Ranges of about `rangeBytes` covering the file's `size` bytes, each starting at a line start (a
 * line belongs to the range its first byte is in). A line longer than a range just makes its range
 * longer; ranges are never empty.
 */
export function lineAlignedRanges(path: string, size: number, rangeBytes: number): ByteRange[] {
  const fd = openSync(path, 'r');
  try {
    const starts = [0];
    const probe = Buffer.allocUnsafe(PROBE_BYTES);
    for (let at = rangeBytes; at < size; at += rangeBytes) {
      const start = lineStartAtOrAfter(fd, probe, at, size);
      if (start > starts[starts.length - 1]! && start < size) starts.push(start);
      at = Math.max(at, start);
    }
    return starts.map((start, i) => ({ start, end: starts[i + 1] ?? size }));
  } finally {
    closeSync(fd);
  }
}

/** The first line start at or after `at`: `at` itself when the byte before it is a line feed. */
function lineStartAtOrAfter(fd: number, buffer: Buffer, at: number, size: number): number {
  for (let from = at - 1; from < size; from += buffer.length) {
    const read = readSync(fd, buffer, 0, Math.min(buffer.length, size - from), from);
    if (read <= 0) break;
    const nl = buffer.subarray(0, read).indexOf(LF);
    if (nl !== -1) return from + nl + 1;
  }
  return size;
}
