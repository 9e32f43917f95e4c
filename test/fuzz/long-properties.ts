/** Long-run properties beyond the document model (lint, fix, add, simulate) register here. */
import type fc from 'fast-check';
import { pipelineProperties } from './pipeline-properties.ts';

export function longProperties(seeds: Buffer[]): Array<[string, fc.IRawProperty<unknown[]>]> {
  return pipelineProperties(seeds);
}
