/**
 * A port of Wazuh's OSMatch (src/os_regex/os_match_compile.c, os_match_execute.c, v4.x): the simple
 * matcher used for `<white_list>` host patterns and `<email_alerts>` `group` / `event_location`.
 * - case-insensitive (ASCII), `|` separates alternatives, nothing else is special except:
 * - `^x$` -> whole-string equality, `^x` -> prefix, `x$` -> suffix, `x` -> substring;
 * - an empty alternative (`a|`, `|a`, ``) matches everything, so do `^` and `$` alone.
 * - a leading `!` negates the whole pattern (`!10.0.0.1` matches every subject NOT containing 10.0.0.1,
 *   the empty subject included), as v4.14.7 does (verified/matchers.json).
 * No escapes, no classes: `.`, `*`, `(`, `\` are literal. Only a pattern over OS_PATTERN_MAXSIZE fails to compile.
 */
import { charEqualsTableValue, DEFAULT_MANAGER_ARCH, signedChar, type ManagerArch } from './arch.ts';
import { fold } from './os-regex-maps.ts';
import { cBytes, OS_PATTERN_MAXSIZE, transientCBytes } from './os-regex.ts';
import { LiteralSet } from './literal-set.ts';

type Kind = 'exact' | 'any' | 'suffix' | 'prefix' | 'substring';

interface Alternative {
  kind: Kind;
  /** Folded pattern bytes. */
  bytes: Uint8Array;
}

/** A compiled OSMatch pattern. */
export interface OsMatch {
  readonly pattern: string | Uint8Array;
  /** A leading `!`: the result is inverted. */
  readonly negate: boolean;
  readonly alternatives: ReadonlyArray<{ kind: Kind; text: string }>;
  test(subject: string | Uint8Array): boolean;
}

export interface OsMatchOptions {
  /** OS_CASE_SENSITIVE: the pattern is not folded (the subject still is, for plain substring alternatives). */
  caseSensitive?: boolean;
  /** The manager's build (default x86_64): with signed char an unanchored alternative with a byte >= 0x80 never matches. */
  arch?: ManagerArch;
}

const OR = 0x7c;
const BEGIN = 0x5e;
const END = 0x24;
const NOT = 0x21;
const decoder = new TextDecoder();
/** Up to this (pattern bytes x subject bytes), alternatives are searched one by one as OSMatch does. */
const NAIVE_SEARCH_LIMIT = 1 << 16;

/** OSMatch_Compile: null when Wazuh refuses the pattern (only when it is longer than OS_PATTERN_MAXSIZE). */
export function compileOsMatch(pattern: string | Uint8Array, options: OsMatchOptions = {}): OsMatch | null {
  const raw = cBytes(pattern);
  if (raw.length > OS_PATTERN_MAXSIZE) return null;
  const negate = raw[0] === NOT;
  const body = negate ? raw.subarray(1) : raw;
  const work = options.caseSensitive ? Uint8Array.from(body) : body.map(fold);
  const alternatives: Alternative[] = [];
  const arch = options.arch ?? DEFAULT_MANAGER_ARCH;
  let start = 0;
  for (let i = 0; i <= work.length; i++) {
    if (i < work.length && work[i] !== OR) continue;
    const piece = work.subarray(start, i);
    const begins = piece[0] === BEGIN;
    const ends = piece.length > 0 && piece[piece.length - 1] === END;
    if (begins && ends && piece.length >= 2) {
      alternatives.push({ kind: 'exact', bytes: piece.slice(1, piece.length - 1) });
    } else if (piece.length === 0) {
      alternatives.push({ kind: 'any', bytes: piece.slice() });
    } else if (ends) {
      alternatives.push({ kind: 'suffix', bytes: piece.slice(0, piece.length - 1) });
    } else if (begins) {
      alternatives.push({ kind: 'prefix', bytes: piece.slice(1) });
    } else {
      alternatives.push({ kind: 'substring', bytes: piece.slice() });
    }
    start = i + 1;
  }
  const anchored = alternatives.filter((a) => a.kind !== 'substring');
  const substrings = alternatives.filter((a) => a.kind === 'substring');
  const substringBytes = substrings.reduce((sum, a) => sum + a.bytes.length, 0);
  let literals: LiteralSet | undefined;
  const anySubstring = (str: Uint8Array): boolean => {
    // Searching each alternative costs up to (its length x the subject); past a small product, one pass
    // over the subject for all of them gives the same answer (a byte >= 0x80 never matches on x86_64).
    if (substringBytes * str.length <= NAIVE_SEARCH_LIMIT) return substrings.some((a) => matchAlternative(a, str, arch));
    literals ??= new LiteralSet(substrings.filter((a) => !signedChar(arch) || a.bytes.every((b) => b < 0x80)).map((a) => a.bytes));
    return literals.occursIn(str, fold);
  };
  return {
    pattern,
    negate,
    alternatives: alternatives.map((a) => ({ kind: a.kind, text: decoder.decode(a.bytes) })),
    test: (subject) => {
      const str = transientCBytes(subject);
      return (anchored.some((a) => matchAlternative(a, str, arch)) || (substrings.length > 0 && anySubstring(str))) !== negate;
    },
  };
}

/** OSMatch_Execute with a compiled-on-the-fly pattern; false when it does not compile. */
export function osMatch(pattern: string | Uint8Array, subject: string | Uint8Array, arch: ManagerArch = DEFAULT_MANAGER_ARCH): boolean {
  const compiled = compileOsMatch(pattern, { arch });
  return compiled !== null && compiled.test(subject);
}

/** strncasecmp-style comparison of `pat` with `str` from `at` over `pat.length` bytes. */
function equalsFolded(pat: Uint8Array, str: Uint8Array, at: number): boolean {
  for (let k = 0; k < pat.length; k++) {
    if (fold(pat[k]!) !== fold(str[at + k] ?? 0)) return false;
  }
  return true;
}

function matchAlternative(alt: Alternative, str: Uint8Array, arch: ManagerArch): boolean {
  const pat = alt.bytes;
  switch (alt.kind) {
    case 'any':
      return true;
    case 'exact': // strcasecmp
      return pat.length === str.length && equalsFolded(pat, str, 0);
    case 'prefix': // strncasecmp(pattern, str, size)
      return pat.length <= str.length && equalsFolded(pat, str, 0);
    case 'suffix': // strcasecmp(pattern, str + len - size)
      return pat.length <= str.length && equalsFolded(pat, str, str.length - pat.length);
    case 'substring': {
      // _OS_Match: the pattern is folded at compile time, each subject byte through charmap; the pattern
      // byte is a plain char (strcasecmp in the anchored kinds compares unsigned bytes on every build).
      if (str.length < pat.length) return false;
      for (let i = 0; i <= str.length - pat.length; i++) {
        let k = 0;
        while (k < pat.length && charEqualsTableValue(pat[k]!, fold(str[i + k]!), arch)) k++;
        if (k === pat.length) return true;
      }
      return false;
    }
  }
}

/**
 * The alternatives that make an OSMatch pattern match every subject: an empty one (`a|`, `|a`, `a||b`)
 * and `^` or `$` alone (an empty prefix or suffix). A negated pattern is left alone: it then matches
 * nothing, which is another mistake. Checked against v4.14.7's compiled os_regex.
 */
export function catchAllOsMatchAlternatives(pattern: string): string[] {
  const compiled = compileOsMatch(pattern);
  if (!compiled || compiled.negate) return [];
  return compiled.alternatives.filter((a) => a.kind === 'any' || ((a.kind === 'prefix' || a.kind === 'suffix') && a.text === '')).map((a) => (a.kind === 'prefix' ? '^' : a.kind === 'suffix' ? '$' : ''));
}

/**
 * The alternatives of an OSMatch pattern that can never match on this build: with signed char (x86_64)
 * an unanchored alternative holding a byte >= 0x80 (`_OS_Match` compares a plain char; the anchored kinds
 * use strcasecmp, which compares unsigned bytes and works). A negated pattern is left alone.
 */
export function deadOsMatchAlternatives(pattern: string, arch: ManagerArch = DEFAULT_MANAGER_ARCH): { dead: string[]; total: number } {
  const compiled = compileOsMatch(pattern, { arch });
  if (!compiled || compiled.negate) return { dead: [], total: compiled?.alternatives.length ?? 0 };
  const dead = signedChar(arch) ? compiled.alternatives.filter((a) => a.kind === 'substring' && /[^\x00-\x7f]/.test(a.text)).map((a) => a.text) : [];
  return { dead, total: compiled.alternatives.length };
}

/**
 * What a subject must be for an OSMatch pattern to match it, in words, the pattern's text kept as written:
 * `^srv-` "starts with 'srv-'", `web$` "ends with 'web'", `^a$` "is 'a'", `db` "contains 'db'", alternatives
 * joined with "or", a leading `!` as "does not ..." (OSMatch_Compile: `^` and `$` anchor an alternative,
 * nothing else is special). Case is not compared (only OS_CASE_SENSITIVE callers compare it, none here).
 */
export function describeOsMatch(pattern: string): string {
  const compiled = compileOsMatch(pattern, { caseSensitive: true });
  if (!compiled) return `matches '${pattern}'`;
  // An empty alternative (or `^`, `$` alone) matches every subject: the others add nothing.
  if (compiled.alternatives.some((a) => a.kind === 'any' || ((a.kind === 'prefix' || a.kind === 'suffix') && a.text === ''))) return compiled.negate ? 'matches nothing' : 'is anything';
  // One verb per kind, in the order the kinds first appear: "contains 'a' or 'b', or starts with 'c'".
  const texts = new Map<Kind, string[]>();
  for (const a of compiled.alternatives) {
    const list = texts.get(a.kind) ?? [];
    if (!list.includes(a.text)) list.push(a.text);
    texts.set(a.kind, list);
  }
  const verbs: Record<Kind, [string, string]> = {
    exact: ['is', 'is not'],
    prefix: ['starts with', 'does not start with'],
    suffix: ['ends with', 'does not end with'],
    substring: ['contains', 'does not contain'],
    any: ['is anything', 'matches nothing'],
  };
  const or = (items: string[], comma = ''): string => (items.length === 1 ? items[0]! : `${items.slice(0, -1).join(', ')}${comma} or ${items.at(-1)}`);
  const groups = [...texts].map(([kind, list]) => ({ kind, quoted: or(list.map((t) => `'${t}'`)) }));
  if (!compiled.negate) return or(groups.map((g) => `${verbs[g.kind][0]} ${g.quoted}`), groups.length > 1 && groups.some((g) => g.quoted.includes(' or ')) ? ',' : '');
  if (groups.length === 1) return `${verbs[groups[0]!.kind][1]} ${groups[0]!.quoted}`;
  return `neither ${groups.map((g) => `${verbs[g.kind][0]} ${g.quoted}`).join(' nor ')}`;
}
