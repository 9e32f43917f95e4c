/**
 * The first index in [0, length) where `before(index)` is false, for a predicate that is true on a prefix and
 * false after it (`length` when it is true everywhere): a binary search over any sorted shape.
 */
export function partitionPoint(length: number, before: (index: number) => boolean): number {
  let lo = 0;
  let hi = length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (before(mid)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The index of the last element of ascending `sorted` that is at most `value` (0 when none is: `sorted[0]` is a line's start). */
export function lastIndexAtMost(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid]! <= value) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The index of the first element of ascending `sorted` that is at least `value` (`sorted.length` when none is). */
export function firstIndexAtLeast(sorted: ArrayLike<number>, value: number): number {
  return partitionPoint(sorted.length, (i) => sorted[i]! < value);
}

/**
 * Byte ranges indexed by start, for the three questions that merging findings asks of each finding, in
 * log time instead of a walk over every range: does one start within [from, to), does one hold a
 * position (an empty range holds its start), does one lie within [from, to].
 */
export class SpanIndex {
  private readonly starts: number[];
  /** The furthest end (at least start + 1) of the ranges up to each index. */
  private readonly reach: number[];
  /** The nearest end of the ranges from each index on. */
  private readonly nearestEnd: number[];

  constructor(spans: Iterable<{ start: number; end: number }>) {
    const sorted = [...spans].sort((a, b) => a.start - b.start);
    this.starts = sorted.map((s) => s.start);
    this.reach = [];
    let furthest = -Infinity;
    for (const s of sorted) this.reach.push((furthest = Math.max(furthest, s.end, s.start + 1)));
    this.nearestEnd = new Array<number>(sorted.length);
    let nearest = Infinity;
    for (let i = sorted.length - 1; i >= 0; i--) this.nearestEnd[i] = nearest = Math.min(nearest, sorted[i]!.end);
  }

  startsWithin(from: number, to: number): boolean {
    const i = firstIndexAtLeast(this.starts, from);
    return i < this.starts.length && this.starts[i]! < to;
  }

  holds(position: number): boolean {
    const i = firstIndexAtLeast(this.starts, position + 1) - 1;
    return i >= 0 && this.reach[i]! > position;
  }

  liesWithin(from: number, to: number): boolean {
    const i = firstIndexAtLeast(this.starts, from);
    return i < this.starts.length && this.nearestEnd[i]! <= to;
  }
}
