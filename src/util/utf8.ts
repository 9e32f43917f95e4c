/** UTF-8 facts over bytes: where they stop being UTF-8 (as strict decoders read them), and UTF-16 columns to byte offsets. */
import { isUtf8 } from 'node:buffer';

/**
 * The offset of the first byte that does not start a well-formed UTF-8 sequence (a Latin-1 'é', a lone
 * continuation byte, an overlong form, a surrogate, a truncated sequence), or -1 when all bytes are UTF-8.
 */
export function firstNonUtf8Byte(bytes: Uint8Array): number {
  if (isUtf8(bytes)) return -1;
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    // Continuation bytes and the allowed range of the second one (Unicode 15, table 3-7).
    let count: number;
    let low = 0x80;
    let high = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) count = 1;
    else if (b >= 0xe0 && b <= 0xef) {
      count = 2;
      if (b === 0xe0) low = 0xa0;
      if (b === 0xed) high = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      count = 3;
      if (b === 0xf0) low = 0x90;
      if (b === 0xf4) high = 0x8f;
    } else return i;
    for (let k = 1; k <= count; k++) {
      const c = bytes[i + k];
      if (c === undefined || c < (k === 1 ? low : 0x80) || c > (k === 1 ? high : 0xbf)) return i;
    }
    i += count + 1;
  }
  return -1;
}

/**
 * How many bytes at the end of `bytes` belong to its last character when that one is not ASCII: its lead byte
 * and the continuation bytes after it (0 when the last character is ASCII, or when no lead byte is among the
 * last four). A reader of chunks keeps them for the next chunk, where the rest of the character may be.
 */
export function lastCharTail(bytes: Uint8Array): number {
  for (let k = 1; k <= 4 && k <= bytes.length; k++) {
    const b = bytes[bytes.length - k]!;
    if ((b & 0xc0) === 0x80) continue;
    return b < 0x80 ? 0 : k;
  }
  return 0;
}

/**
 * The byte offset `units` UTF-16 code units after `start` in UTF-8 `bytes`, at most `end` (editors' columns
 * to bytes). A byte that starts no sequence counts as one unit, as the U+FFFD it decodes to.
 */
export function offsetAfterUtf16Units(bytes: Uint8Array, start: number, end: number, units: number): number {
  let i = start;
  let left = units;
  while (i < end && left > 0) {
    const b = bytes[i]!;
    const length = b < 0xc0 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
    left -= length === 4 ? 2 : 1;
    i += length;
  }
  return Math.min(i, end);
}
