/**
 * JUnit XML for CI test tabs (GitLab, Jenkins, Azure): one testsuite per file, one testcase per
 * rule that ran, a failure per rule that reported something, carrying its messages.
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
    const failures = ids.filter((id) => byRule.get(id)!.length > 0).length;
    totalTests += ids.length;
    totalFailures += failures;
    const name = xmlEscape(report.displayPath);
    const cases = ids.map((id) => {
      const messages = byRule.get(id)!;
      if (messages.length === 0) return `    <testcase classname="${name}" name="${xmlEscape(id)}" time="0"/>`;
      const summary = messages.length === 1 ? messages[0].message : `${messages.length} problems`;
      const body = messages.map((m) => `${report.displayPath}:${m.line}:${m.column} ${m.severity} ${m.message}`).join('\n');
      return `    <testcase classname="${name}" name="${xmlEscape(id)}" time="0">\n      <failure message="${xmlEscape(summary)}" type="${xmlEscape(id)}">${xmlEscape(body)}</failure>\n    </testcase>`;
    });
    suites.push(`  <testsuite name="${name}" tests="${ids.length}" failures="${failures}" errors="0" skipped="0" time="0">\n${cases.join('\n')}${cases.length ? '\n' : ''}  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="arctl" tests="${totalTests}" failures="${totalFailures}" errors="0">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
};
