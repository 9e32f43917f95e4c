/**
 * ConfigDocument.position on long lines counts from checkpoints (a hostile one-line file with thousands of
 * findings cost the line's length per finding): every offset must still give the column of decoding the
 * line from its start, whatever the bytes (multi-byte characters cut by a checkpoint, stray continuation
 * bytes, byte order marks in the middle, invalid sequences).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigDocument } from '../../src/document/document.ts';

const utf8 = new TextDecoder('utf-8');
const pieces = fc.oneof(
  { weight: 1, arbitrary: fc.constant([0x0a]) },
  { weight: 2000, arbitrary: fc.constantFrom([0x61], [0x3c], [0xc3, 0xa9], [0xe2, 0x80, 0xae], [0xf0, 0x9f, 0x98, 0x80], [0xef, 0xbb, 0xbf], [0x80], [0xbf], [0xc3], [0xe2, 0x80], [0xf0, 0x9f], [0xff], [0xe0, 0x80], [0xed, 0xa0, 0x80]) },
);

test('position: the column of decoding the line from its start, at every offset of long lines of any bytes', () => {
  fc.assert(
    fc.property(fc.array(pieces, { minLength: 1500, maxLength: 6000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 200 }), (parts, picks) => {
      const bytes = Buffer.from(parts.flat());
      const doc = new ConfigDocument('x.conf', bytes);
      const starts = doc.lineStarts;
      // Each offset against the plain count, in any order (checkpoints are kept between calls).
      for (const pick of [...picks, bytes.length]) {
        const offset = pick % (bytes.length + 1);
        let line = 0;
        while (line + 1 < starts.length && starts[line + 1]! <= offset) line++;
        const expected = { line: line + 1, column: utf8.decode(bytes.subarray(starts[line], offset)).length + 1 };
        assert.deepEqual(doc.position(offset), expected, `offset ${offset}`);
      }
    }),
    { numRuns: 150, endOnFailure: true },
  );
});
