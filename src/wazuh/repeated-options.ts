/**
 * What Wazuh does with an option written more than once in one block.
 *
 * ReadActiveCommands and ReadActiveResponses (src/config/active-response.c) store each child into one
 * field as they meet it (`tmp_ar->rules_id = strdup(...)`, `tmp_location = strdup(...)`), so the last
 * occurrence replaces the earlier ones; only `<level>`, `<disabled>`, `<timeout_allowed>` and the `!`
 * test of `<name>` are checked element by element, everything else after the loop on the value kept.
 * (`<repeated_offenders>` is execd's, one per file: lint's repeated-offenders-placement covers it.)
 */
import type { XmlElement } from '../document/types.ts';

export interface RepeatedOption {
  /** Separator that lists several values in one element, when the option takes a list. */
  join?: string;
}

const LAST: RepeatedOption = {};

export const REPEATED_OPTIONS: Readonly<Record<string, Readonly<Record<string, RepeatedOption>>>> = {
  command: { name: LAST, executable: LAST, extra_args: LAST, timeout_allowed: LAST },
  'active-response': {
    command: LAST,
    location: LAST,
    agent_id: LAST,
    rules_id: { join: ',' },
    rules_group: { join: '|' },
    level: LAST,
    timeout: LAST,
  },
};

/** Options whose every occurrence is validated as it is read: a refused ignored one still stops Wazuh. */
const CHECKED_EACH_TIME = new Set(['active-response/level', 'active-response/disabled', 'command/name', 'command/timeout_allowed']);

export function repeatedOption(block: string, option: string): RepeatedOption | undefined {
  return Object.hasOwn(REPEATED_OPTIONS, block) ? REPEATED_OPTIONS[block]![option] : undefined;
}

/** Children of a block by name, made once per block: asked for every child, it keeps rules linear. */
const childrenByName = new WeakMap<XmlElement, Map<string, XmlElement[]>>();

/** The same-named siblings of an option element, in document order (itself included). */
export function occurrences(el: XmlElement): XmlElement[] {
  const parent = el.parent;
  if (!parent) return [el];
  let byName = childrenByName.get(parent);
  if (!byName) {
    byName = new Map();
    for (const c of parent.children) {
      if (c.isVariable) continue;
      const list = byName.get(c.name);
      if (list) list.push(c);
      else byName.set(c.name, [c]);
    }
    childrenByName.set(parent, byName);
  }
  return byName.get(el.name) ?? [];
}

/** The occurrence Wazuh keeps instead of `el` (the last one), or undefined when `el` is the one it uses. */
export function keptInsteadOf(el: XmlElement): XmlElement | undefined {
  if (!repeatedOption(el.parent?.name ?? '', el.name)) return undefined;
  const all = occurrences(el);
  const kept = all[all.length - 1];
  return kept === el ? undefined : kept;
}

/**
 * True when Wazuh never looks at this element's value: another occurrence replaces it and the option
 * is only checked on the value kept.
 */
export function valueIgnored(el: XmlElement): boolean {
  return !CHECKED_EACH_TIME.has(`${el.parent?.name ?? ''}/${el.name}`) && keptInsteadOf(el) !== undefined;
}
