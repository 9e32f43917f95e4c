/** TakenEdits (src/lint/fix.ts) answers as a walk with editsOverlap over the edits taken so far, in any order. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { editsOverlap, type TextEdit } from '../../src/document/edit.ts';
import { TakenEdits } from '../../src/lint/fix.ts';

const edit = fc.tuple(fc.nat({ max: 60 }), fc.nat({ max: 8 }), fc.boolean()).map(([start, length, empty]): TextEdit => ({ start, end: empty ? start : start + length, text: '' }));

test('TakenEdits: the same edits taken as a walk over every taken edit with editsOverlap', () => {
  fc.assert(
    fc.property(fc.array(edit, { maxLength: 80 }), (edits) => {
      const walked: TextEdit[] = [];
      const taken = new TakenEdits();
      for (const e of edits) {
        const expected = walked.some((c) => editsOverlap(c, e));
        assert.equal(taken.overlaps(e), expected, JSON.stringify({ e, walked }));
        if (!expected) {
          walked.push(e);
          taken.add(e);
        }
      }
    }),
    { numRuns: 2000 },
  );
});
