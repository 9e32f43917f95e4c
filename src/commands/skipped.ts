/**
 * Entries skipped with --skip-invalid, on standard error: the first of each file named one by one, the others
 * counted in one line at the end (a file of junk, or a text log read as alerts, would flood the terminal).
 */
import { writeErr } from './output.ts';

/** Invalid entries named one by one per file. */
export const SKIPPED_SHOWN = 20;

export interface SkippedReporter {
  /** One skipped entry of `file` (as the user named it) at `line`. */
  report(file: string, line: number, reason: string): void;
  /** How many entries of `file` were skipped so far. */
  count(file: string): number;
  /** The count line of each file with more than SKIPPED_SHOWN skipped entries (once). */
  finish(): void;
}

export function skippedReporter(): SkippedReporter {
  const counts = new Map<string, number>();
  return {
    report(file, line, reason) {
      const n = (counts.get(file) ?? 0) + 1;
      counts.set(file, n);
      if (n <= SKIPPED_SHOWN) writeErr(`arctl: ${file}:${line}: ${reason} (skipped)\n`);
    },
    count: (file) => counts.get(file) ?? 0,
    finish() {
      for (const [file, n] of counts) if (n > SKIPPED_SHOWN) writeErr(`arctl: ${file}: ${n - SKIPPED_SHOWN} more invalid entries skipped (${n} in all)\n`);
      counts.clear();
    },
  };
}
