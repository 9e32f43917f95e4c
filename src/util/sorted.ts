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
