/**
 * Byte-preserving edits of a document: every byte outside the edited ranges is kept as it is
 * (BOM, CRLF, tabs, non-UTF-8 bytes included).
 */
import { isUtf8 } from 'node:buffer';
import type { ConfigDocument } from './document.ts';
import type { LineEnding, Range, XmlComment, XmlElement } from './types.ts';

/** Replace bytes [start, end) with `text` (UTF-8). start === end inserts. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
  /** Where the inserted block starts in `text` when something comes before it (a self-closing parent opened up). */
  blockOffset?: number;
  /** The exact bytes to insert when they are not all UTF-8 (moved text keeps its bytes); `text` is then their decoding. */
  raw?: Uint8Array;
}

export class OverlappingEditsError extends Error {}

/** Applies non-overlapping edits (in any order) and returns the new bytes. */
export function applyEdits(bytes: Uint8Array, edits: readonly TextEdit[]): Buffer {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: Uint8Array[] = [];
  let cursor = 0;
  for (const edit of sorted) {
    if (edit.start < cursor || edit.end < edit.start || edit.end > bytes.length) {
      throw new OverlappingEditsError(`edit [${edit.start}, ${edit.end}) overlaps another edit or leaves the file`);
    }
    parts.push(bytes.subarray(cursor, edit.start), edit.raw ?? Buffer.from(edit.text, 'utf8'));
    cursor = edit.end;
  }
  parts.push(bytes.subarray(cursor));
  return Buffer.concat(parts);
}

/**
 * True when the edit would write U+FFFD over bytes of the file that are not UTF-8: its text was read
 * from those bytes as UTF-8 (a Latin-1 comment inside a block being moved) without `raw`, so applying
 * it would replace them.
 */
export function rewritesNonUtf8(bytes: Uint8Array, edit: TextEdit): boolean {
  if (edit.raw || !edit.text.includes('\uFFFD')) return false;
  const replaced = Buffer.from(bytes.buffer, bytes.byteOffset + edit.start, edit.end - edit.start);
  const decoded = (replaced.toString('utf8').match(/\uFFFD/g) ?? []).length;
  const literal = (replaced.toString('latin1').match(/\xef\xbf\xbd/g) ?? []).length;
  return decoded > literal;
}

/** True when two edits touch overlapping bytes (two inserts at one offset count as overlapping). */
export function editsOverlap(a: TextEdit, b: TextEdit): boolean {
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

/**
 * Text to insert a block as the last child of `parent` (or before `before`), indented like its
 * siblings, its lines ended as `lineEndingFor` says. `blockLines` are the block's lines without indentation
 * relative to the block itself (nested lines carry their own relative indentation with `unit`).
 * `blankLine` separates the block from its neighbour with an empty line.
 */
export function insertBlock(doc: ConfigDocument, parent: XmlElement, blockLines: string[], before?: XmlElement, blankLine = false): TextEdit {
  const last = parent.children.at(-1);
  const eol = lineEndingFor(doc, parent, before ? before.range.start : last ? last.range.end : parent.openTag.end);
  const parentIndent = doc.indentOf(parent.range.start) ?? '';
  const sibling = before ?? parent.children[parent.children.length - 1];
  const childIndent = (sibling && doc.indentOf(sibling.range.start)) ?? parentIndent + childStep(doc, parent);
  blockLines = nestedLikeNeighbours(doc, parent, sibling, blockLines);
  const body = blockLines.map((line) => (line.length > 0 ? childIndent + line : line)).join(eol);
  if (before) {
    // Insert at the start of `before`'s line so the existing indentation stays with `before`.
    const lineStart = doc.editorLineStartOf(before.range.start);
    const onOwnLine = doc.indentOf(before.range.start) !== null;
    if (onOwnLine) return { start: lineStart, end: lineStart, text: body + eol + (blankLine ? eol : '') };
    // `before` shares its line with what precedes it (a one-line block): the new block joins that line.
    return { start: before.range.start, end: before.range.start, text: oneLine(blockLines) };
  }
  if (!parent.selfClosing && parent.children.length > 0 && onOneLine(doc, parent)) {
    // A block written on one line (`<global><a>1</a></global>`) stays on one line.
    return { start: parent.closeTag!.start, end: parent.closeTag!.start, text: oneLine(blockLines) };
  }
  if (parent.selfClosing) {
    const name = parent.name;
    const open = `<${name}${parent.attributes.map((a) => ` ${doc.text(a.range)}`).join('')}>`;
    return { start: parent.range.start, end: parent.range.end, text: `${open}${eol}${body}${eol}${parentIndent}</${name}>`, blockOffset: open.length + eol.length };
  }
  const closeTag = parent.closeTag!;
  const closeLineStart = doc.editorLineStartOf(closeTag.start);
  if (doc.indentOf(closeTag.start) !== null && closeLineStart > parent.openTag.end) {
    // The end tag sits on its own line: insert whole lines just above it (after the empty line above it, if any).
    if (blankLine && blankAbove(doc, { range: closeTag })) return { start: closeLineStart, end: closeLineStart, text: body + eol + eol };
    return { start: closeLineStart, end: closeLineStart, text: (blankLine ? eol : '') + body + eol };
  }
  return { start: closeTag.start, end: closeTag.start, text: `${eol}${body}${eol}${parentIndent}` };
}

/**
 * Text to insert a block right after `sibling`, indented like it, its lines ended as `lineEndingFor` says.
 * When the rest of `sibling`'s line is blank the block starts on the next line; `blankLine` puts an
 * empty line before it (for files whose top-level blocks are separated by empty lines).
 */
export function insertAfter(doc: ConfigDocument, sibling: XmlElement, blockLines: string[], blankLine = false): TextEdit {
  const eol = lineEndingFor(doc, sibling.parent, sibling.range.end);
  const ownLine = doc.indentOf(sibling.range.start);
  const indent = ownLine ?? (doc.indentOf(sibling.parent?.range.start ?? 0) ?? '') + (sibling.parent ? childStep(doc, sibling.parent) : doc.indentUnit('root'));
  if (sibling.parent) blockLines = nestedLikeNeighbours(doc, sibling.parent, sibling, blockLines);
  const body = blockLines.map((line) => (line.length > 0 ? indent + line : line)).join(eol);
  // A comment closing the sibling's line (`</active-response> <!-- ssh -->`) stays with the sibling.
  const lineEnd = restOfLineBlank(doc, sibling.range.end, true);
  if (lineEnd !== null) {
    return { start: lineEnd, end: lineEnd, text: (blankLine ? eol : '') + body + eol };
  }
  // The sibling shares its line with what precedes and follows it (a one-line block): so does the new block.
  if (ownLine === null) return { start: sibling.range.end, end: sibling.range.end, text: oneLine(blockLines) };
  // Something follows the sibling on its line (`</command></ossec_config>`): it moves to a line of its own
  // after the new block, at the indentation of the parent for its end tag, of the sibling for a block.
  const parent = sibling.parent;
  const next = skipBlanks(doc.bytes, sibling.range.end);
  const closes = parent?.closeTag?.start === next;
  const nextIndent = closes ? (doc.indentOf(parent!.range.start) ?? '') : indent;
  return { start: sibling.range.end, end: next, text: eol + (blankLine ? eol : '') + body + eol + nextIndent };
}

/**
 * How much deeper than `parent` a child of it goes when no child shows it: the file's step for that
 * level, unless `parent` is indented with the other character (a tab-indented block in a file indented
 * with spaces, or the reverse): then the step that indents `parent` itself under its own parent, or one
 * tab / as many spaces as the file's step is wide (a tab counted as 4), so no line mixes the two.
 */
function childStep(doc: ConfigDocument, parent: XmlElement): string {
  const unit = doc.indentUnit(parent.parent === null ? 'root' : 'block');
  const lead = doc.indentOf(parent.range.start) ?? '';
  const kind = lead.at(-1);
  if (kind === undefined || unit === '' || [...unit].every((c) => c === kind)) return unit;
  const above = parent.parent ? doc.indentOf(parent.parent.range.start) : null;
  const own = above !== null && lead.startsWith(above) ? lead.slice(above.length) : '';
  if (own !== '' && [...own].every((c) => c === kind)) return own;
  return kind === '\t' ? '\t' : ' '.repeat(unit.replace(/\t/g, '    ').length);
}

/**
 * A block's lines for a root, its options indented as the blocks next to it indent theirs: the lines
 * come indented with the file's usual step (`indentUnit()`), and a file may use another step in the
 * root the block goes into (a root appended by hand under the stock ones).
 */
function nestedLikeNeighbours(doc: ConfigDocument, parent: XmlElement, near: XmlElement | undefined, blockLines: string[]): string[] {
  const from = doc.indentUnit();
  if (parent.parent !== null || from === '') return blockLines;
  const to = (near && optionStep(doc, near)) ?? parent.children.map((c) => optionStep(doc, c)).find((step) => step !== undefined);
  if (to === undefined || to === from) return blockLines;
  return blockLines.map((line) => {
    let depth = 0;
    while (line.startsWith(from.repeat(depth + 1))) depth++;
    return to.repeat(depth) + line.slice(from.length * depth);
  });
}

/** How much deeper than `block` its first option on a line of its own is indented. */
function optionStep(doc: ConfigDocument, block: XmlElement): string | undefined {
  const lead = doc.indentOf(block.range.start);
  if (lead === null) return undefined;
  const line = doc.editorLineOf(block.range.start);
  for (const child of block.children) {
    const childLead = doc.indentOf(child.range.start);
    if (childLead !== null && childLead.startsWith(lead) && doc.editorLineOf(child.range.start) !== line) return childLead.slice(lead.length);
  }
  return undefined;
}

/**
 * The line ending for text inserted into `parent` at `offset`: a new block in a root takes the file's
 * usual one; an option inside a block, that of the block's line there (a block pasted with other line
 * endings than the file's keeps its own).
 */
function lineEndingFor(doc: ConfigDocument, parent: XmlElement | null, offset: number): LineEnding {
  return parent === null || parent.parent === null ? doc.eol : doc.lineEnding(offset);
}

/** A block's lines as one line, for blocks written on one line: `<a><b>1</b></a>`. */
function oneLine(blockLines: string[]): string {
  return blockLines.map((line) => line.trim()).join('');
}

/** True when the element's start and end tags are on one line. */
function onOneLine(doc: ConfigDocument, el: XmlElement): boolean {
  return doc.editorLineOf(el.range.start) === doc.editorLineOf(el.range.end);
}

/** Text replacing `element` with a block; continuation lines take the element's indentation and end as its first line does. */
export function replaceElement(doc: ConfigDocument, element: XmlElement, blockLines: string[]): TextEdit {
  // A block written on one line is replaced by one written on one line.
  if (element.children.length > 0 && onOneLine(doc, element)) return { start: element.range.start, end: element.range.end, text: oneLine(blockLines) };
  const indent = doc.indentOf(element.range.start) ?? '';
  const eol = onOneLine(doc, element) ? lineEndingFor(doc, element.parent, element.range.start) : doc.lineEnding(element.range.start);
  const text = blockLines.map((line, i) => (i === 0 || line.length === 0 ? line : indent + line)).join(eol);
  return { start: element.range.start, end: element.range.end, text };
}

/**
 * The byte range of an element together with the whitespace that indents it and the line end that
 * follows it (`alone`), when the element sits alone on its lines; otherwise just the element.
 */
export function wholeLines(doc: ConfigDocument, el: { range: Range }): { start: number; end: number; alone: boolean } {
  const indent = doc.indentOf(el.range.start);
  if (indent === null) return { ...el.range, alone: false };
  const end = restOfLineBlank(doc, el.range.end);
  if (end !== null) return { start: el.range.start - indent.length, end, alone: true };
  // Only a comment follows on the line (`<rules_id>5712</rules_id> <!-- ssh -->`): the comment is kept,
  // and takes the element's place at its indentation.
  if (restOfLineBlank(doc, el.range.end, true) !== null) return { start: el.range.start, end: skipBlanks(doc.bytes, el.range.end), alone: false };
  return { ...el.range, alone: false };
}

/** An edit removing an element (and its own lines when it stands alone on them). */
export function removeElement(doc: ConfigDocument, el: XmlElement): TextEdit {
  const { start, end } = wholeLines(doc, el);
  return { start, end, text: '' };
}

/**
 * An edit removing a block (an element, or a comment standing for one) with its own lines; when that
 * would leave two empty lines in a row, or an empty line just above the parent's end tag, the empty
 * line above the block goes too.
 */
export function removeBlock(doc: ConfigDocument, block: { range: Range }): TextEdit {
  const span = wholeLines(doc, block);
  if (!span.alone) return { start: span.start, end: span.end, text: '' };
  const blank = blankLineAbove(doc, span.start);
  if (blank && followedByBlankOrEnd(doc.bytes, span.end)) return { start: blank.start, end: span.end, text: '' };
  // Just below the parent's start tag, with an empty line after it: that line goes (as `add` wrote it there).
  const blankEnd = blankLineEnd(doc.bytes, span.end);
  if (blankEnd !== null && parentOpensAbove(doc, block)) return { start: span.start, end: blankEnd, text: '' };
  return { start: span.start, end: span.end, text: '' };
}

/**
 * Where a block's own comments begin: the first line of the comments that stand alone on the lines
 * right above it, with no empty line between (they describe the block and move with it); the block's
 * own line start when there are none.
 */
export function commentsAboveStart(doc: ConfigDocument, block: { range: Range }): number {
  let lineStart = doc.editorLineStartOf(block.range.start);
  for (;;) {
    const comment = lastCommentBefore(doc, lineStart);
    if (!comment || restOfLineBlank(doc, comment.range.end) !== lineStart || doc.indentOf(comment.range.start) === null) return lineStart;
    lineStart = doc.editorLineStartOf(comment.range.start);
  }
}

/** The last comment that ends at or before `offset` (comments are in document order). */
function lastCommentBefore(doc: ConfigDocument, offset: number): XmlComment | undefined {
  const comments = doc.comments;
  let low = 0;
  let high = comments.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (comments[mid]!.range.end <= offset) low = mid + 1;
    else high = mid;
  }
  return low > 0 ? comments[low - 1] : undefined;
}

/** The empty line just above `lineStart`, as [start, end), or undefined. */
export function blankLineAbove(doc: ConfigDocument, lineStart: number): { start: number; end: number } | undefined {
  const previousStart = previousLineStart(doc, lineStart);
  return previousStart >= 0 && isBlankLine(doc.bytes, previousStart, lineStart) ? { start: previousStart, end: lineStart } : undefined;
}

/** True when the line above the block's first line is empty. */
export function blankAbove(doc: ConfigDocument, block: { range: Range }): boolean {
  return blankLineAbove(doc, doc.editorLineStartOf(block.range.start)) !== undefined;
}

/**
 * One edit moving `block`'s whole lines, with the comments standing right above it, above `target` and
 * the comments standing right above that one; undefined when either does not stand on lines of its own,
 * or the block is above already. The moved lines take the target's indentation and its step for nested
 * lines (a block indented 2/4 lands 4/8 among blocks indented 4/8). An empty line that set the block
 * apart from what came before it goes with it, now between the block and the target, so the file keeps
 * its spacing. The edit carries the exact bytes (`raw`) when they are not all UTF-8: moved text keeps its
 * bytes, a Latin-1 comment included.
 */
export function moveAbove(doc: ConfigDocument, block: XmlElement, target: XmlElement): TextEdit | undefined {
  const targetIndent = doc.indentOf(target.range.start);
  const blockIndent = doc.indentOf(block.range.start);
  const span = wholeLines(doc, block);
  if (targetIndent === null || blockIndent === null || !span.alone) return undefined;
  const insertAt = commentsAboveStart(doc, target);
  const blockStart = commentsAboveStart(doc, block);
  if (blockStart < insertAt) return undefined;
  const bytes = (start: number, end: number) => Buffer.from(doc.bytes.buffer, doc.bytes.byteOffset + start, end - start);
  const step = optionStep(doc, block);
  const moved = reindent(bytes(blockStart, span.end), { indent: blockIndent, step }, { indent: targetIndent, step: step !== undefined ? optionStep(doc, target) ?? step : undefined });
  const blank = blankLineAbove(doc, blockStart);
  const raw = blank && blank.start >= insertAt ? Buffer.concat([moved, bytes(blank.start, blank.end), bytes(insertAt, blank.start)]) : Buffer.concat([moved, bytes(insertAt, blockStart)]);
  return { start: insertAt, end: span.end, text: raw.toString('utf8'), ...(isUtf8(raw) ? {} : { raw }) };
}

/**
 * Lines re-indented from one indentation (and step for nested lines) to another: a line of markup that
 * starts with `from.indent` gets `to.indent`, and each `from.step` after it `to.step`; a line inside a
 * comment or text keeps its place relative to the markup line above it. Byte for byte otherwise.
 */
function reindent(lines: Buffer, from: { indent: string; step: string | undefined }, to: { indent: string; step: string | undefined }): Buffer {
  if (from.indent === to.indent && from.step === to.step) return lines;
  let above: { was: string; now: string } | undefined;
  // Indentation is ASCII: latin1 maps each byte to one character and back.
  // Split at every line end (kept in the odd slots), lone CRs and CR CR LF included: a block may end its lines as editors do.
  const text = lines
    .toString('latin1')
    .split(/(\r\r\n|\r\n|\r|\n)/)
    .map((line, i) => {
      if (i % 2 === 1) return line;
      if (line.length === 0 || !line.startsWith(from.indent)) return line;
      const lead = /^[ \t]*/.exec(line)![0];
      if (above && !line.startsWith('<', lead.length) && lead.startsWith(above.was)) return above.now + line.slice(above.was.length);
      let rest = line.slice(from.indent.length);
      let depth = 0;
      while (from.step && to.step !== undefined && rest.startsWith(from.step)) {
        rest = rest.slice(from.step.length);
        depth++;
      }
      const now = to.indent + (to.step ?? '').repeat(depth) + rest;
      above = { was: lead, now: /^[ \t]*/.exec(now)![0] };
      return now;
    })
    .join('');
  return Buffer.from(text, 'latin1');
}

/** True when the line below the element's last line (after any comment closing that line) is empty. */
export function blankBelow(doc: ConfigDocument, el: { range: Range }): boolean {
  const next = restOfLineBlank(doc, el.range.end, true);
  return next !== null && blankLineEnd(doc.bytes, next) !== null;
}

/** True when the line above the block's first line holds just the start tag of the element around it. */
export function parentOpensAbove(doc: ConfigDocument, block: { range: Range }): boolean {
  const parent = doc.elementContaining(block.range.start);
  const lineStart = doc.editorLineStartOf(block.range.start);
  if (!parent || doc.indentOf(parent.openTag.start) === null) return false;
  return restOfLineBlank(doc, parent.openTag.end) === lineStart;
}

/**
 * Offset where the line before the line starting at `lineStart` starts, or -1 on the first line. A line
 * ended by CR CR LF is one line here, not a line and an empty one as editors show it.
 */
export function previousLineStart(doc: ConfigDocument, lineStart: number): number {
  const b = doc.bytes;
  if (lineStart >= 3 && b[lineStart - 1] === 0x0a && b[lineStart - 2] === 0x0d && b[lineStart - 3] === 0x0d) return doc.editorLineStartOf(lineStart - 3);
  const line = doc.editorLineOf(lineStart);
  return line >= 2 ? doc.editorLineStarts[line - 2] : -1;
}

/** The offset after the line starting at `lineStart` when that line is empty (spaces and tabs at most), else null. */
function blankLineEnd(bytes: Uint8Array, lineStart: number): number | null {
  return afterLineEnd(bytes, skipBlanks(bytes, lineStart));
}

/** The offset after the line ending (LF, CRLF, CR CR LF or a lone CR, as editors end lines) at `i`, or null when none is there. */
function afterLineEnd(bytes: Uint8Array, i: number): number | null {
  if (i >= bytes.length) return null;
  if (bytes[i] === 0x0d) return bytes[i + 1] === 0x0a ? i + 2 : bytes[i + 1] === 0x0d && bytes[i + 2] === 0x0a ? i + 3 : i + 1;
  return bytes[i] === 0x0a ? i + 1 : null;
}

/** True when bytes [start, end) hold only spaces, tabs and one line end. */
function isBlankLine(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] !== 0x20 && bytes[i] !== 0x09 && bytes[i] !== 0x0d && bytes[i] !== 0x0a) return false;
  return true;
}

/** True when the line at `offset` is empty, or only an end tag (`</...>`) follows on it. */
function followedByBlankOrEnd(bytes: Uint8Array, offset: number): boolean {
  const i = skipBlanks(bytes, offset);
  if (i >= bytes.length || bytes[i] === 0x0a || bytes[i] === 0x0d) return true;
  return bytes[i] === 0x3c && bytes[i + 1] === 0x2f;
}

/**
 * An edit setting a leaf element's content to `text` (raw: Wazuh decodes nothing). Comments inside
 * the old content are kept, after the new value. A self-closing element is opened up.
 */
export function replaceContent(doc: ConfigDocument, el: XmlElement, text: string): TextEdit {
  if (el.selfClosing) {
    const open = doc.text({ start: el.openTag.start, end: el.openTag.end }).replace(/\s*\/>$/, '>');
    return { start: el.range.start, end: el.range.end, text: `${open}${text}</${el.name}>` };
  }
  const comments = el.contentHasComment ? doc.commentsIn(el.contentRange).map((c) => doc.text(c.range)).join('') : '';
  return { start: el.contentRange.start, end: el.contentRange.end, text: text + comments };
}

/**
 * Offset just after the line break ending the line of `offset`, if only spaces/tabs lie between (and,
 * with `comments`, comments: the line break is then the one after the last of them, which may span lines).
 */
function restOfLineBlank(doc: ConfigDocument, offset: number, comments = false): number | null {
  const bytes = doc.bytes;
  let i = skipBlanks(bytes, offset);
  while (comments && bytes[i] === 0x3c) {
    const comment = doc.comments.find((c) => c.range.start === i);
    if (!comment) break;
    i = skipBlanks(bytes, comment.range.end);
  }
  return afterLineEnd(bytes, i);
}

/** The first offset from `offset` that is not a space or a tab. */
function skipBlanks(bytes: Uint8Array, offset: number): number {
  let i = offset;
  while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x09)) i++;
  return i;
}
