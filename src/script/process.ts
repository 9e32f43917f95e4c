/**
 * The one thing the protocol driver needs of the machine: start the program and talk to it. The real
 * implementation is ./node-host.ts; tests give scripted ones. Deadlines are the driver's judgement
 * limits (execd itself has none: it waits forever).
 */
import type { FileChange } from './file-changes.ts';

export interface SpawnRequest {
  /** argv as execd passes it; argv[0] is the program path relative to the working directory. */
  argv: string[];
  /** execd binds stdin (a pipe) on every 4.2+ run; legacy runs inherit execd's /dev/null. */
  stdin: 'pipe' | 'null';
  /** Only the 4.2+ add run reads the program's stdout. */
  stdout: 'pipe' | 'null';
}

export type LineResult = { kind: 'line'; line: string; truncated: boolean } | { kind: 'eof' } | { kind: 'timeout' };

export interface ExitStatus {
  code: number | null;
  signal: string | null;
}

export interface ScriptProcess {
  write(text: string): void;
  closeStdin(): void;
  /** The next line of stdout as execd's fgets() reads it (a line, what is left at EOF, or 8191 bytes). */
  readLine(deadlineMs: number): Promise<LineResult>;
  /** execd closes its end of stdout after writing continue/abort. */
  closeStdout(): void;
  wait(deadlineMs: number): Promise<ExitStatus | 'timeout'>;
  /** Kills the program and everything it started (its session). */
  kill(): Promise<ExitStatus>;
  /** Everything written to stderr so far. */
  stderr(): string;
  /** stdout written after the reply line (execd never reads it). */
  extraStdout(): string;
  /** Milliseconds since the start. */
  elapsedMs(): number;
}

export interface ScriptHost {
  spawn(request: SpawnRequest): ScriptProcess;
  /** What the program did since the last call that the host can see: commands run, files changed. */
  takeEffects(): string[];
  /** The file changes behind the last takeEffects(), with their diffs (hosts that see files). */
  lastFileChanges?(): FileChange[];
  /** What a run's stderr shows the host's sandbox refused where this machine would not have (hosts with one). */
  stderrEffects?(stderr: string): string[];
  /** The AR log the program wrote (logs/active-responses.log): its text, or its last whole lines when `cut`. */
  arLog?(): { text: string; cut: boolean };
}
