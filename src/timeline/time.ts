/** Alert timestamps as the timeline reads them. */

/** Wazuh alert timestamps: `2021-05-09T12:31:26.123+0000` (also `Z` or `+00:00`). Seconds since the epoch. */
export function parseAlertTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const fast = parseWazuhTimestamp(text);
  if (fast !== undefined) return fast;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  let ms = utcMs(+m[1], +m[2], +m[3], +m[4], +m[5], +m[6]);
  if (ms === undefined) return undefined;
  if (m[7]) ms += Number(`0.${m[7]}`) * 1000;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) return undefined;
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * Milliseconds since the epoch of a calendar date and time, or undefined when no such moment exists.
 * Date.UTC would roll month 13 into the next year, 30 February into March and years 0-99 into
 * 1900-1999; an impossible timestamp is unreadable (the timeline skips and counts it), not another time.
 */
function utcMs(year: number, month: number, day: number, hours: number, minutes: number, seconds: number): number | undefined {
  // Second 60 counts as the next minute's 0, as Date.UTC counts it; at 23:59 that is another day: no such moment.
  if (hours > 23 || minutes > 59 || seconds > 60 || (seconds === 60 && minutes === 59 && hours === 23)) return undefined;
  const days = epochDays(year, month, day);
  return days === undefined ? undefined : days * 86_400_000 + ((hours * 60 + minutes) * 60 + seconds) * 1000;
}

/**
 * Days from 1970-01-01 to a date of the proleptic Gregorian calendar (what Date.UTC counts), or
 * undefined for no such date; arithmetic only (H. Hinnant's days_from_civil), no Date object.
 */
function epochDays(year: number, month: number, day: number): number | undefined {
  // Wazuh stamps alerts with the current time: nothing before the epoch is a real alert time.
  if (year < 1970 || month < 1 || month > 12 || day < 1 || day > monthDays(year, month)) return undefined;
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  return era * 146_097 + yearOfEra * 365 + Math.floor(yearOfEra / 4) - Math.floor(yearOfEra / 100) + dayOfYear - 719_468;
}

function monthDays(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}

/**
 * The exact shape alerts.json writes, `2024-05-01T12:31:26.123+0000`, read without a regular
 * expression; the same arithmetic as the general path. Anything else: undefined, and the general
 * path decides. Every alert takes the same steps (no per-day cache to refill when the day changes):
 * a branch first taken after the function was optimized costs a deoptimization and a new compile.
 * One loop reads every character: each charCodeAt in the source is a string-representation dispatch
 * that TurboFan compiles again, and twenty of them made this small function a large compile.
 */
function parseWazuhTimestamp(text: string): number | undefined {
  if (text.length !== WAZUH_TIMESTAMP.length) return undefined;
  let field = 0;
  let value = 0;
  for (let i = 0; i < WAZUH_TIMESTAMP.length; i++) {
    const expected = WAZUH_TIMESTAMP.charCodeAt(i);
    const c = text.charCodeAt(i);
    if (expected === ANY_DIGIT) {
      if (c - 0x30 >>> 0 >= 10) return undefined;
      value = value * 10 + (c - 0x30);
    } else {
      if (c !== expected) return undefined;
      // The separator after each number (the zeros of +0000 are not digits of a number).
      if (field < FIELDS.length) {
        FIELDS[field++] = value;
        value = 0;
      }
    }
  }
  const ms = utcMs(FIELDS[0]!, FIELDS[1]!, FIELDS[2]!, FIELDS[3]!, FIELDS[4]!, FIELDS[5]!);
  if (ms === undefined) return undefined;
  const exact = ms + fractionMs(FIELDS[6]!);
  return Number.isFinite(exact) ? exact / 1000 : undefined;
}
/** Year, month, day, hours, minutes, seconds, milliseconds of the timestamp parseWazuhTimestamp reads. */
const FIELDS = new Int32Array(7);

/**
 * `Number('0.' + the three digits) * 1000` for milliseconds 0-999, the general path's arithmetic
 * (not always an integer: 0.571 * 1000 is 570.9999999999999), kept in a table instead of a string per alert.
 */
function fractionMs(milliseconds: number): number {
  return (FRACTION_MS[milliseconds] ??= Number(`0.${String(milliseconds).padStart(3, '0')}`) * 1000);
}
const FRACTION_MS: Array<number | undefined> = [];
/** The fast path's shape: `d` is any digit, everything else itself. */
const WAZUH_TIMESTAMP = 'dddd-dd-ddTdd:dd:dd.ddd+0000';
const ANY_DIGIT = 0x64;
