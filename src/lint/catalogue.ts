/**
 * Every rule arctl can report, with its metadata: the rule modules (which own the ids the schema pass
 * judges too) and the engine's own (parse-error, unused-disable).
 */
import { engineRules, type RuleMeta } from './engine-rules.ts';
import { allRules } from './rules/index.ts';
import { compareText } from '../util/compare.ts';
import { SCHEMA_MESSAGES } from '../schema/messages.ts';
import { NO_CONFIG_ELEMENTS_MESSAGE_ID, NO_CONFIG_ROOT_MESSAGE_ID, STARTUP_MESSAGE_ID, STARTUP_RULE_IDS } from './startup.ts';

export type { RuleMeta } from './engine-rules.ts';

let cached: Map<string, RuleMeta> | undefined;

/** Rule metadata by id, sorted by id. */
export function ruleCatalogue(): Map<string, RuleMeta> {
  if (!cached) {
    const all: RuleMeta[] = [...allRules, ...engineRules].map(withStartupMessages);
    all.sort((a, b) => compareText(a.id, b.id));
    cached = new Map(all.map((r) => [r.id, r]));
  }
  return cached;
}

/** A rule's table completed with the start-up refusal validate reports under its id (src/lint/startup.ts). */
function withStartupMessages(rule: RuleMeta): RuleMeta {
  const ids: (keyof typeof SCHEMA_MESSAGES)[] = [];
  if (STARTUP_RULE_IDS.includes(rule.id)) ids.push(STARTUP_MESSAGE_ID);
  if (rule.id === 'outside-ossec-config') ids.push(NO_CONFIG_ROOT_MESSAGE_ID, NO_CONFIG_ELEMENTS_MESSAGE_ID);
  if (ids.length === 0) return rule;
  return { ...rule, messages: { ...rule.messages, ...Object.fromEntries(ids.map((id) => [id, SCHEMA_MESSAGES[id]])) } };
}

