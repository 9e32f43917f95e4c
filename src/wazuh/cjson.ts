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
  for (const k of Object.keys(value)) if (k.length === key.length && (k === key || equalIgnoringAsciiCase(k, key))) return value[k];
  return undefined;
}

/**
 * case_insensitive_strcmp folds with tolower() in the C locale: ASCII letters only. Compared code by
 * code, without building lowercase copies (the timeline asks for data.srcip of every alert).
 */
function equalIgnoringAsciiCase(a: string, b: string): boolean {
  for (let i = 0; i < a.length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y && foldAscii(x) !== foldAscii(y)) return false;
  }
  return true;
}

const foldAscii = (c: number) => (c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
