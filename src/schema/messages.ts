/**
 * Message templates of the diagnostics schema validation reports, by message id (`{{name}}` is
 * filled from the diagnostic's data). Rule modules with the same rule id may word theirs
 * differently; these ids are prefixed `schema-` so they never clash.
 */
import type { MessageSpec } from './diagnostic.ts';
import { printable } from '../util/printable.ts';
import { refuseSharedFile } from '../wazuh/shared-conf.ts';

const refused = (text: string): MessageSpec => ({ severity: 'error', text });

export const SCHEMA_MESSAGES = {
  'schema-root': refused('<{{element}}> is not a Wazuh configuration root: every top-level element must be <ossec_config> (<agent_config> in agent.conf), else Wazuh stops with (1230)'),
  'schema-unknown-section': refused("Unknown section <{{element}}> in <{{parent}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'."),
  'schema-unknown-section-suggest': refused("Unknown section <{{element}}> in <{{parent}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'. Did you mean <{{suggestion}}>?"),
  'schema-unknown-option': refused("Unknown option <{{element}}> in <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'."),
  'schema-unknown-option-suggest': refused("Unknown option <{{element}}> in <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'. Did you mean <{{suggestion}}>?"),
  'schema-option-from-other-block': refused("<{{element}}> is an option of <{{owners}}>, not of <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'."),
  'schema-option-from-other-block-suggest': refused("<{{element}}> is an option of <{{owners}}>, not of <{{block}}>: Wazuh stops with (1230): Invalid element in the configuration: '{{element}}'. Here it is <{{suggestion}}>."),
  'schema-unexpected-child': refused('<{{element}}> is not expected inside <{{parent}}>'),
  'schema-missing-option': refused('<{{block}}> has no <{{option}}>: Wazuh stops with (1280) Missing command options'),
  'schema-empty': refused('<{{element}}> in <{{block}}> is empty: Wazuh refuses or ignores an empty value'),
  'schema-invalid-value': refused("Invalid value '{{value}}' for <{{element}}> in <{{block}}>: expected {{expected}}; Wazuh stops with (1235): Invalid value for element '{{element}}': {{value}}."),
  'schema-invalid-location': refused("Invalid location '{{value}}': expected local, server, defined-agent or all; Wazuh stops with (1302): Invalid active response location: '{{value}}'."),
  'schema-invalid-email': refused("Invalid e-mail address '{{value}}' in <global><email_to>: Wazuh stops with 'Invalid Email address: {{value}}.'"),
  'schema-children-not-allowed': refused('<{{element}}> in <{{block}}> holds a value, not elements'),
  'schema-other': refused('{{message}}'),
  // The reader of that version refuses a name it does not know: the daemon does not start.
  'schema-option-too-new': refused("<{{element}}> is not known to Wazuh {{target}} (added in {{since}}): it stops with (1230): Invalid element in the configuration: '{{element}}'."),
  'schema-option-removed': refused("<{{element}}> is not known to Wazuh {{target}} (removed in {{removedIn}}): it stops with (1230): Invalid element in the configuration: '{{element}}'."),
  // In a group's shared agent.conf nothing stops: agents of that version refuse the file and keep their configuration (src/wazuh/shared-conf.ts).
  'schema-option-too-new-shared': refused(`<{{element}}> is not known to Wazuh {{target}} (added in {{since}}): agents of that version ${refuseSharedFile("(1230): Invalid element in the configuration: '{{element}}'")}.`),
  'schema-option-removed-shared': refused(`<{{element}}> is not known to Wazuh {{target}} (removed in {{removedIn}}): agents of that version ${refuseSharedFile("(1230): Invalid element in the configuration: '{{element}}'")}.`),
  // A refusal of wazuh-analysisd / wazuh-maild at start-up (src/lint/startup.ts): who stops, Wazuh's text, arctl's hint.
  'startup-refusal': refused('{{stops}}{{text}}{{hint}}'),
  'no-config-root': refused('Not a Wazuh configuration: no <{{root}}> root{{looksLike}}; Wazuh reads its configuration as elements inside <{{root}}>'),
  // Wazuh's reader accepts a file without elements (ReadConfig returns 0 when there is no node): it starts with none of its settings.
  'no-config-elements': {
    severity: 'warning',
    text: 'Not a Wazuh configuration: no <{{root}}> root{{looksLike}}; {{nothingRead}}',
  },
} satisfies Record<string, MessageSpec>;

export type SchemaMessageId = keyof typeof SCHEMA_MESSAGES;

export function isSchemaMessageId(id: string): id is SchemaMessageId {
  return Object.hasOwn(SCHEMA_MESSAGES, id);
}

/** The message text of a schema diagnostic. */
export function formatSchemaMessage(messageId: string, data: Readonly<Record<string, string | number>>): string {
  const template = isSchemaMessageId(messageId) ? SCHEMA_MESSAGES[messageId].text : messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in data ? printable(String(data[key])) : ''));
}
