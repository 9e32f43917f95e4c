import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { firstIndexAtLeast, lastIndexAtMost, partitionPoint } from '../../src/util/sorted.ts';

const ascending = fc.array(fc.integer({ min: -20, max: 20 }), { maxLength: 40 }).map((a) => a.sort((x, y) => x - y));

test('partitionPoint finds where a prefix predicate turns false, as a linear scan does (empty, all true, all false, ties)', () => {
  fc.assert(
    fc.property(ascending, fc.integer({ min: -25, max: 25 }), (sorted, value) => {
      const scan = (before: (i: number) => boolean) => {
        let i = 0;
        while (i < sorted.length && before(i)) i++;
        return i;
      };
      assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! < value), scan((i) => sorted[i]! < value));
      assert.equal(partitionPoint(sorted.length, (i) => sorted[i]! <= value), scan((i) => sorted[i]! <= value));
      assert.equal(firstIndexAtLeast(sorted, value), scan((i) => sorted[i]! < value));
      const atMost = scan((i) => sorted[i]! <= value) - 1;
      assert.equal(lastIndexAtMost(sorted, value), Math.max(atMost, 0));
    }),
    { seed: 20, numRuns: 500 },
  );
});

test('partitionPoint asks only about indexes inside [0, length)', () => {
  const asked: number[] = [];
  assert.equal(partitionPoint(5, (i) => (asked.push(i), true)), 5);
  assert.equal(partitionPoint(0, () => assert.fail('asked on an empty range')), 0);
  assert.ok(asked.every((i) => i >= 0 && i < 5), asked.join(','));
});
