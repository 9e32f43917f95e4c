/**
 * Inline control in XML comments (markdownlint style, since ossec.conf is XML):
 *   <!-- arctl-disable-next-line rule-id, rule-id: reason -->  the next element (or line)
 *   <!-- arctl-disable-line rule-id -->                         the comment's own line
 *   <!-- arctl-disable rule-id --> ... <!-- arctl-enable rule-id -->
 *   <!-- arctl-disable-file rule-id -->                         the whole file
 * No rule id means every rule. A reason follows `:` or ` -- `.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { Range, XmlComment, XmlElement } from '../document/types.ts';
import { didYouMean } from '../util/suggest.ts';
import { UNUSED_DISABLE_RULE_ID } from './engine-rules.ts';
import type { Diagnostic, Severity } from './types.ts';

export type DirectiveKind = 'disable' | 'enable' | 'disable-next-line' | 'disable-line' | 'disable-file';

export interface Directive {
  kind: DirectiveKind;
  /** Empty: every rule. */
  ruleIds: string[];
  comment: XmlComment;
  /** For next-line, line and file directives: the bytes whose findings it suppresses. */
  covers?: Range;
  /** Rule ids (or '*' for a directive without ids) that suppressed at least one finding. */
  used: Set<string>;
}

const DIRECTIVE = /^\s*arctl-(disable-next-line|disable-line|disable-file|disable|enable)(?=[\s:,]|$)([\s\S]*)$/;

export function parseDirectives(doc: ConfigDocument): Directive[] {
  const out: Directive[] = [];
  for (const comment of doc.comments) {
    const m = DIRECTIVE.exec(comment.body);
    if (!m) continue;
    const kind = m[1] as DirectiveKind;
    const rest = m[2];
    const reasonAt = [rest.indexOf(':'), rest.indexOf(' -- ')].filter((i) => i >= 0);
    const idsText = reasonAt.length ? rest.slice(0, Math.min(...reasonAt)) : rest;
    const ruleIds = [...new Set(idsText.split(/[\s,]+/).filter(Boolean))];
    const directive: Directive = { kind, ruleIds, comment, used: new Set() };
    if (kind === 'disable-next-line') directive.covers = nextTargetRange(doc, comment);
    else if (kind === 'disable-line') directive.covers = { start: doc.editorLineStartOf(comment.range.start), end: doc.editorLineEndOf(comment.range.end) };
    else if (kind === 'disable-file') directive.covers = { start: 0, end: doc.bytes.length };
    out.push(directive);
  }
  return out;
}

/**
 * The next element after the comment (skipping blank space and further comments, so stacked
 * directives apply together): its whole range, or just the next line when no element starts there.
 * Lines are the editor's (a lone CR ends one too): in a file with CR line ends, Wazuh's LF lines
 * would make the next line the whole file.
 */
function nextTargetRange(doc: ConfigDocument, comment: XmlComment): Range {
  let at = comment.range.end;
  for (;;) {
    while (at < doc.bytes.length && isSpace(doc.bytes[at])) at++;
    const next = doc.comments.find((c) => c.range.start === at);
    if (!next) break;
    at = next.range.end;
  }
  const start = doc.editorLineStartOf(at);
  let end = doc.editorLineEndOf(at);
  const element = elementStartingAt(doc, at);
  if (element) end = Math.max(end, element.range.end);
  return { start, end };
}

function elementStartingAt(doc: ConfigDocument, offset: number): XmlElement | undefined {
  for (const el of doc.elements()) if (el.range.start === offset) return el;
  return undefined;
}

function isSpace(b: number): boolean {
  return b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;
}

function mentions(directive: Directive, ruleId: string): boolean {
  return directive.ruleIds.length === 0 || directive.ruleIds.includes(ruleId);
}

function markUsed(directive: Directive, ruleId: string): void {
  directive.used.add(directive.ruleIds.length === 0 ? '*' : ruleId);
}

/** The directive that suppresses a finding of `ruleId` starting at `offset`, if any. */
function suppressor(directives: readonly Directive[], ruleId: string, offset: number): Directive | undefined {
  for (const d of directives) {
    if (d.covers && mentions(d, ruleId) && offset >= d.covers.start && offset < d.covers.end) return d;
  }
  // Ranges: the last disable/enable before the finding that concerns this rule decides.
  let last: Directive | undefined;
  for (const d of directives) {
    if (d.kind !== 'disable' && d.kind !== 'enable') continue;
    const at = d.kind === 'disable' ? d.comment.range.end : d.comment.range.start;
    if (at > offset) break;
    if (mentions(d, ruleId)) last = d;
  }
  return last?.kind === 'disable' ? last : undefined;
}

export interface SuppressionOptions {
  /** Rules that ran: a disable for a rule that did not run is not "unused". */
  ranRuleIds: ReadonlySet<string>;
  knownRuleIds: readonly string[];
  /** Severity of unused-disable findings; undefined = not reported. */
  unusedSeverity?: Severity;
}

/** Drops suppressed findings and adds unused-disable findings for directives that suppressed nothing. */
export function applyDirectives(diagnostics: readonly Diagnostic[], directives: Directive[], options: SuppressionOptions): Diagnostic[] {
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const by = suppressor(directives, d.ruleId, d.range.start);
    if (by) markUsed(by, d.ruleId);
    else kept.push(d);
  }
  if (options.unusedSeverity) for (const d of unusedDirectiveFindings(directives, options, options.unusedSeverity)) kept.push(d);
  return kept;
}

function unusedDirectiveFindings(directives: Directive[], options: SuppressionOptions, severity: Severity): Diagnostic[] {
  const known = new Set(options.knownRuleIds);
  const out: Diagnostic[] = [];
  const finding = (d: Directive, messageId: string, data: Record<string, string>): Diagnostic => ({
    ruleId: UNUSED_DISABLE_RULE_ID,
    messageId,
    data,
    severity,
    range: d.comment.range,
  });
  for (const d of directives) {
    if (d.kind === 'enable') {
      for (const id of d.ruleIds) if (!known.has(id)) out.push(finding(d, 'unknownRule', { ruleId: id, suggestion: didYouMean(id, known) }));
      continue;
    }
    if (d.ruleIds.length === 0) {
      if (!d.used.has('*')) out.push(finding(d, 'unused', { forRule: '' }));
      continue;
    }
    for (const id of d.ruleIds) {
      if (!known.has(id)) out.push(finding(d, 'unknownRule', { ruleId: id, suggestion: didYouMean(id, known) }));
      else if (options.ranRuleIds.has(id) && !d.used.has(id)) out.push(finding(d, 'unused', { forRule: ` by '${id}'` }));
    }
  }
  return out;
}
