/**
 * The document model: a parsed ossec.conf with the byte range and line:column of every element,
 * attribute and comment. It is the one place that reads XML text; edits go through ./edit.ts.
 */
import { parseOsXml, type OsXmlOptions } from './os-xml.ts';
import type { LineEnding, Position, Range, XmlComment, XmlElement, XmlParseError } from './types.ts';
import { lastIndexAtMost } from '../util/sorted.ts';

export * from './types.ts';

const utf8 = new TextDecoder('utf-8');
const utf8KeepingBom = new TextDecoder('utf-8', { ignoreBOM: true });
/** Lines longer than this (bytes) get checkpoints for position(); LONG_LINE_STEP bytes apart. */
const LONG_LINE = 4096;
const LONG_LINE_STEP = 256;

export class ConfigDocument {
  readonly roots: XmlElement[];
  readonly comments: XmlComment[];
  /** Set when Wazuh's reader refuses the file; roots then hold what was read before the failure. */
  readonly parseError: XmlParseError | null;
  /** Byte offset where each line starts. */
  readonly lineStarts: number[];
  /** editorLineStarts, counted on first use. */
  private editorStarts: number[] | undefined;
  private checkpoints: Map<number, { offsets: number[]; units: number[] }> | undefined;
  readonly hasBom: boolean;
  readonly eol: LineEnding;

  constructor(
    readonly path: string,
    readonly bytes: Buffer,
    /** The reader's build and release (signed char, attribute limit); defaults: x86_64, 4.14.7. */
    readonly readerOptions: OsXmlOptions = {},
  ) {
    const parsed = parseOsXml(bytes, readerOptions);
    this.roots = parsed.roots;
    this.comments = parsed.comments;
    this.parseError = parsed.error;
    this.lineStarts = computeLineStarts(bytes);
    this.hasBom = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
    this.eol = detectEol(bytes);
  }

  static fromText(path: string, text: string, readerOptions: OsXmlOptions = {}): ConfigDocument {
    return new ConfigDocument(path, Buffer.from(text, 'utf8'), readerOptions);
  }

  /** 1-based line of a byte offset: what position() gives as its line, without counting the column. */
  lineOf(offset: number): number {
    return lastIndexAtMost(this.lineStarts, offset) + 1;
  }

  /** The byte offset where the line holding `offset` starts. */
  lineStartOf(offset: number): number {
    return this.lineStarts[lastIndexAtMost(this.lineStarts, offset)]!;
  }

  /**
   * Byte offset where each line starts as editors count lines: a line ends at LF, CRLF or a lone CR.
   * Wazuh and `lineStarts` count LF only, so a file with CR line ends is one line to them; where a
   * person points at a line (an inline disable comment, the language server) it is this line.
   */
  get editorLineStarts(): number[] {
    if (!this.editorStarts) {
      const bytes = this.bytes;
      // Without a CR, editors end lines where LF does.
      if (!bytes.includes(0x0d)) return (this.editorStarts = this.lineStarts);
      const starts = [0];
      for (let i = 0; i < bytes.length; i++) {
        const b = bytes[i];
        if (b === 0x0a || (b === 0x0d && bytes[i + 1] !== 0x0a)) starts.push(i + 1);
      }
      this.editorStarts = starts;
    }
    return this.editorStarts;
  }

  /** The byte offset where the editor's line holding `offset` starts (see editorLineStarts). */
  editorLineStartOf(offset: number): number {
    return this.editorLineStarts[lastIndexAtMost(this.editorLineStarts, offset)]!;
  }

  /** 1-based line of a byte offset as editors count lines (see editorLineStarts). */
  editorLineOf(offset: number): number {
    return lastIndexAtMost(this.editorLineStarts, offset) + 1;
  }

  /** Where the editor's line holding `offset` ends, past its line ending (the file's end on the last line). */
  editorLineEndOf(offset: number): number {
    const starts = this.editorLineStarts;
    const next = lastIndexAtMost(starts, offset) + 1;
    return next < starts.length ? starts[next]! : this.bytes.length;
  }

  /** 1-based line and UTF-16 column of a byte offset. */
  position(offset: number): Position {
    const starts = this.lineStarts;
    const lo = lastIndexAtMost(starts, offset);
    const lineStart = starts[lo]!;
    if (offset - lineStart <= LONG_LINE) return { line: lo + 1, column: this.unitsBetween(lineStart, offset) + 1 };
    // On a long line, counted from the nearest checkpoint: a hostile one-line file with thousands of
    // findings would otherwise cost the line's length per finding.
    const marks = this.lineCheckpoints(lo);
    const k = lastIndexAtMost(marks.offsets, offset);
    return { line: lo + 1, column: marks.units[k]! + this.unitsBetween(marks.offsets[k]!, offset, k === 0) + 1 };
  }

  /**
   * UTF-16 units of the bytes [from, to) decoded as UTF-8 (invalid bytes as U+FFFD); a byte order mark is
   * not counted at a line's start (`lineStart`), as decoding from there drops it, and counted elsewhere.
   */
  private unitsBetween(from: number, to: number, lineStart = true): number {
    for (let i = from; i < to; i++) if (this.bytes[i]! >= 0x80) return (lineStart ? utf8 : utf8KeepingBom).decode(this.bytes.subarray(from, to)).length;
    return to - from;
  }

  /**
   * A long line's checkpoints, counted once: about every LONG_LINE_STEP bytes, at a byte where decoding can
   * restart (not a continuation byte, or after three of them, where no sequence is still open), with the
   * UTF-16 units before it.
   */
  private lineCheckpoints(line: number): { offsets: number[]; units: number[] } {
    this.checkpoints ??= new Map();
    let marks = this.checkpoints.get(line);
    if (marks) return marks;
    const end = line + 1 < this.lineStarts.length ? this.lineStarts[line + 1]! : this.bytes.length;
    let at = this.lineStarts[line]!;
    marks = { offsets: [at], units: [0] };
    while (at + LONG_LINE_STEP < end) {
      let next = at + LONG_LINE_STEP;
      for (let skipped = 0; skipped < 3 && next < end && (this.bytes[next]! & 0xc0) === 0x80; skipped++) next++;
      marks.units.push(marks.units.at(-1)! + this.unitsBetween(at, next, marks.offsets.length === 1));
      marks.offsets.push(next);
      at = next;
    }
    this.checkpoints.set(line, marks);
    return marks;
  }

  /** The raw text of a byte range, decoded as UTF-8. */
  text(range: Range): string {
    return utf8.decode(this.bytes.subarray(range.start, range.end));
  }

  /** Every element in document order (depth first), roots included. */
  *elements(): Generator<XmlElement> {
    const stack: XmlElement[] = [...this.roots].reverse();
    while (stack.length > 0) {
      const el = stack.pop()!;
      yield el;
      for (let i = el.children.length - 1; i >= 0; i--) stack.push(el.children[i]);
    }
  }

  /**
   * The indentation one nesting level adds in this file, default two spaces: inside blocks (`'block'`:
   * an option under its `<command>`, `<global>`...) or under a root (`'root'`: a block under
   * `<ossec_config>`). Files may use different steps for the two (2 then 4), or none (everything at
   * column 0); the step most elements of that level take wins, and a level with no element on its own
   * line takes the other's.
   */
  indentUnit(level: 'block' | 'root' = 'block'): string {
    return this.commonStep(level === 'root' ? 1 : 2) ?? this.commonStep(level === 'root' ? 2 : 1) ?? '  ';
  }

  /** The most common indentation step between elements at `depth` and their parents, both on their own lines. */
  private commonStep(depth: 1 | 2): string | undefined {
    const counts = new Map<string, number>();
    for (const root of this.roots) {
      const parents = depth === 1 ? [root] : root.children;
      for (const parent of parents) {
        const parentLead = this.indentOf(parent.range.start);
        if (parentLead === null) continue;
        for (const child of parent.children) {
          const lead = this.indentOf(child.range.start);
          if (lead === null || !lead.startsWith(parentLead) || this.editorLineOf(child.range.start) === this.editorLineOf(parent.range.start)) continue;
          const step = lead.slice(parentLead.length);
          counts.set(step, (counts.get(step) ?? 0) + 1);
        }
      }
    }
    let best: string | undefined;
    for (const [step, n] of counts) if (best === undefined || n > counts.get(best)!) best = step;
    return best;
  }

  /**
   * The whitespace between the start of the line and `offset`, or null if other text precedes it.
   * Lines as Wazuh counts them (at LF); `indentOf` counts them as editors do.
   */
  leadingWhitespace(offset: number): string | null {
    return this.whitespaceBefore(this.lineStartOf(offset), offset);
  }

  /**
   * The whitespace between the start of the editor's line and `offset`, or null if other text precedes
   * it: how `offset` is indented as people see it, and as edits lay text out (a line inside a block
   * pasted with lone CR line ends into an LF file starts after its CR).
   */
  indentOf(offset: number): string | null {
    return this.whitespaceBefore(this.editorLineStartOf(offset), offset);
  }

  private whitespaceBefore(start: number, offset: number): string | null {
    for (let i = start; i < offset; i++) {
      const b = this.bytes[i];
      if (b !== 0x20 && b !== 0x09 && !(i < 3 && this.hasBom)) return null;
    }
    const from = this.hasBom && start === 0 ? 3 : start;
    return this.bytes.subarray(Math.min(from, offset), offset).toString('latin1');
  }

  /**
   * The line ending of the editor's line holding `offset` (the file's usual one on a last line without
   * one): what text inserted there should use. A lone CR ends a line here, as in editors.
   */
  lineEnding(offset: number): LineEnding {
    const end = this.editorLineEndOf(offset);
    const last = this.bytes[end - 1];
    // CR CR LF: editors end a line at the first CR and an empty one at the CRLF; it is one line end to keep.
    if (last === 0x0d) return this.bytes[end] === 0x0d && this.bytes[end + 1] === 0x0a ? '\r\r\n' : '\r';
    if (last !== 0x0a) return this.eol;
    return end >= 2 && this.bytes[end - 2] === 0x0d ? '\r\n' : '\n';
  }

  /** The innermost element whose content (between its start and end tags) holds `offset`. */
  elementContaining(offset: number): XmlElement | undefined {
    let found: XmlElement | undefined;
    for (const el of this.elements()) if (el.openTag.end <= offset && offset < (el.closeTag?.start ?? el.range.end)) found = el;
    return found;
  }

  /** Comments whose range lies inside `range`. */
  commentsIn(range: Range): XmlComment[] {
    return this.comments.filter((c) => c.range.start >= range.start && c.range.end <= range.end);
  }

  /** Non-blank text outside every root element and comment (Wazuh ignores it silently). */
  strayText(): Range[] {
    const covered = [...this.roots.map((r) => r.range), ...this.comments.map((c) => c.range)].sort((a, b) => a.start - b.start);
    const out: Range[] = [];
    let cursor = this.hasBom ? 3 : 0;
    const flush = (end: number) => {
      let s = cursor;
      let e = end;
      while (s < e && isBlank(this.bytes[s])) s++;
      while (e > s && isBlank(this.bytes[e - 1])) e--;
      if (e > s) out.push({ start: s, end: e });
    };
    for (const r of covered) {
      if (r.start >= cursor) flush(r.start);
      cursor = Math.max(cursor, r.end);
    }
    flush(this.bytes.length);
    return out;
  }
}

function isBlank(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

export function computeLineStarts(bytes: Uint8Array): number[] {
  const starts = [0];
  let i = bytes.indexOf(0x0a);
  while (i !== -1) {
    starts.push(i + 1);
    i = bytes.indexOf(0x0a, i + 1);
  }
  return starts;
}

/**
 * The file's dominant line ending: LF, CRLF or CR CR LF, whichever ends most lines; CR when lone CRs are
 * its only line ends.
 */
export function detectEol(bytes: Uint8Array): LineEnding {
  const counts = { '\n': 0, '\r\n': 0, '\r\r\n': 0 };
  let i = bytes.indexOf(0x0a);
  if (i === -1) return bytes.includes(0x0d) ? '\r' : '\n';
  while (i !== -1) {
    if (i > 0 && bytes[i - 1] === 0x0d) counts[i > 1 && bytes[i - 2] === 0x0d ? '\r\r\n' : '\r\n']++;
    else counts['\n']++;
    i = bytes.indexOf(0x0a, i + 1);
  }
  const best = counts['\r\r\n'] > counts['\r\n'] ? '\r\r\n' : '\r\n';
  return counts[best] > counts['\n'] ? best : '\n';
}
