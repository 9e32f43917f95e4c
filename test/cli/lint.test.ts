/**
 * `arctl lint` / `arctl validate` end to end on real files: every output format parsed and checked,
 * config files, disable comments (in-process, through main()); exit codes, --fix, stdin and bad input
 * through the built CLI spawned as a process.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, readFileSync, statSync, symlinkSync, truncateSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runArctl, runArctlInProcess, type JsonReportFile } from '../helpers/cli.ts';
import { tempDir, tempFile, tempFiles } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

/** Wrong case in the command name: unknown-command (error, fixable) at 9:14; an unused disable at 15:3. */
const SAMPLE = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <active-response>
    <command>Firewall-Drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>

  <!-- arctl-disable-next-line unknown-command: stale -->
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
</ossec_config>
`;

function sampleDir(text = SAMPLE): { dir: string; file: string } {
  const file = tempFile('ossec.conf', text);
  return { dir: dirname(file), file };
}

test('json: ESLint shape with absolute path, 1-based positions, byte-range fixes and counts', async () => {
  const { dir, file } = sampleDir();
  const r = await runArctlInProcess(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1, r.stderr);
  const [result] = JSON.parse(r.stdout) as JsonReportFile[];
  assert.equal(result.filePath, file);
  const unknown = result.messages.find((m) => m.ruleId === 'unknown-command')!;
  assert.deepEqual({ ...unknown, message: undefined }, {
    ruleId: 'unknown-command',
    messageId: 'unknownHint',
    severity: 2,
    severityName: 'error',
    message: undefined,
    line: 9,
    column: 14,
    endLine: 9,
    endColumn: 27,
    fix: { range: [SAMPLE.indexOf('Firewall-Drop'), SAMPLE.indexOf('Firewall-Drop') + 13], text: 'firewall-drop' },
  });
  assert.match(unknown.message, /Firewall-Drop/);
  const unused = result.messages.find((m) => m.ruleId === 'unused-disable')!;
  assert.deepEqual([unused.severity, unused.line, unused.column], [1, 15, 3]);
  assert.equal(result.errorCount, result.messages.filter((m) => m.severity === 2).length);
  assert.equal(result.warningCount, result.messages.filter((m) => m.severityName === 'warning').length);
  assert.ok(result.messages.every((m) => m.severity === (m.severityName === 'error' ? 2 : 1)), 'ESLint severities: 2 error, 1 warning or info, never 0 (off)');
  assert.equal(result.infoCount, result.messages.filter((m) => m.severityName === 'info').length);
  assert.equal(result.fixableErrorCount, result.messages.filter((m) => m.severity === 2 && m.fix).length);
  assert.ok(result.fixableErrorCount >= 1);
});

test('stylish: grouped by file, line:col severity message rule-id, summary', async () => {
  const { dir } = sampleDir();
  const r = await runArctlInProcess(['lint', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1);
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'ossec.conf');
  assert.ok(lines.some((l) => /^ {2}9:14 +error +No <command> is named 'Firewall-Drop'.* +unknown-command$/.test(l)), r.stdout);
  assert.ok(lines.some((l) => /^ {2}15:3 +warning +Unused arctl-disable directive .* +unused-disable$/.test(l)), r.stdout);
  assert.match(r.stdout, /✖ \d+ problems? \(\d+ errors?, \d+ warnings?\)/);
  assert.match(r.stdout, /potentially fixable with the `--fix` option/);
  assert.doesNotMatch(r.stdout, /\u001b\[/, 'no colour when not a TTY');
});

test('sarif: 2.1.0 log with every rule in tool.driver and 1-based regions', async () => {
  const { dir } = sampleDir();
  const r = await runArctlInProcess(['lint', '--format', 'sarif', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1);
  const log = JSON.parse(r.stdout);
  assert.equal(log.version, '2.1.0');
  const run = log.runs[0];
  const rules = run.tool.driver.rules as Array<Record<string, any>>;
  const ids = rules.map((x) => x.id);
  for (const id of ['unknown-command', 'unused-disable', 'parse-error']) assert.ok(ids.includes(id), id);
  for (const rule of rules) {
    assert.ok(rule.shortDescription.text && rule.fullDescription.text, rule.id);
    assert.match(rule.helpUri, new RegExp(`/${rule.id}\\.md$`));
    assert.ok(['error', 'warning', 'note'].includes(rule.defaultConfiguration.level));
  }
  const result = run.results.find((x: any) => x.ruleId === 'unknown-command');
  assert.equal(result.level, 'error');
  assert.equal(ids[result.ruleIndex], 'unknown-command');
  const loc = result.locations[0].physicalLocation;
  assert.equal(loc.artifactLocation.uri, 'ossec.conf');
  assert.deepEqual(loc.region, { startLine: 9, startColumn: 14, endLine: 9, endColumn: 27 });
  assert.equal(result.fixes[0].artifactChanges[0].replacements[0].insertedContent.text, 'firewall-drop');
  assert.match(result.partialFingerprints.primaryLocationLineHash, /^[0-9a-f]{16}:1$/);
  const unused = run.results.find((x: any) => x.ruleId === 'unused-disable');
  assert.equal(unused.level, 'warning');
});

/**
 * SARIF 2.1.0 §3.11.5: a message string's placeholders are {0}, {1}, ...; a literal brace is written twice.
 * The tokens of `text`, or the first lone brace (a raw `{{name}}` reads as the literal `{name}`, never as a placeholder).
 */
function sarifPlaceholders(text: string): { indexes: number[]; lone?: string } {
  const indexes: number[] = [];
  for (const [token] of text.matchAll(/\{\{|\}\}|\{(\d+)\}|[{}]/g)) {
    if (token === '{{' || token === '}}') continue;
    if (token === '{' || token === '}') return { indexes, lone: `${token} at ${text}` };
    indexes.push(Number(token.slice(1, -1)));
  }
  return { indexes };
}
const fillSarif = (text: string, args: string[]) => text.replace(/\{\{|\}\}|\{(\d+)\}/g, (t, n?: string) => (n === undefined ? t[0]! : args[Number(n)]!));

test('sarif: message strings are SARIF format strings, and each result names its string with the arguments that give its text (SARIF1012)', () => {
  const dir = tempFiles({
    'ossec.conf': SAMPLE,
    'broken/ossec.conf': readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8'),
    'quirks/ossec.conf': readFileSync(join(projectRoot, 'examples/quirks.ossec.conf'), 'utf8'),
    // Values with braces and a daemon named by placeholder ({{analysisd}}, {{maild}}: ossec-* before 4.2).
    'braces/ossec.conf': '<ossec_config>\n  <global>\n    <white_list>10.0.0.300</white_list>\n    <white_list>{x}|{0}</white_list>\n  </global>\n  <remote><connection>secure</connection></remote>\n</ossec_config>\n',
  });
  for (const target of ['4.1', '4.14']) {
    const r = runArctl(['lint', '--format', 'sarif', '--target-version', target, 'ossec.conf', 'broken/ossec.conf', 'quirks/ossec.conf', 'braces/ossec.conf'], { cwd: dir });
    assert.equal(r.status, 1, r.stderr);
    const run = JSON.parse(r.stdout).runs[0];
    const rules = run.tool.driver.rules as Array<{ id: string; messageStrings: Record<string, { text: string }> }>;
    for (const rule of rules) {
      for (const [id, string] of Object.entries(rule.messageStrings)) {
        const { lone } = sarifPlaceholders(string.text);
        assert.equal(lone, undefined, `${rule.id}/${id}`);
      }
    }
    const results = run.results as Array<{ ruleId: string; ruleIndex: number; message: { text: string; id?: string; arguments?: string[] } }>;
    assert.ok(results.length > 10);
    for (const result of results) {
      const { text, id, arguments: args = [] } = result.message;
      if (id === undefined) continue;
      const string = rules[result.ruleIndex]!.messageStrings[id];
      assert.ok(string, `${result.ruleId}: no message string '${id}'`);
      const { indexes } = sarifPlaceholders(string.text);
      assert.ok(args.length >= Math.max(-1, ...indexes) + 1, `${result.ruleId}/${id}: ${args.length} arguments for ${string.text}`);
      assert.equal(fillSarif(string.text, args), text, `${result.ruleId}/${id}`);
    }
    // Templated findings travel as id and arguments: all of them here but those whose text has a brace, which
    // a viewer given arguments would read as placeholders ('{0}' replaced): their text alone.
    assert.deepEqual(results.filter((x) => (x.message.id === undefined) !== /[{}]/.test(x.message.text)).map((x) => x.ruleId), []);
    const invalidIp = results.find((x) => x.message.id === 'invalidIp')!;
    const prefix = target === '4.1' ? 'ossec' : 'wazuh';
    assert.ok(invalidIp.message.arguments!.includes(`${prefix}-analysisd`), JSON.stringify(invalidIp.message));
    assert.match(invalidIp.message.text, new RegExp(`${prefix}-analysisd and ${prefix}-maild refuse to start`));
    const braces = results.find((x) => x.message.text.includes("'{x}|{0}'"));
    assert.deepEqual(Object.keys(braces?.message ?? {}), ['text'], JSON.stringify(braces));
  }
});

test('github: workflow commands with positions and escaped data', async () => {
  const { dir } = sampleDir(SAMPLE.replace('Firewall-Drop', 'Firewall-Drop,50%'));
  const r = await runArctlInProcess(['lint', '--format', 'github', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1);
  const lines = r.stdout.trim().split('\n');
  const error = lines.find((l) => l.includes('arctl(unknown-command)'))!;
  assert.match(error, /^::error file=ossec\.conf,line=9,col=14,endLine=9,endColumn=31,title=arctl\(unknown-command\)::/);
  assert.match(error, /Firewall-Drop,50%25/, 'data escapes % but keeps commas');
  assert.ok(lines.some((l) => l.startsWith('::warning file=ossec.conf,line=15,col=3,') && l.includes('title=arctl(unused-disable)::')));
});

test('junit: one testsuite per file, a testcase per rule that ran, failures with messages', async () => {
  const { dir } = sampleDir();
  mkdirSync(join(dir, 'b'));
  writeFileSync(join(dir, 'b', 'ossec.conf'), '<ossec_config>\n</ossec_config>\n');
  const r = await runArctlInProcess(['lint', '--format', 'junit', 'ossec.conf', 'b/ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.match(r.stdout, /^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
  const suites = [...r.stdout.matchAll(/<testsuite name="([^"]+)" tests="(\d+)" failures="(\d+)"/g)].map((m) => [m[1], Number(m[2]), Number(m[3])]);
  assert.equal(suites.length, 2);
  assert.equal(suites[0][0], 'ossec.conf');
  assert.ok((suites[0][2] as number) >= 2);
  assert.equal(suites[1][2], 0);
  assert.ok((suites[1][1] as number) >= 3, 'clean file still lists the rules that ran');
  assert.match(r.stdout, /<testcase classname="ossec.conf" name="unknown-command" time="0">\s*<failure message="No &lt;command&gt; is named &apos;Firewall-Drop&apos;/);
  assert.match(r.stdout, /ossec\.conf:9:14 error No &lt;command&gt;/);
});

test('exit codes: 0 clean, 1 errors, --max-warnings, --quiet, 2 usage', () => {
  const { dir } = sampleDir(SAMPLE.replace('Firewall-Drop', 'firewall-drop'));
  const warningsOnly = runArctl(['lint', 'ossec.conf'], { cwd: dir });
  assert.equal(warningsOnly.status, 0, warningsOnly.stdout);
  assert.match(warningsOnly.stdout, /unused-disable/);
  const tooMany = runArctl(['lint', '--max-warnings', '0', 'ossec.conf'], { cwd: dir });
  assert.equal(tooMany.status, 1);
  // One line, prefixed as every other one-line error is.
  assert.match(tooMany.stderr, /^arctl: too many warnings: [1-9]\d*, more than --max-warnings 0\n$/);
  const quiet = runArctl(['lint', '--quiet', '--max-warnings', '0', 'ossec.conf'], { cwd: dir });
  assert.equal(quiet.status, 0);
  assert.equal(quiet.stdout, '');
  const promoted = runArctl(['lint', '--rule', 'unused-disable=error', 'ossec.conf'], { cwd: dir });
  assert.equal(promoted.status, 1);
  const off = runArctl(['lint', '--rule', 'unused-disable=off', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(off.status, 0);
  assert.deepEqual((JSON.parse(off.stdout) as JsonReportFile[])[0].messages, []);
  const usageErrors: Array<[string[], RegExp]> = [
    [['--rule', 'unknwon-command=off'], /did you mean 'unknown-command'/],
    [['--rule', 'unknown-command'], /expected RULE-ID=SEVERITY/],
    [['--rule', 'unknown-command=loud'], /'loud' is not one of off, info, warning, error/],
    [['--format', 'xml'], /--format/],
    [['--max-warnings', 'many'], /--max-warnings 'many'/],
    [['--target-version', '5.0'], /5\.0 is not supported yet: Wazuh 5\.x replaces analysisd/],
    // No Wazuh 6 or 9 exists: not called a 5.x.
    [['--target-version', '6.0'], /--target-version 6\.0 is not a Wazuh\/OSSEC version arctl knows \(known: 2\.0-2\.9, 3\.0-3\.13, 4\.0-4\.14/],
    [['--target-version', '9.9'], /--target-version 9\.9 is not a Wazuh\/OSSEC version arctl knows/],
    [['--target-version', 'latest'], /invalid --target-version 'latest'/],
    [['--manager-ip', 'not-an-ip'], /--manager-ip 'not-an-ip': not an IP address/],
    [['--ar-bin', join(dir, 'missing')], /--ar-bin .*missing: no such file/],
  ];
  for (const [args, message] of usageErrors) {
    const r = runArctl(['lint', ...args, 'ossec.conf'], { cwd: dir });
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line: ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
});

test('multiple files: each reported, the worst exit code wins', () => {
  const { dir } = sampleDir();
  writeFileSync(join(dir, 'clean.conf'), '<ossec_config>\n</ossec_config>\n');
  const mixed = runArctl(['lint', '--format', 'json', 'clean.conf', 'ossec.conf'], { cwd: dir });
  assert.equal(mixed.status, 1);
  assert.equal((JSON.parse(mixed.stdout) as JsonReportFile[]).length, 2);
  const missing = runArctl(['lint', '--format', 'json', 'ossec.conf', 'nope.conf'], { cwd: dir });
  assert.equal(missing.status, 2);
  assert.equal((JSON.parse(missing.stdout) as JsonReportFile[]).length, 1);
  assert.match(missing.stderr, /nope\.conf: no such file/);
});

test('default file is ./ossec.conf; a missing one is a clear exit 2', async () => {
  const { dir } = sampleDir();
  assert.equal((await runArctlInProcess(['lint'], { cwd: dir })).status, 1);
  const empty = tempDir();
  const r = await runArctlInProcess(['lint'], { cwd: empty });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /^arctl: ossec\.conf: no such file .*\.\/ossec\.conf/);
});

test('.arctl.json: nearest one walking up, --config, and errors naming the key', async () => {
  const { dir } = sampleDir();
  const sub = join(dir, 'deep', 'er');
  mkdirSync(sub, { recursive: true });
  writeFileSync(join(sub, 'ossec.conf'), SAMPLE);
  writeFileSync(join(dir, '.arctl.json'), JSON.stringify({ rules: { 'unknown-command': 'warning', 'unused-disable': 'off' } }));
  const r = await runArctlInProcess(['lint', '--format', 'json'], { cwd: sub });
  assert.equal(r.status, 0, r.stderr);
  const messages = (JSON.parse(r.stdout) as JsonReportFile[])[0].messages;
  assert.deepEqual(messages.map((m) => [m.ruleId, m.severity]), [['unknown-command', 1]]);
  const flagWins = await runArctlInProcess(['lint', '--rule', 'unknown-command=error'], { cwd: sub });
  assert.equal(flagWins.status, 1);

  const other = join(dir, 'other.json');
  writeFileSync(other, JSON.stringify({ targetVersion: '4.14', rules: { 'unknown-command': 'off' } }));
  const viaFlag = await runArctlInProcess(['lint', '--config', other, '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(viaFlag.status, 0);
  assert.ok(!(JSON.parse(viaFlag.stdout) as JsonReportFile[])[0].messages.some((m) => m.ruleId === 'unknown-command'));

  const cases: Array<[unknown, RegExp]> = [
    [{ rulez: {} }, /unknown key 'rulez'; did you mean 'rules'\?/],
    [{ rules: { 'no-such-rule': 'off' } }, /unknown rule 'no-such-rule'/],
    [{ rules: { 'unknown-command': 'loud' } }, /rules\.unknown-command: "loud" is not one of/],
    [{ targetVersion: '5.1' }, /targetVersion 5\.1 is not supported/],
    [[1, 2], /expected a JSON object/],
  ];
  for (const [content, message] of cases) {
    writeFileSync(join(dir, '.arctl.json'), JSON.stringify(content));
    const bad = await runArctlInProcess(['lint', 'ossec.conf'], { cwd: dir });
    assert.equal(bad.status, 2, JSON.stringify(content));
    assert.match(bad.stderr, message);
    assert.equal(bad.stderr.trim().split('\n').length, 1);
  }
  writeFileSync(join(dir, '.arctl.json'), '{ "rules": ');
  const invalid = await runArctlInProcess(['lint', 'ossec.conf'], { cwd: dir });
  assert.equal(invalid.status, 2);
  assert.match(invalid.stderr, /\.arctl\.json:1:12: invalid JSON: Unexpected end of JSON input$/m);
  assert.equal((await runArctlInProcess(['lint', '--config', join(dir, 'absent.json'), 'ossec.conf'], { cwd: dir })).status, 2);
});

test('a .arctl.json that is a directory is refused naming it (exit 2), not passed over for a parent\'s file', () => {
  const { dir } = sampleDir();
  const sub = join(dir, 'sub');
  mkdirSync(join(sub, '.arctl.json'), { recursive: true });
  writeFileSync(join(sub, 'ossec.conf'), SAMPLE);
  // The parent's file would switch the finding off: the directory nearer must not let it apply silently.
  writeFileSync(join(dir, '.arctl.json'), JSON.stringify({ rules: { 'unknown-command': 'off' } }));
  for (const args of [['lint', 'ossec.conf'], ['validate', 'ossec.conf'], ['simulate', '-', '--file', 'ossec.conf']]) {
    const r = runArctl(args, { cwd: sub, input: '' });
    assert.equal(r.status, 2, `${args[0]}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr, `arctl: config ${join(sub, '.arctl.json')}: is a directory, not a file\n`);
    assert.equal(r.stdout, '');
  }
  // --config naming the directory is refused the same way, as before.
  const named = runArctl(['lint', '--config', '.arctl.json', 'ossec.conf'], { cwd: sub });
  assert.equal(named.status, 2);
  assert.equal(named.stderr, 'arctl: config .arctl.json: is a directory, not a file\n');
});

test('a .arctlignore that is a directory is refused naming it (exit 2) when a directory search reads it, not passed over for a parent\'s', () => {
  const { dir } = sampleDir();
  const sub = join(dir, 'sub');
  mkdirSync(join(sub, '.arctlignore'), { recursive: true });
  mkdirSync(join(sub, 'etc'));
  writeFileSync(join(sub, 'etc', 'ossec.conf'), SAMPLE);
  // The parent's file would leave the file out: the directory nearer must not let it apply silently.
  writeFileSync(join(dir, '.arctlignore'), 'ossec.conf\n');
  for (const command of ['lint', 'validate']) {
    const r = runArctl([command, 'etc'], { cwd: sub });
    assert.equal(r.status, 2, `${command}: ${r.stdout}${r.stderr}`);
    assert.equal(r.stderr, `arctl: ${join(sub, '.arctlignore')}: is a directory, not a file\n`);
    assert.equal(r.stdout, '');
  }
  // A file named alone never reads the ignore file (named files are always checked): linted as before.
  const named = runArctl(['lint', join('etc', 'ossec.conf')], { cwd: sub });
  assert.equal(named.status, 1, named.stderr);
  assert.match(named.stdout, /unknown-command/);
  // --print-config shows the settings a directory search would use: it refuses the directory too, rather than print it as the ignore file.
  for (const command of ['lint', 'validate']) {
    const printed = runArctl([command, '--print-config'], { cwd: sub });
    assert.equal(printed.status, 2, `${command}: ${printed.stdout}`);
    assert.equal(printed.stderr, `arctl: ${join(sub, '.arctlignore')}: is a directory, not a file\n`);
    assert.equal(printed.stdout, '');
  }
});

test('inline disable comments suppress findings end to end', async () => {
  const text = SAMPLE.replace('  <active-response>\n    <command>Firewall-Drop', '  <!-- arctl-disable-next-line unknown-command: renamed on purpose -->\n  <active-response>\n    <command>Firewall-Drop').replace(
    '  <!-- arctl-disable-next-line unknown-command: stale -->\n',
    '',
  );
  const { dir } = sampleDir(text);
  const r = await runArctlInProcess(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout);
  assert.deepEqual((JSON.parse(r.stdout) as JsonReportFile[])[0].messages, []);
});

test('--fix writes the fixed file atomically, keeping its mode; re-lint reports what is left', () => {
  const { dir, file } = sampleDir();
  chmodSync(file, 0o640);
  const r = runArctl(['lint', '--fix', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(file, 'utf8');
  assert.equal(after, SAMPLE.replace('Firewall-Drop', 'firewall-drop'));
  assert.equal(statSync(file).mode & 0o777, 0o640);
  const messages = (JSON.parse(r.stdout) as JsonReportFile[])[0].messages;
  assert.ok(!messages.some((m) => m.ruleId === 'unknown-command'));
  const again = runArctl(['lint', '--fix', 'ossec.conf'], { cwd: dir });
  assert.equal(readFileSync(file, 'utf8'), after, 'idempotent');
  assert.equal(again.status, 0);
});

test('--fix refuses a file the user cannot write, leaving it unchanged', { skip: process.getuid?.() === 0 ? 'root can write any file: permission test skipped' : false }, () => {
  const { dir, file } = sampleDir();
  chmodSync(file, 0o444);
  const r = runArctl(['lint', '--fix', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /cannot write fixes to ossec\.conf: permission denied; the file was left unchanged/);
  assert.equal(readFileSync(file, 'utf8'), SAMPLE);
});

test('--fix-dry-run prints a git-style unified diff (as add --dry-run) and writes nothing', () => {
  const { dir, file } = sampleDir();
  const r = runArctl(['lint', '--fix-dry-run', 'ossec.conf'], { cwd: dir });
  assert.equal(readFileSync(file, 'utf8'), SAMPLE);
  assert.equal(r.status, 0, 'no errors would remain');
  assert.match(r.stdout, /^--- a\/ossec\.conf\n\+\+\+ b\/ossec\.conf\n@@ /);
  assert.match(r.stdout, /^-    <command>Firewall-Drop<\/command>$/m);
  assert.match(r.stdout, /^\+    <command>firewall-drop<\/command>$/m);
  assert.match(r.stderr, /1 file would change/);
  const both = runArctl(['lint', '--fix', '--fix-dry-run', 'ossec.conf'], { cwd: dir });
  assert.equal(both.status, 2);
  // What would remain is counted as lint counts it after --fix, infos included: '3 problems (0 errors, 1 warning)' read as a miscount.
  const withInfo = sampleDir(SAMPLE.replace('<timeout_allowed>yes</timeout_allowed>', '<timeout_allowed>yes</timeout_allowed>\n    <expect>srcip</expect>'));
  const dry = runArctl(['lint', '--fix-dry-run', 'ossec.conf'], { cwd: withInfo.dir });
  runArctl(['lint', '--fix', 'ossec.conf'], { cwd: withInfo.dir });
  const after = runArctl(['lint', 'ossec.conf'], { cwd: withInfo.dir });
  const counted = /\u2716 (\d+ problems \(.*\))$/m.exec(after.stdout)![1];
  assert.match(counted, /info/);
  assert.match(dry.stderr, new RegExp(`^arctl: 1 file would change; ${counted.replace(' (', ' would remain (').replace(/[()]/g, '\\$&')}$`, 'm'));
});

test('--output naming a file being checked is refused (exit 2, the configuration left as it was), by path or through a link or directory', () => {
  const { dir, file } = sampleDir();
  symlinkSync('ossec.conf', join(dir, 'link.ossec.conf'));
  for (const [command, args] of [
    ['lint', ['ossec.conf', '-o', 'ossec.conf']],
    ['validate', ['ossec.conf', '--output', './ossec.conf']],
    ['lint', ['--format', 'json', 'link.ossec.conf', '-o', 'ossec.conf']],
    ['lint', ['.', '-o', 'ossec.conf']],
  ] as const) {
    const r = runArctl([command, ...args], { cwd: dir });
    assert.equal(r.status, 2, `${command} ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, /^arctl: --output \S*ossec\.conf would replace \S*ossec\.conf, one of the files to check, with the report; nothing written/);
    assert.equal(readFileSync(file, 'utf8'), SAMPLE);
  }
  // Another file is written as before.
  assert.equal(runArctl(['lint', 'ossec.conf', '-o', 'report.txt'], { cwd: dir }).status, 1);
  assert.match(readFileSync(join(dir, 'report.txt'), 'utf8'), /unknown-command/);
});

test('stdin with - and --stdin-filename; --fix refuses stdin', () => {
  const r = runArctl(['lint', '--format', 'json', '-', '--stdin-filename', 'etc/ossec.conf'], { input: SAMPLE, cwd: tempDir() });
  assert.equal(r.status, 1);
  const [result] = JSON.parse(r.stdout) as JsonReportFile[];
  assert.match(result.filePath, /\/etc\/ossec\.conf$/);
  assert.ok(result.messages.some((m) => m.ruleId === 'unknown-command'));
  const stylish = runArctl(['lint', '-'], { input: SAMPLE });
  assert.match(stylish.stdout, /^<stdin>$/m);
  const fix = runArctl(['lint', '--fix', '-'], { input: SAMPLE });
  assert.equal(fix.status, 2);
  assert.match(fix.stderr, /--fix cannot write back to standard input/);
});

test('--output writes the report to a file', () => {
  const { dir } = sampleDir();
  const r = runArctl(['lint', '--format', 'json', '--output', 'report.json', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.equal((JSON.parse(readFileSync(join(dir, 'report.json'), 'utf8')) as JsonReportFile[]).length, 1);
});

test('bad inputs: one clear line, exit 2 (or a parse-error finding, exit 1), no stack trace, bounded time', () => {
  const dir = tempFiles({
    'empty.conf': '',
    'binary.conf': Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff]),
    'utf16.conf': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('<ossec_config></ossec_config>', 'utf16le')]),
    // Without a byte order mark (.NET's Encoding.Unicode.GetBytes, some editors' 'UTF-16 LE' without BOM):
    // the zero byte beside '<' tells UTF-16 and its byte order, as the alerts reader tells it.
    'utf16le.conf': Buffer.from('<ossec_config></ossec_config>', 'utf16le'),
    'utf16be.conf': Buffer.from('<ossec_config></ossec_config>', 'utf16le').swap16(),
    'doctype.conf': '<?xml version="1.0"?>\n<!DOCTYPE foo [ <!ENTITY xxe SYSTEM "file:///etc/passwd"> ]>\n<ossec_config><global><email_to>&xxe;</email_to></global></ossec_config>\n',
    'laughs.conf': `<?xml version="1.0"?>\n<!DOCTYPE lolz [\n <!ENTITY lol "lol">\n${Array.from({ length: 9 }, (_, i) => ` <!ENTITY lol${i + 1} "${`&lol${i || ''};`.repeat(10)}">`).join('\n')}\n]>\n<ossec_config><global><email_to>&lol9;</email_to></global></ossec_config>\n`,
    'unclosed.conf': '<ossec_config>\n  <active-response>\n    <command>x</command>\n</ossec_config>\n',
  });
  mkdirSync(join(dir, 'adir'));
  // Time is bounded by runArctl's per-process timeout: a hang would end with status null, not the expected code.
  const check = (args: string[], status: number, pattern: RegExp) => {
    const r = runArctl(['lint', ...args], { cwd: dir });
    assert.equal(r.status, status, `${args.join(' ')}: ${r.stderr}${r.stdout}`);
    assert.match(r.stderr + r.stdout, pattern, args.join(' '));
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, `${args.join(' ')}: ${r.stderr}`);
    if (status === 2) assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
    return r;
  };
  // Wazuh starts with an empty file (ReadConfig finds no node and returns 0): a warning, not a refusal.
  check(['--format', 'json', 'empty.conf'], 0, /"messageId":"no-config-elements","severity":1,.*"message":"Not a Wazuh configuration: no <ossec_config> root \(the file is empty\); Wazuh starts with this file but reads nothing/);
  check(['missing.conf'], 2, /missing\.conf: no such file/);
  check(['adir'], 2, /adir: no ossec\.conf, agent\.conf or \*\.ossec\.conf file in this directory/);
  check(['binary.conf'], 2, /binary\.conf:1:\d+: .*binary/);
  check(['utf16.conf'], 2, /utf16\.conf:1:1: file is UTF-16/);
  check(['utf16le.conf'], 2, /utf16le\.conf:1:1: file is UTF-16 encoded; .*iconv -f UTF-16LE -t UTF-8/);
  check(['utf16be.conf'], 2, /utf16be\.conf:1:1: file is UTF-16 encoded; .*iconv -f UTF-16BE -t UTF-8/);
  for (const name of ['doctype.conf', 'laughs.conf', 'unclosed.conf']) {
    const r = runArctl(['lint', '--format', 'json', name], { cwd: dir });
    assert.ok(r.status === 1 || r.status === 2, `${name}: ${r.status} ${r.stderr}`);
    assert.doesNotMatch(r.stderr, /\n\s+at |internal error/, `${name}: ${r.stderr}`);
    if (r.status === 1) {
      const [result] = JSON.parse(r.stdout) as JsonReportFile[];
      const parse = result.messages.find((m) => m.ruleId === 'parse-error');
      assert.ok(parse, `${name}: parse-error finding`);
      assert.ok(parse.line >= 1 && parse.column >= 1);
    } else {
      assert.match(r.stderr, new RegExp(name.replace('.', '\\.')));
    }
  }
  const unclosed = check(['unclosed.conf'], 1, /Wazuh cannot read this file/);
  assert.match(unclosed.stdout, /parse-error/);
  const huge = join(dir, 'huge.conf');
  writeFileSync(huge, '');
  truncateSync(huge, 33 * 1024 * 1024);
  check(['huge.conf'], 2, /huge\.conf: file is 33 MB/);
});

test('validate: parse errors and start-up refusals only, same formats and exit codes', async () => {
  const { dir } = sampleDir();
  const r = await runArctlInProcess(['validate', '--format', 'json', 'ossec.conf'], { cwd: dir });
  const [result] = JSON.parse(r.stdout) as JsonReportFile[];
  // The unknown command stops analysisd (1303); lint-only findings (unused-disable) are not validate's.
  assert.deepEqual(result.messages.map((m) => [m.ruleId, m.line]), [['unknown-command', 9]], r.stdout);
  assert.equal(r.status, result.errorCount > 0 ? 1 : 0);
  writeFileSync(join(dir, 'broken.conf'), '<ossec_config>\n  <global>\n</ossec_config>\n');
  const broken = await runArctlInProcess(['validate', 'broken.conf'], { cwd: dir });
  assert.equal(broken.status, 1);
  assert.match(broken.stdout, /parse-error/);
  assert.equal((await runArctlInProcess(['validate', 'none.conf'], { cwd: dir })).status, 2);
});

test('rules lists every rule; explain prints the docs or suggests a close id', async () => {
  const list = await runArctlInProcess(['rules']);
  assert.equal(list.status, 0);
  assert.match(list.stdout, /^RULE +SEVERITY +FIXABLE +NEEDS +SUMMARY$/m);
  assert.match(list.stdout, /^unknown-command +error +yes, suggestion +- +/m);
  assert.match(list.stdout, /^unused-disable +warning +no +- +/m);
  const json = JSON.parse((await runArctlInProcess(['rules', '--format', 'json'])).stdout) as Array<{ id: string }>;
  assert.ok(json.some((r) => r.id === 'parse-error'));
  const explain = await runArctlInProcess(['explain', 'unknown-command']);
  assert.equal(explain.status, 0);
  for (const heading of ['What', 'Why', 'Bad', 'Good', 'Fix']) assert.match(explain.stdout, new RegExp(`^${heading}$`, 'm'));
  const typo = await runArctlInProcess(['explain', 'unknown-comand']);
  assert.equal(typo.status, 2);
  assert.match(typo.stderr, /unknown rule 'unknown-comand'; did you mean 'unknown-command'\?/);
  const help = await runArctlInProcess(['lint', '--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /Examples:/);
  const known = new Set(json.map((r) => r.id));
  for (const m of help.stdout.matchAll(/--rule ([a-z-]+)=/g)) assert.ok(known.has(m[1]), `help example names a real rule: ${m[1]}`);
});
