/**
 * A faithful port of Wazuh's OS_Regex (src/os_regex/os_regex_compile.c, os_regex_execute.c, v4.x): the
 * "regex" used for `<active-response><rules_group>`, `<location>` and most rule fields. It is not a POSIX
 * or JavaScript regex:
 * - case-insensitive by default (ASCII only), an unanchored search;
 * - `|` separates alternatives, each may start with `^` and end with `$`;
 * - `.` is a literal dot; the classes are `\w \d \s \p \W \D \S \.` (any byte) `\t`, and `\( \) \\ \$ \| \<`
 *   escape a literal; any other backslash sequence fails to compile;
 * - `+` / `*` only modify the escape class just before them (after a literal they are literals);
 * - `(` `)` delimit sub-strings, one level only, never across a `|`.
 * The matcher reproduces the original backtracking algorithm (including its quirks) byte for byte on the
 * UTF-8 encoding of the subject.
 */
import { charEqualsTableValue, DEFAULT_MANAGER_ARCH, signedChar, type ManagerArch } from './arch.ts';
import { ESCAPE_CODES, classAccepts, fold } from './os-regex-maps.ts';
import { LiteralSet } from './literal-set.ts';
import { requirementsOf, SubjectSummary, type Requirements } from './os-regex-requirements.ts';

/** OS_PATTERN_MAXSIZE: longer patterns fail to compile. */
export const OS_PATTERN_MAXSIZE = 20480;

export type OsRegexCompileError = 'too-long' | 'bad-escape' | 'bad-parenthesis';

export interface OsRegexOptions {
  /** OS_CASE_SENSITIVE. Quirk kept: the subject is still folded to lower case, so upper-case literals never match. */
  caseSensitive?: boolean;
  /** OS_RETURN_SUBSTRING: record `( )` sub-strings (this also changes how `(` after a `+`/`*` class is walked). */
  returnSubstrings?: boolean;
  /** The manager's build (default x86_64): with signed char a literal pattern byte >= 0x80 never matches. */
  arch?: ManagerArch;
}

export interface OsRegexResult {
  matched: boolean;
  /** With returnSubstrings: the text of each `( )` pair of the alternative that matched. */
  substrings: string[];
  /** On a match: the byte offset in the subject's C string of the returned pointer (the test's `end_match`). */
  end: number | null;
  /** With returnSubstrings: Wazuh's copy of a sub-string overruns its buffer (the daemon crashes; no match here). */
  crash?: true;
}

/** A compiled OS_Regex pattern. */
export interface OsRegex {
  readonly pattern: string | Uint8Array;
  /** Number of `|` alternatives. */
  readonly alternatives: number;
  exec(subject: string | Uint8Array): OsRegexResult;
  test(subject: string | Uint8Array): boolean;
}

const BACKSLASH = 0x5c;
const OPEN = 0x28;
const CLOSE = 0x29;
const OR = 0x7c;
const BEGIN = 0x5e;
const END = 0x24;
const PLUS = 0x2b;
const STAR = 0x2a;
const BEGIN_SET = 1;
const END_SET = 2;

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** A JS string (or exact bytes) as the C string Wazuh sees: UTF-8 bytes up to the first NUL. */
export function cBytes(text: string | Uint8Array): Uint8Array {
  const bytes = typeof text === 'string' ? encoder.encode(text) : text;
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

let scratch = new Uint8Array(1024);
/** Characters up to which transientCBytes copies ASCII text itself. */
const SHORT_SUBJECT = 256;

/**
 * cBytes for a subject matched and then dropped: the bytes live in a shared buffer, valid until the
 * next call (no allocation per alert when a timeline matches millions of subjects).
 */
export function transientCBytes(text: string | Uint8Array): Uint8Array {
  if (typeof text !== 'string') return cBytes(text);
  if (text.length * 3 > scratch.length) scratch = new Uint8Array(text.length * 3);
  // Short ASCII text (the usual srcip, user name or group string) is copied code by code: a call into
  // the encoder cost more than the copy. Anything else goes through the encoder.
  if (text.length <= SHORT_SUBJECT) {
    let i = 0;
    for (; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 0) return scratch.subarray(0, i);
      if (c >= 0x80) break;
      scratch[i] = c;
    }
    if (i === text.length) return scratch.subarray(0, i);
  }
  const bytes = scratch.subarray(0, encoder.encodeInto(text, scratch).written);
  const nul = bytes.indexOf(0);
  return nul < 0 ? bytes : bytes.subarray(0, nul);
}

interface SubPattern {
  bytes: Uint8Array;
  flags: number;
  /** Offsets of the `(` bytes (open and close are both `(` internally), when sub-strings are recorded. */
  closure: number[] | null;
  /** What a subject must hold for this alternative to match (computed on first need). */
  requirements?: Requirements;
}

/** Compiles like OSRegex_Compile; on failure, the reason and the byte offset where it gave up (the length when a `(` is never closed). */
export function compileOsRegexDetailed(
  pattern: string | Uint8Array,
  options: OsRegexOptions = {},
): { ok: true; regex: OsRegex } | { ok: false; error: OsRegexCompileError; at: number } {
  const raw = cBytes(pattern);
  if (raw.length > OS_PATTERN_MAXSIZE) return { ok: false, error: 'too-long', at: OS_PATTERN_MAXSIZE };
  const work = Uint8Array.from(raw);
  let parenthesis = 0;
  let closings = 0;
  for (let i = 0; i < work.length; i++) {
    if (work[i] === BACKSLASH) {
      i++;
      const code = i < work.length ? ESCAPE_CODES.get(String.fromCharCode(work[i]!)) : undefined;
      if (code === undefined) return { ok: false, error: 'bad-escape', at: i - 1 };
      work[i] = code;
      continue;
    }
    if (work[i] === OPEN) {
      parenthesis++;
    } else if (work[i] === CLOSE) {
      work[i] = OPEN;
      parenthesis--;
      closings++;
    }
    if (parenthesis !== 0 && parenthesis !== 1) return { ok: false, error: 'bad-parenthesis', at: i };
    if (!options.caseSensitive) work[i] = fold(work[i]!);
    if (work[i] === OR && parenthesis !== 0) return { ok: false, error: 'bad-parenthesis', at: i };
  }
  if (parenthesis !== 0) return { ok: false, error: 'bad-parenthesis', at: work.length };

  const recordSubstrings = closings > 0 && options.returnSubstrings === true;
  const subs: SubPattern[] = [];
  // Split on the (unescaped, already folded) `|` bytes; an escaped byte is a code 1..15 so never `|`.
  let start = 0;
  for (let i = 0; i <= work.length; i++) {
    if (i < work.length && work[i] !== OR) continue;
    let from = start;
    let to = i;
    let flags = 0;
    if (work[from] === BEGIN && from < to) {
      from++;
      flags |= BEGIN_SET;
    }
    if (to > from && work[to - 1] === END) {
      to--;
      flags |= END_SET;
    }
    const bytes = work.slice(from, to);
    let closure: number[] | null = null;
    if (recordSubstrings) {
      closure = [];
      bytes.forEach((b, at) => {
        if (b === OPEN) closure!.push(at);
      });
    }
    subs.push({ bytes, flags, closure });
    start = i + 1;
  }
  return { ok: true, regex: makeRegex(pattern, subs, options.arch ?? DEFAULT_MANAGER_ARCH) };
}

/** OSRegex_Compile: the compiled pattern, or null when Wazuh refuses it. */
export function compileOsRegex(pattern: string | Uint8Array, options: OsRegexOptions = {}): OsRegex | null {
  const result = compileOsRegexDetailed(pattern, options);
  return result.ok ? result.regex : null;
}

/** OS_Regex(pattern, subject): compile (case-insensitive, no sub-strings) and search; false if it does not compile. */
export function osRegexMatch(pattern: string, subject: string, arch: ManagerArch = DEFAULT_MANAGER_ARCH): boolean {
  const entry = compiledEntry(pattern, arch);
  const regex = entry.regex;
  if (regex === null) return false;
  // A pattern with classes (`\w+`) walks up to pattern x subject bytes per call: remember large answers,
  // since a timeline asks the same rule's group string again and again.
  if (pattern.length * subject.length <= REMEMBER_FROM) return regex.test(subject);
  const answers = (entry.answers ??= new Map());
  let answer = answers.get(subject);
  if (answer === undefined) {
    answer = regex.test(subject);
    rememberedChars += subject.length;
    if (rememberedChars > REMEMBERED_CHARS_MAX) {
      for (const map of Object.values(compiledPatterns)) for (const e of map.values()) e.answers?.clear();
      rememberedChars = subject.length;
    }
    answers.set(subject, answer);
  }
  return answer;
}

const REMEMBER_FROM = 1 << 20;
const REMEMBERED_CHARS_MAX = 16 << 20;
let rememberedChars = 0;
/** Twice the 32 MB input limit, in UTF-16 units: more than the patterns of any configuration arctl reads. */
const COMPILED_CHARS_MAX = 64 << 20;
/** Whether OSRegex_Compile accepts the pattern (case-insensitive, as OS_Regex compiles it), from the same cache. */
export function osRegexCompiles(pattern: string): boolean {
  return compiledEntry(pattern, DEFAULT_MANAGER_ARCH).regex !== null;
}

/** The pattern as OS_Regex compiles it for this build, compiled once while the cache holds it. */
function compiledEntry(pattern: string, arch: ManagerArch): CompiledEntry {
  const cache = compiledPatterns[arch];
  let entry = cache.get(pattern);
  if (entry === undefined) {
    // A configuration's rules_group values, matched against every alert: kept while they fit in the
    // largest configuration arctl reads, so that no pattern of one configuration is compiled twice.
    compiledChars[arch] += pattern.length;
    if (compiledChars[arch] > COMPILED_CHARS_MAX) {
      cache.clear();
      compiledChars[arch] = pattern.length;
    }
    entry = { regex: compileOsRegex(pattern, { arch }) };
    cache.set(pattern, entry);
  }
  return entry;
}

interface CompiledEntry {
  regex: OsRegex | null;
  answers?: Map<string, boolean>;
}
const compiledChars: Record<ManagerArch, number> = { x86_64: 0, aarch64: 0 };
const compiledPatterns: Record<ManagerArch, Map<string, CompiledEntry>> = { x86_64: new Map(), aarch64: new Map() };

/** Pattern bytes >= 0x80 outside an escape: literals that never match on a signed-char (x86_64) build. */
export function highLiteralBytes(pattern: string | Uint8Array): number[] {
  const raw = cBytes(pattern);
  const out: number[] = [];
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === BACKSLASH) i++;
    else if (raw[i]! >= 0x80) out.push(raw[i]!);
  }
  return out;
}

function makeRegex(pattern: string | Uint8Array, subs: SubPattern[], arch: ManagerArch): OsRegex {
  // Past a small pattern x subject product, one pass over the subject rules out the alternatives that
  // lack a literal, a pair of adjacent literals or a class byte they cannot match without.
  const patternBytes = subs.reduce((sum, sub) => sum + sub.bytes.length, 0);
  const candidates = (str: Uint8Array, among: readonly SubPattern[]): readonly SubPattern[] => {
    if (patternBytes * str.length <= NAIVE_SEARCH_LIMIT) return among;
    const summary = sharedSummary.reset(str);
    return among.filter((sub) => summary.allows((sub.requirements ??= requirementsOf(sub.bytes, arch))));
  };
  const exec = (subject: string | Uint8Array): OsRegexResult => {
    const str = cBytes(subject);
    for (const sub of candidates(str, subs)) {
      const marks: Array<number | null> | null = sub.closure ? sub.closure.map(() => null) : null;
      const end = runSubPattern(sub, str, marks, arch);
      if (end !== null) {
        const substrings: string[] = [];
        if (marks) {
          for (let j = 0; j + 1 < marks.length; j += 2) {
            const open = marks[j];
            const close = marks[j + 1];
            if (open == null || close == null) break;
            // Marks are kept from failed starts, so a close can precede its open. OSRegex_Execute copies
            // (size_t)(close - open) + 1 bytes: malloc of nearly SIZE_MAX fails and the whole call returns
            // NULL; one byte before is malloc(0) and a strncpy over SIZE_MAX bytes, a crash.
            if (close < open) return { matched: false, substrings: [], end: null, ...(close === open - 1 ? { crash: true } : {}) };
            substrings.push(decoder.decode(str.subarray(Math.max(open, 0), Math.max(close, 0))));
          }
        }
        return { matched: true, substrings, end };
      }
    }
    return { matched: false, substrings: [], end: null };
  };
  // For a yes/no answer the order of the alternatives does not matter, and an alternative of plain
  // literals (no class, no sub-string) matches exactly where its bytes occur, folded, in the subject (at
  // its start with `^`, its end with `$`): the backtracking walk restarts one byte after each failed start.
  const literal = (sub: SubPattern) => sub.bytes.length > 0 && !sub.bytes.includes(BACKSLASH) && !sub.bytes.includes(OPEN);
  const unanchored = subs.filter((sub) => literal(sub) && sub.flags === 0);
  const unanchoredBytes = unanchored.reduce((sum, sub) => sum + sub.bytes.length, 0);
  const anchoredLiterals = subs.filter((sub) => literal(sub) && sub.flags !== 0);
  // The same alternative twice walks the same way: for yes or no, once is enough.
  const seen = new Set<string>();
  const distinctOthers = subs.filter((sub) => {
    if (literal(sub)) return false;
    const key = `${sub.flags} ${sub.bytes.join(',')}`;
    return !seen.has(key) && seen.add(key) !== undefined;
  });
  const equalAt = (sub: SubPattern, str: Uint8Array, at: number) => sub.bytes.every((p, k) => charEqualsTableValue(p, fold(str[at + k]!), arch));
  const anchoredMatch = (sub: SubPattern, str: Uint8Array): boolean => {
    const room = str.length - sub.bytes.length;
    if (room < 0) return false;
    if (sub.flags === (BEGIN_SET | END_SET)) return room === 0 && equalAt(sub, str, 0);
    return equalAt(sub, str, sub.flags === BEGIN_SET ? 0 : room);
  };
  let literals: LiteralSet | undefined;
  const test = (subject: string | Uint8Array): boolean => {
    const str = transientCBytes(subject);
    if (unanchored.length > 0) {
      if (unanchoredBytes * str.length <= NAIVE_SEARCH_LIMIT) {
        if (unanchored.some((sub) => runSubPattern(sub, str, null, arch) !== null)) return true;
      } else {
        // A literal byte >= 0x80 never matches where char is signed (x86_64).
        literals ??= new LiteralSet(unanchored.filter((sub) => !signedChar(arch) || sub.bytes.every((b) => b < 0x80)).map((sub) => sub.bytes));
        if (literals.occursIn(str, fold)) return true;
      }
    }
    if (anchoredLiterals.some((sub) => anchoredMatch(sub, str))) return true;
    return candidates(str, distinctOthers).some((sub) => runSubPattern(sub, str, null, arch) !== null);
  };
  return {
    pattern,
    alternatives: subs.length,
    exec,
    // With sub-strings recorded, the answer includes the copy of each sub-string (which can fail).
    test: subs.some((sub) => sub.closure) ? (subject) => exec(subject).matched : test,
  };
}

/** Up to this (pattern bytes x subject bytes), alternatives are walked one by one as OS_Regex does. */
const NAIVE_SEARCH_LIMIT = 1 << 16;
const sharedSummary = new SubjectSummary();

const isPlus = (b: number) => b === PLUS || b === STAR;
/** `Regex(code, byte)` for every code byte (only codes 0..15 accept anything) and subject byte, as one table. */
const ACCEPTS = acceptsTable();

/** Filled for codes 0..15 only (no other code accepts anything): a 65536-entry Array.from cost every start-up 5-10 ms. */
function acceptsTable(): Uint8Array {
  const table = new Uint8Array(1 << 16);
  for (let code = 0; code < 16; code++) {
    for (let byte = 0; byte < 256; byte++) if (classAccepts(code, byte)) table[(code << 8) | byte] = 1;
  }
  return table;
}

/** charmap. */
const FOLDED = Uint8Array.from({ length: 256 }, (_, b) => fold(b));

/**
 * _OS_Regex: one alternative against the subject. Returns the (non-null) end pointer on a match, null
 * otherwise. Positions are byte offsets; reading past either end yields the C string terminator 0. The
 * control flow mirrors the C function statement for statement so that its quirks are kept.
 */
function runSubPattern(sub: SubPattern, str: Uint8Array, marks: Array<number | null> | null, arch: ManagerArch): number | null {
  const pat = sub.bytes;
  const flags = sub.flags;
  const closure = sub.closure;
  // Outside the arrays (index -1 or past the end) a typed array read is undefined: `| 0` makes it the NUL.
  const P = (i: number) => pat[i]! | 0;
  const S = (i: number) => str[i]! | 0;
  const signed = signedChar(arch);
  const mark = (at: number, value: number) => {
    if (!closure || !marks) return;
    const k = closure.indexOf(at);
    if (k >= 0) marks[k] = value;
  };

  // Since wazuh/wazuh PR #7495 (4.2): the result starts as the subject (so an empty pattern matches), and an
  // empty subject skips the scan and only runs the end-of-pattern check below (`^$`, `\.*`, `(\.*)` match "").
  let rCode: number | null = 0;
  let regexMatched = false;
  let st = 0;
  let stError: number | null = null;
  let pt = 0;
  let nextPt: number;
  const ptError: Array<number | null> = [null, null, null, null];
  const ptErrorStr: number[] = [0, 0, 0, 0];
  const endOk = () => !(flags & END_SET) || S(st) === 0;
  // `*pt == charmap[(uchar)*st]`: the pattern byte is a plain char.
  const literalMatches = (p: number) => p === FOLDED[S(st)] && (p < 0x80 || !signed);


  // The scan (skipped for an empty subject, see above).
  if (str.length > 0) do {
    if (P(pt) === 0) {
      if (endOk()) return rCode;
    } else if (P(pt) === OPEN) {
      mark(pt, st);
      pt++;
      if (P(pt) === 0 && endOk()) return rCode;
    }

    if (P(pt) === BACKSLASH) {
      if (ACCEPTS[(P(pt + 1) << 8) | S(st)]) {
        nextPt = pt + 2;
        if (!isPlus(P(nextPt))) {
          pt = nextPt;
          if (stError === null) stError = st;
          rCode = st;
          continue;
        }
        if (P(nextPt) === STAR) regexMatched = true;

        if (regexMatched) {
          nextPt++;
          let okHere = -1;
          if (P(nextPt) === OPEN) nextPt++;
          if (P(nextPt) === 0) {
            okHere = 1;
          } else if (P(nextPt) === BACKSLASH) {
            if (ACCEPTS[(P(nextPt + 1) << 8) | S(st)]) okHere = isPlus(P(nextPt + 2)) ? 0 : 2;
          } else if (literalMatches(P(nextPt))) {
            regexMatched = false;
            okHere = 1;
          }
          if (okHere >= 0) {
            if (closure && P(nextPt - 1) === OPEN) mark(nextPt - 1, regexMatched && okHere === 1 ? st + 1 : st);
            if (P(nextPt) === 0) continue;
            if (okHere) nextPt += okHere;
            const free = ptError.indexOf(null);
            if (free >= 0) {
              ptError[free] = pt;
              ptErrorStr[free] = st;
            }
            pt = nextPt;
          }
        } else {
          nextPt++;
          if (closure && P(nextPt) === OPEN) {
            mark(nextPt, S(st + 1) === 0 ? st + 1 : st);
            nextPt++;
          }
          regexMatched = true;
        }
        rCode = st;
        continue;
      } else if ((P(pt + 2) === 0 || P(pt + 3) === 0) && regexMatched && rCode !== null) {
        rCode = st;
        if (endOk()) return rCode;
      } else if (P(pt + 2) === PLUS && regexMatched) {
        pt += 3;
        st--;
        regexMatched = false;
        continue;
      } else if (P(pt + 2) === STAR) {
        pt += 3;
        st--;
        rCode = st;
        regexMatched = false;
        continue;
      }
      regexMatched = false;
    } else if (literalMatches(P(pt))) {
      pt++;
      if (stError === null) stError = st;
      rCode = st;
      continue;
    }

    // Error handling: resume from the most recent saved "+"/"*" branch, else restart the pattern.
    let resumed = false;
    for (let k = 3; k >= 0; k--) {
      const saved = ptError[k];
      if (saved !== null && saved !== undefined) {
        pt = saved;
        st = ptErrorStr[k]!;
        ptError[k] = null;
        resumed = true;
        break;
      }
    }
    if (resumed) continue;
    if (flags & BEGIN_SET) return null;
    if (stError !== null) {
      st = stError;
      stError = null;
    }
    pt = 0;
    rCode = null;
  } while (S(++st) !== 0);

  if (closure) {
    while (P(pt) !== OPEN && P(pt) !== 0) {
      if (P(pt) === BACKSLASH && P(pt + 2) === STAR) pt += 3;
      else break;
    }
    if (P(pt) === OPEN) mark(pt, st);
  }

  // ENDOFFILE(x): skip one `(`, then at the end of the pattern?
  const endOfPattern = () => {
    if (P(pt) === OPEN) pt++;
    return P(pt) === 0;
  };
  const cleanup = (): boolean => {
    if (endOfPattern()) return true;
    trailingPlus: {
      if (!(P(pt) === BACKSLASH && regexMatched)) break trailingPlus;
      pt += 2;
      if (!isPlus(P(pt))) break trailingPlus;
      pt++;
      if (endOfPattern()) return true;
      if (P(pt) !== BACKSLASH) break trailingPlus;
      pt += 2;
      if (P(pt) !== STAR) break trailingPlus;
      pt++;
      if (endOfPattern()) return true;
    }
    if (P(pt) !== BACKSLASH) return false;
    pt += 2;
    if (P(pt) !== STAR) return false;
    pt++;
    return endOfPattern();
  };
  return cleanup() ? rCode : null;
}

/** The `|` alternatives of an OS_Regex pattern as written (a `\\|` escape does not split). */
function osRegexAlternatives(pattern: string): Uint8Array[] {
  const raw = cBytes(pattern);
  const alternatives: Uint8Array[] = [];
  let start = 0;
  for (let i = 0; i <= raw.length; i++) {
    if (i < raw.length && raw[i] === BACKSLASH) {
      i++;
      continue;
    }
    if (i < raw.length && raw[i] !== OR) continue;
    alternatives.push(raw.subarray(start, i));
    start = i + 1;
  }
  return alternatives;
}

/**
 * The `|` alternatives of an OS_Regex pattern that can never match on this build: with signed char
 * (x86_64) any alternative holding a literal byte >= 0x80 (outside an escape).
 */
export function deadOsRegexAlternatives(pattern: string, arch: ManagerArch = DEFAULT_MANAGER_ARCH): { dead: string[]; total: number } {
  const alternatives = osRegexAlternatives(pattern);
  const dead = signedChar(arch) ? alternatives.filter((a) => highLiteralBytes(a).length > 0).map((a) => decoder.decode(a)) : [];
  return { dead, total: alternatives.length };
}

/**
 * The alternatives that make an OS_Regex pattern match every subject: an empty one (`a|`, `|a`,
 * `a||b`) and `^` alone. (`$` alone only matches the empty subject.) A pattern Wazuh cannot compile
 * matches nothing, as compileOsMatch's twin answers. Checked against v4.14.7's compiled os_regex.
 */
export function catchAllOsRegexAlternatives(pattern: string): string[] {
  if (!osRegexCompiles(pattern)) return [];
  const alternatives = osRegexAlternatives(pattern);
  if (alternatives.length === 1 && alternatives[0]!.length === 0) return [];
  return alternatives.map((a) => decoder.decode(a)).filter((a) => a === '' || a === '^');
}
