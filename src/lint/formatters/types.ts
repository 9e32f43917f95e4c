/** The formatter contract: lint results in, one string out (the command decides where it goes). */
import type { ChalkInstance } from 'chalk';
import type { RuleMeta } from '../catalogue.ts';
import type { FileReport } from '../report.ts';

export interface FormatContext {
  /** Every rule arctl knows (SARIF tool.driver.rules, help links). */
  rules: Map<string, RuleMeta>;
  /** Colours for human formats; a no-colour instance when output is not a terminal. */
  color: ChalkInstance;
  /** Paths in CI formats are made relative to this directory. */
  cwd: string;
  toolVersion: string;
  /** Columns the human formats fit their lines into (the terminal's width; 100 when not a terminal). */
  width?: number;
  /** False where the command has no --fix / --fix-suggestions (add and set's lint gate): no footer naming them. */
  fixHints?: boolean;
}

export type Formatter = (reports: readonly FileReport[], ctx: FormatContext) => string;
