/**
 * Byte offsets (diagnostic ranges, fixes, edits) to and from 1-based line and UTF-16 column positions
 * (what editors use), for a text without parsing it. Columns count UTF-16 code units, as
 * ConfigDocument.position does; bytes that are not UTF-8 decode to one U+FFFD each.
 */
import { computeLineStarts } from './document.ts';
import type { Position } from './types.ts';
import { lastIndexAtMost } from '../util/sorted.ts';
import { offsetAfterUtf16Units } from '../util/utf8.ts';

const utf8 = new TextDecoder('utf-8');

export class TextPositions {
  private readonly lineStarts: number[];

  constructor(private readonly bytes: Uint8Array) {
    this.lineStarts = computeLineStarts(bytes);
  }

  /** The position of a byte offset (clamped to the text). */
  position(offset: number): Position {
    const at = Math.max(0, Math.min(offset, this.bytes.length));
    const line = this.lineIndex(at);
    return { line: line + 1, column: utf8.decode(this.bytes.subarray(this.lineStarts[line], at)).length + 1 };
  }

  /** The byte offset of a position; a column past the end of its line gives the line's end. */
  offset(position: Position): number {
    const line = Math.max(0, Math.min(position.line - 1, this.lineStarts.length - 1));
    const start = this.lineStarts[line];
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1] - 1 : this.bytes.length;
    return offsetAfterUtf16Units(this.bytes, start, end, position.column - 1);
  }

  private lineIndex(offset: number): number {
    return lastIndexAtMost(this.lineStarts, offset);
  }
}
