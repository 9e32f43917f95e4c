/**
 * Fix helpers. A rule's fix is one TextEdit; when a fix must touch several places (open and close tag,
 * a name and its references) they are merged into one edit over the span that holds them all.
 */
import type { ConfigDocument } from '../../document/document.ts';
import type { TextEdit } from '../../document/edit.ts';
import type { XmlElement } from '../../document/types.ts';

/**
 * Merges non-overlapping edits into one edit spanning all of them, copying the bytes in between.
 * Returns undefined when those bytes are not valid UTF-8 (copying them as text would alter them).
 */
export function combineEdits(doc: ConfigDocument, edits: readonly TextEdit[]): TextEdit | undefined {
  if (edits.length === 0) return undefined;
  const sorted = [...edits].sort((a, b) => a.start - b.start);
  if (sorted.length === 1) return sorted[0];
  let text = '';
  for (let i = 0; i < sorted.length; i++) {
    if (i > 0) {
      const gap = doc.bytes.subarray(sorted[i - 1].end, sorted[i].start);
      if (sorted[i].start < sorted[i - 1].end) return undefined;
      const decoded = gap.toString('utf8');
      if (!Buffer.from(decoded, 'utf8').equals(gap)) return undefined;
      text += decoded;
    }
    text += sorted[i].text;
  }
  return { start: sorted[0].start, end: sorted[sorted.length - 1].end, text };
}

/** Renames an element in its start tag and (when present) its end tag. */
export function renameElementEdit(doc: ConfigDocument, el: XmlElement, newName: string): TextEdit | undefined {
  const edits: TextEdit[] = [{ start: el.nameRange.start, end: el.nameRange.end, text: newName }];
  if (el.closeTag) {
    // The end tag is `</name>` possibly followed by spaces before `>`.
    const start = el.closeTag.start + 2;
    edits.push({ start, end: start + Buffer.byteLength(el.name, 'utf8'), text: newName });
  }
  return combineEdits(doc, edits);
}

/** The bytes of a range as text, or undefined when they are not valid UTF-8 (a text edit would alter them). */
export function exactText(doc: ConfigDocument, range: { start: number; end: number }): string | undefined {
  const bytes = doc.bytes.subarray(range.start, range.end);
  const text = bytes.toString('utf8');
  return Buffer.from(text, 'utf8').equals(bytes) ? text : undefined;
}

/**
 * Replaces `from` inside `range` with `to`, when `from` occurs there exactly once (so the edit
 * changes that text and nothing else); undefined otherwise.
 */
export function replaceOnceEdit(doc: ConfigDocument, range: { start: number; end: number }, from: string, to: string): TextEdit | undefined {
  const text = exactText(doc, range);
  if (text === undefined || from === '') return undefined;
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) return undefined;
  const start = range.start + Buffer.byteLength(text.slice(0, at));
  return { start, end: start + Buffer.byteLength(from), text: to };
}
