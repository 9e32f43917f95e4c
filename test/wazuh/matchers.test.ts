import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MANAGER_ARCHES } from '../../src/wazuh/arch.ts';
import { compileOsRegex, compileOsRegexDetailed, highLiteralBytes, osRegexMatch } from '../../src/wazuh/os-regex.ts';
import { compileOsMatch, osMatch } from '../../src/wazuh/os-match.ts';
import { specDir, specSkip } from '../helpers/paths.ts';

interface MatcherCase {
  pattern: string;
  string: string;
  match: boolean;
}

test('OS_Regex and OSMatch agree with every verified result (verified/matchers.json)', { skip: specSkip }, () => {
  const verified = JSON.parse(readFileSync(join(specDir, 'verified/matchers.json'), 'utf8')) as {
    os_regex: MatcherCase[];
    os_match: MatcherCase[];
  };
  assert.ok(verified.os_regex.length > 0 && verified.os_match.length > 0);
  const wrong: string[] = [];
  for (const c of verified.os_regex) {
    if (osRegexMatch(c.pattern, c.string) !== c.match) wrong.push(`OS_Regex ${JSON.stringify(c.pattern)} ~ ${JSON.stringify(c.string)}: expected ${c.match}`);
  }
  for (const c of verified.os_match) {
    if (osMatch(c.pattern, c.string) !== c.match) wrong.push(`OSMatch ${JSON.stringify(c.pattern)} ~ ${JSON.stringify(c.string)}: expected ${c.match}`);
  }
  assert.deepEqual(wrong, []);
});

interface BuildCase {
  pattern_hex: string;
  string_hex: string;
  match_x86_64: boolean;
  match_aarch64: boolean;
  compile_error_x86_64: number | null;
  compile_error_aarch64: number | null;
}

/** os_regex.h error codes as verified/matchers-x86.json gives them. */
const COMPILE_ERROR_CODES = { 'too-long': 3, 'bad-escape': 6, 'bad-parenthesis': 7 } as const;

test('OS_Regex and OSMatch agree with both builds, byte for byte (verified/matchers-x86.json)', { skip: specSkip }, () => {
  const verified = JSON.parse(readFileSync(join(specDir, 'verified/matchers-x86.json'), 'utf8')) as { os_regex: BuildCase[]; os_match: BuildCase[] };
  assert.ok(verified.os_regex.length > 0 && verified.os_match.length > 0);
  const bytes = (hex: string) => Uint8Array.from(Buffer.from(hex, 'hex'));
  const wrong: string[] = [];
  let differing = 0;
  for (const arch of MANAGER_ARCHES) {
    const key = arch === 'x86_64' ? 'match_x86_64' : 'match_aarch64';
    for (const c of verified.os_regex) {
      const compiled = compileOsRegexDetailed(bytes(c.pattern_hex), { arch });
      const error = compiled.ok ? null : COMPILE_ERROR_CODES[compiled.error];
      const expectedError = arch === 'x86_64' ? c.compile_error_x86_64 : c.compile_error_aarch64;
      if (error !== expectedError) wrong.push(`${arch} OSRegex_Compile ${c.pattern_hex}: error ${error}, expected ${expectedError}`);
      const got = compiled.ok && compiled.regex.test(bytes(c.string_hex));
      if (got !== c[key]) wrong.push(`${arch} OS_Regex ${c.pattern_hex} ~ ${c.string_hex}: expected ${c[key]}`);
    }
    for (const c of verified.os_match) {
      const got = osMatch(bytes(c.pattern_hex), bytes(c.string_hex), arch);
      if (got !== c[key]) wrong.push(`${arch} OSMatch ${c.pattern_hex} ~ ${c.string_hex}: expected ${c[key]}`);
    }
  }
  for (const c of [...verified.os_regex, ...verified.os_match]) if (c.match_x86_64 !== c.match_aarch64) differing++;
  assert.ok(differing > 0, 'the file has cases where the builds differ');
  assert.deepEqual(wrong, []);
});

test('x86_64 (signed char): a literal pattern byte >= 0x80 never matches, escapes and anchored OSMatch do', () => {
  assert.equal(osRegexMatch('é', 'é'), false, 'x86_64 is the default');
  assert.equal(osRegexMatch('é', 'é', 'x86_64'), false);
  assert.equal(osRegexMatch('é', 'é', 'aarch64'), true);
  assert.equal(osRegexMatch('caf\\W+', 'café', 'x86_64'), true, 'escape classes cast both sides');
  assert.equal(osMatch('^é$', 'é', 'x86_64'), true, 'strcasecmp for anchored alternatives');
  assert.equal(osMatch('é', 'café', 'x86_64'), false, '_OS_Match compares a plain char');
  assert.equal(osMatch('é', 'café', 'aarch64'), true);
  assert.deepEqual(highLiteralBytes('sshd\\Wé'), [0xc3, 0xa9]);
  assert.deepEqual(highLiteralBytes('ssh\\W+'), []);
});

test('\\w accepts @ and \\W does not (os_regex_maps.c regexmap rows 2 and 9)', () => {
  assert.equal(osRegexMatch('team\\wcorp', 'team@corp'), true);
  assert.equal(osRegexMatch('team\\Wcorp', 'team@corp'), false);
});

test('OS_Regex capture bounds (os_regex_execute.c v4.14.7)', () => {
  const groups = (pattern: string, subject: string) => compileOsRegex(pattern, { returnSubstrings: true })!.exec(subject).substrings;
  assert.deepEqual(groups('(\\d+)\\w', '12'), ['1']);
  assert.deepEqual(groups('\\d+(\\w)', '12'), ['2']);
});

test('OS_Regex: what fails to compile', () => {
  assert.deepEqual(compileOsRegexDetailed('a\\qb'), { ok: false, error: 'bad-escape', at: 1 });
  assert.deepEqual(compileOsRegexDetailed('é\\z'), { ok: false, error: 'bad-escape', at: 2 }, 'a byte offset, not a character index');
  assert.deepEqual(compileOsRegexDetailed('abc\\'), { ok: false, error: 'bad-escape', at: 3 });
  assert.deepEqual(compileOsRegexDetailed('(a'), { ok: false, error: 'bad-parenthesis', at: 2 });
  assert.deepEqual(compileOsRegexDetailed('a)'), { ok: false, error: 'bad-parenthesis', at: 1 });
  assert.deepEqual(compileOsRegexDetailed('((a))'), { ok: false, error: 'bad-parenthesis', at: 1 });
  assert.deepEqual(compileOsRegexDetailed('(a|b)'), { ok: false, error: 'bad-parenthesis', at: 2 });
  assert.deepEqual(compileOsRegexDetailed('x'.repeat(20481)), { ok: false, error: 'too-long', at: 20480 });
  assert.ok(compileOsRegex('x'.repeat(20480)));
  assert.ok(compileOsRegex('(a)|(b)'));
  assert.ok(compileOsRegex('\\(a\\)'));
  assert.equal(osRegexMatch('(a', 'a'), false, 'a pattern that does not compile matches nothing');
});

test('OS_Regex: classes, modifiers, anchors and literals', () => {
  assert.equal(osRegexMatch('a.c', 'abc'), false, '. is a literal dot');
  assert.equal(osRegexMatch('a.c', 'xa.cx'), true);
  assert.equal(osRegexMatch('a\\.c', 'abc'), true, '\\. is any character');
  assert.equal(osRegexMatch('^\\d+$', '12345'), true);
  assert.equal(osRegexMatch('^\\d+$', '123a5'), false);
  assert.equal(osRegexMatch('\\w+@\\w+', 'mail root@host now'), true);
  assert.equal(osRegexMatch('\\s', 'a\tb'), false, '\\s is a space only');
  assert.equal(osRegexMatch('\\t', 'a\tb'), true);
  assert.equal(osRegexMatch('^a\\d*b$', 'ab'), true);
  assert.equal(osRegexMatch('^a\\d*b$', 'a12b'), true);
  assert.equal(osRegexMatch('^a\\d+b$', 'ab'), false);
  assert.equal(osRegexMatch('SSHD', 'sshd'), true, 'case-insensitive');
  assert.equal(osRegexMatch('a+', 'a+'), true, '+ after a literal is a literal');
  assert.equal(osRegexMatch('a+', 'aa'), false);
  assert.equal(osRegexMatch('\\$|\\|', 'x|y'), true);
  assert.equal(osRegexMatch('', 'anything'), true, 'an empty pattern matches everything');
  assert.equal(osRegexMatch('x|', 'y'), true, 'so does an empty alternative');
  assert.equal(osRegexMatch('^$', ''), true);
  assert.equal(osRegexMatch('^$', 'y'), false);
  assert.equal(osRegexMatch('\\.', ''), false, 'an empty subject matches only an empty pattern');
});

test('OS_Regex: sub-strings with OS_RETURN_SUBSTRING', () => {
  const regex = compileOsRegex('^user (\\w+) from (\\S+)$', { returnSubstrings: true });
  assert.ok(regex);
  assert.deepEqual(regex.exec('user root from 10.0.0.1'), { matched: true, substrings: ['root', '10.0.0.1'], end: 15 });
  assert.deepEqual(regex.exec('user root'), { matched: false, substrings: [], end: null });
});

test('OSMatch: anchors, alternation, literals', () => {
  assert.equal(osMatch('^10.0.0.1$', '10.0.0.15'), false);
  assert.equal(osMatch('^10.0.0.1$', '10.0.0.1'), true);
  assert.equal(osMatch('10.0.0', '110.0.0.5'), true);
  assert.equal(osMatch('192.168.1.*', '192.168.1.50'), false, '* is literal');
  assert.equal(osMatch('^sshd', 'SSHD_custom'), true);
  assert.equal(osMatch('sshd,$', 'syslog,sshd,'), true);
  assert.equal(osMatch('a|', 'zzz'), true, 'an empty alternative matches everything');
  assert.equal(osMatch('^', ''), true);
  assert.equal(osMatch('^$', ''), true);
  assert.equal(osMatch('^$', 'x'), false);
  assert.equal(compileOsMatch('x'.repeat(20481)), null);
  assert.equal(osMatch('!10.0.0.1', '10.0.0.15'), false, 'a leading ! negates');
  assert.equal(osMatch('!10.0.0.1', ''), true);
  assert.deepEqual(compileOsMatch('^a$|b$|^c|d')?.alternatives.map((a) => a.kind), ['exact', 'suffix', 'prefix', 'substring']);
});

test('OS_Regex and empty strings: the checks of wazuh/wazuh PR #7495', () => {
  const cases: Array<[string, string, boolean]> = [
    ['', '', true],
    ['', 'a', true],
    ['^$', '', true],
    ['^', '', true],
    ['$', '', true],
    ['\\.*', '', true],
    ['(\\.*)', '', true],
    ['^$', 'a', false],
    ['$', 'a', false],
    ['\\.', '', false],
    ['\\w+', '', false],
  ];
  for (const [pattern, subject, expected] of cases) assert.equal(osRegexMatch(pattern, subject), expected, `${JSON.stringify(pattern)} ~ ${JSON.stringify(subject)}`);
});
