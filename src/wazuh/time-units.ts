/**
 * Durations with a unit, as Wazuh's w_parse_time reads them (src/shared/string_op.c): strtol, then the one
 * character after the number picks the unit, lowercase only (`s`, `m`, `h`, `d`, `w`; none = seconds).
 */

/** Seconds per unit letter of w_parse_time. */
export const TIME_UNIT_SECONDS: Readonly<Record<string, number>> = { s: 1, m: 60, h: 3600, d: 86400, w: 604800 };

/**
 * A whole number with an optional unit, in seconds (`30m` -> 1800), or undefined. Case rule: Wazuh's,
 * lowercase units only. Used where a person writes a duration: `arctl add --timeout` and
 * timeout-not-integer's guess of what a `<timeout>` (read with atoi, no units) meant.
 */
export function durationSeconds(text: string): number | undefined {
  const m = /^\s*(\d+)\s*([smhdw]?)\s*$/.exec(text);
  return m ? Number(m[1]) * TIME_UNIT_SECONDS[m[2] || 's']! : undefined;
}

/** strtol's LONG_MAX on a 64-bit Linux. */
const LONG_MAX = 2n ** 63n - 1n;

/**
 * w_parse_time itself: seconds, or -1 when Wazuh refuses the text. strtol skips leading white space and
 * takes a sign; only the character right after the digits is looked at (`10mx` is 600, `5 m` is refused);
 * no digits reads as 0 with the unit test on the text's first character (`` is 0, `m` is 0).
 */
export function parseWazuhTime(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]+)/.exec(text);
  const digits = m ? BigInt(m[2]!) : 0n;
  const value = m?.[1] === '-' ? -digits : digits;
  if (value < 0n || value >= LONG_MAX) return -1;
  const next = m ? text.charAt(m[0].length) : text.charAt(0);
  const factor = next === '' ? 1 : TIME_UNIT_SECONDS[next];
  if (factor === undefined) return -1;
  const seconds = value * BigInt(factor);
  // The C multiplication wraps past LONG_MAX; a wrapped (negative) result is refused like any negative.
  return seconds > LONG_MAX ? -1 : Number(seconds);
}
