/**
 * cJSON_PrintUnformatted (cJSON 1.7.x, what analysisd prints its active-response message with: ar_json.c
 * parses the alert's JSON and prints it again inside the message). It differs from JSON.stringify only in
 * numbers: print_number writes "%1.15g", or "%1.17g" when 15 digits do not give the double back
 * (compare_double), so 1e16 is `1e+16`, 1.5e-7 is `1.5e-07` and -0 is `-0`; NaN and infinities are `null`.
 * Strings escape `"`, `\` and the control characters below 0x20 (`\b \f \n \r \t` by name, the others as
 * \u00xx), as JSON.stringify does. Also cJSON_GetObjectItem's lookup (cjsonGet), which every reader of
 * Wazuh's JSON (execd, the stock programs, maild) goes through.
 */
import { isObject } from '../util/is-object.ts';

/** C printf `%1.<precision>g` for a finite double. */
export function printfG(value: number, precision: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0' : '0';
  const [mantissa, exponentText] = value.toExponential(precision - 1).split('e') as [string, string];
  const exponent = Number(exponentText);
  const trim = (digits: string) => (digits.includes('.') ? digits.replace(/0+$/, '').replace(/\.$/, '') : digits);
  if (exponent < -4 || exponent >= precision) {
    const sign = exponent < 0 ? '-' : '+';
    return `${trim(mantissa)}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  return trim(value.toFixed(precision - 1 - exponent));
}

/** print_number: 15 significant digits when they read back as the same double (within DBL_EPSILON), else 17. */
export function cjsonNumber(value: number): string {
  if (!Number.isFinite(value)) return 'null';
  const short = printfG(value, 15);
  const back = Number(short);
  const scale = Math.max(Math.abs(back), Math.abs(value));
  return Math.abs(back - value) <= scale * Number.EPSILON ? short : printfG(value, 17);
}

/** Whether JSON.stringify writes this number as print_number does (integers below 1e15 always). */
function samePrint(n: number): boolean {
  if (Number.isInteger(n) && Math.abs(n) < 1e15 && !Object.is(n, -0)) return true;
  return cjsonNumber(n) === JSON.stringify(n);
}

/** Whether a parsed JSON value holds a number JSON.stringify would print otherwise. */
function hasOddNumber(value: unknown): boolean {
  if (typeof value === 'number') return !samePrint(value);
  if (value === null || typeof value !== 'object') return false;
  if (Array.isArray(value)) return value.some(hasOddNumber);
  for (const key in value) if (hasOddNumber((value as Record<string, unknown>)[key])) return true;
  return false;
}

function print(value: unknown): string {
  if (typeof value === 'number') return cjsonNumber(value);
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(print).join(',')}]`;
  return `{${Object.entries(value).map(([key, v]) => `${JSON.stringify(key)}:${print(v)}`).join(',')}}`;
}

/** cJSON_PrintUnformatted of a value JSON.parse gave (key order kept). */
export function cjsonPrintUnformatted(value: unknown): string {
  // Alerts rarely hold such numbers: JSON.stringify prints the rest, faster.
  return hasOddNumber(value) ? print(value) : JSON.stringify(value);
}

/**
 * cJSON_GetObjectItem: the first member whose key equals `key` ignoring ASCII case (`data.SrcIP` is
 * found as srcip); undefined when `value` is not an object.
 */
export function cjsonGet(value: unknown, key: string): unknown {
  if (!isObject(value)) return undefined;
  for (const k of Object.keys(value)) if (sameCjsonKey(k, key)) return value[k];
  return undefined;
}

/**
 * Whether cJSON_GetObjectItem takes member name `a` for `b`: case_insensitive_strcmp folds with tolower()
 * in the C locale, ASCII letters only. Compared code by code, without building lowercase copies (the
 * timeline asks for data.srcip of every alert).
 */
function sameCjsonKey(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  if (a === b) return true;
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && foldAscii(x) !== foldAscii(y)) return false;
  }
  return true;
}

const foldAscii = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);

/** An object as cJSON keeps it: its members in order, duplicates included (lookups take the first). */
export class CjsonObject {
  constructor(readonly members: Array<[string, CjsonValue]>) {}

  /** cJSON_GetObjectItem: the first member whose name equals `key` ignoring ASCII case. */
  get(key: string): CjsonValue | undefined {
    for (const [k, v] of this.members) if (sameCjsonKey(k, key)) return v;
    return undefined;
  }
}

export type CjsonValue = null | boolean | number | string | CjsonValue[] | CjsonObject;

/** CJSON_NESTING_LIMIT: deeper arrays and objects fail the parse. */
const NESTING_LIMIT = 1000;

/**
 * cJSON_Parse (cJSON_ParseWithOpts without require_null_terminated), as execd reads a program's reply
 * and the stock programs read execd's message. Laxer than JSON.parse: the text ends at its first NUL
 * (a C string); a UTF-8 BOM and every character up to the space are skipped as whitespace; whatever
 * follows the first value is ignored; `null`, `true` and `false` are matched by their letters alone; a
 * number starts with `-` or a digit and is what strtod reads of the run of `0-9 + - e E .` there (`01`,
 * `1.`, `-.5`); strings may hold raw control characters, and a string's C value ends at a `\u0000`
 * (an invalid `\u` hex digit reads as 0 too). Stricter on two points: a lone UTF-16 surrogate escape
 * fails the parse, as does an unknown escape. undefined when cJSON returns NULL.
 */
export function cjsonParse(input: string): CjsonValue | undefined {
  const nul = input.indexOf('\0');
  const text = nul >= 0 ? input.slice(0, nul) : input;
  let at = text.startsWith('\uFEFF') ? 1 : 0;
  let depth = 0;
  const skipWhitespace = () => {
    while (at < text.length && text.charCodeAt(at) <= 32) at++;
  };
  const fail = (): never => {
    throw FAILED;
  };

  const hex4 = (from: number): number => {
    let value = 0;
    for (let i = from; i < from + 4; i++) {
      // parse_hex4 gives 0 for the whole sequence when a digit is not hexadecimal.
      if (!/^[0-9a-fA-F]$/.test(text[i] ?? '')) return 0;
      value = value * 16 + parseInt(text[i]!, 16);
    }
    return value;
  };

  const parseString = (): string => {
    if (text[at] !== '"') fail();
    let end = at + 1;
    while (end < text.length && text[end] !== '"') end += text[end] === '\\' ? 2 : 1;
    if (end >= text.length) fail();
    let out = '';
    let i = at + 1;
    while (i < end) {
      const c = text[i]!;
      if (c !== '\\') {
        out += c;
        i++;
        continue;
      }
      const e = text[i + 1];
      if (e !== undefined && e in SIMPLE_ESCAPES) {
        out += SIMPLE_ESCAPES[e];
        i += 2;
      } else if (e === 'u') {
        if (end - i < 6) fail();
        const first = hex4(i + 2);
        if (first >= 0xdc00 && first <= 0xdfff) fail();
        if (first >= 0xd800 && first <= 0xdbff) {
          if (end - (i + 6) < 6 || text[i + 6] !== '\\' || text[i + 7] !== 'u') fail();
          const second = hex4(i + 8);
          if (second < 0xdc00 || second > 0xdfff) fail();
          out += String.fromCharCode(first, second);
          i += 12;
        } else {
          out += String.fromCharCode(first);
          i += 6;
        }
      } else {
        fail();
      }
    }
    at = end + 1;
    const cut = out.indexOf('\0');
    return cut >= 0 ? out.slice(0, cut) : out;
  };

  const parseValue = (): CjsonValue => {
    for (const [word, value] of [['null', null], ['false', false], ['true', true]] as const) {
      if (text.startsWith(word, at)) {
        at += word.length;
        return value;
      }
    }
    const c = text[at];
    if (c === '"') return parseString();
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) {
      const run = /^[0-9+\-eE.]{1,63}/.exec(text.slice(at, at + 63))![0];
      const read = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(run);
      if (!read) fail();
      at += read![0].length;
      return Number(read![0]);
    }
    if (c === '[' || c === '{') {
      if (depth >= NESTING_LIMIT) fail();
      depth++;
      const close = c === '[' ? ']' : '}';
      const items: CjsonValue[] = [];
      const members: Array<[string, CjsonValue]> = [];
      at++;
      skipWhitespace();
      if (text[at] !== close) {
        for (;;) {
          skipWhitespace();
          if (c === '{') {
            const name = parseString();
            skipWhitespace();
            if (text[at] !== ':') fail();
            at++;
            skipWhitespace();
            members.push([name, parseValue()]);
          } else {
            items.push(parseValue());
          }
          skipWhitespace();
          if (text[at] !== ',') break;
          at++;
        }
        if (text[at] !== close) fail();
      }
      at++;
      depth--;
      return c === '[' ? items : new CjsonObject(members);
    }
    return fail();
  };

  try {
    skipWhitespace();
    return parseValue();
  } catch (error) {
    if (error === FAILED) return undefined;
    throw error;
  }
}

const FAILED = Symbol('cJSON parse failed');

/** parse_string's one-letter escapes. */
const SIMPLE_ESCAPES: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', '"': '"', '\\': '\\', '/': '/' };
