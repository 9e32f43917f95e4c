/**
 * GitHub Actions workflow commands, one per finding, escaped as @actions/core does
 * (data: % CR LF; property values additionally : and ,).
 */
import type { Severity } from '../types.ts';
import { ciPath } from './paths.ts';
import type { Formatter } from './types.ts';

const command: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'notice' };

export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

export const github: Formatter = (reports, { cwd }) => {
  let out = '';
  for (const report of reports) {
    const file = escapeProperty(ciPath(report.filePath, cwd));
    for (const m of report.messages) {
      const props = `file=${file},line=${m.line},col=${m.column},endLine=${m.endLine},endColumn=${m.endColumn},title=${escapeProperty(`arctl(${m.ruleId})`)}`;
      out += `::${command[m.severity]} ${props}::${escapeData(m.message)}\n`;
    }
  }
  return out;
};
