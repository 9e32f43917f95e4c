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

/**
 * fixUntilStable for an asynchronous lint (lintDocument, which includes schema findings), applying only
 * what makes the file strictly better: a round whose result carries an error the file did not have
 * (a guess such as defined_agent -> defined-agent without <agent_id>, which swaps 1302 for 1304) is
 * replaced by the round's fixes that add no error on their own.
 */
export async function fixUntilStableAsync(
  bytes: Buffer,
  lint: (bytes: Buffer) => Promise<Diagnostic[]>,
  maxRounds = 10,
): Promise<{ bytes: Buffer; rounds: number; applied: number }> {
  let current = bytes;
  let findings = await lint(current);
  let applied = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const result = await strictlyBetterRound(current, findings, lint);
    if (result.applied === 0 || result.bytes.equals(current)) return { bytes: current, rounds: round - 1, applied };
    applied += result.applied;
    current = result.bytes;
    findings = result.findings;
  }
  return { bytes: current, rounds: maxRounds, applied };
}

async function strictlyBetterRound(
  bytes: Buffer,
  findings: Diagnostic[],
  lint: (bytes: Buffer) => Promise<Diagnostic[]>,
): Promise<{ bytes: Buffer; applied: number; findings: Diagnostic[] }> {
  const whole = applyFixRound(bytes, findings);
  if (whole.applied === 0) return { bytes, applied: 0, findings };
  const after = await lint(whole.bytes);
  if (!addsErrors(findings, after)) return { bytes: whole.bytes, applied: whole.applied, findings: after };
  const safe: Diagnostic[] = [];
  for (const d of findings) {
    if (!d.fix) continue;
    const alone = applyFixRound(bytes, [d]);
    if (!addsErrors(findings, await lint(alone.bytes))) safe.push(d);
  }
  if (safe.length === 0) return { bytes, applied: 0, findings };
  const together = applyFixRound(bytes, safe);
  const result = await lint(together.bytes);
  if (!addsErrors(findings, result)) return { bytes: together.bytes, applied: together.applied, findings: result };
  // Safe one by one but not together: take the first, the next round sees the rest again.
  const first = applyFixRound(bytes, [safe[0]]);
  return { bytes: first.bytes, applied: first.applied, findings: await lint(first.bytes) };
}

/** Whether `after` has more errors of some rule message than `before`: a fix brought a new error. */
function addsErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  const count = (list: readonly Diagnostic[]) => {
    const m = new Map<string, number>();
    for (const d of list) if (d.severity === 'error') m.set(`${d.ruleId}/${d.messageId}`, (m.get(`${d.ruleId}/${d.messageId}`) ?? 0) + 1);
    return m;
  };
  const was = count(before);
  for (const [key, n] of count(after)) if (n > (was.get(key) ?? 0)) return true;
  return false;
}
