/**
 * Message templates of the diagnostics schema validation reports, by message id (`{{name}}` is
 * filled from the diagnostic's data). Rule modules with the same rule id may word theirs
 * differently; these ids are prefixed `schema-` so they never clash.
 */
import { printable } from '../util/printable.ts';
export const SCHEMA_MESSAGES: Readonly<Record<string, string>> = {
  'schema-root': '<{{element}}> is not a Wazuh configuration root: every top-level element must be <ossec_config> (<agent_config> in agent.conf), else Wazuh stops with (1230)',
  'schema-unknown-section': 'Unknown section <{{element}}> in <{{parent}}>: Wazuh stops with (1230) Invalid element in the configuration',
  'schema-unknown-section-suggest': 'Unknown section <{{element}}> in <{{parent}}>: Wazuh stops with (1230); did you mean <{{suggestion}}>?',
  'schema-unknown-option': 'Unknown option <{{element}}> in <{{block}}>: Wazuh stops with (1230) Invalid element in the configuration',
  'schema-unknown-option-suggest': 'Unknown option <{{element}}> in <{{block}}>: Wazuh stops with (1230); did you mean <{{suggestion}}>?',
  'schema-option-from-other-block': '<{{element}}> is an option of <{{owners}}>, not of <{{block}}>: Wazuh stops with (1230)',
  'schema-option-from-other-block-suggest': '<{{element}}> is an option of <{{owners}}>, not of <{{block}}>: Wazuh stops with (1230); here it is <{{suggestion}}>',
  'schema-unexpected-child': '<{{element}}> is not expected inside <{{parent}}>',
  'schema-missing-option': '<{{block}}> has no <{{option}}>: Wazuh stops with (1280) Missing command options',
  'schema-empty': '<{{element}}> in <{{block}}> is empty: Wazuh refuses or ignores an empty value',
  'schema-invalid-value': "Invalid value '{{value}}' for <{{element}}> in <{{block}}>: expected {{expected}}; Wazuh stops with (1235) Invalid value for element",
  'schema-invalid-location': "Invalid location '{{value}}': expected local, server, defined-agent or all; Wazuh stops with (1302) Invalid active response location",
  'schema-invalid-email': "Invalid e-mail address '{{value}}' in <global><email_to>: Wazuh stops with 'Invalid Email address'",
  'schema-children-not-allowed': '<{{element}}> in <{{block}}> holds a value, not elements',
  'schema-other': '{{message}}',
  'schema-option-too-new': '<{{element}}> is not known to Wazuh {{target}} (added in {{since}})',
  'schema-option-removed': '<{{element}}> is not known to Wazuh {{target}} (removed in {{removedIn}})',
};

/** The message text of a schema diagnostic. */
export function formatSchemaMessage(messageId: string, data: Readonly<Record<string, string | number>>): string {
  const template = SCHEMA_MESSAGES[messageId] ?? messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in data ? printable(String(data[key])) : ''));
}
