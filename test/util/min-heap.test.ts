import { test } from 'node:test';
import assert from 'node:assert/strict';
import { MinHeap } from '../../src/util/min-heap.ts';

/** A small deterministic generator, so a failure can be replayed. */
function numbers(seed: number): () => number {
  let x = seed;
  return () => {
    x = (x * 1103515245 + 12345) % 2147483648;
    return x;
  };
}

test('pops in the order of less, ties in push order when less breaks them, across interleaved pushes and pops', () => {
  for (let seed = 1; seed <= 50; seed++) {
    const next = numbers(seed);
    // Few distinct times, so equal times are common: seq breaks the ties as the timeline's queues do.
    const heap = new MinHeap<{ at: number; seq: number }>((a, b) => a.at < b.at || (a.at === b.at && a.seq < b.seq));
    const model: Array<{ at: number; seq: number }> = [];
    let seq = 0;
    for (let step = 0; step < 400; step++) {
      if (next() % 3 !== 0 || model.length === 0) {
        const item = { at: next() % 20, seq: seq++ };
        heap.push(item);
        model.push(item);
      } else {
        model.sort((a, b) => a.at - b.at || a.seq - b.seq);
        assert.equal(heap.pop(), model.shift(), `seed ${seed}, step ${step}`);
      }
      assert.equal(heap.size, model.length);
      assert.equal(heap.peek(), model.length ? [...model].sort((a, b) => a.at - b.at || a.seq - b.seq)[0] : undefined);
    }
    model.sort((a, b) => a.at - b.at || a.seq - b.seq);
    for (const expected of model) assert.equal(heap.pop(), expected);
    assert.equal(heap.pop(), undefined);
    assert.equal(heap.size, 0);
  }
});
