/**
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure): one testsuite per file, one testcase per
 * rule that ran, a failure per rule that reported an error or a warning, carrying its messages.
 * Infos never fail the run (exit 0), so a rule that reported only infos passes and its infos go in
 * the testcase's <system-out>.
 */
import type { ReportMessage } from '../report.ts';
import type { Formatter } from './types.ts';

/** XML 1.0 cannot hold most control characters even as references, so they are dropped. */
export function xmlEscape(s: string): string {
  return s
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export const junit: Formatter = (reports) => {
  let totalTests = 0;
  let totalFailures = 0;
  const suites: string[] = [];
  for (const report of reports) {
    const byRule = new Map<string, ReportMessage[]>();
    for (const id of report.ranRuleIds) byRule.set(id, []);
    for (const m of report.messages) byRule.set(m.ruleId, [...(byRule.get(m.ruleId) ?? []), m]);
    const ids = [...byRule.keys()].sort();
    const failing = (id: string) => byRule.get(id)!.some((m) => m.severity !== 'info');
    const failures = ids.filter(failing).length;
    totalTests += ids.length;
    totalFailures += failures;
    const name = xmlEscape(report.displayPath);
    const cases = ids.map((id) => {
      const messages = byRule.get(id)!;
      if (messages.length === 0) return `    <testcase classname="${name}" name="${xmlEscape(id)}" time="0"/>`;
      const line = (m: ReportMessage) => `${report.displayPath}:${m.line}:${m.column} ${m.severity} ${m.message}`;
      const failed = messages.filter((m) => m.severity !== 'info');
      const infos = messages.filter((m) => m.severity === 'info');
      const parts: string[] = [];
      if (failing(id)) {
        const summary = failed.length === 1 ? failed[0].message : `${failed.length} problems`;
        parts.push(`      <failure message="${xmlEscape(summary)}" type="${xmlEscape(id)}">${xmlEscape(failed.map(line).join('\n'))}</failure>`);
      }
      if (infos.length > 0) parts.push(`      <system-out>${xmlEscape(infos.map(line).join('\n'))}</system-out>`);
      return `    <testcase classname="${name}" name="${xmlEscape(id)}" time="0">\n${parts.join('\n')}\n    </testcase>`;
    });
    suites.push(`  <testsuite name="${name}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="arctl" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
};
