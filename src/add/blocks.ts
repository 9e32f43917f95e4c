/**
 * The blocks `arctl add` writes, as data, and their XML text. Serialisation goes through xmlbuilder2;
 * its entity escapes are then turned back into the raw characters, because Wazuh's reader does not
 * decode entities (`&amp;` would reach Wazuh as the five characters `&amp;`).
 */
import { lazyRequire } from '../util/lazy-require.ts';

const xmlbuilder2 = lazyRequire<typeof import('xmlbuilder2')>('xmlbuilder2');
import type { Location } from './values.ts';

export interface CommandSpec {
  kind: 'command';
  name: string;
  executable: string;
  /** undefined: the element is left out (Wazuh's default is no). */
  timeoutAllowed?: boolean;
  extraArgs?: string;
  /** Legacy targets only; '' writes an empty `<expect/>`. */
  expect?: string;
}

export interface ActiveResponseSpec {
  kind: 'active-response';
  command: string;
  location: Location;
  agentId?: string;
  rulesId?: string;
  rulesGroup?: string;
  level?: string;
  /** Seconds. */
  timeout?: number;
  /** Minutes for repeat offenders: planned as a block of its own, since execd reads one list per host. */
  repeatedOffenders?: string;
}

export interface WhiteListSpec {
  kind: 'white-list';
  entries: string[];
}

export interface EmailAlertsSpec {
  kind: 'email-alerts';
  to: string[];
  level?: string;
  ruleId?: string;
  group?: string;
  eventLocation?: string;
  format?: string;
  doNotDelay?: boolean;
  doNotGroup?: boolean;
}

export type BlockSpec = CommandSpec | ActiveResponseSpec | WhiteListSpec | EmailAlertsSpec;
export type BlockKind = BlockSpec['kind'];

/** An element with text, or with leaf children; `text: undefined` on a leaf writes `<x/>`. */
export interface XmlBlock {
  name: string;
  text?: string;
  children?: Array<{ name: string; text?: string }>;
}

export function commandBlock(spec: CommandSpec): XmlBlock {
  const children: XmlBlock['children'] = [
    { name: 'name', text: spec.name },
    { name: 'executable', text: spec.executable },
  ];
  if (spec.expect !== undefined) children.push({ name: 'expect', text: spec.expect });
  if (spec.extraArgs !== undefined) children.push({ name: 'extra_args', text: spec.extraArgs });
  if (spec.timeoutAllowed !== undefined) children.push({ name: 'timeout_allowed', text: spec.timeoutAllowed ? 'yes' : 'no' });
  return { name: 'command', children };
}

export function activeResponseBlock(spec: ActiveResponseSpec): XmlBlock {
  const children: XmlBlock['children'] = [];
  children.push({ name: 'command', text: spec.command }, { name: 'location', text: spec.location });
  if (spec.agentId !== undefined) children.push({ name: 'agent_id', text: spec.agentId });
  if (spec.rulesId !== undefined) children.push({ name: 'rules_id', text: spec.rulesId });
  if (spec.rulesGroup !== undefined) children.push({ name: 'rules_group', text: spec.rulesGroup });
  if (spec.level !== undefined) children.push({ name: 'level', text: spec.level });
  if (spec.timeout !== undefined) children.push({ name: 'timeout', text: String(spec.timeout) });
  return { name: 'active-response', children };
}

export function emailAlertsBlock(spec: EmailAlertsSpec): XmlBlock {
  const children: XmlBlock['children'] = spec.to.map((to) => ({ name: 'email_to', text: to }));
  if (spec.level !== undefined) children.push({ name: 'level', text: spec.level });
  if (spec.ruleId !== undefined) children.push({ name: 'rule_id', text: spec.ruleId });
  if (spec.group !== undefined) children.push({ name: 'group', text: spec.group });
  if (spec.eventLocation !== undefined) children.push({ name: 'event_location', text: spec.eventLocation });
  if (spec.format !== undefined) children.push({ name: 'format', text: spec.format });
  // do_not_group makes do_not_delay pointless (Wazuh ignores the latter then), so write only one.
  if (spec.doNotGroup) children.push({ name: 'do_not_group' });
  else if (spec.doNotDelay) children.push({ name: 'do_not_delay' });
  return { name: 'email_alerts', children };
}

/** The block's lines, nested lines indented with `unit`, no line endings. */
export function serializeBlock(block: XmlBlock, unit: string): string[] {
  const root = xmlbuilder2().create().ele(block.name);
  if (block.children) {
    for (const child of block.children) {
      const el = root.ele(child.name);
      if (child.text !== undefined && child.text !== '') el.txt(child.text);
    }
  } else if (block.text !== undefined && block.text !== '') {
    root.txt(block.text);
  }
  const xml = root.end({ headless: true, prettyPrint: true, indent: unit, newline: '\n' });
  return unescapeEntities(xml).split('\n');
}

/** Inverse of xmlbuilder2's text escaping (values never contain `<`; see values.ts). */
function unescapeEntities(xml: string): string {
  return xml.replace(/&(amp|gt|lt|quot|apos);/g, (_, name: string) => ({ amp: '&', gt: '>', lt: '<', quot: '"', apos: "'" })[name] ?? '');
}

/** What the block reads as in Wazuh: element name and each child's content, order-independent. */
export function blockSignature(block: XmlBlock): string {
  if (!block.children) return JSON.stringify([block.name, block.text ?? '']);
  const pairs = block.children.map((c) => `${c.name}\u0000${c.text ?? ''}`).sort();
  return JSON.stringify([block.name, pairs]);
}
