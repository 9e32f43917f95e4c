/**
 * Between the document model's byte ranges and the editor's positions (0-based line, UTF-16
 * character). Lines end at LF, as the document model counts them.
 */
import type { Position as LspPosition, Range as LspRange, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { Range } from '../document/types.ts';

export function lspPosition(doc: ConfigDocument, offset: number): LspPosition {
  const p = doc.position(offset);
  return { line: p.line - 1, character: p.column - 1 };
}

export function lspRange(doc: ConfigDocument, range: Range): LspRange {
  return { start: lspPosition(doc, range.start), end: lspPosition(doc, Math.max(range.start, range.end)) };
}

export function byteOffset(doc: ConfigDocument, position: LspPosition): number {
  return doc.offsetAt({ line: position.line + 1, column: position.character + 1 });
}

export function lspTextEdit(doc: ConfigDocument, edit: TextEdit): LspTextEdit {
  return { range: lspRange(doc, edit), newText: edit.text };
}

/** Whether `offset` lies in `range`, its end included (the cursor right after a word still hovers it). */
export function touches(range: Range, offset: number): boolean {
  return offset >= range.start && offset <= range.end;
}
