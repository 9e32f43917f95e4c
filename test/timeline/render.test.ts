/** The hand-built output text of the timeline equals what the general functions would write. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { eventJson, formatTime } from '../../src/timeline/render.ts';
import { parseAlertTime } from '../../src/timeline/time.ts';
import type { TimelineEvent } from '../../src/timeline/execd-state.ts';

const seconds = fc.oneof(fc.integer({ min: 0, max: 4_102_444_800 }), fc.double({ min: -62_000_000_000, max: 300_000_000_000, noNaN: true }));
const text = fc.oneof(fc.string(), fc.constantFrom('firewall-drop', '000', 'firewall-drop-45.1.2.3', 'a"b', 'back\\slash', '\u0007', '\ud800', 'é'));

test('eventJson is JSON.stringify of the event fields, in contract order', () => {
  fc.assert(
    fc.property(seconds, text, text, text, text, text, text, fc.constantFrom('add', 'abort', 'delete'), fc.nat(100000), fc.nat(50), (time, host, command, name, key, alert, rule, action, timeout, offense) => {
      const e = { time, host, command, name, key, alert, rule, action, timeout, offense } as TimelineEvent;
      const iso = new Date(Math.floor(time) * 1000).toISOString().replace('.000Z', 'Z');
      const expected = JSON.stringify({ time: iso, host, action, command, name, key, alert, rule, timeout, offense });
      assert.equal(eventJson(e), expected);
      assert.deepEqual(JSON.parse(eventJson(e)), JSON.parse(expected));
    }),
    { numRuns: 2000, seed: 4 },
  );
});

test('formatTime is toISOString without T and milliseconds, across days and years', () => {
  fc.assert(
    fc.property(seconds, (time) => {
      assert.equal(formatTime(time), new Date(Math.floor(time) * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ''));
    }),
    { numRuns: 3000, seed: 8 },
  );
});

test("parseAlertTime's fast path for alerts.json timestamps equals the general reading", () => {
  const general = (t: string) => parseAlertTime(` ${t}`); // a leading space skips the fast path
  fc.assert(
    fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0)), noInvalidDate: true }), fc.nat(999), (date, ms) => {
      const t = `${date.toISOString().slice(0, 19)}.${String(ms).padStart(3, '0')}+0000`;
      assert.equal(parseAlertTime(t), general(t));
    }),
    { numRuns: 3000, seed: 12 },
  );
  // Runs of one day, as alerts.json holds them: the fast path's cached day, every millisecond value.
  fc.assert(
    fc.property(fc.date({ min: new Date(0), max: new Date(Date.UTC(2200, 0)), noInvalidDate: true }), fc.array(fc.tuple(fc.nat(86399), fc.nat(999)), { minLength: 1, maxLength: 20 }), (date, moments) => {
      const day = date.toISOString().slice(0, 10);
      for (const [second, ms] of moments) {
        const time = new Date(Date.parse(`${day}T00:00:00Z`) + second * 1000).toISOString().slice(10, 19);
        const t = `${day}${time}.${String(ms).padStart(3, '0')}+0000`;
        assert.equal(parseAlertTime(t), general(t), t);
      }
    }),
    { numRuns: 500, seed: 12 },
  );
  for (let ms = 0; ms < 1000; ms++) {
    const t = `2024-05-01T12:31:26.${String(ms).padStart(3, '0')}+0000`;
    assert.equal(parseAlertTime(t), general(t), t);
  }
  for (const t of ['2024-13-45T25:61:61.999+0000', '2024-02-30T00:00:00.000+0000', '2024-05-01T00:00:00.000+0100', '2024-05-01T00:00:00.00+0000', '2024-05-01X00:00:00.000+0000']) {
    assert.equal(parseAlertTime(t), general(t), t);
  }
});
