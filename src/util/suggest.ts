/**
 * "Did you mean": the one policy for every suggestion of a name (options, sections, commands, groups,
 * executables, rule ids, config keys, flags). Names are compared case-insensitively, after an optional
 * normalisation (look-alike folding for names users paste); a candidate that differs only in case (or
 * look-alikes) is the answer on its own; otherwise every candidate within `maxDistance` edits
 * (Levenshtein), nearest first, ties in code-unit order. A single suggestion is given only when one
 * candidate is nearer than every other.
 */
import { compareText } from './compare.ts';

/** Levenshtein distance (insert, delete, substitute). */
export function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = above;
    }
  }
  return prev[b.length];
}

export interface SuggestOptions {
  /** Default 2. */
  maxDistance?: number;
  /** Applied to the name and each candidate before they are lower-cased and compared. */
  normalize?: (text: string) => string;
}

/** The distance limit for free-form names (rule ids, keys, flags): longer names allow more typos. */
export function scaledDistance(name: string): number {
  return Math.max(2, Math.floor(name.length / 3));
}

function ranked(name: string, candidates: Iterable<string>, options: SuggestOptions): Array<{ candidate: string; distance: number }> {
  const max = options.maxDistance ?? 2;
  const key = (text: string) => (options.normalize ? options.normalize(text) : text).toLowerCase();
  const wanted = key(name);
  const out: Array<{ candidate: string; distance: number }> = [];
  for (const candidate of new Set(candidates)) {
    const other = key(candidate);
    // The distance is at least the difference in length: a long hostile name costs nothing to rule out.
    if (Math.abs(other.length - wanted.length) > max) continue;
    const distance = editDistance(wanted, other);
    if (distance <= max) out.push({ candidate, distance });
  }
  out.sort((a, b) => a.distance - b.distance || compareText(a.candidate, b.candidate));
  // Only the case (or a look-alike) differs: that is what was meant.
  return out[0]?.distance === 0 ? out.filter((c) => c.distance === 0) : out;
}

/** Every close candidate, nearest first (the case-only match alone when there is one). */
export function suggestAll(name: string, candidates: Iterable<string>, options: SuggestOptions = {}): string[] {
  return ranked(name, candidates, options).map((c) => c.candidate);
}

/** The one candidate nearer than every other, or undefined. */
export function suggestOne(name: string, candidates: Iterable<string>, options: SuggestOptions = {}): string | undefined {
  const [first, second] = ranked(name, candidates, options);
  return first && (!second || second.distance > first.distance) ? first.candidate : undefined;
}

/** `; did you mean 'x'?` or an empty string (for free-form names: rule ids, keys, flag values). */
export function didYouMean(name: string, candidates: Iterable<string>): string {
  const match = suggestOne(name, candidates, { maxDistance: scaledDistance(name) });
  return match ? `; did you mean '${match}'?` : '';
}
