/**
 * OS_Regex and OSMatch against Wazuh v4.14.7's own (src/os_regex compiled in both char signednesses), as
 * data: the cases `npm run oracle -- --regex --record` kept (the ones the oracle found, every case that
 * crashes Wazuh, a sample of the seeded rest) with the answers of both builds. Runs without the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arctlAnswer, utf8Substrings, type RecordedMatcherCase } from '../../scripts/oracle/regex-cases.ts';
import { compileOsRegex } from '../../src/wazuh/os-regex.ts';

const cases = JSON.parse(readFileSync(new URL('../fixtures/oracle/matcher-cases.json', import.meta.url), 'utf8')) as RecordedMatcherCase[];
const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex === '-' ? '' : hex, 'hex'));

test('every recorded case: compile error, match, end offset and sub-strings as Wazuh gives them, both builds', () => {
  assert.ok(cases.length > 100);
  const wrong: string[] = [];
  for (const c of cases) {
    const input = { kind: c.kind, flags: c.flags, pattern: bytes(c.pattern_hex), subject: bytes(c.subject_hex) };
    for (const arch of ['x86_64', 'aarch64'] as const) {
      const want = utf8Substrings(c[arch]);
      const got = arctlAnswer(input, arch);
      if (got !== want) wrong.push(`${arch} ${c.kind} ${c.flags} ${c.pattern_hex} ~ ${c.subject_hex}: want ${want}, got ${got}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('a sub-string whose close precedes its open: Wazuh crashes one byte before, finds no match further', () => {
  const recorded = (pattern: string, subject: string) => cases.find((c) => c.pattern_hex === Buffer.from(pattern, 'latin1').toString('hex') && c.subject_hex === Buffer.from(subject, 'latin1').toString('hex'));
  assert.equal(recorded('\\w(\\s*)$', 'ab')?.x86_64, 'crash 11');
  assert.deepEqual(compileOsRegex('\\w(\\s*)$', { returnSubstrings: true })!.exec('ab'), { matched: false, substrings: [], end: null, crash: true });
  assert.equal(recorded('\\p\\W*\\.(\\D+\\d*)$', '$.22.\xe9')?.x86_64, '0');
  const far = compileOsRegex('\\p\\W*\\.(\\D+\\d*)$', { returnSubstrings: true })!;
  assert.deepEqual(far.exec(Buffer.from('$.22.\xe9', 'latin1')), { matched: false, substrings: [], end: null });
  // Without sub-strings nothing is copied: both match.
  assert.equal(compileOsRegex('\\w(\\s*)$')!.test('ab'), true);
  assert.equal(compileOsRegex('\\p\\W*\\.(\\D+\\d*)$')!.test(Buffer.from('$.22.\xe9', 'latin1')), true);
});
