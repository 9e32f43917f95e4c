/**
 * Files whose lines end in a lone CR (classic Mac OS, some Windows tools): Wazuh's reader and
 * `lineStarts` count LF only, so such a file is one long line to them, while editors show its lines.
 * Edits and fixes lay text out by lines (indentation, a block on its own line, an emptied line
 * removed), so they work on the file with each CR read as LF (same length, same byte offsets) and
 * turn the result's LFs back into CRs: the file keeps its line ends and gets new lines in its style.
 */
import type { TextEdit } from './edit.ts';

/** The file with every CR as LF when its only line ends are lone CRs (no LF anywhere), else null. */
export function crLinesAsLf(bytes: Buffer): Buffer | null {
  if (bytes.includes(0x0a) || !bytes.includes(0x0d)) return null;
  const lf = Buffer.from(bytes);
  for (let i = lf.indexOf(0x0d); i !== -1; i = lf.indexOf(0x0d, i + 1)) lf[i] = 0x0a;
  return lf;
}

/** Bytes edited in crLinesAsLf's view, with their line ends (every LF) back to CR. */
export function lfLinesAsCr(bytes: Buffer): Buffer {
  const cr = Buffer.from(bytes);
  for (let i = cr.indexOf(0x0a); i !== -1; i = cr.indexOf(0x0a, i + 1)) cr[i] = 0x0d;
  return cr;
}

/** Text written in crLinesAsLf's view (an edit's replacement), with its line ends as CR. */
export function lfTextAsCr(text: string): string {
  return text.replace(/\n/g, '\r');
}

/** An edit planned in crLinesAsLf's view, as the edit of the file itself (same offsets, CR line ends). */
export function crEdit(edit: TextEdit): TextEdit {
  return { ...edit, text: lfTextAsCr(edit.text), ...(edit.raw ? { raw: lfLinesAsCr(Buffer.from(edit.raw)) } : {}) };
}
