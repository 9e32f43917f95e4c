/**
 * ESLint's JSON shape (cli.md "JSON format"), so tools that read ESLint results can read arctl's.
 * ESLint reads severity 0 as "off", so an info travels as 1 (shown, never failing) and every message
 * names its severity in `severityName`; `warningCount` counts warnings only, `infoCount` the infos.
 */
import { countMessages } from '../report.ts';
import type { Severity } from '../types.ts';
import type { Formatter } from './types.ts';

const numeric: Record<Severity, number> = { error: 2, warning: 1, info: 1 };

export const json: Formatter = (reports) => {
  const files = reports.map((r) => {
    const c = countMessages(r.messages);
    return {
      filePath: r.filePath,
      messages: r.messages.map((m) => ({
        ruleId: m.ruleId,
        messageId: m.messageId,
        severity: numeric[m.severity],
        severityName: m.severity,
        message: m.message,
        line: m.line,
        column: m.column,
        endLine: m.endLine,
        endColumn: m.endColumn,
        ...(m.fix ? { fix: { range: m.fix.range, text: m.fix.text } } : {}),
        ...(m.rawFix ? { rawFix: { range: m.rawFix.range, base64: m.rawFix.base64 } } : {}),
        ...(m.suggestions ? { suggestions: m.suggestions.map((s) => ({ messageId: s.messageId, desc: s.desc, fix: { range: s.fix.range, text: s.fix.text } })) } : {}),
      })),
      errorCount: c.errorCount,
      warningCount: c.warningCount,
      infoCount: c.infoCount,
      fixableErrorCount: c.fixableErrorCount,
      fixableWarningCount: c.fixableWarningCount,
    };
  });
  return `${JSON.stringify(files)}\n`;
};
