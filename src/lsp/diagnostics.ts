/**
 * arctl's findings as editor diagnostics: the same findings, severities and messages as `arctl
 * lint`, with the rule id as code and a link to the rule's page. Each diagnostic carries its fix and
 * its suggestions as data, so code actions need no second lint.
 */
import type { Diagnostic as LspDiagnostic, TextEdit as LspTextEdit } from 'vscode-languageserver';
import { crLinesAsLf } from '../document/cr-lines.ts';
import { ConfigDocument } from '../document/document.ts';
import type { RuleMeta } from '../lint/catalogue.ts';
import { withCrEdits } from '../lint/cr-fixes.ts';
import { ruleDocsUrl } from '../lint/docs.ts';
import { formatMessage, formatSuggestion, lintDocument, UNUSED_DISABLE_RULE_ID, type LintDocumentOptions } from '../lint/engine.ts';
import type { Diagnostic, Severity } from '../lint/types.ts';
import { lspRange, lspTextEdit } from './positions.ts';

export const SOURCE = 'arctl';

/** What a diagnostic carries for code actions. */
export interface FindingData {
  fix?: LspTextEdit;
  suggestions?: Array<{ title: string; edit: LspTextEdit }>;
}

const SEVERITY: Record<Severity, 1 | 2 | 3> = { error: 1, warning: 2, info: 3 };
/** DiagnosticTag.Unnecessary: editors grey out a disable comment that suppresses nothing. */
const UNNECESSARY = 1;

export function toLspDiagnostics(doc: ConfigDocument, diagnostics: readonly Diagnostic[], rules: Map<string, RuleMeta>): LspDiagnostic[] {
  return diagnostics.map((d) => {
    const data: FindingData = {};
    if (d.fix) data.fix = lspTextEdit(doc, d.fix);
    if (d.suggestions?.length) data.suggestions = d.suggestions.map((s) => ({ title: formatSuggestion(d.ruleId, s, rules), edit: lspTextEdit(doc, s.fix) }));
    return {
      range: lspRange(doc, d.range),
      severity: SEVERITY[d.severity],
      code: d.ruleId,
      codeDescription: { href: ruleDocsUrl(d.ruleId) },
      source: SOURCE,
      message: formatMessage(d, rules),
      ...(d.ruleId === UNUSED_DISABLE_RULE_ID ? { tags: [UNNECESSARY] } : {}),
      ...(data.fix || data.suggestions ? { data } : {}),
    };
  });
}

/** Lints an editor's text as `arctl lint` lints the file at `path`; blank text has no findings. */
export async function lintForEditor(path: string, text: string, options: LintDocumentOptions, rules: Map<string, RuleMeta>): Promise<LspDiagnostic[]> {
  if (/^[ \t\r\n]*$/.test(text)) return [];
  const doc = ConfigDocument.fromText(path, text);
  // A file with CR line ends only is linted as the editor shows it (src/document/cr-lines.ts, same byte
  // offsets): its fixes lay out lines as `arctl lint --fix` does there, and messages name the editor's lines.
  const lf = crLinesAsLf(doc.bytes);
  if (!lf) return toLspDiagnostics(doc, await lintDocument(doc, { ...options, mode: 'lint' }), rules);
  const found = await lintDocument(new ConfigDocument(path, lf), { ...options, mode: 'lint' });
  return toLspDiagnostics(doc, found.map(withCrEdits), rules);
}
