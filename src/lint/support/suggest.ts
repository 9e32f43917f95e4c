/** "Did you mean" suggestions by edit distance. */
import { editDistance } from '../../util/suggest.ts';

/** Candidates within `max` edits of `word` (case differences count as edits), nearest first. */
export function nearest(word: string, candidates: Iterable<string>, max = 2): string[] {
  const scored: Array<[string, number]> = [];
  for (const c of new Set(candidates)) {
    // The distance is at least the difference in length: a long hostile name costs nothing to rule out.
    if (c === word || Math.abs(c.length - word.length) > max) continue;
    const d = editDistance(word, c);
    if (d <= max) scored.push([c, d]);
  }
  return scored.sort((x, y) => x[1] - y[1] || x[0].localeCompare(y[0])).map(([c]) => c);
}
