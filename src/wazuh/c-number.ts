/** The C number readers Wazuh's config code relies on, with their exact edge cases. */
import { codeAt } from '../util/char-code.ts';

const LONG_MAX = (1n << 63n) - 1n;
const LONG_MIN = -(1n << 63n);

/**
 * C atoi() as glibc implements it (strtol, then a cast to int): optional leading white space, an
 * optional sign, then digits; anything else ends the number ("2a" -> 2, "abc" -> 0). Out-of-range values
 * saturate at LONG_MIN/LONG_MAX and then keep their low 32 bits ("99999999999999999999" -> -1).
 */
export function atoi(text: string): number {
  // Read with character codes: the simulation reads every alert's rule id and level this way.
  let i = 0;
  let c = codeAt(text, 0);
  while (c === 0x20 || (c >= 0x09 && c <= 0x0d)) c = codeAt(text, ++i);
  const negative = c === 0x2d;
  if (c === 0x2d || c === 0x2b) c = codeAt(text, ++i);
  const start = i;
  let small = 0;
  while (c >= 0x30 && c <= 0x39) {
    small = small * 10 + (c - 0x30);
    c = codeAt(text, ++i);
  }
  const digits = i - start;
  if (digits === 0) return 0;
  // Up to 15 digits the double is exact and far from long's limits: ToInt32 keeps the low 32 bits.
  if (digits <= 15) return (negative ? -small : small) | 0;
  let value = 0n;
  for (let k = start; k < i; k++) {
    value = value * 10n + BigInt(text.charCodeAt(k) - 0x30);
    if (value > LONG_MAX + 1n) break;
  }
  if (negative) value = -value;
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return Number(BigInt.asIntN(32, value));
}

/** OS_StrIsNum: every character an ASCII digit. The empty string passes (Wazuh then reads 0). */
export function isStrNum(text: string): boolean {
  return /^[0-9]*$/.test(text);
}

/** glibc strtol with base 10 (64-bit long): leading space, sign, digits; saturates; `rest` is what follows (all of it without digits). */
export function strtol(text: string): { value: bigint; rest: string } {
  const m = /^([ \t\n\v\f\r]*)([+-]?)([0-9]+)/.exec(text);
  if (!m) return { value: 0n, rest: text };
  let value = BigInt(m[3]!);
  if (m[2] === '-') value = -value;
  if (value > LONG_MAX) value = LONG_MAX;
  if (value < LONG_MIN) value = LONG_MIN;
  return { value, rest: text.slice(m[0].length) };
}

/** `(u_int8_t) atoi(text)`: how Read_Alerts and a few global options store their number. */
export function atoiU8(text: string): number {
  return atoi(text) & 0xff;
}

/** What strtoul and strtol with base 0 read: leading white space, a sign, then 0x hex, 0 octal or decimal digits (none: end 0). */
function readBase0(text: string): { negative: boolean; magnitude: bigint; end: number } {
  const m = /^[ \t\n\v\f\r]*([+-]?)(0[xX](?=[0-9a-fA-F])[0-9a-fA-F]*|0[0-7]*|[1-9][0-9]*)?/.exec(text)!;
  if (m[2] === undefined) return { negative: false, magnitude: 0n, end: 0 };
  const digits = m[2];
  const base = /^0[xX]/.test(digits) ? 16 : digits.startsWith('0') ? 8 : 10;
  let n = 0n;
  for (const c of base === 16 ? digits.slice(2) : digits) n = n * BigInt(base) + BigInt(parseInt(c, base));
  return { negative: m[1] === '-', magnitude: n, end: m[0].length };
}

/** C strtoul with base 0 (leading white space, a sign, 0x or 0 prefix), reduced to `bits` bits: the value and where the number ends. */
export function strtoul(text: string, bits: 32): { value: number; end: number } {
  const { negative, magnitude, end } = readBase0(text);
  const ULONG_MAX = (1n << 64n) - 1n;
  let n = magnitude;
  // Out of range, glibc returns ULONG_MAX whatever the sign; else a '-' negates in unsigned arithmetic.
  if (n > ULONG_MAX) n = ULONG_MAX;
  else if (negative) n = (ULONG_MAX + 1n - n) & ULONG_MAX;
  return { value: Number(BigInt.asUintN(bits, n)), end };
}

/** C strtol with base 0 (64-bit long, saturating), stored in an int: the value and where the number ends. */
export function strtolToInt(text: string): { value: number; end: number } {
  const { negative, magnitude, end } = readBase0(text);
  let n = negative ? -magnitude : magnitude;
  if (n > LONG_MAX) n = LONG_MAX;
  if (n < LONG_MIN) n = LONG_MIN;
  return { value: Number(BigInt.asIntN(32, n)), end };
}

/**
 * w_parse_size (src/shared/string_op.c:772-806 at v4.14.7): sscanf "%zd%c", then a unit G, M, K or B (either case),
 * or nothing; -1 when sscanf reads no number, the character after it is another one, or the size is negative. A size
 * whose multiplication leaves 64 bits is returned as it is (undefined in C: not judged).
 */
export function wParseSize(text: string): bigint {
  const m = /^[ \t\n\v\f\r]*[+-]?[0-9]+/.exec(text);
  if (!m) return -1n;
  const { value } = strtol(m[0]);
  const unit = text.charAt(m[0].length);
  const factor = unit === '' ? 1n : ({ g: 1073741824n, m: 1048576n, k: 1024n, b: 1n } as Record<string, bigint>)[unit.toLowerCase()];
  if (factor === undefined) return -1n;
  const size = value * factor;
  return size >= 0n ? size : -1n;
}
