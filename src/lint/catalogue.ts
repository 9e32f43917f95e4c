/**
 * Every rule arctl can report, with its metadata: the view rules, the findings only schema
 * validation reports, and the engine's own (parse-error, unused-disable).
 */
import { engineRules, type RuleMeta } from './engine-rules.ts';
import { allRules } from './rules/index.ts';
import { schemaOnlyRules } from './schema-rules.ts';
import { compareText } from '../util/compare.ts';

export type { RuleMeta } from './engine-rules.ts';

let cached: Map<string, RuleMeta> | undefined;

/** Rule metadata by id, sorted by id. A rule module wins over a schema-only entry of the same id. */
export function ruleCatalogue(): Map<string, RuleMeta> {
  if (!cached) {
    const moduleIds = new Set(allRules.map((r) => r.id));
    const all: RuleMeta[] = [...allRules, ...schemaOnlyRules.filter((r) => !moduleIds.has(r.id)), ...engineRules];
    all.sort((a, b) => compareText(a.id, b.id));
    cached = new Map(all.map((r) => [r.id, r]));
  }
  return cached;
}

export function knownRuleIds(): string[] {
  return [...ruleCatalogue().keys()];
}
