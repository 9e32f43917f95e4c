/**
 * Whether Wazuh's reader accepts an option's content: the same checks the XSD's simple types state
 * (./xsd.ts `facets`), written as code so lint and validate need no XML Schema engine. A test runs
 * both on the corpus, the fixtures and generated files and requires the same findings.
 */
import { LOCATION_KEYWORDS } from '../wazuh/location.ts';
import type { OptionSchema, ValueType } from './elements.ts';

/** XSD's `\s`: space, tab, LF and CR only (not JavaScript's wider class). */
const XSD_BLANK = /^[ \t\n\r]*$/;
const DIGITS = /^[0-9]*$/;
/** Read_Global's unanchored `[a-zA-Z0-9\._-]+@[a-zA-Z0-9\._-]`. */
const CHECKED_EMAIL = /[a-zA-Z0-9._-]@[a-zA-Z0-9._-]/;
/** AR location: a case-insensitive (ASCII) substring match on any keyword. */
const LOCATION = new RegExp(`(?:${LOCATION_KEYWORDS.map((k) => k.replace(/[a-z]/gi, (c) => `[${c.toUpperCase()}${c.toLowerCase()}]`)).join('|')})`);

export function isBlank(value: string): boolean {
  return XSD_BLANK.test(value);
}

export function acceptsValue(option: OptionSchema, value: string): boolean {
  if (option.nonEmpty && isBlank(value)) return false;
  return acceptsType(option.type, value);
}

function acceptsType(type: ValueType, value: string): boolean {
  switch (type.kind) {
    case 'yes-no': {
      const word = type.anyCase ? asciiLower(value) : value;
      return word === 'yes' || word === 'no';
    }
    case 'enum':
      return type.values.includes(value);
    case 'digits':
      return acceptsDigits(value, type.min, type.max);
    case 'email':
      return !type.checked || CHECKED_EMAIL.test(value);
    case 'location':
      return LOCATION.test(value);
    case 'command-name':
      return !value.startsWith('!');
    case 'log-source':
      // OS_StrIsNum refuses nothing but all-digit text (the empty string included).
      return !DIGITS.test(value);
    default:
      return true;
  }
}

/** strcasecmp's folding: ASCII letters only. */
function asciiLower(value: string): string {
  return value.replace(/[A-Z]/g, (c) => c.toLowerCase());
}

/** OS_StrIsNum, then atoi's value within the range; "" reads as 0 and leading zeros are allowed. */
function acceptsDigits(value: string, min: number | undefined, max: number | undefined): boolean {
  if (!DIGITS.test(value)) return false;
  if (min === undefined && max === undefined) return true;
  const significant = value.replace(/^0+/, '');
  // Longer than the maximum's digits: out of range whatever the digits are (no float rounding).
  if (max !== undefined && significant.length > String(max).length) return false;
  const n = significant === '' ? 0 : Number(significant);
  return n >= (min ?? 0) && (max === undefined || n <= max);
}
