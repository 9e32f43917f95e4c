/** What `arctl script test` reports: checks with a status and their evidence. */

export type CheckStatus = 'pass' | 'fail' | 'warn' | 'skip';

export interface Check {
  /** Stable id (JUnit test name, JSON key). */
  id: string;
  /** What is checked, as a statement the program should make true. */
  title: string;
  status: CheckStatus;
  /** One line: what was found. */
  summary: string;
  /** The runs, lines and bytes that show it. */
  evidence: string[];
  /** How to fix it, for failures and warnings. */
  fix?: string;
}

export type Isolation = 'network-namespace' | 'none';

export interface ScriptReport {
  program: string;
  /** The protocol used: the 4.2+ JSON exchange or the legacy argument form. */
  protocol: 'json' | 'legacy';
  target: string;
  isolation: Isolation;
  /** One sentence on what the isolation covers. */
  isolationNote: string;
  command: string;
  timeout: number;
  checks: Check[];
  compliant: boolean;
}

export function isCompliant(checks: Check[]): boolean {
  return checks.every((c) => c.status !== 'fail');
}
