/**
 * The lint gate of every edit (`add`, and `set` / `remove` / `disable` / `enable`): lint the file before
 * and after the change with the settings `arctl lint` would use, and tell the findings the change brings
 * from those that were already there. Pure: bytes and settings in, findings out.
 */
import { ConfigDocument } from '../document/document.ts';
import { lintDocumentSync, type LintOptions } from '../lint/engine.ts';
import type { Diagnostic } from '../lint/types.ts';
import { readerOptions } from '../wazuh/arch.ts';

/** What `arctl lint` would be given: target, arch, rule severities, ruleset, agents, ar-bin, manager IPs. */
export type GateSettings = LintOptions;

export interface GateResult {
  /** Errors of the new file that the old one did not have: the change must not be written. */
  newErrors: Diagnostic[];
  /** Warnings the change brings: written, but the user is told. */
  newWarnings: Diagnostic[];
  /** Infos the change brings (advice; not shown by add). */
  newInfos: Diagnostic[];
  /** Findings of the new file that were already in the old one: not the change's fault. */
  preexisting: Diagnostic[];
  /** The new file as linted: the findings' ranges point into it. */
  after: ConfigDocument;
  /** The file as it is (before the change), read as the new one is. */
  before: ConfigDocument;
  /** The one run of bytes the change replaced. */
  region: Region;
}

export function lintGate(path: string, before: Buffer, after: Buffer, settings: GateSettings): GateResult {
  const reader = readerOptions(settings.target, settings.arch);
  const afterDoc = new ConfigDocument(path, after, reader);
  const beforeDoc = new ConfigDocument(path, before, reader);
  const old = lintDocumentSync(beforeDoc, settings);
  const now = lintDocumentSync(afterDoc, settings);
  const region = changedRegion(before, after);
  const { fresh, kept } = splitByOrigin(old, now, region);
  return {
    newErrors: fresh.filter((d) => d.severity === 'error'),
    newWarnings: fresh.filter((d) => d.severity === 'warning'),
    newInfos: fresh.filter((d) => d.severity === 'info'),
    preexisting: kept,
    after: afterDoc,
    before: beforeDoc,
    region,
  };
}

/** The one run of bytes the change replaced: `before[start, beforeEnd)` became `after[start, afterEnd)`. */
export interface Region {
  start: number;
  beforeEnd: number;
  afterEnd: number;
}

function changedRegion(before: Buffer, after: Buffer): Region {
  let start = 0;
  const shorter = Math.min(before.length, after.length);
  while (start < shorter && before[start] === after[start]) start++;
  let tail = 0;
  while (tail < shorter - start && before[before.length - 1 - tail] === after[after.length - 1 - tail]) tail++;
  return { start, beforeEnd: before.length - tail, afterEnd: after.length - tail };
}

/**
 * Where an offset of the new file is in the file as it is: the same bytes when they lie outside the
 * change, undefined in the text the change brings (which the file does not have yet).
 */
export function offsetBefore(offset: number, region: Region): number | undefined {
  if (offset < region.start) return offset;
  if (offset >= region.afterEnd) return offset + (region.beforeEnd - region.afterEnd);
  return undefined;
}

/** Where a finding of the old file is in the new one, or undefined when the change replaced its text. */
function movedStart(offset: number, region: Region): number | undefined {
  if (offset < region.start) return offset;
  if (offset >= region.beforeEnd) return offset + (region.afterEnd - region.beforeEnd);
  return undefined;
}

/**
 * A new finding was already there when the old file had the same finding (rule and message) at the
 * same place once the change's bytes are accounted for, or, failing that, with the same data (a
 * finding whose text names a line the insertion shifted still matches by place). Each old finding
 * accounts for one new one.
 */
function splitByOrigin(old: Diagnostic[], now: Diagnostic[], region: Region): { fresh: Diagnostic[]; kept: Diagnostic[] } {
  const byPlace = new Map<string, Diagnostic[]>();
  const byData = new Map<string, Diagnostic[]>();
  const push = (map: Map<string, Diagnostic[]>, key: string, d: Diagnostic) => {
    const list = map.get(key);
    if (list) list.push(d);
    else map.set(key, [d]);
  };
  for (const d of old) {
    const start = movedStart(d.range.start, region);
    if (start !== undefined) push(byPlace, placeKey(d, start), d);
    push(byData, dataKey(d), d);
  }
  const used = new Set<Diagnostic>();
  const take = (list: Diagnostic[] | undefined): boolean => {
    const match = list?.find((d) => !used.has(d));
    if (match) used.add(match);
    return match !== undefined;
  };
  const unmatched: Diagnostic[] = [];
  const kept: Diagnostic[] = [];
  for (const d of now) (take(byPlace.get(placeKey(d, d.range.start))) ? kept : unmatched).push(d);
  const fresh: Diagnostic[] = [];
  for (const d of unmatched) (take(byData.get(dataKey(d))) ? kept : fresh).push(d);
  const order = new Map(now.map((d, i) => [d, i]));
  kept.sort((a, b) => order.get(a)! - order.get(b)!);
  return { fresh, kept };
}

const placeKey = (d: Diagnostic, start: number) => JSON.stringify([d.ruleId, d.messageId, d.severity, start]);
const dataKey = (d: Diagnostic) => JSON.stringify([d.ruleId, d.messageId, d.severity, d.data]);
