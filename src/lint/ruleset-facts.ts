/**
 * Ruleset facts the ruleset-aware lint rules share: which loaded rules an active response binds to
 * (src/analysisd/rules.c Rule_AddAR) and where an id sits inside a rules_id value.
 */
import type { OptionValue } from '../document/views.ts';
import type { Range } from '../document/types.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import { compileOsRegex } from '../wazuh/os-regex.ts';
import type { Ruleset, WazuhRule } from '../wazuh/ruleset-types.ts';
import type { Triggers } from './active-response.ts';

/** Rules that can trigger any response at all: real level above 0 and no `no_ar` option. */
export function arCapable(rule: WazuhRule): boolean {
  return rule.arLevel > 0 && !rule.noAr;
}

/**
 * The rules Rule_AddAR binds to a response: `(level && group) ? level >= L AND group regex : level >=
 * L OR group regex`, OR the rule id in rules_id. A group regex that does not compile never matches.
 */
export function rulesBoundTo(triggers: Triggers, ruleset: Ruleset, arch?: ManagerArch): WazuhRule[] {
  const regex = triggers.group !== undefined ? compileOsRegex(triggers.group, arch ? { arch } : {}) : null;
  const ids = new Set(triggers.ruleIds);
  const out: WazuhRule[] = [];
  for (const rule of ruleset.rules.values()) {
    if (!arCapable(rule)) continue;
    const levelOk = triggers.level > 0 && rule.arLevel >= triggers.level;
    const groupOk = regex !== null && regex.test(rule.groupString);
    const byLevelGroup = triggers.level > 0 && triggers.group !== undefined ? levelOk && groupOk : levelOk || groupOk;
    if (byLevelGroup || ids.has(rule.id)) out.push(rule);
  }
  return out;
}

/** The rules whose group string the pattern matches (OS_Regex, as rules_group), whatever their level. */
export function rulesMatchingGroup(group: string, ruleset: Ruleset, arch?: ManagerArch): WazuhRule[] {
  const regex = compileOsRegex(group, arch ? { arch } : {});
  if (!regex) return [];
  return [...ruleset.rules.values()].filter((r) => regex.test(r.groupString));
}

/**
 * Byte ranges of each number written in a value (for pointing at one id of a list), or the whole value
 * range when a comment inside the element makes raw bytes and content differ.
 */
export function numberRanges(option: OptionValue): Array<{ id: number; range: Range }> {
  const el = option.element;
  const out: Array<{ id: number; range: Range }> = [];
  for (const m of option.text.matchAll(/\d+/g)) {
    const start = el.contentRange.start + Buffer.byteLength(option.text.slice(0, m.index));
    const range = el.contentHasComment ? el.contentRange : { start, end: start + m[0].length };
    out.push({ id: Number(m[0]), range });
  }
  return out;
}
