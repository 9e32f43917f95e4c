/** Applies the safe fixes of a lint run: non-overlapping ones first, the rest in the next round. */
import { applyEdits, editsOverlap, type TextEdit } from '../document/edit.ts';
import type { Diagnostic } from './types.ts';

/** One round: picks fixes that do not overlap (document order) and applies them. */
export function applyFixRound(bytes: Buffer, diagnostics: readonly Diagnostic[]): { bytes: Buffer; applied: number } {
  const chosen: TextEdit[] = [];
  for (const d of diagnostics) {
    if (!d.fix) continue;
    if (chosen.some((c) => editsOverlap(c, d.fix!))) continue;
    chosen.push(d.fix);
  }
  if (chosen.length === 0) return { bytes, applied: 0 };
  return { bytes: applyEdits(bytes, chosen), applied: chosen.length };
}

/** Re-lints and fixes until nothing changes (at most `maxRounds`). */
export function fixUntilStable(
  bytes: Buffer,
  lint: (bytes: Buffer) => Diagnostic[],
  maxRounds = 10,
): { bytes: Buffer; rounds: number; applied: number } {
  let current = bytes;
  let applied = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const result = applyFixRound(current, lint(current));
    if (result.applied === 0 || result.bytes.equals(current)) return { bytes: current, rounds: round - 1, applied };
    applied += result.applied;
    current = result.bytes;
  }
  return { bytes: current, rounds: maxRounds, applied };
}

/** fixUntilStable for an asynchronous lint (lintDocument, which includes schema findings). */
export async function fixUntilStableAsync(
  bytes: Buffer,
  lint: (bytes: Buffer) => Promise<Diagnostic[]>,
  maxRounds = 10,
): Promise<{ bytes: Buffer; rounds: number; applied: number }> {
  let current = bytes;
  let applied = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const result = applyFixRound(current, await lint(current));
    if (result.applied === 0 || result.bytes.equals(current)) return { bytes: current, rounds: round - 1, applied };
    applied += result.applied;
    current = result.bytes;
  }
  return { bytes: current, rounds: maxRounds, applied };
}
