/** Long-run properties beyond the document model (lint, fix, add, simulate) register here. */
import type fc from 'fast-check';

export function longProperties(_seeds: Buffer[]): Array<[string, fc.IProperty<unknown[]>]> {
  return [];
}
