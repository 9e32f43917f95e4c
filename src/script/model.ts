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

/**
 * How files outside the installation directory are kept in the mount namespace. overlay: a copy-on-write
 * overlay, so writes succeed in the test, this machine's files stay as they were and the runs list what
 * changed; read-only: the overlay could not be built and writes fail with EROFS; none: no mount namespace.
 */
export type FileIsolation = 'overlay' | 'read-only' | 'none';

/** The tail of the AR log (logs/active-responses.log) the program wrote in the installation directory. */
export interface ArLogTail {
  file: string;
  /** Its last lines (at most AR_LOG_LINES). */
  lines: string[];
  /** Whether earlier lines were left out. */
  more: boolean;
}

export interface ScriptReport {
  program: string;
  /** The protocol used: the 4.2+ JSON exchange or the legacy argument form. */
  protocol: 'json' | 'legacy';
  target: string;
  isolation: Isolation;
  /** One sentence on what the isolation covers. */
  isolationNote: string;
  /** How files outside the installation directory were kept (hosts that know). */
  fileIsolation?: FileIsolation;
  command: string;
  timeout: number;
  checks: Check[];
  compliant: boolean;
  /** What the program logged (hosts that know). */
  activeResponsesLog?: ArLogTail;
}

export function isCompliant(checks: Check[]): boolean {
  return checks.every((c) => c.status !== 'fail');
}
