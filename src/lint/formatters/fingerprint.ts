/**
 * What identifies a finding across runs for CI formats that track findings (SARIF's
 * primaryLocationLineHash, GitLab's fingerprint): the rule and the trimmed text of its line
 * (report.ts lineHash), numbered among equal ones in the file, so edits elsewhere keep it.
 */
import type { ReportMessage } from '../report.ts';

/** `LINEHASH:N` for each message of one file, N counting the messages with the same line hash so far. */
export function lineHashKeys(messages: readonly ReportMessage[]): string[] {
  const seen = new Map<string, number>();
  return messages.map((m) => {
    const occurrence = (seen.get(m.lineHash) ?? 0) + 1;
    seen.set(m.lineHash, occurrence);
    return `${m.lineHash}:${occurrence}`;
  });
}
