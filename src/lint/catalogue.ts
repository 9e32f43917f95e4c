/** Every rule arctl can report, with its metadata: the view rules plus the engine's own. */
import { engineRules, type RuleMeta } from './engine-rules.ts';
import { allRules } from './rules/index.ts';

export type { RuleMeta } from './engine-rules.ts';

let cached: Map<string, RuleMeta> | undefined;

/** Rule metadata by id, sorted by id. */
export function ruleCatalogue(): Map<string, RuleMeta> {
  if (!cached) {
    const all: RuleMeta[] = [...allRules, ...engineRules];
    all.sort((a, b) => a.id.localeCompare(b.id));
    cached = new Map(all.map((r) => [r.id, r]));
  }
  return cached;
}

export function knownRuleIds(): string[] {
  return [...ruleCatalogue().keys()];
}
