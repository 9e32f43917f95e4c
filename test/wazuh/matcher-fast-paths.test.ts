/**
 * OS_Regex and OSMatch answer yes/no for long subjects without walking every alternative over every byte
 * (src/wazuh/literal-set.ts). These properties hold the fast answers to the walk Wazuh's code does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cBytes, compileOsRegex, transientCBytes } from '../../src/wazuh/os-regex.ts';
import { compileOsMatch } from '../../src/wazuh/os-match.ts';
import { LiteralSet } from '../../src/wazuh/literal-set.ts';
import { requirementsOf, SubjectSummary } from '../../src/wazuh/os-regex-requirements.ts';
import type { ManagerArch } from '../../src/wazuh/arch.ts';

// Few letters, so that long subjects hold many near matches; 'é' is a byte >= 0x80 (dead on x86_64).
const letter = fc.constantFrom('a', 'b', 'A', 'B', 'é', ',', '+');
const word = fc.string({ unit: letter, minLength: 1, maxLength: 6 });
const subject = fc.string({ unit: letter, minLength: 0, maxLength: 400 });
const anchors = fc.constantFrom('', '^', '$', '^$');
const alternative = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(anchors, word).map(([a, w]) => (a === '^$' ? `^${w}$` : a === '^' ? `^${w}` : a === '$' ? `${w}$` : w)) },
  { weight: 1, arbitrary: fc.constantFrom('\\w+', 'a\\d*b', '(ab)', '\\.', 'b\\s+') },
);
const pattern = fc.array(alternative, { minLength: 1, maxLength: 120 }).map((alts) => alts.join('|'));
const arch = fc.constantFrom<ManagerArch>('x86_64', 'aarch64');

test('OS_Regex: the yes/no answer equals the full walk of every alternative, long subjects included', () => {
  fc.assert(
    fc.property(pattern, subject, arch, (p, s, a) => {
      const regex = compileOsRegex(p, { arch: a });
      if (!regex) return;
      assert.equal(regex.test(s), regex.exec(s).matched, `${JSON.stringify(p)} on ${JSON.stringify(s)} (${a})`);
    }),
    { numRuns: 400 },
  );
});

/** OSMatch as os_match_execute.c walks it: each alternative in turn, byte by byte. */
function osMatchWalk(p: string, s: string, a: ManagerArch): boolean {
  const fold = (b: number) => (b >= 0x41 && b <= 0x5a ? b + 0x20 : b);
  const str = Buffer.from(s, 'utf8');
  const equal = (pat: Buffer, at: number, exactByte: boolean) =>
    [...pat].every((b, k) => fold(b) === fold(str[at + k] ?? 0) && (exactByte || b < 0x80 || a === 'aarch64'));
  return p.split('|').some((alt) => {
    const bytes = Buffer.from(alt, 'utf8');
    const begins = alt.startsWith('^');
    const ends = alt.length > 0 && alt.endsWith('$');
    if (alt === '') return true;
    if (begins && ends && alt.length >= 2) {
      const body = bytes.subarray(1, bytes.length - 1);
      return body.length === str.length && equal(body, 0, true);
    }
    if (ends) return bytes.length - 1 <= str.length && equal(bytes.subarray(0, bytes.length - 1), str.length - bytes.length + 1, true);
    if (begins) return bytes.length - 1 <= str.length && equal(bytes.subarray(1), 0, true);
    for (let i = 0; i + bytes.length <= str.length; i++) if (equal(bytes, i, false)) return true;
    return false;
  });
}

test('OSMatch: the yes/no answer equals the walk of every alternative, long subjects included', () => {
  const literalPattern = fc.array(fc.tuple(anchors, word).map(([x, w]) => (x === '^$' ? `^${w}$` : x === '^' ? `^${w}` : x === '$' ? `${w}$` : w)), { minLength: 1, maxLength: 120 }).map((alts) => alts.join('|'));
  fc.assert(
    fc.property(literalPattern, subject, arch, (p, s, a) => {
      assert.equal(compileOsMatch(p, { arch: a })!.test(s), osMatchWalk(p, s, a), `${JSON.stringify(p)} on ${JSON.stringify(s)} (${a})`);
    }),
    { numRuns: 400 },
  );
});

test('LiteralSet finds a word wherever it occurs, overlapping prefixes and suffixes included', () => {
  const bytes = (t: string) => Buffer.from(t, 'latin1');
  const set = new LiteralSet(['he', 'she', 'his', 'hers', 'abcab'].map(bytes));
  const id = (b: number) => b;
  for (const [text, found] of [['ushers', true], ['ahishe', true], ['abcaxabcab', true], ['abcabc', true], ['hxsxe', false], ['', false], ['abca', false]] as const) {
    assert.equal(set.occursIn(bytes(text), id), found, text);
  }
  assert.equal(new LiteralSet([new Uint8Array(0)]).occursIn(bytes('x'), id), true, 'the empty word occurs everywhere');
  assert.equal(new LiteralSet([]).occursIn(bytes('x'), id), false);
});

// Alternatives with classes, `+`/`*`, parentheses and literals; few distinct bytes, so that requirements
// are often met and the walk decides.
const token = fc.constantFrom('a', 'b', 'A', ',', ' ', 'é', '1', '(', ')', '\\w', '\\d', '\\s', '\\p', '\\W', '\\S', '\\.', '\\(', '\\w+', '\\d+', '\\s*', '\\W+', '\\.*', '\\S+', '\\p*');
const classAlternative = fc.tuple(fc.constantFrom('', '^'), fc.array(token, { minLength: 1, maxLength: 7 }), fc.constantFrom('', '$')).map(([b, t, e]) => b + t.join('') + e);
const classSubject = fc.string({ unit: fc.constantFrom('a', 'b', 'A', ',', ' ', '1', '2', 'é', '(', '_', 'bA', 'a1 '), maxLength: 40 });

test('OS_Regex requirements: an alternative the one-pass summary rules out never matches in the full walk', () => {
  // Short subjects: the walk is Wazuh's, alternative by alternative, with no summary involved.
  const summary = new SubjectSummary();
  let ruledOut = 0;
  fc.assert(
    fc.property(classAlternative, classSubject, arch, fc.boolean(), (p, s, a, caseSensitive) => {
      const regex = compileOsRegex(p, { arch: a, caseSensitive });
      if (!regex || regex.alternatives !== 1) return;
      const bytes = Buffer.from(s, 'utf8');
      // The compiled bytes as OSRegex_Compile leaves them: escapes as codes, ')' as '(', folded.
      const compiled = compiledBytes(p, caseSensitive);
      if (!summary.reset(bytes).allows(requirementsOf(compiled, a))) {
        ruledOut++;
        assert.equal(regex.exec(bytes).matched, false, `${JSON.stringify(p)} on ${JSON.stringify(s)} (${a})`);
      }
    }),
    { numRuns: Number(process.env.PROPERTY_RUNS ?? 3000) },
  );
  assert.ok(ruledOut > 300, `only ${ruledOut} cases were ruled out: the property tested little`);
});

test('OS_Regex with class alternatives: yes/no and exec on long subjects equal the walk of each alternative in order', () => {
  const longSubject = fc.array(classSubject, { minLength: 20, maxLength: 80 }).map((parts) => parts.join(''));
  fc.assert(
    fc.property(fc.array(classAlternative, { minLength: 20, maxLength: 120 }), longSubject, arch, (alts, s, a) => {
      const regex = compileOsRegex(alts.join('|'), { arch: a });
      if (!regex) return;
      // Each alternative alone, on its own: the first that matches decides, as OSRegex_Execute loops.
      let expected: { matched: boolean; end: number | null } = { matched: false, end: null };
      for (const alt of alts) {
        const one = compileOsRegex(alt, { arch: a })!.exec(s);
        if (one.matched) {
          expected = { matched: true, end: one.end };
          break;
        }
      }
      const got = regex.exec(s);
      assert.deepEqual({ matched: got.matched, end: got.end }, expected, `${JSON.stringify(alts.join('|'))} on ${JSON.stringify(s)} (${a})`);
      assert.equal(regex.test(s), expected.matched);
    }),
    { numRuns: 300 },
  );
});

/** OSRegex_Compile's rewrite of one alternative (no `|`): `\\x` to its code, `)` to `(`, folded unless case-sensitive. */
function compiledBytes(pattern: string, caseSensitive: boolean): Uint8Array {
  const codes: Record<string, number> = { d: 1, w: 2, s: 3, p: 4, '(': 5, ')': 6, '\\': 7, D: 8, W: 9, S: 10, '.': 11, t: 12, $: 13, '|': 14, '<': 15 };
  let body = Buffer.from(pattern, 'utf8');
  if (body[0] === 0x5e) body = body.subarray(1);
  if (body.at(-1) === 0x24 && body.at(-2) !== 0x5c) body = body.subarray(0, -1);
  const out: number[] = [];
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b === 0x5c) {
      out.push(b, codes[String.fromCharCode(body[++i]!)]!);
    } else {
      const c = b === 0x29 ? 0x28 : b;
      out.push(!caseSensitive && c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
    }
  }
  return Uint8Array.from(out);
}

test('transientCBytes copies short ASCII subjects itself: the bytes are the encoder\'s, up to the first NUL', () => {
  const unit = fc.constantFrom('a', 'Z', '0', '.', ' ', '\0', '\x7f', '\x80', 'é', '€', '\ud800', '\udc00', '😀');
  const check = (text: string) => assert.deepEqual([...transientCBytes(text)], [...cBytes(text)], JSON.stringify(text));
  fc.assert(fc.property(fc.string({ unit, maxLength: 300 }), check), { numRuns: 3000, seed: 22 });
  fc.assert(fc.property(fc.string({ unit: fc.constantFrom('a', 'b', '1'), minLength: 250, maxLength: 262 }), check), { numRuns: 200, seed: 22 });
  for (const text of ['', '\0', 'ab\0cd', '45.18.142.44', 'é\0', 'x'.repeat(256), `${'x'.repeat(255)}é`, 'x'.repeat(257)]) check(text);
  // A long subject after a short one, and the other way round: each call's bytes are its own.
  check('x'.repeat(5000));
  check('10.0.0.1');
});
