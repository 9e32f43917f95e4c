/**
 * GitLab Code Quality: the Code Climate issue JSON subset GitLab reads from an
 * `artifacts:reports:codequality` file. One issue per finding with the fields GitLab requires
 * (description, check_name, fingerprint, severity, location.path, location.lines.begin).
 *
 * GitLab compares the report of a merge request with its target branch's by fingerprint, and shows
 * only the first of several issues that share one. A fingerprint is therefore made of what survives
 * unrelated edits (the file, the rule and the trimmed text of the finding's line) plus the finding's
 * rank among equal ones in that file, never of line numbers.
 */
import type { Severity } from '../types.ts';
import { lineHashKeys } from './fingerprint.ts';
import { ciPath } from './paths.ts';
import type { Formatter } from './types.ts';

/**
 * Code Climate's scale is info, minor, major, critical, blocker. An error stops Wazuh or makes a
 * response impossible (critical); a warning runs but not as written (major); an info is advice.
 * Nothing is a blocker: that word is left for the pipeline, which fails on errors anyway.
 */
export const CODE_QUALITY_SEVERITY: Record<Severity, 'info' | 'major' | 'critical'> = { error: 'critical', warning: 'major', info: 'info' };

interface CodeQualityIssue {
  type: 'issue';
  check_name: string;
  description: string;
  categories: string[];
  fingerprint: string;
  severity: (typeof CODE_QUALITY_SEVERITY)[Severity];
  location: { path: string; lines: { begin: number; end: number } };
}

const crypto = () => process.getBuiltinModule('node:crypto');

export const gitlab: Formatter = (reports, { cwd }) => {
  const issues: CodeQualityIssue[] = [];
  for (const report of reports) {
    const path = ciPath(report.filePath, cwd);
    const keys = lineHashKeys(report.messages);
    for (const [i, m] of report.messages.entries()) {
      issues.push({
        type: 'issue',
        check_name: m.ruleId,
        description: `${m.message} (${m.ruleId})`,
        categories: ['Bug Risk'],
        fingerprint: crypto().createHash('sha256').update(`${path}\0${keys[i]}`).digest('hex').slice(0, 32),
        severity: CODE_QUALITY_SEVERITY[m.severity],
        location: { path, lines: { begin: m.line, end: m.endLine } },
      });
    }
  }
  return `${JSON.stringify(issues, null, 2)}\n`;
};
