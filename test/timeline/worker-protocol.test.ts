/**
 * Decisions cross from a timeline worker to the replaying thread as JSON text with the decisions
 * packed into one flat array (src/timeline/worker-protocol.ts): what arrives must be what was sent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { decodeMessage, encodeMessage, fromWorkerFailure, toWorkerFailure, type RangeMessage } from '../../src/timeline/worker-protocol.ts';
import { AlertSyntaxError } from '../../src/simulate/input.ts';
import type { Decision } from '../../src/timeline/decide.ts';

const text = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom('', '000', '-1', 'null', '[1]', 'a"b\\c', '\u0000', '\ud800', '45.18.142.44'));
const agentMessage = fc.record({
  agent: text,
  version: fc.option(text, { nil: null }),
  format: fc.constantFrom(null, 'json', 'legacy', 'json-escaped'),
  message: fc.option(text, { nil: null }),
}).map((m) => ({ ...m }));
const dispatch = fc.record(
  {
    response: fc.nat(40),
    host: text,
    keys: fc.option(fc.array(text, { maxLength: 3 }), { nil: null }),
    fail: text,
    noRun: fc.constant(true),
    message: agentMessage,
    note: text,
  },
  { requiredKeys: ['response', 'host', 'keys'] },
);
const decision = fc.record(
  {
    time: fc.oneof(fc.integer({ min: 0, max: 4_102_444_800 }), fc.double({ min: 0, max: 4_102_444_800, noNaN: true })),
    alertId: text,
    index: fc.nat(),
    ruleId: text,
    dispatches: fc.array(dispatch, { maxLength: 3 }),
  },
  { requiredKeys: ['time', 'index', 'ruleId', 'dispatches'] },
);

/** A decision as the replaying thread reads it: a field the worker left out is undefined. */
function normalized(d: Decision): Decision {
  return {
    time: d.time,
    alertId: d.alertId,
    index: d.index,
    ruleId: d.ruleId,
    dispatches: d.dispatches.map((x) => ({ response: x.response, host: x.host, keys: x.keys, fail: x.fail, noRun: x.noRun, message: x.message, note: x.note })),
  };
}

test('a batch of decisions crosses the thread boundary unchanged: every field, none added, in order', () => {
  fc.assert(
    fc.property(fc.array(decision as fc.Arbitrary<Decision>, { maxLength: 20 }), fc.nat(), (decisions, index) => {
      const sent: RangeMessage = { type: 'batch', index, notices: [{ line: 3, reason: 'r' }, { notUtf8: 5 }], batch: { decisions, untimed: 1, outsideWindow: 2, unparsed: 3, firstUntimed: { line: 4 } } };
      const received = decodeMessage(encodeMessage(sent));
      assert.equal(received.type, 'batch');
      if (received.type !== 'batch') return;
      assert.deepStrictEqual(received.batch.decisions, decisions.map(normalized));
      assert.deepStrictEqual({ ...received, batch: { ...received.batch, decisions: [] } }, { ...sent, batch: { ...sent.batch, decisions: [] } });
    }),
    { numRuns: 500, seed: 22 },
  );
});

test('messages other than batches cross as they are', () => {
  for (const sent of [
    { type: 'done', index: 2, notices: [{ textLog: true }, { notUtf8: 4 }], counts: { alerts: 5, lines: 9 } },
    { type: 'failed', index: 0, notices: [{ line: 1, reason: 'x' }], failure: { kind: 'syntax', line: 7, reason: 'not valid JSON', skippable: true } },
  ] as RangeMessage[]) {
    assert.deepStrictEqual(decodeMessage(encodeMessage(sent)), sent);
  }
});

test('a syntax error crosses the thread boundary with its column: the worker\'s line is moved by its range, the column kept', () => {
  const received = decodeMessage(encodeMessage({ type: 'failed', index: 0, notices: [], failure: toWorkerFailure(new AlertSyntaxError(7, 'not valid JSON (x)', true, 22)) } as RangeMessage));
  assert.equal(received.type, 'failed');
  if (received.type !== 'failed') return;
  const back = fromWorkerFailure(received.failure, 100);
  assert.ok(back instanceof AlertSyntaxError);
  assert.deepEqual([back.line, back.column, back.reason, back.skippable], [107, 22, 'not valid JSON (x)', true]);
  const without = fromWorkerFailure(toWorkerFailure(new AlertSyntaxError(3, 'r', false)));
  assert.deepEqual([(without as AlertSyntaxError).line, (without as AlertSyntaxError).column], [3, undefined]);
});
