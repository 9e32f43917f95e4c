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

/**
 * Re-lints and fixes until nothing changes (at most `maxRounds`), applying only
 * what makes the file strictly better: a round whose result carries an error the file did not have
 * (a guess such as defined_agent -> defined-agent without <agent_id>, which swaps 1302 for 1304) is
 * replaced by the round's fixes that add no error on their own.
 */
export async function fixUntilStable(
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
  // A fix whose new error is itself fixed by the next rounds (Host-Deny -> host-deny makes the command
  // "defined after use", and that fix moves it) is taken when the file ends up with no new error.
  const settled = await settleNewErrors(whole.bytes, after, findings, lint);
  if (settled) return { bytes: settled.bytes, applied: whole.applied + settled.applied, findings: settled.findings };
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

/** Follows a round that added errors for a few more rounds, as long as every new error has a fix. */
async function settleNewErrors(
  bytes: Buffer,
  findings: Diagnostic[],
  original: readonly Diagnostic[],
  lint: (bytes: Buffer) => Promise<Diagnostic[]>,
  rounds = 3,
): Promise<{ bytes: Buffer; applied: number; findings: Diagnostic[] } | null> {
  let current = bytes;
  let currentFindings = findings;
  let applied = 0;
  for (let round = 0; round < rounds; round++) {
    if (newErrors(original, currentFindings).some((d) => !d.fix)) return null;
    const next = applyFixRound(current, currentFindings);
    if (next.applied === 0) return null;
    current = next.bytes;
    applied += next.applied;
    currentFindings = await lint(current);
    if (!addsErrors(original, currentFindings)) return { bytes: current, applied, findings: currentFindings };
  }
  return null;
}

/** The errors of `after` beyond the count of the same rule message in `before`. */
function newErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): Diagnostic[] {
  const was = new Map<string, number>();
  for (const d of before) if (d.severity === 'error') was.set(`${d.ruleId}/${d.messageId}`, (was.get(`${d.ruleId}/${d.messageId}`) ?? 0) + 1);
  const added: Diagnostic[] = [];
  for (const d of after) {
    if (d.severity !== 'error') continue;
    const key = `${d.ruleId}/${d.messageId}`;
    const left = was.get(key) ?? 0;
    if (left > 0) was.set(key, left - 1);
    else added.push(d);
  }
  return added;
}

/** Whether `after` has more errors of some rule message than `before`: a fix brought a new error. */
function addsErrors(before: readonly Diagnostic[], after: readonly Diagnostic[]): boolean {
  return newErrors(before, after).length > 0;
}
