import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { compileOsRegex, compileOsRegexDetailed, osRegexMatch } from '../../src/wazuh/os-regex.ts';
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

test('OS_Regex: what fails to compile', () => {
  assert.equal(compileOsRegexDetailed('a\\qb').ok, false);
  assert.deepEqual(compileOsRegexDetailed('abc\\'), { ok: false, error: 'bad-escape' });
  assert.deepEqual(compileOsRegexDetailed('(a'), { ok: false, error: 'bad-parenthesis' });
  assert.deepEqual(compileOsRegexDetailed('a)'), { ok: false, error: 'bad-parenthesis' });
  assert.deepEqual(compileOsRegexDetailed('((a))'), { ok: false, error: 'bad-parenthesis' });
  assert.deepEqual(compileOsRegexDetailed('(a|b)'), { ok: false, error: 'bad-parenthesis' });
  assert.deepEqual(compileOsRegexDetailed('x'.repeat(20481)), { ok: false, error: 'too-long' });
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
  assert.deepEqual(regex.exec('user root from 10.0.0.1'), { matched: true, substrings: ['root', '10.0.0.1'] });
  assert.deepEqual(regex.exec('user root'), { matched: false, substrings: [] });
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
