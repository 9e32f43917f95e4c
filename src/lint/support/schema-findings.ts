/**
 * The rule ids the schema pass judges (src/schema/rule-ids.ts) each have one owner: their rule module.
 * The engine hands a module the schema pass's findings under its id (`ctx.schema`, computed once per
 * file by the native checks or, with --libxml2, by libxml2 and the XSD); the module reports them,
 * except where its own check already reported that element (with its own wording, fix or suggestion)
 * or where its policy leaves the cause to another rule.
 */
import type { Range } from '../../document/types.ts';
import type { MessageSpec } from '../../schema/diagnostic.ts';
import { SCHEMA_MESSAGES } from '../../schema/messages.ts';
import { SCHEMA_RULE_MESSAGES, type SchemaDiagnostic, type SchemaMessageFor, type SchemaRuleId } from '../../schema/rule-ids.ts';
import type { RuleContext } from '../types.ts';
import { partitionPoint } from '../../util/sorted.ts';

/** The messages the schema pass reports under `ruleId`, for that rule's own table. */
export function schemaMessages<R extends SchemaRuleId>(ruleId: R): Record<SchemaMessageFor<R>, MessageSpec> {
  const ids: readonly SchemaMessageFor<R>[] = SCHEMA_RULE_MESSAGES[ruleId];
  return Object.fromEntries(ids.map((id) => [id, SCHEMA_MESSAGES[id]])) as Record<SchemaMessageFor<R>, MessageSpec>;
}

export interface SchemaPolicy {
  /** Schema findings whose cause this rule leaves to another rule (reported by neither). */
  leaves?(finding: SchemaDiagnostic): boolean;
}

/**
 * Runs the rule's own check, then reports the schema findings under its id that no own report
 * covers (overlapping bytes: the same element) and that the policy does not leave to another rule.
 */
export function checkWithSchema<M extends string, S extends string>(ctx: RuleContext<M, S>, own: (ctx: RuleContext<M, S>) => void, policy: SchemaPolicy = {}): void {
  const reported: Range[] = [];
  own({ ...ctx, report: (r) => (reported.push(r.range), ctx.report(r)) });
  const covered = rangeIndex(reported);
  for (const finding of ctx.schema) {
    if (covered.overlapsAny(finding.range) || policy.leaves?.(finding)) continue;
    // The schema pass types its message ids per rule id (SCHEMA_RULE_MESSAGES); the module's table holds them (schemaMessages).
    ctx.report({ messageId: finding.messageId as M, data: finding.data, range: finding.range });
  }
}

/**
 * Ranges sorted by start, with the largest end so far: a lookup is a binary search and a short walk
 * back, where comparing every pair was quadratic (100k unknown elements).
 */
function rangeIndex(list: readonly Range[]): { overlapsAny(range: Range): boolean } {
  const ranges = [...list].sort((a, b) => a.start - b.start);
  const maxEnd: number[] = [];
  ranges.forEach((r, i) => maxEnd.push(i === 0 ? r.end : Math.max(maxEnd[i - 1], r.end)));
  return {
    overlapsAny(range: Range): boolean {
      // The last range starting at or before range.end; earlier ones end too soon once maxEnd < start.
      const lo = partitionPoint(ranges.length, (i) => ranges[i].start <= range.end);
      for (let k = lo - 1; k >= 0 && maxEnd[k] >= range.start; k--) if (overlaps(ranges[k], range)) return true;
      return false;
    },
  };
}

function overlaps(a: Range, b: Range): boolean {
  if (a.start === a.end || b.start === b.end) return a.start <= b.end && b.start <= a.end;
  return a.start < b.end && b.start < a.end;
}
