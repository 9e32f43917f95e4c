/** What the kinds share: value checks that name their flag, prompt helpers, and reading the file's blocks. */
import { ConfigDocument } from '../../document/document.ts';
import type { XmlElement } from '../../document/types.ts';
import { buildConfigView, type ConfigView } from '../../document/views.ts';
import { CheckFailedError, InputError } from '../../util/errors.ts';
import { isAgentNodeConfig } from '../../wazuh/node-role.ts';
import { blockSignature } from '../blocks.ts';
import { asValidator, type Check } from '../values.ts';
import type { FileChoices } from './kind.ts';

/** The checked value, or an InputError naming the flag (exit 2). */
export function need<T>(flag: string, check: Check<T>): T {
  if (!check.ok) throw new InputError(`${flag}: ${check.error}`);
  return check.value;
}

export function optional<T>(flag: string, text: string | undefined, check: (t: string) => Check<T>): T | undefined {
  return text === undefined ? undefined : need(flag, check(text));
}

/** A prompt's optional text: empty answer = left out; otherwise validated with `check`. */
export function optionalValidator<T>(check: (text: string) => Check<T>): (value: string) => true | string {
  const validate = asValidator(check);
  return (value) => (value.trim() === '' ? true : validate(value.trim()));
}

export const orUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());

export const inOssecConfig = (el: XmlElement) => el.parent?.name === 'ossec_config' && el.parent.parent === null;

/** What an existing element reads as, in the same form as blockSignature. */
export function elementSignature(el: XmlElement): string {
  if (el.children.length === 0) return JSON.stringify([el.name, el.content]);
  return blockSignature({ name: el.name, children: el.children.map((c) => ({ name: c.name, text: c.content })) });
}

export function lineOf(doc: ConfigDocument, el: XmlElement): number {
  return doc.lineOf(el.range.start);
}

/** The command Wazuh resolves a name to: the first definition (later duplicates are dead). */
export function findCommand(config: ConfigView, name: string) {
  return config.commands.find((c) => inOssecConfig(c.element) && c.name?.text === name);
}

/**
 * Manager-only blocks do nothing in an agent's own ossec.conf (no analysisd, no maild there), nor in a shared
 * agent.conf (etc/shared/GROUP/agent.conf, its roots <agent_config>), which only agents read.
 */
export function refuseOnAgent(path: string, config: ConfigView, block: string, reader: string): void {
  if (config.roots.length > 0 && config.roots.every((r) => r.name === 'agent_config')) {
    throw new CheckFailedError(
      `${path}: this is a shared agent.conf (its roots are <agent_config>: the manager sends it to the agents of a group and reads nothing in it); ${block} is read only by the manager's ${reader}: add it to the manager's ossec.conf; nothing written`,
    );
  }
  if (!isAgentNodeConfig(config)) return;
  throw new CheckFailedError(
    `${path}: this is an agent's configuration (it has <client> and no section only a manager reads, such as <remote> or <ruleset>); ${block} is read only by the manager's ${reader}: add it to the manager's ossec.conf; nothing written`,
  );
}

/**
 * What `arctl add` of each kind writes and who reads it: the manager only, so every kind is refused on
 * an agent's own ossec.conf (refuseOnAgent).
 */
export const MANAGER_READS = {
  command: ['<command>', 'analysisd (agents run the commands of the ar.conf it shares)'],
  'active-response': ['an <active-response> bound to rules', 'analysisd (on an agent, execd reads only <disabled> and <repeated_offenders>)'],
  'white-list': ['<white_list>', 'analysisd'],
  'email-alerts': ['<email_alerts>', 'maild'],
} as const satisfies Record<string, readonly [string, string]>;

/** refuseOnAgent for an add of `kind` into `bytes`, before anything is asked (a file Wazuh cannot read is left to the plan). */
export function refuseAddOnAgent(path: string, bytes: Buffer | null, kind: keyof typeof MANAGER_READS): void {
  if (bytes === null) return;
  const doc = new ConfigDocument(path, bytes);
  const [block, reader] = MANAGER_READS[kind];
  if (!doc.parseError) refuseOnAgent(path, buildConfigView(doc), block, reader);
}

/** What the file offers to choose from: its command names, its locations by use (prompts and completion). */
export function fileChoices(path: string, bytes: Buffer | null): FileChoices {
  if (bytes === null) return { commandNames: [], locations: [] };
  const doc = new ConfigDocument(path, bytes);
  const view = buildConfigView(doc);
  const commandNames = [...new Set(view.commands.map((c) => c.name?.text).filter((n): n is string => Boolean(n)))];
  const counts = new Map<string, number>();
  for (const ar of view.activeResponses) if (ar.location) counts.set(ar.location.text, (counts.get(ar.location.text) ?? 0) + 1);
  const locations = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  return { commandNames, locations };
}
