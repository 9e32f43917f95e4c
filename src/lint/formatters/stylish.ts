/** ESLint's default "stylish" output: findings grouped by file, aligned columns, a summary line. */
import type { Severity } from '../types.ts';
import { totalCounts } from '../report.ts';
import type { Formatter } from './types.ts';
import { printable } from '../../util/printable.ts';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export const stylish: Formatter = (reports, { color }) => {
  const paint: Record<Severity, (s: string) => string> = { error: color.red, warning: color.yellow, info: color.blue };
  let out = '';
  for (const report of reports) {
    if (report.messages.length === 0) continue;
    const rows = report.messages.map((m) => [`${m.line}:${m.column}`, m.severity, m.message.replace(/\s*\r?\n\s*/g, ' '), m.ruleId] as const);
    const width = [0, 1, 2].map((i) => Math.max(...rows.map((r) => r[i].length)));
    out += `${color.underline(printable(report.displayPath))}\n`;
    for (const [pos, severity, message, ruleId] of rows) {
      out += `  ${color.dim(pos.padEnd(width[0]))}  ${paint[severity](severity.padEnd(width[1]))}  ${message.padEnd(width[2])}  ${color.dim(ruleId)}\n`;
    }
    out += '\n';
  }
  const c = totalCounts(reports);
  const problems = c.errorCount + c.warningCount + c.infoCount;
  if (problems === 0) return out;
  const parts = [plural(c.errorCount, 'error'), plural(c.warningCount, 'warning')];
  if (c.infoCount > 0) parts.push(plural(c.infoCount, 'info'));
  const summaryColor = c.errorCount > 0 ? color.red : c.warningCount > 0 ? color.yellow : color.blue;
  out += `${summaryColor.bold(`\u2716 ${plural(problems, 'problem')} (${parts.join(', ')})`)}\n`;
  const fixable = c.fixableErrorCount + c.fixableWarningCount + c.fixableInfoCount;
  if (fixable > 0) {
    const what = [plural(c.fixableErrorCount, 'error'), plural(c.fixableWarningCount, 'warning')];
    if (c.fixableInfoCount > 0) what.push(plural(c.fixableInfoCount, 'info'));
    out += `${summaryColor.bold(`  ${what.join(' and ')} potentially fixable with the \`--fix\` option.`)}\n`;
  }
  return out;
};
