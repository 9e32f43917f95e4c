import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { applyPatch, createTwoFilesPatch, formatPatch, FILE_HEADERS_ONLY } from 'diff';
import { anchoredPatch, unifiedDiff } from '../../src/util/unified-diff.ts';

const line = fc.constantFrom('<a>', '</a>', '  <b>1</b>', '  <b>2</b>', 'x', '', '  <c/>');
const text = fc.tuple(fc.array(line, { maxLength: 30 }), fc.boolean()).map(([lines, eol]) => lines.join('\n') + (eol && lines.length ? '\n' : ''));

test('the anchored diff is a patch that turns the old text into the new one', () => {
  fc.assert(
    fc.property(text, text, fc.integer({ min: 0, max: 4 }), (before, after, context) => {
      const patch = formatPatch(anchoredPatch('a/f', 'b/f', before, after, context), FILE_HEADERS_ONLY);
      assert.equal(applyPatch(before, patch), after, patch);
    }),
    { numRuns: 2000 },
  );
});

test('small changes keep the minimal (Myers) diff, byte for byte as before', () => {
  fc.assert(
    fc.property(text, text, (before, after) => {
      const expected = createTwoFilesPatch('a/f', 'b/f', before, after, undefined, undefined, { context: 3 }).replace(/^={10,}\n/, '');
      assert.equal(unifiedDiff('f', Buffer.from(before), Buffer.from(after)), expected);
    }),
    { numRuns: 500 },
  );
});

test('a large file with thousands of changed lines gets a correct diff (the anchored one)', () => {
  const blocks = (loc: string) => Array.from({ length: 6000 }, (_, i) => `  <active-response>\n    <location>${loc}</location>\n    <rules_id>${i}</rules_id>\n  </active-response>\n`).join('');
  const before = blocks('defined_agent');
  const after = blocks('defined-agent');
  const patch = unifiedDiff('ossec.conf', Buffer.from(before), Buffer.from(after));
  assert.equal(applyPatch(before, patch), after);
  assert.equal(patch.split('\n').filter((l) => l.startsWith('-    <location>')).length, 6000);
  // Changes 3 lines apart share one hunk, as with git's 3 lines of context.
  assert.equal(patch.split('\n').filter((l) => l.startsWith('@@')).length, 1);
});
