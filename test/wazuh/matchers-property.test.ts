import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { osRegexMatch } from '../../src/wazuh/os-regex.ts';
import { osMatch } from '../../src/wazuh/os-match.ts';

// Literal patterns (no escapes, no modifiers): OS_Regex and OSMatch must then behave like a
// case-insensitive search with optional anchors, whatever the backtracking machinery does.
const alphabet = fc.constantFrom('a', 'b', 'A', 'B', ',', '.', '-', '1');
const literal = fc.string({ unit: alphabet, minLength: 1, maxLength: 5 });
const subject = fc.string({ unit: alphabet, maxLength: 12 });
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&');

function reference(alternatives: Array<{ text: string; begin: boolean; end: boolean }>, s: string): boolean {
  return alternatives.some((a) => new RegExp(`${a.begin ? '^' : ''}${escape(a.text)}${a.end ? '$' : ''}`, 'i').test(s));
}

const alternatives = fc.array(fc.record({ text: literal, begin: fc.boolean(), end: fc.boolean() }), { minLength: 1, maxLength: 3 });
const render = (alts: Array<{ text: string; begin: boolean; end: boolean }>) =>
  alts.map((a) => `${a.begin ? '^' : ''}${a.text}${a.end ? '$' : ''}`).join('|');

test('OS_Regex on literal alternatives is an anchored case-insensitive search', () => {
  fc.assert(
    fc.property(alternatives, subject, (alts, s) => {
      assert.equal(osRegexMatch(render(alts), s), s.length > 0 && reference(alts, s));
    }),
    { numRuns: 1000 },
  );
});

test('OSMatch on literal alternatives is an anchored case-insensitive search', () => {
  fc.assert(
    fc.property(alternatives, subject, (alts, s) => {
      assert.equal(osMatch(render(alts), s), reference(alts, s));
    }),
    { numRuns: 1000 },
  );
});

test('OS_Regex single classes behave like their character sets', () => {
  const classes: Record<string, RegExp> = {
    '\\d': /[0-9]/,
    // regexmap row 2 marks '@' next to A-Z (os_regex_maps.c); \W is its complement.
    '\\w': /[A-Za-z0-9_@-]/,
    '\\s': / /,
    '\\S': /[^ ]/,
    '\\D': /[^0-9]/,
    '\\W': /[^A-Za-z0-9_@-]/,
    '\\p': /[!"#$%&'()*+,\-.:;<=>?[\]{|}]/,
  };
  const chars = fc.string({ unit: fc.constantFrom('a', 'Z', '0', '9', ' ', '\t', '-', '_', '.', '@', '|', '~', '/'), minLength: 1, maxLength: 8 });
  fc.assert(
    fc.property(fc.constantFrom(...Object.keys(classes)), chars, (cls, s) => {
      assert.equal(osRegexMatch(cls, s), classes[cls]!.test(s), `${cls} on ${JSON.stringify(s)}`);
    }),
    { numRuns: 1000 },
  );
});
