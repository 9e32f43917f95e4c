import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { catchAllOsRegexAlternatives, osRegexMatch } from '../../src/wazuh/os-regex.ts';
import { catchAllOsMatchAlternatives, osMatch } from '../../src/wazuh/os-match.ts';

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

// The catch-all alternatives lint reports (an empty one, `^` alone; `$` alone for OSMatch) must be
// exactly those that make the ported matchers (checked against v4.14.7's os_regex) match any subject.
const piece = fc.constantFrom('', '^', '$', 'sshd,', 'web', '^web', 'web$', '!x', '\\w+');
const pattern = fc.array(piece, { minLength: 1, maxLength: 4 }).map((p) => p.join('|'));
const anySubject = fc.string({ maxLength: 12 }).map((s) => `x${s}`);

test('catch-all alternatives: OS_Regex with one matches every non-empty subject', () => {
  fc.assert(
    fc.property(pattern, anySubject, (p, s) => {
      if (catchAllOsRegexAlternatives(p).length > 0) assert.ok(osRegexMatch(p, s), `${p} against ${s}`);
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(catchAllOsRegexAlternatives('web|attack|'), ['']);
  assert.deepEqual(catchAllOsRegexAlternatives('a|^'), ['^']);
  assert.deepEqual(catchAllOsRegexAlternatives('a|$'), [], "'$' alone only matches the empty subject");
  assert.equal(osRegexMatch('a|$', 'syslog,'), false);
  assert.deepEqual(catchAllOsRegexAlternatives('a\\|'), [], 'an escaped | does not split');
  assert.deepEqual(catchAllOsRegexAlternatives('web|(a|'), [], 'a pattern Wazuh refuses (parenthesis around |) matches nothing');
  assert.equal(osRegexMatch('web|(a|', 'syslog,'), false);
});

test('catch-all alternatives: OSMatch with one matches every subject; a negated pattern none', () => {
  fc.assert(
    fc.property(pattern, anySubject, (p, s) => {
      if (catchAllOsMatchAlternatives(p).length > 0) assert.ok(osMatch(p, s), `${p} against ${s}`);
      if (p.startsWith('!')) assert.deepEqual(catchAllOsMatchAlternatives(p), []);
    }),
    { numRuns: 2000 },
  );
  assert.deepEqual(catchAllOsMatchAlternatives('sshd,|'), ['']);
  assert.deepEqual(catchAllOsMatchAlternatives('a|^|$'), ['^', '$']);
  assert.deepEqual(catchAllOsMatchAlternatives('^$'), [], "'^$' matches only the empty subject");
  assert.equal(osMatch('!sshd,|', 'syslog,'), false);
});
