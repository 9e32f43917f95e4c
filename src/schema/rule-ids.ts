/**
 * Every rule id schema validation reports (classify.ts, versions.ts, validate.ts). Those modules type
 * their ids with SchemaRuleId, so an id missing here does not compile. Each id has one owner, its lint
 * rule module, which takes the schema's findings as input and decides what is reported
 * (src/lint/support/schema-findings.ts); `validate` on a file no manager daemon reads reports them as they are.
 */
import type { Diagnostic } from './diagnostic.ts';
import type { SchemaMessageId } from './messages.ts';

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

/** The messages schema validation reports under each rule id: their severities belong to that rule's table. */
export const SCHEMA_RULE_MESSAGES = {
  'command-missing-field': ['schema-missing-option'],
  'command-name-reserved-bang': ['schema-invalid-value'],
  'email-address-invalid': ['schema-invalid-email'],
  'email-format-invalid': ['schema-invalid-value'],
  'email-level-invalid': ['schema-invalid-value'],
  'email-log-source-invalid': ['schema-invalid-value'],
  'email-maxperhour-range': ['schema-invalid-value'],
  'empty-value': ['schema-empty'],
  'invalid-boolean': ['schema-invalid-value'],
  'invalid-location': ['schema-invalid-location'],
  'invalid-value': ['schema-invalid-value', 'schema-children-not-allowed', 'schema-other'],
  'level-invalid': ['schema-invalid-value'],
  'option-from-other-block': ['schema-option-from-other-block', 'schema-option-from-other-block-suggest'],
  'option-not-in-version': ['schema-option-too-new', 'schema-option-removed', 'schema-option-too-new-shared', 'schema-option-removed-shared'],
  'outside-ossec-config': ['schema-root'],
  'unknown-element': ['schema-unknown-option', 'schema-unknown-option-suggest', 'schema-unknown-section', 'schema-unknown-section-suggest', 'schema-unexpected-child'],
} as const satisfies Record<SchemaRuleId, readonly SchemaMessageId[]>;

/** A message id schema validation may report under rule id R. */
export type SchemaMessageFor<R extends SchemaRuleId> = (typeof SCHEMA_RULE_MESSAGES)[R][number];

/** A schema finding: a lint Diagnostic whose rule id is one of SCHEMA_RULE_IDS. */
export type SchemaDiagnostic = Diagnostic & { ruleId: SchemaRuleId };
