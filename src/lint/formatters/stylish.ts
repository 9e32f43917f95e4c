/** ESLint's default "stylish" output: findings grouped by file, aligned columns, a summary line. */
import type { Severity } from '../types.ts';
import { totalCounts } from '../report.ts';
import type { Formatter } from './types.ts';
import { printable } from '../../util/printable.ts';
import { takesSuggestion } from '../fix.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** "6 problems (2 errors, 1 warning, 3 infos)": every finding counted, infos named when there are any. */
export function problemsText(c: { errorCount: number; warningCount: number; infoCount: number }): string {
  const parts = [plural(c.errorCount, 'error'), plural(c.warningCount, 'warning')];
  if (c.infoCount > 0) parts.push(plural(c.infoCount, 'info'));
  return `${plural(c.errorCount + c.warningCount + c.infoCount, 'problem')} (${parts.join(', ')})`;
}

/** Lines are fitted into this many columns when the caller does not say (output that is not a terminal). */
export const DEFAULT_WIDTH = 100;

/** Below this many columns for the message, rule ids stop forming a column and follow the text. */
const MIN_TABLE_MESSAGE = 50;

export const stylish: Formatter = (reports, { color, width = DEFAULT_WIDTH, fixHints = true }) => {
  const paint: Record<Severity, (s: string) => string> = { error: color.red, warning: color.yellow, info: color.blue };
  let out = '';
  for (const report of reports) {
    if (report.messages.length === 0) continue;
    const rows = report.messages.map((m) => ({
      pos: `${m.line}:${m.column}`,
      severity: m.severity,
      message: m.message.replace(/\s*\r?\n\s*/g, ' '),
      ruleId: m.ruleId,
      suggestions: (m.suggestions ?? []).map((x) => `suggestion: ${x.desc.replace(/\s*\r?\n\s*/g, ' ')}`),
    }));
    const posWidth = rows.reduce((w, r) => Math.max(w, r.pos.length), 0);
    const severityWidth = rows.reduce((w, r) => Math.max(w, r.severity.length), 0);
    const ruleWidth = rows.reduce((w, r) => Math.max(w, r.ruleId.length), 0);
    const longest = rows.reduce((w, r) => Math.max(w, r.message.length), 0);
    const indent = 2 + posWidth + 2 + severityWidth + 2;
    // Wide enough: messages wrap inside a column and rule ids line up after it. Narrow: messages use
    // the whole width and the rule id follows the text. Either way no line is padded beyond the width.
    const column = Math.min(longest, width - indent - 2 - ruleWidth);
    const table = column >= MIN_TABLE_MESSAGE || longest <= column;
    const textWidth = table ? column : Math.max(20, width - indent);
    out += `${color.underline(printable(report.displayPath))}\n`;
    for (const row of rows) {
      const lines = wrap(row.message, textWidth);
      const head = `  ${color.dim(row.pos.padEnd(posWidth))}  ${paint[row.severity](row.severity.padEnd(severityWidth))}  `;
      const rest = ' '.repeat(indent);
      if (table) {
        out += `${head}${lines[0].padEnd(column)}  ${color.dim(row.ruleId)}\n`;
        for (const line of lines.slice(1)) out += `${rest}${line}\n`;
      } else {
        lines.forEach((line, i) => (out += `${i === 0 ? head : rest}${line}${i === lines.length - 1 && line.length + 2 + row.ruleId.length <= textWidth ? `  ${color.dim(row.ruleId)}` : ''}\n`));
        if (lines[lines.length - 1].length + 2 + row.ruleId.length > textWidth) out += `${rest}${color.dim(row.ruleId)}\n`;
      }
      for (const suggestion of row.suggestions) for (const line of wrap(suggestion, textWidth)) out += `${rest}${color.dim(line)}\n`;
    }
    out += '\n';
  }
  const c = totalCounts(reports);
  if (c.errorCount + c.warningCount + c.infoCount === 0) return out;
  const summaryColor = c.errorCount > 0 ? color.red : c.warningCount > 0 ? color.yellow : color.blue;
  out += `${summaryColor.bold(`\u2716 ${problemsText(c)}`)}\n`;
  const fixable = c.fixableErrorCount + c.fixableWarningCount + c.fixableInfoCount;
  if (fixable > 0 && fixHints) {
    const what = [plural(c.fixableErrorCount, 'error'), plural(c.fixableWarningCount, 'warning')];
    if (c.fixableInfoCount > 0) what.push(plural(c.fixableInfoCount, 'info'));
    out += `${summaryColor.bold(`  ${what.join(' and ')} potentially fixable with the \`--fix\` option.`)}\n`;
  }
  const suggested = reports.reduce((n, r) => n + r.messages.filter(takesSuggestion).length, 0);
  if (suggested > 0 && fixHints) out += `${summaryColor.bold(`  ${plural(suggested, 'suggestion')} can be applied with the \`--fix-suggestions\` option.`)}\n`;
  return out;
};

/** Splits text into lines of at most `width` columns at spaces (a longer word keeps a line of its own). */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line === '') line = word;
    else if (line.length + 1 + word.length <= width) line += ` ${word}`;
    else {
      lines.push(line);
      line = word;
    }
  }
  lines.push(line);
  return lines;
}
