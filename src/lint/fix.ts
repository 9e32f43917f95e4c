/** Applies the safe fixes of a lint run: non-overlapping ones first, the rest in the next round. */
import { crLinesAsLf, lfLinesAsCr } from '../document/cr-lines.ts';
import { applyEdits, type TextEdit } from '../document/edit.ts';
import { firstIndexAtLeast, partitionPoint } from '../util/sorted.ts';
import type { Diagnostic } from './types.ts';

/**
 * ESLint's fix types, decided per finding: `layout` when the change only touches white space,
 * otherwise `problem` for errors and warnings (Wazuh refuses or does not do what is written) and
 * `suggestion` for infos (advice).
 */
export const FIX_TYPES = ['problem', 'suggestion', 'layout'] as const;
export type FixType = (typeof FIX_TYPES)[number];

/** Which changes a fix run applies. The default: every certain fix, no suggestion. */
export interface FixSelection {
  /** Also apply a finding's suggestion when it has exactly one (`--fix-suggestions`). */
  suggestions?: boolean;
  /** Only findings of these rules (`--fix-rule`). */
  rules?: ReadonlySet<string>;
  /** Only findings of these fix types (`--fix-type`). */
  types?: ReadonlySet<FixType>;
}

/** What one finding's change does, for `--fix-type`. */
export function fixType(bytes: Buffer, d: Diagnostic, edit: TextEdit): FixType {
  const before = bytes.subarray(edit.start, edit.end).toString('utf8');
  if (before.replace(/\s+/g, '') === edit.text.replace(/\s+/g, '')) return 'layout';
  return d.severity === 'info' ? 'suggestion' : 'problem';
}

/** Whether `--fix-suggestions` takes a suggestion of this finding: it has no fix and exactly one suggestion. */
export function takesSuggestion(finding: { fix?: unknown; suggestions?: readonly unknown[] }): boolean {
  return !finding.fix && finding.suggestions?.length === 1;
}

/** The change a fix run applies for this finding, if the selection takes it. */
export function selectedEdit(bytes: Buffer, d: Diagnostic, selection: FixSelection = {}): TextEdit | undefined {
  if (selection.rules && !selection.rules.has(d.ruleId)) return undefined;
  const edit = d.fix ?? (selection.suggestions && takesSuggestion(d) ? d.suggestions![0].fix : undefined);
  if (!edit) return undefined;
  if (selection.types && !selection.types.has(fixType(bytes, d, edit))) return undefined;
  return edit;
}

/**
 * The edits a round has taken, for editsOverlap's question in log time instead of a walk over every one
 * (32,000 fixes asked it 500 million times). Taken edits never overlap, so sorted by (start, end) their ends
 * never decrease: the last one starting before a range's end reaches furthest.
 */
export class TakenEdits {
  private readonly starts: number[] = [];
  private readonly ends: number[] = [];
  private readonly inserts = new Set<number>();

  overlaps(edit: TextEdit): boolean {
    // Two insertions overlap when they are at the same place (editsOverlap).
    if (edit.start === edit.end && this.inserts.has(edit.start)) return true;
    const i = this.lastStartingBefore(edit.end === edit.start ? edit.start : edit.end);
    return i >= 0 && this.ends[i]! > edit.start && (edit.start !== edit.end || this.starts[i]! < edit.start);
  }

  add(edit: TextEdit): void {
    if (edit.start === edit.end) this.inserts.add(edit.start);
    // After every taken edit that sorts before it by (start, end).
    const { starts, ends } = this;
    const at = partitionPoint(starts.length, (i) => starts[i]! < edit.start || (starts[i] === edit.start && ends[i]! <= edit.end));
    this.starts.splice(at, 0, edit.start);
    this.ends.splice(at, 0, edit.end);
  }

  /** The index of the last taken edit starting before `position`, or -1. */
  private lastStartingBefore(position: number): number {
    return firstIndexAtLeast(this.starts, position) - 1;
  }
}

/** One round: picks the selected changes that do not overlap (document order) and applies them. */
export function applyFixRound(
  bytes: Buffer,
  diagnostics: readonly Diagnostic[],
  selection: FixSelection = {},
): { bytes: Buffer; chosen: Diagnostic[] } {
  const edits: TextEdit[] = [];
  const chosen: Diagnostic[] = [];
  const taken = new TakenEdits();
  for (const d of diagnostics) {
    const edit = selectedEdit(bytes, d, selection);
    if (!edit || taken.overlaps(edit)) continue;
    taken.add(edit);
    edits.push(edit);
    chosen.push(d);
  }
  if (edits.length === 0) return { bytes, chosen };
  return { bytes: applyEdits(bytes, edits), chosen };
}

export interface FixResult {
  bytes: Buffer;
  rounds: number;
  applied: number;
  /** Changes applied per rule id, for the report after fixing. */
  appliedByRule: Map<string, number>;
}

type Lint = (bytes: Buffer) => Promise<Diagnostic[]>;

/**
 * Re-lints and fixes until nothing changes (at most `maxRounds`), applying only what makes the file
 * strictly better: a round whose result carries an error the file did not have (a guess such as
 * defined_agent -> defined-agent without <agent_id>, which swaps 1302 for 1304) is replaced by the
 * round's fixes that add no error on their own.
 */
export async function fixUntilStable(bytes: Buffer, lint: Lint, maxRounds = 10, selection: FixSelection = {}): Promise<FixResult> {
  // A file with CR line ends only is fixed as an editor shows it (src/document/cr-lines.ts): a moved
  // block keeps its lines, an emptied line goes.
  const lf = crLinesAsLf(bytes);
  if (!lf) return fixRounds(bytes, lint, maxRounds, selection);
  const fixed = await fixRounds(lf, lint, maxRounds, selection);
  return { ...fixed, bytes: fixed.bytes.equals(lf) ? bytes : lfLinesAsCr(fixed.bytes) };
}

async function fixRounds(bytes: Buffer, lint: Lint, maxRounds: number, selection: FixSelection): Promise<FixResult> {
  let current = bytes;
  let findings = await lint(current);
  const appliedByRule = new Map<string, number>();
  let applied = 0;
  for (let round = 1; round <= maxRounds; round++) {
    const result = await strictlyBetterRound(current, findings, lint, selection);
    if (result.chosen.length === 0 || result.bytes.equals(current)) return { bytes: current, rounds: round - 1, applied, appliedByRule };
    applied += result.chosen.length;
    for (const d of result.chosen) appliedByRule.set(d.ruleId, (appliedByRule.get(d.ruleId) ?? 0) + 1);
    current = result.bytes;
    findings = result.findings;
  }
  return { bytes: current, rounds: maxRounds, applied, appliedByRule };
}

interface Round {
  bytes: Buffer;
  chosen: Diagnostic[];
  findings: Diagnostic[];
}

async function strictlyBetterRound(bytes: Buffer, findings: Diagnostic[], lint: Lint, selection: FixSelection): Promise<Round> {
  const whole = applyFixRound(bytes, findings, selection);
  if (whole.chosen.length === 0) return { bytes, chosen: [], findings };
  const after = await lint(whole.bytes);
  if (!addsErrors(findings, after, whole.chosen)) return { bytes: whole.bytes, chosen: whole.chosen, findings: after };
  // A fix whose new error is itself fixed by the next rounds (Host-Deny -> host-deny makes the command
  // "defined after use", and that fix moves it) is taken when the file ends up with no new error.
  const settled = await settleNewErrors(whole.bytes, after, findings, whole.chosen, lint, selection);
  if (settled) return { bytes: settled.bytes, chosen: [...whole.chosen, ...settled.chosen], findings: settled.findings };
  const safe: Diagnostic[] = [];
  for (const d of findings) {
    if (!selectedEdit(bytes, d, selection)) continue;
    const alone = applyFixRound(bytes, [d], selection);
    if (!addsErrors(findings, await lint(alone.bytes), alone.chosen)) safe.push(d);
  }
  if (safe.length === 0) return { bytes, chosen: [], findings };
  const together = applyFixRound(bytes, safe, selection);
  const result = await lint(together.bytes);
  if (!addsErrors(findings, result, together.chosen)) return { bytes: together.bytes, chosen: together.chosen, findings: result };
  // Safe one by one but not together: take the first, the next round sees the rest again.
  const first = applyFixRound(bytes, [safe[0]], selection);
  return { bytes: first.bytes, chosen: first.chosen, findings: await lint(first.bytes) };
}

/** Follows a round that added errors for a few more rounds, as long as every new error has a fix. */
async function settleNewErrors(
  bytes: Buffer,
  findings: Diagnostic[],
  original: readonly Diagnostic[],
  /** The fixes of the round that brought the new errors (findings of `original`). */
  fixed: readonly Diagnostic[],
  lint: Lint,
  selection: FixSelection,
  rounds = 3,
): Promise<Round | null> {
  let current = bytes;
  let currentFindings = findings;
  const chosen: Diagnostic[] = [];
  for (let round = 0; round < rounds; round++) {
    if (newErrors(original, currentFindings, fixed).some((d) => !selectedEdit(current, d, selection))) return null;
    const next = applyFixRound(current, currentFindings, selection);
    if (next.chosen.length === 0) return null;
    current = next.bytes;
    chosen.push(...next.chosen);
    currentFindings = await lint(current);
    if (!addsErrors(original, currentFindings, fixed)) return { bytes: current, chosen, findings: currentFindings };
  }
  return null;
}

/**
 * The errors of `after` beyond the count of the same rule message in `before`. An error left over that
 * its rule reported at the same offset before, in other words (a finding the fix did not touch, reworded
 * because another error went: command-defined-after-use's "Wazuh stops at this block's (1302) first" once
 * that 1302 is fixed), is the same error, not a new one; unless the finding there was one of the fixes
 * applied (`fixed`), whose rule then still finds an error in the result.
 */
function newErrors(before: readonly Diagnostic[], after: readonly Diagnostic[], fixed: readonly Diagnostic[] = []): Diagnostic[] {
  // Lists and cursors, not copies and shift(): thousands of errors of one message cost a step each.
  const was = new Map<string, { list: Diagnostic[]; used: number }>();
  for (const d of before) {
    if (d.severity !== 'error') continue;
    const key = `${d.ruleId}/${d.messageId}`;
    const entry = was.get(key);
    if (entry) entry.list.push(d);
    else was.set(key, { list: [d], used: 0 });
  }
  const unpaired: Diagnostic[] = [];
  for (const d of after) {
    if (d.severity !== 'error') continue;
    const left = was.get(`${d.ruleId}/${d.messageId}`);
    if (left && left.used < left.list.length) left.used++;
    else unpaired.push(d);
  }
  if (unpaired.length === 0) return unpaired;
  const touched = new Set(fixed);
  // The errors left over, by rule and start, in the order they were left: each pairs with one unpaired error.
  const reworded = new Map<string, { list: Diagnostic[]; used: number }>();
  for (const { list, used } of was.values()) {
    for (const b of list.slice(used)) {
      if (touched.has(b)) continue;
      const key = `${b.ruleId}\0${b.range.start}`;
      const entry = reworded.get(key);
      if (entry) entry.list.push(b);
      else reworded.set(key, { list: [b], used: 0 });
    }
  }
  return unpaired.filter((d) => {
    const same = reworded.get(`${d.ruleId}\0${d.range.start}`);
    if (!same || same.used >= same.list.length) return true;
    same.used++;
    return false;
  });
}

/** Whether `after` has more errors of some rule message than `before`: a fix brought a new error. */
function addsErrors(before: readonly Diagnostic[], after: readonly Diagnostic[], fixed: readonly Diagnostic[] = []): boolean {
  return newErrors(before, after, fixed).length > 0;
}
