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
  // Wazuh stamps alerts with the current time: nothing before the epoch is a real alert time.
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hours, minutes, seconds));
  date.setUTCFullYear(year);
  // setUTCFullYear keeps month and day; a day past the month's end (or 29 February of a common year) moves.
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return date.getTime();
}

// No timestamp the fast path reads starts with NUL: the first one always fills the cache.
let cachedDate = '\0';
let cachedDateMs = 0;

const digitAt = (text: string, i: number) => text.charCodeAt(i) - 0x30;
const isDigitAt = (text: string, i: number) => text.charCodeAt(i) - 0x30 >>> 0 < 10;

/**
 * The exact shape alerts.json writes, `2024-05-01T12:31:26.123+0000`, read without a regular
 * expression and with the date's milliseconds cached (consecutive alerts share the day); the same
 * arithmetic as the general path. Anything else: undefined, and the general path decides.
 */
function parseWazuhTimestamp(text: string): number | undefined {
  if (text.length !== 28 || !text.endsWith('+0000') || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.') return undefined;
  for (const i of TIMESTAMP_DIGITS) if (!isDigitAt(text, i)) return undefined;
  // startsWith: no new string per alert while the day is the cached one.
  if (!text.startsWith(cachedDate)) {
    const date = text.slice(0, 10);
    const day = utcMs(+date.slice(0, 4), +date.slice(5, 7), +date.slice(8, 10), 0, 0, 0);
    if (day === undefined) return undefined;
    cachedDateMs = day;
    cachedDate = date;
  }
  const hours = digitAt(text, 11) * 10 + digitAt(text, 12);
  const minutes = digitAt(text, 14) * 10 + digitAt(text, 15);
  const seconds = digitAt(text, 17) * 10 + digitAt(text, 18);
  if (hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const ms = cachedDateMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + fractionMs(digitAt(text, 20) * 100 + digitAt(text, 21) * 10 + digitAt(text, 22));
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

/**
 * `Number('0.' + the three digits) * 1000` for milliseconds 0-999, the general path's arithmetic
 * (not always an integer: 0.571 * 1000 is 570.9999999999999), kept in a table instead of a string per alert.
 */
function fractionMs(milliseconds: number): number {
  return (FRACTION_MS[milliseconds] ??= Number(`0.${String(milliseconds).padStart(3, '0')}`) * 1000);
}
const FRACTION_MS: Array<number | undefined> = [];
const TIMESTAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];
