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
export function rulesBoundTo(triggers: Pick<Triggers, 'level' | 'group' | 'ruleIds'>, ruleset: Ruleset, arch?: ManagerArch): WazuhRule[] {
  const matched = triggers.group !== undefined ? groupStringsMatching(triggers.group, ruleset, arch) : undefined;
  const ids = new Set(triggers.ruleIds);
  const out: WazuhRule[] = [];
  for (const rule of ruleset.rules.values()) {
    if (!arCapable(rule)) continue;
    const levelOk = triggers.level > 0 && rule.arLevel >= triggers.level;
    const groupOk = matched !== undefined && matched.has(rule.groupString);
    const byLevelGroup = triggers.level > 0 && triggers.group !== undefined ? levelOk && groupOk : levelOk || groupOk;
    if (byLevelGroup || ids.has(rule.id)) out.push(rule);
  }
  return out;
}

/** The rules whose group string the pattern matches (OS_Regex, as rules_group), whatever their level. */
export function rulesMatchingGroup(group: string, ruleset: Ruleset, arch?: ManagerArch): WazuhRule[] {
  const matched = groupStringsMatching(group, ruleset, arch);
  return [...ruleset.rules.values()].filter((r) => matched.has(r.groupString));
}

/**
 * The distinct rule group strings a rules_group pattern matches (none when it does not compile).
 * Thousands of rules share a few hundred group strings, and many blocks repeat a pattern: each
 * pattern is matched once per distinct string, once per ruleset.
 */
function groupStringsMatching(pattern: string, ruleset: Ruleset, arch?: ManagerArch): Set<string> {
  const facts = cachedFacts(ruleset);
  const key = `${arch ?? ''}\u0000${pattern}`;
  let matched = facts.byPattern.get(key);
  if (matched) return matched;
  matched = new Set();
  const alternatives = pattern.split('|');
  if (alternatives.length > 1 && !/[\\()]/.test(pattern) && alternatives.every((a) => a !== '')) {
    // Without escapes or parentheses, OS_Regex splits on '|' and matches each part on its own: the
    // parts (sshd, authentication_failed, ...) recur across blocks and are matched once each.
    for (const alternative of alternatives) for (const g of groupStringsMatching(alternative, ruleset, arch)) matched.add(g);
  } else if (!(PLAIN_WORD.test(pattern) && !facts.allLower.includes(pattern.toLowerCase()))) {
    // (A plain word matches only where it occurs, case aside: one search rules most typos out.)
    const regex = compileOsRegex(pattern, arch ? { arch } : {});
    if (regex) for (const g of facts.groupStrings) if (regex.test(g)) matched.add(g);
  }
  facts.byPattern.set(key, matched);
  return matched;
}

/** A pattern without any character OS_Regex treats specially. */
export const PLAIN_WORD = /^[A-Za-z0-9_,-]+$/;

const factsByRuleset = new WeakMap<Ruleset, GroupStringFacts & { byPattern: Map<string, Set<string>> }>();

export interface GroupStringFacts {
  /** The distinct group strings of the ruleset's rules. */
  groupStrings: string[];
  /** All of them lower-cased and joined by newlines, for the plain-word search. */
  allLower: string;
}

/** The ruleset's distinct group strings, made once per ruleset (shared by every lint run with it). */
export function groupStringFacts(ruleset: Ruleset): GroupStringFacts {
  return cachedFacts(ruleset);
}

function cachedFacts(ruleset: Ruleset): GroupStringFacts & { byPattern: Map<string, Set<string>> } {
  let facts = factsByRuleset.get(ruleset);
  if (!facts) {
    const groupStrings = [...new Set([...ruleset.rules.values()].map((r) => r.groupString))];
    factsByRuleset.set(ruleset, (facts = { groupStrings, allLower: groupStrings.join('\n').toLowerCase(), byPattern: new Map() }));
  }
  return facts;
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
