/**
 * prettyJson (src/util/pretty-json.ts): JSON.stringify(value, null, 2) to the byte for data no deeper than
 * PRETTY_DEPTH, and a deeper value written on one line from that depth on: output that grows with the data,
 * not with its depth squared.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { prettyJson, PRETTY_DEPTH } from '../../src/util/pretty-json.ts';

const leaf = fc.oneof(fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant(undefined));
const tree = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, leaf, tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string(), tie('value'), { maxKeys: 4 }),
}));
/** An object or an array at the top, as simulate prints. */
const data = fc.oneof(tree.array, tree.object) as fc.Arbitrary<object>;

test('data no deeper than PRETTY_DEPTH prints exactly as JSON.stringify(value, null, 2)', () => {
  fc.assert(fc.property(data, (value) => prettyJson(value) === JSON.stringify(value, null, 2)), { numRuns: 2000 });
  const nested = (depth: number): unknown => (depth === 0 ? { leaf: [1, 'x', null, undefined] } : { [`k${depth}`]: [nested(depth - 1)] });
  const atLimit = nested(PRETTY_DEPTH / 2 - 1) as object;
  assert.equal(prettyJson(atLimit), JSON.stringify(atLimit, null, 2));
  assert.equal(prettyJson({ when: new Date(0), skipped: undefined, f: () => 1 }), JSON.stringify({ when: new Date(0), skipped: undefined, f: () => 1 }, null, 2));
});

test('a value nested 998 deep prints the same data in size linear in it, indented to PRETTY_DEPTH', () => {
  let deep: unknown = 'bottom';
  for (let i = 0; i < 998; i++) deep = i % 2 ? [deep, i] : { key: deep, n: i };
  const text = prettyJson({ alert: deep });
  assert.deepEqual(JSON.parse(text), JSON.parse(JSON.stringify({ alert: deep })));
  const compact = JSON.stringify({ alert: deep }).length;
  // JSON.stringify(.., null, 2) writes megabytes here (two spaces a level on every line).
  assert.ok(JSON.stringify({ alert: deep }, null, 2).length > 50 * compact);
  assert.ok(text.length < compact + 10_000, `${text.length} bytes for ${compact}`);
  const indents = text.split('\n').map((l) => l.length - l.trimStart().length);
  assert.equal(Math.max(...indents), 2 * PRETTY_DEPTH);
});
