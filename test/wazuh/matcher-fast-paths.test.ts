/**
 * OS_Regex and OSMatch answer yes/no for long subjects without walking every alternative over every byte
 * (src/wazuh/literal-set.ts). These properties hold the fast answers to the walk Wazuh's code does.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { compileOsRegex } from '../../src/wazuh/os-regex.ts';
import { compileOsMatch } from '../../src/wazuh/os-match.ts';
import { LiteralSet } from '../../src/wazuh/literal-set.ts';
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
