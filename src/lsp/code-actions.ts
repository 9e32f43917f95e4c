/**
 * Code actions for arctl's diagnostics: the rule's fix (what --fix applies), the suggestions of a
 * finding (what --fix-suggestions applies), and "disable for this line" with the inline comment
 * `<!-- arctl-disable-next-line rule-id -->` on its own line above the finding.
 */
import type { CodeAction, Diagnostic as LspDiagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import { PARSE_ERROR_RULE_ID, UNUSED_DISABLE_RULE_ID } from '../lint/engine.ts';
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
    // A file Wazuh cannot read has no comments to obey, and an unused disable comment is removed, not disabled.
    if (ruleId === PARSE_ERROR_RULE_ID || ruleId === UNUSED_DISABLE_RULE_ID) continue;
    const disable = disableForLineEdit(doc, byteOffset(doc, d.range.start), ruleId);
    actions.push({ title: `Disable ${ruleId} for this line`, kind: QUICKFIX, diagnostics: [d], edit: edit([lspTextEdit(doc, disable)]) });
  }
  return actions;
}

/**
 * The edit that silences `ruleId` on the line holding `offset`: a rule id added to an
 * `arctl-disable-next-line` comment (without a reason) on the line above, else a new comment line
 * above, indented like the line. A line inside an element's text content gets the comment above
 * that element, so the content Wazuh reads does not change.
 */
export function disableForLineEdit(doc: ConfigDocument, offset: number, ruleId: string): TextEdit {
  let lineStart = doc.lineStartOf(offset);
  for (let inside = textElementAround(doc, lineStart); inside; inside = textElementAround(doc, lineStart)) {
    lineStart = doc.lineStartOf(inside.range.start);
  }
  const line = doc.lineOf(lineStart);
  if (line > 1) {
    const above = doc.lineStarts[line - 2];
    for (const directive of parseDirectives(doc)) {
      const body = directive.comment.body;
      const ownLine = doc.lineStartOf(directive.comment.range.start) === above && doc.leadingWhitespace(directive.comment.range.start) !== null;
      const onlyThing = doc.text({ start: directive.comment.range.end, end: lineStart }).trim() === '';
      const hasReason = /:| -- /.test(body);
      if (directive.kind !== 'disable-next-line' || !ownLine || !onlyThing || hasReason || directive.ruleIds.length === 0) continue;
      if (directive.ruleIds.includes(ruleId)) break;
      return { ...directive.comment.range, text: `<!-- arctl-disable-next-line ${[...directive.ruleIds, ruleId].join(', ')} -->` };
    }
  }
  let first = lineStart;
  while (first < doc.bytes.length && (doc.bytes[first] === 0x20 || doc.bytes[first] === 0x09)) first++;
  const indent = doc.text({ start: lineStart, end: first });
  return { start: lineStart, end: lineStart, text: `${indent}<!-- arctl-disable-next-line ${ruleId} -->${doc.eol}` };
}

/** The element without children whose text content holds `offset` past its first byte, if any. */
function textElementAround(doc: ConfigDocument, offset: number): XmlElement | undefined {
  for (const el of doc.elements()) {
    if (el.children.length === 0 && el.contentRange.start < offset && offset < el.contentRange.end) return el;
  }
  return undefined;
}
