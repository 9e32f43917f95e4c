/** Formatter details that are easier to pin down on hand-made reports than through the CLI. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Chalk } from 'chalk';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { escapeData, escapeProperty, github } from '../../src/lint/formatters/github.ts';
import { formatters } from '../../src/lint/formatters/index.ts';
import { junit, xmlEscape } from '../../src/lint/formatters/junit.ts';
import { ciPath } from '../../src/lint/formatters/paths.ts';
import { formatSarifMessage, sarifMessageString } from '../../src/lint/formatters/sarif.ts';
import type { FileReport } from '../../src/lint/report.ts';

const ctx = { rules: ruleCatalogue(), color: new Chalk({ level: 0 }), cwd: '/repo', toolVersion: '0.0.0' };

const report = (messages: FileReport['messages'], path = '/repo/etc/a,b:c.conf'): FileReport => ({
  filePath: path,
  displayPath: path,
  messages,
  ranRuleIds: ['parse-error', 'unused-disable'],
});

const message = (over: Partial<FileReport['messages'][number]> = {}): FileReport['messages'][number] => ({
  ruleId: 'unused-disable',
  messageId: 'unused',
  severity: 'warning',
  message: 'line one\r\nline two 100% <sure> & "quoted"',
  line: 3,
  column: 5,
  endLine: 3,
  endColumn: 9,
  lineHash: '0123456789abcdef',
  ...over,
});

test('github escaping follows @actions/core toCommandProperties', () => {
  assert.equal(escapeData('a%b\r\nc'), 'a%25b%0D%0Ac');
  assert.equal(escapeProperty('a,b:c%'), 'a%2Cb%3Ac%25');
  const out = github([report([message(), message({ severity: 'info' }), message({ severity: 'error' })])], ctx);
  assert.deepEqual(
    out.split('\n').filter(Boolean).map((l) => l.split(' ')[0]),
    ['::warning', '::notice', '::error'],
  );
  assert.ok(out.startsWith('::warning file=etc/a%2Cb%3Ac.conf,line=3,col=5,endLine=3,endColumn=9,title=arctl(unused-disable)::line one%0D%0Aline two 100%25'));
});

test('paths in CI formats are relative to the working directory when inside it', () => {
  assert.equal(ciPath('/repo/etc/ossec.conf', '/repo'), 'etc/ossec.conf');
  assert.equal(ciPath('/elsewhere/ossec.conf', '/repo'), '/elsewhere/ossec.conf');
  assert.equal(ciPath('<stdin>', '/repo'), '<stdin>');
});

test('junit escapes XML and drops characters XML cannot hold', () => {
  assert.equal(xmlEscape(`<a href="x">'&'</a>\u0001`), '&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  const out = junit([report([message(), message({ line: 4 })])], ctx);
  assert.match(out, /<testsuite name="\/repo\/etc\/a,b:c.conf" tests="2" failures="1"/);
  assert.match(out, /<testcase classname="[^"]+" name="parse-error" time="0"\/>/);
  assert.match(out, /<failure message="2 problems" type="unused-disable">[^<]*:3:5 warning line one/);
  assert.doesNotMatch(out, /100% <sure>/);
});

test('stylish prints nothing for clean files and counts infos separately', () => {
  assert.equal(formatters.stylish([report([])], ctx), '');
  const out = formatters.stylish([report([message({ severity: 'info', message: 'x' })])], ctx);
  assert.match(out, /✖ 1 problem \(0 errors, 0 warnings, 1 info\)/);
});

test('sarif encodes each segment of a relative URI: no scheme, fragment or query out of a file name', () => {
  const uriOf = (path: string) => JSON.parse(formatters.sarif([report([message()], path)], ctx)).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
  assert.deepEqual(uriOf('/repo/we,ird:dir/a#b?c d%.conf'), { uri: 'we%2Cird%3Adir/a%23b%3Fc%20d%25.conf', uriBaseId: '%SRCROOT%' });
  assert.equal(uriOf('/repo/etc/ossec.conf').uri, 'etc/ossec.conf');
});

test('sarif uses a file URI outside the working directory and carries byte-range fixes', () => {
  const log = JSON.parse(formatters.sarif([report([message({ fix: { range: [10, 12], text: 'yes' } })], '/other/ossec.conf')], ctx));
  const result = log.runs[0].results[0];
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uri, 'file:///other/ossec.conf');
  assert.equal(result.locations[0].physicalLocation.artifactLocation.uriBaseId, undefined);
  assert.deepEqual(result.fixes[0].artifactChanges[0].replacements[0].deletedRegion, { byteOffset: 10, byteLength: 2 });
  assert.equal(log.runs[0].tool.driver.rules.length, ruleCatalogue().size);
});

test('stylish fits the width: messages wrap under themselves, rule ids stay in view, nothing is padded past it', () => {
  const long = 'Wazuh refuses to start with (1303): Invalid command in the active response, and this sentence goes on well past eighty columns.';
  const rows = [message({ message: long, ruleId: 'command-defined-after-use' }), message({ message: 'short', line: 10, ruleId: 'unknown-command' })];
  for (const width of [80, 100, 160]) {
    const out = formatters.stylish([report(rows)], { ...ctx, width });
    const body = out.split('\n').slice(1, out.split('\n').indexOf(''));
    for (const line of body) assert.ok(line.length <= width, `${width}: ${JSON.stringify(line)} is ${line.length} wide`);
    assert.ok(body.some((l) => l.includes('command-defined-after-use')) && body.some((l) => l.includes('unknown-command')));
    const words = body.join(' ').split(/\s+/);
    let at = 0;
    for (const word of long.split(' ')) at = words.indexOf(word, at) + 1 || assert.fail(`${width}: '${word}' is missing or out of order`);
  }
  // Wide enough for a column: rule ids line up after the message column.
  const wide = formatters.stylish([report(rows)], { ...ctx, width: 160 }).split('\n');
  assert.equal(wide[1].indexOf('command-defined-after-use'), wide.find((l) => l.includes('unknown-command'))!.indexOf('unknown-command'));
});

test('stylish output grows with the findings, not with findings x the longest message', () => {
  const huge = 'x '.repeat(35_000);
  const rows = [message({ message: huge }), ...Array.from({ length: 5000 }, (_, i) => message({ message: 'short', line: i + 1 }))];
  const out = formatters.stylish([report(rows)], ctx);
  assert.ok(out.length < 2 * huge.length + 5000 * 150, `${out.length} characters`);
});

test('suggestions travel as ESLint suggestions in JSON, extra SARIF fixes, and a line under the finding in stylish', () => {
  const suggestion = { messageId: 'rename', desc: 'Rename it to <disabled>', fix: { range: [10, 18] as [number, number], text: 'disabled' } };
  const m = message({ ruleId: 'unknown-element', messageId: 'option', severity: 'error', message: "<active-response> has no option '<disbaled>'", suggestions: [suggestion] });
  const [file] = JSON.parse(formatters.json([report([m])], ctx)) as Array<{ messages: Array<Record<string, unknown>> }>;
  assert.deepEqual(file.messages[0].suggestions, [{ messageId: 'rename', desc: 'Rename it to <disabled>', fix: { range: [10, 18], text: 'disabled' } }]);
  assert.equal(file.messages[0].fix, undefined);
  const sarif = JSON.parse(formatters.sarif([report([m])], ctx)) as { runs: Array<{ results: Array<{ fixes: Array<{ description: { text: string } }> }> }> };
  assert.deepEqual(sarif.runs[0].results[0].fixes.map((f) => f.description.text), ['Rename it to <disabled>']);
  const stylish = formatters.stylish([report([m])], ctx);
  assert.match(stylish, /\n {2,}suggestion: Rename it to <disabled>\n/);
  assert.match(stylish, /1 suggestion can be applied with the `--fix-suggestions` option\./);
});

test('sarif message strings: {{name}} placeholders numbered by first use, literal braces doubled; the result gives its text back', () => {
  assert.deepEqual(sarifMessageString("'{{value}}' in <{{element}}>: {{value}} again, Go's {{.Names}} and {x}"), {
    text: "'{0}' in <{1}>: {0} again, Go's {{{{.Names}}}} and {{x}}",
    names: ['value', 'element'],
  });
  assert.equal(formatSarifMessage("'{0}' in <{1}>: {0} again, Go's {{{{.Names}}}} and {{x}}", ['a{0}', 'b']), "'a{0}' in <b>: a{0} again, Go's {{.Names}} and {x}");
  // A finding that is its rule's template filled in: id and arguments; another text: the text alone.
  const rule = ctx.rules.get('unused-disable')!;
  const [id, spec] = Object.entries(rule.messages)[0]!;
  const { names } = sarifMessageString(spec.text);
  const data = Object.fromEntries(names.map((n) => [n, `<${n}>`]));
  const text = spec.text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, n: string) => `<${n}>`);
  const results = JSON.parse(formatters.sarif([report([message({ messageId: id, message: text, data }), message({ messageId: id, message: 'something else' })])], ctx)).runs[0].results;
  assert.deepEqual(results[0].message, { text, id, ...(names.length > 0 ? { arguments: names.map((n) => `<${n}>`) } : {}) });
  assert.deepEqual(results[1].message, { text: 'something else' });
});
