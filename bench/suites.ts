/** Benchmark suites beyond start-up, validate and lint (simulate, timeline), each reporting rows. */
import type { Row } from './run.ts';

export interface SuiteContext {
  arctl: string;
  node: string;
  outDir: string;
  commands: Set<string>;
  baselineMs: number;
}

export type Suite = (ctx: SuiteContext) => { rows: Row[]; skipped: string[] };

export const extraSuites: Suite[] = [];
