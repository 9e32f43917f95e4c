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

/**
 * mount-and-network-namespace: a user, network and mount namespace in which every mount but the installation
 * directory and a private /tmp is read-only; network-namespace: the kernel refused the mount namespace, so
 * files outside the installation directory are the real, writable ones; none: --no-isolation.
 */
export type Isolation = 'mount-and-network-namespace' | 'network-namespace' | 'none';

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
