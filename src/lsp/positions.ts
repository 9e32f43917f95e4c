/**
 * Between the document model's byte ranges and the editor's positions. The protocol counts lines and
 * characters its own way, not the document model's (LF lines, a UTF-8 BOM not counted): a line ends
 * at CRLF, LF or a lone CR, and a character is a UTF-16 code unit of the text the editor sent, a BOM
 * it kept included. So positions are counted here, over the document's bytes, once per document.
 */
import type { Position as LspPosition, Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { Range } from '../document/types.ts';
import { lastIndexAtMost } from '../util/sorted.ts';
import { offsetAfterUtf16Units } from '../util/utf8.ts';

const CR = 0x0d;
const LF = 0x0a;

/** Bytes between two entries of PositionIndex.unitsBefore: a position costs at most this many steps. */
const CHECKPOINT = 256;

/** Per document: where each of the protocol's lines starts (byte offsets), and UTF-16 units counted so far every CHECKPOINT bytes. */
interface PositionIndex {
  lineStarts: number[];
  unitsBefore: Int32Array;
}

const indexOf = new WeakMap<ConfigDocument, PositionIndex>();

function positionIndex(doc: ConfigDocument): PositionIndex {
  let index = indexOf.get(doc);
  if (!index) {
    const bytes = doc.bytes;
    // Counted once: a character column is then a difference of two counts, not a walk along its line
    // (a hostile one-line file with thousands of findings would cost the line's length per finding).
    const unitsBefore = new Int32Array(Math.floor(bytes.length / CHECKPOINT) + 1);
    let total = 0;
    for (let i = 0; i < bytes.length; i++) {
      if (i % CHECKPOINT === 0) unitsBefore[i / CHECKPOINT] = total;
      total += units(bytes[i]!);
    }
    if (bytes.length % CHECKPOINT === 0) unitsBefore[bytes.length / CHECKPOINT] = total;
    // The protocol's lines are the editor's: CRLF, LF or a lone CR ends one.
    index = { lineStarts: doc.editorLineStarts, unitsBefore };
    indexOf.set(doc, index);
  }
  return index;
}

/** UTF-16 units of the bytes before `offset`. */
function unitsTo(doc: ConfigDocument, index: PositionIndex, offset: number): number {
  const checkpoint = Math.floor(offset / CHECKPOINT);
  let count = index.unitsBefore[checkpoint]!;
  for (let i = checkpoint * CHECKPOINT; i < offset; i++) count += units(doc.bytes[i]!);
  return count;
}

/** Where line `index`'s text ends: before its CRLF, LF or CR. */
function lineEnd(doc: ConfigDocument, starts: number[], index: number): number {
  if (index + 1 >= starts.length) return doc.bytes.length;
  let end = starts[index + 1] - 1;
  if (doc.bytes[end] === LF && end > starts[index] && doc.bytes[end - 1] === CR) end--;
  return end;
}

/** UTF-16 code units a UTF-8 sequence starting with byte `b` stands for (a continuation byte: none). */
function units(b: number): number {
  return b < 0x80 || b >= 0xc0 ? (b >= 0xf0 ? 2 : 1) : 0;
}

export function lspPosition(doc: ConfigDocument, offset: number): LspPosition {
  const index = positionIndex(doc);
  const starts = index.lineStarts;
  const lo = lastIndexAtMost(starts, offset);
  const end = Math.min(offset, lineEnd(doc, starts, lo));
  return { line: lo, character: unitsTo(doc, index, end) - unitsTo(doc, index, starts[lo]!) };
}

export function lspRange(doc: ConfigDocument, range: Range): LspRange {
  return { start: lspPosition(doc, range.start), end: lspPosition(doc, Math.max(range.start, range.end)) };
}

/** The byte offset of an editor's position; a character past the end of its line means the line's end. */
export function byteOffset(doc: ConfigDocument, position: LspPosition): number {
  const starts = positionIndex(doc).lineStarts;
  const line = Math.min(Math.max(position.line, 0), starts.length - 1);
  const end = lineEnd(doc, starts, line);
  return offsetAfterUtf16Units(doc.bytes, starts[line]!, end, position.character);
}

export function lspTextEdit(doc: ConfigDocument, edit: TextEdit): LspTextEdit {
  return { range: lspRange(doc, edit), newText: edit.text };
}

/** Whether `offset` lies in `range`, its end included (the cursor right after a word still hovers it). */
export function touches(range: Range, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}
