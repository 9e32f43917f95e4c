/**
 * Every rule id arctl knows, sorted, without loading the rules: settings check `--rule` and the
 * configuration file's `rules` against it on every run, simulate's and diff's too, which need no rule.
 * The same list as ruleCatalogue()'s keys (a test checks it): each rule module is named by its id.
 */
import { engineRules } from './engine-rules.ts';
import { RULE_MODULE_IDS } from './rule-module-ids.ts';
import { compareText } from '../util/compare.ts';

export function knownRuleIds(): string[] {
  return [...RULE_MODULE_IDS, ...engineRules.map((rule) => rule.id)].sort(compareText);
}
