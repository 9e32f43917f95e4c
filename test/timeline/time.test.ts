/** Alert timestamps: the calendar arithmetic equals the Date-based reading it replaced, edges included. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { parseAlertTime } from '../../src/timeline/time.ts';

/** The reading through Date (years from 1970; impossible dates, rolled over by Date.UTC, refused), in seconds. */
function dateReading(year: number, month: number, day: number, hours: number, minutes: number, seconds: number, ms: number): number | undefined {
  if (year < 1970 || month < 1 || month > 12 || day < 1 || hours > 23 || minutes > 59 || seconds > 60) return undefined;
  const date = new Date(Date.UTC(2000, month - 1, day, hours, minutes, seconds));
  date.setUTCFullYear(year);
  if (date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return (date.getTime() + Number(`0.${String(ms).padStart(3, '0')}`) * 1000) / 1000;
}

const two = (n: number) => String(n).padStart(2, '0');

test('parseAlertTime reads every date and time of the alerts.json shape as Date does, and refuses the impossible ones', () => {
  const fields = fc.tuple(
    fc.oneof(fc.integer({ min: 1965, max: 2500 }), fc.integer({ min: 1000, max: 9999 }), fc.constantFrom(1900, 2000, 2100, 2400, 1969, 1970)),
    fc.integer({ min: 0, max: 13 }),
    fc.integer({ min: 0, max: 32 }),
    fc.integer({ min: 0, max: 24 }),
    fc.integer({ min: 0, max: 60 }),
    fc.integer({ min: 0, max: 61 }),
    fc.nat(999),
  );
  fc.assert(
    fc.property(fields, ([year, month, day, hours, minutes, seconds, ms]) => {
      const date = `${year}-${two(month)}-${two(day)}`;
      const time = `${two(hours)}:${two(minutes)}:${two(seconds)}`;
      const expected = dateReading(year, month, day, hours, minutes, seconds, ms);
      // The alerts.json shape (fast path) and other spellings (general path).
      assert.equal(parseAlertTime(`${date}T${time}.${String(ms).padStart(3, '0')}+0000`), expected, `${date}T${time}`);
      assert.equal(parseAlertTime(`${date} ${time}.${String(ms).padStart(3, '0')}Z`), expected, `${date} ${time}`);
    }),
    { numRuns: 20000, seed: 22 },
  );
  // Each month's last days in common, leap and century years; second 60 on the last minute of a day.
  for (const year of [1970, 2023, 2024, 2100, 2000]) {
    for (let month = 1; month <= 12; month++) {
      for (const day of [28, 29, 30, 31]) {
        for (const time of ['00:00:00', '23:59:59', '23:59:60', '12:59:60']) {
          const [h, m, s] = time.split(':').map(Number) as [number, number, number];
          const text = `${year}-${two(month)}-${two(day)}T${time}.571+0000`;
          assert.equal(parseAlertTime(text), dateReading(year, month, day, h, m, s, 571), text);
        }
      }
    }
  }
});
