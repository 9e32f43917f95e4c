/**
 * Every rule id schema validation reports (classify.ts, versions.ts, validate.ts). Those modules type
 * their ids with SchemaRuleId, so an id missing here does not compile; the lint engine keeps only
 * these ids from the schema's findings (src/lint/engine.ts).
 */
import type { Diagnostic } from '../lint/types.ts';

export const SCHEMA_RULE_IDS = [
  'command-missing-field',
  'command-name-reserved-bang',
  'email-address-invalid',
  'email-format-invalid',
  'email-level-invalid',
  'email-log-source-invalid',
  'email-maxperhour-range',
  'empty-value',
  'invalid-boolean',
  'invalid-location',
  'invalid-value',
  'level-invalid',
  'option-from-other-block',
  'option-not-in-version',
  'outside-ossec-config',
  'unknown-element',
] as const;

export type SchemaRuleId = (typeof SCHEMA_RULE_IDS)[number];

/** A schema finding: a lint Diagnostic whose rule id is one of SCHEMA_RULE_IDS. */
export type SchemaDiagnostic = Diagnostic & { ruleId: SchemaRuleId };
