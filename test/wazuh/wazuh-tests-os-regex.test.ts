/**
 * Wazuh's own os_regex unit tests (v4.14.7), run against arctl's ports as data: the cases live in
 * test/fixtures/wazuh-tests/ and cite their source.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ESCAPE_CODES, classAccepts, fold } from '../../src/wazuh/os-regex-maps.ts';
import { cBytes, compileOsRegex, osRegexMatch } from '../../src/wazuh/os-regex.ts';
import { osMatch } from '../../src/wazuh/os-match.ts';
import { projectRoot } from '../helpers/paths.ts';

const fixtures = join(projectRoot, 'test/fixtures/wazuh-tests');
const load = <T>(name: string): T => JSON.parse(readFileSync(join(fixtures, name), 'utf8')) as T;

interface Outcome {
  end_match: string | null;
  captured_groups: string[];
}
interface ExecuteCase extends Partial<Outcome> {
  description?: string;
  pattern: string;
  log: string;
  end_match: string | null;
  ignore_result?: boolean;
  skip_test?: boolean;
  v4_14_7_result?: Outcome & { end_offset?: number };
}

const decoder = new TextDecoder();

test('test_os_regex_execute.json: every case, as v4.14.7 really behaves', () => {
  const { suites } = load<{ suites: Array<{ description: string; cases: ExecuteCase[] }> }>('os_regex_execute.json');
  let cases = 0;
  let followedCode = 0;
  const wrong: string[] = [];
  for (const suite of suites) {
    for (const c of suite.cases) {
      cases++;
      // ignore_result / skip_test cases state intended behaviour; v4_14_7_result is what the code does.
      const expected: Outcome = c.v4_14_7_result ?? { end_match: c.end_match, captured_groups: c.captured_groups ?? [] };
      const regex = compileOsRegex(c.pattern, { returnSubstrings: true });
      assert.ok(regex, `${suite.description}: ${c.pattern} compiles`);
      const result = regex.exec(c.log);
      if (c.v4_14_7_result?.end_offset !== undefined) {
        // A pointer before the subject (undefined to read): compare the offset itself.
        if (result.end !== c.v4_14_7_result.end_offset || JSON.stringify(result.substrings) !== JSON.stringify(c.v4_14_7_result.captured_groups)) {
          wrong.push(`${c.pattern} on ${JSON.stringify(c.log)}: end ${result.end}, groups ${JSON.stringify(result.substrings)}`);
        }
        continue;
      }
      if (c.v4_14_7_result) followedCode++;
      assert.ok(!c.v4_14_7_result || c.ignore_result || c.skip_test, `${c.pattern}: only tolerated cases deviate from Wazuh's expectation`);
      const str = cBytes(c.log);
      const end = result.end === null ? null : decoder.decode(str.subarray(result.end));
      // As test_os_regex_execute.c: groups are compared only when the case matches.
      const got: Outcome = { end_match: end, captured_groups: end === null ? [] : result.substrings };
      const want: Outcome = { end_match: expected.end_match, captured_groups: expected.end_match === null ? [] : expected.captured_groups };
      if (JSON.stringify(got) !== JSON.stringify(want)) {
        wrong.push(`${suite.description} / ${c.description ?? ''}: ${JSON.stringify(c.pattern)} on ${JSON.stringify(c.log)}: got ${JSON.stringify(got)}, want ${JSON.stringify(want)}`);
      }
    }
  }
  assert.ok(cases > 500 && followedCode > 200, `${cases} cases, ${followedCode} follow the code over the stated intent`);
  assert.deepEqual(wrong, []);
});

interface Pair {
  pattern?: string;
  pattern_repeat?: { char: string; count: number };
  subject: string;
}
interface CTests {
  os_match_success: { cases: Pair[] };
  os_match_fail: { cases: Pair[] };
  os_regex_success: { cases: Pair[] };
  os_regex_fail: { cases: Pair[] };
  os_regex_extraction: { cases: Array<{ pattern: string; subject: string; substrings: string[] }> };
  regexmap: { rows: Record<string, { row: number; accepts?: Array<[number, number]>; rejects?: Array<[number, number]> }> };
}

const patternOf = (p: Pair) => p.pattern ?? p.pattern_repeat!.char.repeat(p.pattern_repeat!.count);

test('test_os_regex.c: OS_Match2 and OS_Regex success and failure tables, sub-string extraction', () => {
  const t = load<CTests>('os_regex-c-tests.json');
  const wrong: string[] = [];
  const check = (name: string, cases: Pair[], run: (p: string, s: string) => boolean, expected: boolean) => {
    assert.ok(cases.length > 10, name);
    for (const c of cases) if (run(patternOf(c), c.subject) !== expected) wrong.push(`${name}: ${JSON.stringify(patternOf(c).slice(0, 40))} on ${JSON.stringify(c.subject)}`);
  };
  check('test_success_match', t.os_match_success.cases, osMatch, true);
  check('test_fail_match', t.os_match_fail.cases, osMatch, false);
  check('test_success_regex', t.os_regex_success.cases, osRegexMatch, true);
  check('test_fail_regex', t.os_regex_fail.cases, osRegexMatch, false);
  for (const c of t.os_regex_extraction.cases) {
    const result = compileOsRegex(c.pattern, { returnSubstrings: true })?.exec(c.subject);
    if (!result?.matched || JSON.stringify(result.substrings) !== JSON.stringify(c.substrings)) wrong.push(`test_regex_extraction: ${c.pattern}: ${JSON.stringify(result?.substrings)}`);
  }
  assert.deepEqual(wrong, []);
});

test('test_os_regex.c: regexmap rows and charmap for every byte', () => {
  const { rows } = load<CTests>('os_regex-c-tests.json').regexmap;
  assert.equal(Object.keys(rows).length, 15);
  const inRanges = (ranges: Array<[number, number]>, b: number) => ranges.some(([lo, hi]) => b >= lo && b <= hi);
  for (const [escape, row] of Object.entries(rows)) {
    assert.equal(ESCAPE_CODES.get(escape.slice(1)), row.row, `${escape} compiles to row ${row.row}`);
    for (let b = 0; b <= 255; b++) {
      const expected = row.accepts ? inRanges(row.accepts, b) : !inRanges(row.rejects!, b);
      assert.equal(classAccepts(row.row, b), expected, `${escape} byte ${b}`);
    }
  }
  for (let b = 0; b <= 255; b++) assert.equal(fold(b), b >= 65 && b <= 90 ? b + 32 : b, `charmap[${b}]`);
});
