/**
 * The timeline's lines written as bytes (render-bytes.ts) are the UTF-8 of render.ts's strings, one
 * per line, in both formats: hostile values (controls, quotes, backslashes, bidirectional controls,
 * non-ASCII, lone surrogates), odd numbers and times, agent messages, failures, values longer than a
 * chunk.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { eventJson, eventLine, failJson, failLine } from '../../src/timeline/render.ts';
import { TimelineLines } from '../../src/timeline/render-bytes.ts';
import type { TimelineEvent } from '../../src/timeline/execd-state.ts';
import type { TimelineFailure } from '../../src/timeline/replay.ts';

const hostile = fc.constantFrom('a"b', 'back\\slash', '\u0007bell', 'tab\there', '\x1b[31mred', '\u007f', '\u0085', '\u202eevil', 'é', '日本', '\ud800', 'x\udc00y', '\ud83d\ude00', '\r\n', '');
const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 12 }), fc.string({ maxLength: 12 }), hostile, fc.constantFrom('firewall-drop', '000', 'all', '030', 'firewall-drop-45.1.2.3', '1714521600.0', '5712'));
const seconds = fc.oneof(fc.integer({ min: 1_600_000_000, max: 1_800_000_000 }), fc.integer({ min: -62_167_219_200, max: 253_402_300_799 }), fc.double({ min: -8.6e12, max: 8.6e12, noNaN: true }));
const count = fc.oneof(fc.nat(100_000), fc.constantFrom(0, -0, 1.5, -3, 2 ** 31 - 1, 2 ** 31, 1e21, Infinity));
const message = fc.option(
  fc.record({ agent: text, version: fc.option(text, { nil: null }), format: fc.constantFrom('json' as const, 'legacy' as const, null), message: fc.option(text, { nil: null }) }),
  { nil: undefined },
);
const event = fc
  .record({ time: seconds, host: text, action: fc.constantFrom('add' as const, 'abort' as const, 'delete' as const), command: text, name: text, key: text, alert: text, rule: text, timeout: count, offense: count, addedAt: fc.option(seconds, { nil: undefined }), message })
  .map((e): TimelineEvent => {
    const { addedAt, message: m, ...rest } = e;
    return { ...rest, ...(addedAt !== undefined ? { addedAt } : {}), ...(m !== undefined ? { message: m } : {}) };
  });
const failure = fc.record({ time: fc.integer({ min: 0, max: 4_102_444_800 }), host: text, command: text, name: text, alert: text, rule: text, reason: text });
const item = fc.oneof({ arbitrary: event.map((e) => ({ e })), weight: 4 }, { arbitrary: failure.map((f) => ({ f: f as TimelineFailure })), weight: 1 });

function written(format: 'text' | 'json', items: Array<{ e?: TimelineEvent; f?: TimelineFailure }>): Buffer {
  const lines = new TimelineLines(format);
  const chunks: Buffer[] = [];
  for (const { e, f } of items) {
    if (e) lines.event(e);
    else lines.fail(f!);
    if (lines.chunked) chunks.push(...lines.take());
  }
  chunks.push(...lines.take());
  assert.equal(lines.count, items.length);
  return Buffer.concat(chunks);
}

function expected(format: 'text' | 'json', items: Array<{ e?: TimelineEvent; f?: TimelineFailure }>): Buffer {
  const text = items.map(({ e, f }) => (e ? (format === 'json' ? eventJson(e) : eventLine(e)) : format === 'json' ? failJson(f!) : failLine(f!))).join('\n');
  return Buffer.from(items.length > 0 ? `${text}\n` : '');
}

for (const format of ['json', 'text'] as const) {
  test(`${format}: the bytes are those of the string functions, hostile values included`, () => {
    fc.assert(
      fc.property(fc.array(item, { maxLength: 30 }), (items) => {
        assert.deepEqual(written(format, items), expected(format, items));
      }),
      { numRuns: 3000, seed: 22 },
    );
  });

  test(`${format}: lines across chunks, and values longer than a chunk`, () => {
    const base: TimelineEvent = { time: 1714521600, host: '030', action: 'add', command: 'firewall-drop', name: 'firewall-drop600', key: 'firewall-drop-45.18.142.44', alert: '1714521600.0', rule: '5712', timeout: 600, offense: 0 };
    const items = Array.from({ length: 3000 }, (_, i) => ({ e: { ...base, time: base.time + i * 37, key: `${base.key}${i}` } }));
    items.splice(1000, 0, { e: { ...base, key: 'k'.repeat(200_000) } }, { e: { ...base, alert: '\u0001é'.repeat(40_000) } }, { e: { ...base, rule: '日'.repeat(30_000) } });
    const bytes = written(format, items);
    assert.ok(bytes.length > 5 * 65536);
    assert.deepEqual(bytes, expected(format, items));
  });
}

test('a lone surrogate is written as U+FFFD in text, escaped in JSON, as the string output was', () => {
  const e: TimelineEvent = { time: 0, host: '001', action: 'add', command: 'c', name: 'c0', key: 'k\ud800', alert: '\udc00', rule: '1', timeout: 0, offense: 0 };
  assert.equal(written('text', [{ e }]).toString('latin1'), Buffer.from('1970-01-01 00:00:00  agent 001   add     k\ufffd  c  no timeout: never undone  rule 1 alert \ufffd\n').toString('latin1'));
  assert.equal(written('json', [{ e }]).toString(), '{"time":"1970-01-01T00:00:00Z","host":"001","action":"add","command":"c","name":"c0","key":"k\\ud800","alert":"\\udc00","rule":"1","timeout":0,"offense":0}\n');
  // Control characters reach neither format raw.
  const bell: TimelineEvent = { ...e, key: '\x1b]0;title\x07', alert: 'a' };
  assert.match(written('text', [{ e: bell }]).toString(), /k?\\x1b\]0;title\\x07/);
  assert.match(written('json', [{ e: bell }]).toString(), /"key":"\\u001b\]0;title\\u0007"/);
});
