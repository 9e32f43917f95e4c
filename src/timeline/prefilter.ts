/**
 * A cheap test that rules out alerts.json lines no active response can fire on, so `--timeline`
 * parses only the alerts that matter (JSON parsing is most of the cost on large files). It is a
 * necessary condition, never a sufficient one: a line it lets through is parsed and simulated in full.
 * - a rules_id match needs an `"id":` whose value atoi() reads as one of the ids;
 * - a level match needs a `"level":` whose value reads as N at or above the block's level (not used
 *   with --ruleset, whose levels may differ from the alert's);
 * - a rules_group pattern (OS_Regex on the group string) cannot be ruled out cheaply: no filter then.
 * String values with escapes let the line through; so does any `\u` escape, which could spell a key.
 */
import type { SimConfig } from '../simulate/model.ts';
import { parseRuleIdList } from '../wazuh/rules-id.ts';
import { atoi } from '../wazuh/c-number.ts';

/** A numeric rule id as the engine reads it: the number's text, then atoi (5712.9 is 5712). */
const idOfNumber = (n: number) => atoi(String(n));

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const MINUS = 0x2d;
const PLUS = 0x2b;

const isJsonSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
/** atoi's leading white space (isspace in the C locale). */
const isCSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** What a value reads as: a number, or `unknown` when only a full parse can tell. */
type ValueReading = number | 'unknown' | 'none';

/**
 * The number the engine gets from the value after `"key":` at `from` (the colon's position): atoi()
 * of a string, the integer part of a plain number. 'none' when it is no number the engine could read.
 * Read with character codes only: it runs on every line of the input.
 */
function readValue(line: string, from: number, fromNumber: (n: number) => number): ValueReading {
  let i = from + 1;
  let c = line.charCodeAt(i);
  while (isJsonSpace(c)) c = line.charCodeAt(++i);
  if (c === QUOTE) {
    // A string: atoi of its text. atoi stops at the first character that is not part of the number,
    // so only an escape before that point could change the result.
    c = line.charCodeAt(++i);
    while (isCSpace(c)) c = line.charCodeAt(++i);
    const negative = c === MINUS;
    if (c === MINUS || c === PLUS) c = line.charCodeAt(++i);
    let value = 0;
    let digits = 0;
    for (; isDigit(c); c = line.charCodeAt(++i), digits++) value = value * 10 + (c - 0x30);
    if (c === BACKSLASH || Number.isNaN(c) || digits > 15) return 'unknown';
    // Up to 15 digits the double is exact: ToInt32 is atoi's wrap-around (ten-digit alert ids).
    return (negative ? -value : value) | 0;
  }
  // A JSON number token: its value as JSON.parse gives it, then as the engine reads that number.
  const start = i;
  while (isNumberChar(c)) c = line.charCodeAt(++i);
  if (i === start) return 'none';
  const n = Number(line.slice(start, i));
  return Number.isFinite(n) ? fromNumber(n) : 'none';
}

/** Characters of a JSON number token: - + . e E and digits. */
const isNumberChar = (c: number) => isDigit(c) || c === MINUS || c === PLUS || c === 0x2e || c === 0x65 || c === 0x45;

/** Whether some `"key":` (found by `keyPattern`, global) has a value `accept` takes, or one the scan cannot read. */
function someValue(line: string, keyPattern: RegExp, fromNumber: (n: number) => number, accept: (n: number) => boolean): boolean {
  keyPattern.lastIndex = 0;
  // A regular expression finds the key faster than indexOf: JSON is full of the quote indexOf starts on.
  while (keyPattern.test(line)) {
    const value = readValue(line, keyPattern.lastIndex - 1, fromNumber);
    if (value === 'unknown' || (value !== 'none' && accept(value))) return true;
  }
  return false;
}

const ID_KEY = /"id"[ \t\n\r]*:/g;
const LEVEL_KEY = /"level"[ \t\n\r]*:/g;

export function buildLinePrefilter(config: SimConfig, rulesetLevels: boolean): ((line: string) => boolean) | undefined {
  const ids = new Set<number>();
  let minLevel = Infinity;
  for (const r of config.responses) {
    if (r.status !== 'active') continue;
    if (r.rulesId !== undefined) for (const id of parseRuleIdList(r.rulesId)) ids.add(id);
    if (r.level > 0) {
      if (rulesetLevels) return undefined;
      minLevel = Math.min(minLevel, r.level);
    } else if (r.rulesGroup !== undefined) {
      return undefined;
    }
  }
  const hasId = (n: number) => ids.has(n);
  const hasLevel = (n: number) => n >= minLevel;
  return (line) => {
    if (line.includes('\\u')) return true;
    if (ids.size > 0 && someValue(line, ID_KEY, idOfNumber, hasId)) return true;
    return minLevel !== Infinity && someValue(line, LEVEL_KEY, Math.trunc, hasLevel);
  };
}
