/**
 * Code actions for arctl's diagnostics: the rule's fix (what --fix applies), the suggestions of a
 * finding (what --fix-suggestions applies), and "disable for this line" with the inline comment
 * `<!-- arctl-disable-next-line rule-id -->` on its own line above the finding.
 */
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import { previousLineStart, type TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import { PARSE_ERROR_RULE_ID, TEMPLATE_RULE_ID, UNUSED_DISABLE_RULE_ID } from '../lint/engine.ts';
import { parseDirectives } from '../lint/disable-directives.ts';
import { SOURCE, type FindingData } from './diagnostics.ts';
import { byteOffset, lspTextEdit } from './positions.ts';

const QUICKFIX = 'quickfix';

export function codeActions(doc: ConfigDocument, uri: string, diagnostics: readonly LspDiagnostic[]): CodeAction[] {
  const actions: CodeAction[] = [];
  const edit = (edits: LspTextEdit[]) => ({ changes: { [uri]: edits } });
  for (const d of diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    const ruleId = d.code;
    const data = (d.data ?? {}) as FindingData;
    if (data.fix) actions.push({ title: `Fix this ${ruleId} problem`, kind: QUICKFIX, isPreferred: true, diagnostics: [d], edit: edit([data.fix]) });
    for (const suggestion of data.suggestions ?? []) actions.push({ title: `${suggestion.title} (${ruleId})`, kind: QUICKFIX, diagnostics: [d], edit: edit([suggestion.edit]) });
    // A file Wazuh cannot read, or a template, has no comments to obey; an unused disable comment is removed, not disabled.
    if (ruleId === PARSE_ERROR_RULE_ID || ruleId === TEMPLATE_RULE_ID || ruleId === UNUSED_DISABLE_RULE_ID) continue;
    const disable = disableForLineEdit(doc, byteOffset(doc, d.range.start), ruleId);
    actions.push({ title: `Disable ${ruleId} for this line`, kind: QUICKFIX, diagnostics: [d], edit: edit([lspTextEdit(doc, disable)]) });
  }
  return actions;
}

/**
 * The edit that silences `ruleId` on the line holding `offset`: a rule id added to an
 * `arctl-disable-next-line` comment (without a reason) on the line above, else a new comment line
 * above, indented like the line and ended as the line above is. A line inside an element's text
 * content gets the comment above that element, so the content Wazuh reads does not change. Lines
 * are the editor's, as lint reads the comment's next line: a lone CR ends one too (a file with CR
 * line ends is one LF line, above which nothing could go).
 */
export function disableForLineEdit(doc: ConfigDocument, offset: number, ruleId: string): TextEdit {
  let lineStart = doc.editorLineStartOf(offset);
  for (let inside = textElementAround(doc, lineStart); inside; inside = textElementAround(doc, lineStart)) {
    lineStart = doc.editorLineStartOf(inside.range.start);
  }
  if (lineStart > 0) {
    // The line above: a line ended by CR CR LF is one line, not a line and the empty one editors show.
    const above = previousLineStart(doc, lineStart);
    for (const directive of parseDirectives(doc)) {
      const body = directive.comment.body;
      const at = directive.comment.range.start;
      const ownLine = doc.editorLineStartOf(at) === above && blank(doc, above, at);
      const onlyThing = doc.text({ start: directive.comment.range.end, end: lineStart }).trim() === '';
      const hasReason = /:| -- /.test(body);
      if (directive.kind !== 'disable-next-line' || !ownLine || !onlyThing || hasReason || directive.ruleIds.length === 0) continue;
      if (directive.ruleIds.includes(ruleId)) break;
      return { ...directive.comment.range, text: `<!-- arctl-disable-next-line ${[...directive.ruleIds, ruleId].join(', ')} -->` };
    }
  }
  // A UTF-8 byte order mark stays the file's first bytes.
  const from = lineStart === 0 && doc.hasBom ? 3 : lineStart;
  let first = from;
  while (first < doc.bytes.length && (doc.bytes[first] === 0x20 || doc.bytes[first] === 0x09)) first++;
  const indent = doc.text({ start: from, end: first });
  return { start: from, end: from, text: `${indent}<!-- arctl-disable-next-line ${ruleId} -->${lineEndingAbove(doc, lineStart)}` };
}

/** Whether only spaces and tabs (and the file's byte order mark) lie between `start` and `end`. */
function blank(doc: ConfigDocument, start: number, end: number): boolean {
  for (let i = start === 0 && doc.hasBom ? 3 : start; i < end; i++) if (doc.bytes[i] !== 0x20 && doc.bytes[i] !== 0x09) return false;
  return true;
}

/**
 * The line ending a new line inserted at `lineStart` takes: the one ending the line above (in a file
 * mixing endings, its neighbour's), on the first line its own, and the file's usual one on a file of one
 * line without an ending. CR CR LF ends one line, as the document model keeps it in edits.
 */
function lineEndingAbove(doc: ConfigDocument, lineStart: number): string {
  return doc.lineEnding(lineStart > 0 ? previousLineStart(doc, lineStart) : 0);
}

/** The element without children whose text content holds `offset` past its first byte, if any. */
function textElementAround(doc: ConfigDocument, offset: number): XmlElement | undefined {
  for (const el of doc.elements()) {
    if (el.children.length === 0 && el.contentRange.start < offset && offset < el.contentRange.end) return el;
  }
  return undefined;
}
