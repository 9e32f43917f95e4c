/** A finding, shared by the schema pass and the lint engine (which adds the rules' own). */
import type { TextEdit } from '../document/edit.ts';
import type { Range } from '../document/types.ts';
import type { Severity } from '../util/severity.ts';

/** A finding after the engine applied configuration: positions resolved, message formatted late. */
export interface Diagnostic {
  ruleId: string;
  messageId: string;
  data: Record<string, string | number>;
  severity: Severity;
  range: Range;
  /** A change whose result is certain: `--fix` applies it. */
  fix?: TextEdit;
  /** Changes that depend on intent (a "did you mean"): offered, applied only on request (`--fix-suggestions`). */
  suggestions?: Suggestion[];
}

/** One offered change: its description is the rule's suggestion template `messageId` filled with `data`. */
export interface Suggestion {
  messageId: string;
  data: Record<string, string | number>;
  fix: TextEdit;
}

/**
 * One message of a rule: its severity (the consequence of what it reports, the same for every
 * finding with this id) and its template, where `{{name}}` is replaced with report data.
 */
export interface MessageSpec {
  severity: Severity;
  text: string;
}
