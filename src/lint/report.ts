/**
 * Lint results ready for formatting: positions resolved to line:column, messages formatted from the
 * rule templates. Formatters only read these.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { RuleMeta } from './catalogue.ts';
import { formatMessage, formatSuggestion } from './engine.ts';
import type { Diagnostic, Severity } from './types.ts';

export interface ReportMessage {
  ruleId: string;
  /** The rule's message id: with the rule id, it names the row of the severity table. */
  messageId: string;
  severity: Severity;
  message: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  /** Byte range into the file and replacement text, when the rule can fix it. */
  fix?: { range: [number, number]; text: string };
  /**
   * The rule's fix when its bytes are not all UTF-8 (a moved block holding a Latin-1 comment), so that
   * `fix.text` would rewrite them as U+FFFD: the same edit as exact bytes, base64. --fix applies it,
   * and it counts as fixable.
   */
  rawFix?: { range: [number, number]; base64: string };
  /** Changes that depend on intent (ESLint's `suggestions`): applied only with --fix-suggestions. */
  suggestions?: Array<{ messageId: string; desc: string; fix: { range: [number, number]; text: string } }>;
  /** Hash of the rule id and the trimmed text of the finding's line, stable across unrelated edits. */
  lineHash: string;
  /** The values `message` was formatted with from the rule's template (SARIF passes them as message arguments). */
  data?: Readonly<Record<string, string | number>>;
}

export interface FileReport {
  /** Absolute path (for --stdin-filename input: that name resolved; otherwise `<stdin>`). */
  filePath: string;
  /** The path as the user named it, for human output. */
  displayPath: string;
  messages: ReportMessage[];
  /** Rules that ran on this file (JUnit test cases). */
  ranRuleIds: string[];
}

export interface Counts {
  errorCount: number;
  warningCount: number;
  infoCount: number;
  fixableErrorCount: number;
  fixableWarningCount: number;
  fixableInfoCount: number;
}

export function buildFileReport(
  doc: ConfigDocument,
  diagnostics: readonly Diagnostic[],
  file: { filePath: string; displayPath: string; ranRuleIds: Iterable<string> },
  rules: Map<string, RuleMeta>,
): FileReport {
  // One hash per rule and line: findings that share a long line (a hostile one holds thousands) do not
  // each decode and hash the whole line again.
  const lineHashes = new Map<string, string>();
  const lineHash = (ruleId: string, line: number): string => {
    const key = `${line}\0${ruleId}`;
    let hash = lineHashes.get(key);
    if (hash === undefined) {
      const lineText = doc.text({ start: doc.lineStarts[line - 1]!, end: lineEndOffset(doc, line) }).trim();
      hash = crypto().createHash('sha256').update(`${ruleId}\0${lineText}`).digest('hex').slice(0, 16);
      lineHashes.set(key, hash);
    }
    return hash;
  };
  const messages = diagnostics.map((d): ReportMessage => {
    const start = doc.position(d.range.start);
    const end = doc.position(Math.max(d.range.start, d.range.end));
    return {
      ruleId: d.ruleId,
      messageId: d.messageId,
      severity: d.severity,
      message: formatMessage(d, rules),
      line: start.line,
      column: start.column,
      endLine: end.line,
      endColumn: end.column,
      // A fix that keeps bytes which are not UTF-8 (a moved Latin-1 comment) cannot travel as JSON text: --fix applies it.
      ...(d.fix && !d.fix.raw ? { fix: { range: [d.fix.start, d.fix.end] as [number, number], text: d.fix.text } } : {}),
      ...(d.fix?.raw ? { rawFix: { range: [d.fix.start, d.fix.end] as [number, number], base64: Buffer.from(d.fix.raw).toString('base64') } } : {}),
      ...(d.suggestions?.length
        ? { suggestions: d.suggestions.map((s) => ({ messageId: s.messageId, desc: formatSuggestion(d.ruleId, s, rules), fix: { range: [s.fix.start, s.fix.end] as [number, number], text: s.fix.text } })) }
        : {}),
      lineHash: lineHash(d.ruleId, start.line),
      ...(Object.keys(d.data).length > 0 ? { data: d.data } : {}),
    };
  });
  return { filePath: file.filePath, displayPath: file.displayPath, messages, ranRuleIds: [...new Set(file.ranRuleIds)].sort() };
}

/** node:crypto, loaded with the first finding: a clean file does not pay its start-up cost. */
const crypto = () => process.getBuiltinModule('node:crypto');

function lineEndOffset(doc: ConfigDocument, line: number): number {
  return line < doc.lineStarts.length ? doc.lineStarts[line] : doc.bytes.length;
}

export function countMessages(messages: readonly ReportMessage[]): Counts {
  const c: Counts = { errorCount: 0, warningCount: 0, infoCount: 0, fixableErrorCount: 0, fixableWarningCount: 0, fixableInfoCount: 0 };
  for (const m of messages) {
    const fixable = m.fix !== undefined || m.rawFix !== undefined;
    if (m.severity === 'error') {
      c.errorCount++;
      if (fixable) c.fixableErrorCount++;
    } else if (m.severity === 'warning') {
      c.warningCount++;
      if (fixable) c.fixableWarningCount++;
    } else {
      c.infoCount++;
      if (fixable) c.fixableInfoCount++;
    }
  }
  return c;
}

export function totalCounts(reports: readonly FileReport[]): Counts {
  return countMessages(reports.flatMap((r) => r.messages));
}
