/**
 * The file-structure and <command> rules (lint-rules.md B.1/B.2) through the built CLI on real files:
 * findings and severities in JSON output, --fix in place, --ar-bin, --target-version, agent.conf role.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintJson, runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';

const B12_RULES = new Set([
  'outside-ossec-config', 'unknown-element', 'option-from-other-block', 'empty-value', 'unicode-lookalike', 'untrimmed-value',
  'ar-in-agent-conf', 'command-missing-field', 'duplicate-command-name', 'command-name-reserved-bang', 'command-name-charset',
  'ar-name-collision', 'executable-with-path', 'legacy-script-name', 'executable-not-found', 'expect-deprecated',
  'expect-missing-srcip', 'expect-unknown-field', 'invalid-boolean', 'stateful-command-without-timeout-allowed',
  'unused-command', 'extra-args-shell-syntax',
]);

const BROKEN = `<ossec_config>
  <command>
    <name>firewall\u2010drop</name>
    <executable>firewall-drop.sh</executable>
    <expect>srcip</expect>
    <timeout_allowed>true</timeout_allowed>
  </command>
  <command>
    <name>notify</name>
    <executable>/opt/bin/notify.sh</executable>
    <extra_args>-v ; cat /etc/passwd</extra_args>
  </command>
  <active-response>
    <disbaled>no</disbaled>
    <command> firewall-drop</command>
    <location>local</location>
    <rule_id>5712</rule_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

/** After --fix --fix-suggestions: the guesses (a path cut off, a deleted <expect>, a typo renamed) taken too. */
const SUGGESTED = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
    <extra_args>-v ; cat /etc/passwd</extra_args>
  </command>
  <active-response>
    <disabled>no</disabled>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

/** After --fix alone: only what is certain; the guesses stay for the user (suggestions). */
const FIXED = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <expect>srcip</expect>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>notify</name>
    <executable>/opt/bin/notify.sh</executable>
    <extra_args>-v ; cat /etc/passwd</extra_args>
  </command>
  <active-response>
    <disbaled>no</disbaled>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

test('lint reports the B.1/B.2 findings of a broken file with their severities', () => {
  const file = tempFile('ossec.conf', BROKEN);
  const { status, messages } = lintJson([file]);
  assert.equal(status, 1);
  const mine = messages.filter((m) => B12_RULES.has(m.ruleId)).map((m) => `${m.line}:${m.ruleId}:${m.severityName}`);
  for (const want of [
    '3:unicode-lookalike:error',
    '4:legacy-script-name:warning', // no response binds the look-alike name: a dead definition
    '5:expect-deprecated:info',
    '6:invalid-boolean:error',
    '9:unused-command:info',
    '10:executable-with-path:warning',
    '11:extra-args-shell-syntax:info',
    '14:unknown-element:error',
    '15:untrimmed-value:error',
    '17:option-from-other-block:error',
  ]) {
    assert.ok(mine.includes(want), `${want} in\n${mine.join('\n')}`);
  }
  const unknown = messages.find((m) => m.ruleId === 'unknown-element');
  assert.match(unknown!.message, /Did you mean <disabled>\?/);
  assert.match(unknown!.message, /\(1230\)/);
});

test('lint --fix repairs what is safe and leaves the rest', () => {
  const file = tempFile('ossec.conf', BROKEN);
  const r = runArctl(['lint', '--fix', file]);
  assert.notEqual(r.status, 2, r.stderr);
  assert.equal(readFileSync(file, 'utf8'), FIXED);
  assert.match(r.stderr, /: fixed \d+ problems \(.*invalid-boolean 1.*\); \d+ problems remain; 3 suggestions left for --fix-suggestions\n/);
  assert.match(r.stdout, /suggestion: Rename it to <disabled>/);
  const guesses = lintJson([file]).messages.filter((m) => m.suggestions).map((m) => `${m.line}:${m.ruleId}`);
  assert.deepEqual(guesses, ['5:expect-deprecated', '10:executable-with-path', '14:unknown-element']);
  // The guesses on request, one rule at a time, then all.
  const one = runArctl(['lint', '--fix', '--fix-suggestions', '--fix-rule', 'unknown-element', file]);
  assert.notEqual(one.status, 2, one.stderr);
  assert.ok(readFileSync(file, 'utf8').includes('<disabled>no</disabled>') && readFileSync(file, 'utf8').includes('/opt/bin/notify.sh'));
  runArctl(['lint', '--fix', '--fix-suggestions', file]);
  assert.equal(readFileSync(file, 'utf8'), SUGGESTED);
  const after = lintJson([file]).messages.filter((m) => B12_RULES.has(m.ruleId)).map((m) => m.ruleId);
  assert.deepEqual([...new Set(after)].sort(), ['extra-args-shell-syntax', 'unused-command']);
});

test('--fix-rule, --fix-type and --fix-suggestions are checked: a misspelt value or a missing --fix is a usage error', () => {
  const file = tempFile('ossec.conf', BROKEN);
  const cases: Array<[string[], RegExp]> = [
    [['--fix-rule', 'unknown-elemnt', '--fix'], /--fix-rule: unknown rule 'unknown-elemnt'; did you mean 'unknown-element'\?/],
    [['--fix-type', 'layuot', '--fix'], /--fix-type: 'layuot' is not one of problem, suggestion, layout/],
    [['--fix-suggestions'], /--fix-suggestions needs --fix or --fix-dry-run/],
  ];
  for (const [flags, message] of cases) {
    const r = runArctl(['lint', ...flags, file]);
    assert.equal(r.status, 2, r.stderr);
    assert.match(r.stderr, message);
  }
  assert.equal(readFileSync(file, 'utf8'), BROKEN);
});

test("--fix-rule invalid-location on the shipped broken example: the location is fixed though command-defined-after-use's error is reworded", () => {
  // Fixed, the 1302 that analysisd met first is gone, and command-defined-after-use says (1303) alone instead of
  // "stops at this block's (1302) first": the same error at the same place, not one the fix brought.
  const file = tempFile('broken.ossec.conf', readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8'));
  const r = runArctl(['lint', '--fix', '--fix-rule', 'invalid-location', file]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /fixed 1 problem \(invalid-location 1\); 3 problems remain/);
  assert.match(readFileSync(file, 'utf8'), /<location>defined-agent<\/location>/);
  assert.deepEqual(lintJson([file]).messages.map((m) => `${m.line}:${m.ruleId}/${m.messageId}`), ['16:unicode-lookalike/inValue', '24:command-defined-after-use/later', '33:unknown-command/unknown']);
});

test('--fix-type layout fixes only white space; --fix-dry-run says what it would fix', () => {
  const file = tempFile('ossec.conf', BROKEN);
  const r = runArctl(['lint', '--fix-dry-run', '--fix-type', 'layout', file]);
  assert.match(r.stdout, /^-    <command> firewall-drop<\/command>$/m);
  assert.match(r.stdout, /^\+    <command>firewall-drop<\/command>$/m);
  assert.doesNotMatch(r.stdout, /^\+.*<timeout_allowed>yes/m);
  assert.match(r.stderr, /would fix 1 problem \(untrimmed-value 1\)/);
  assert.equal(readFileSync(file, 'utf8'), BROKEN);
});

test('lint --ar-bin reports executables missing from the directory, with the nearest file', () => {
  const dir = tempFiles({
    'bin/firewall-drop': '',
    'bin/host-deny': '',
    'ossec.conf': '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drops</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n</ossec_config>\n',
  });
  const bin = join(dir, 'bin');
  const file = join(dir, 'ossec.conf');
  const found = lintJson([file, '--ar-bin', bin]).messages.filter((m) => m.ruleId === 'executable-not-found');
  assert.equal(found.length, 1);
  assert.equal(found[0].line, 4);
  assert.match(found[0].message, /Did you mean 'firewall-drop'\?/);
  assert.equal(lintJson([file]).messages.filter((m) => m.ruleId === 'executable-not-found').length, 0);
});

test("lint --root on a manager: the stock ossec.conf's Windows commands are not looked for in its Linux active-response/bin", { skip: corpusSkip }, () => {
  // A 4.14 manager's bin: Linux programs only; route-null.exe and netsh.exe are installed on Windows agents.
  const programs = ['default-firewall-drop', 'disable-account', 'firewall-drop', 'firewalld-drop', 'host-deny', 'ip-customblock', 'ipfw', 'kaspersky', 'npf', 'pf', 'restart-wazuh', 'restart.sh', 'route-null', 'wazuh-slack'];
  const root = tempFiles({
    'etc/ossec.conf': readFileSync(join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf')),
    ...Object.fromEntries(programs.map((p) => [`active-response/bin/${p}`, ''])),
  });
  const stock = runArctl(['lint', '--root', root, '--format', 'json']);
  assert.equal(stock.status, 0, stock.stdout);
  assert.deepEqual((JSON.parse(stock.stdout) as JsonReportFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'executable-not-found')), []);
  // A Linux program missing there is still found: an error when a response uses it, a warning when none does.
  const edited = readFileSync(join(root, 'etc/ossec.conf'), 'utf8').replace('<executable>host-deny</executable>', '<executable>host-deny2</executable>');
  writeFileSync(join(root, 'etc/ossec.conf'), `${edited.replace('</ossec_config>', '  <active-response>\n    <command>host-deny</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>')}`);
  const used = (JSON.parse(runArctl(['lint', '--root', root, '--format', 'json']).stdout) as JsonReportFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'executable-not-found'));
  assert.deepEqual(used.map((m) => [m.messageId, m.severityName]), [['missing', 'error']]);
  writeFileSync(join(root, 'etc/ossec.conf'), edited);
  const unused = (JSON.parse(runArctl(['lint', '--root', root, '--format', 'json']).stdout) as JsonReportFile[]).flatMap((f) => f.messages.filter((m) => m.ruleId === 'executable-not-found'));
  assert.deepEqual(unused.map((m) => [m.messageId, m.severityName]), [['missingUnused', 'warning']]);
  assert.match(unused[0]!.message, /'host-deny2' is not in .*: no <active-response> uses this command today, but one that did would run nothing there\. Did you mean 'host-deny'\?/);
});

test('lint --target-version 3.13 checks <expect> and only notes pre-4.2 names (info)', () => {
  const file = tempFile(
    'ossec.conf',
    '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop.sh</executable>\n    <expect>dstip</expect>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n</ossec_config>\n',
  );
  const mine = lintJson([file, '--target-version', '3.13']).messages.filter((m) => B12_RULES.has(m.ruleId)).map((m) => `${m.line}:${m.ruleId}:${m.severityName}`);
  assert.deepEqual(mine.sort(), ['4:legacy-script-name:info', '5:expect-missing-srcip:warning', '5:expect-unknown-field:info']);
});

test('a shared agent.conf with manager-side response options is reported', () => {
  const file = tempFile('agent.conf', '<agent_config>\n  <active-response>\n    <repeated_offenders>5,10</repeated_offenders>\n  </active-response>\n</agent_config>\n');
  const all = lintJson([file]).messages;
  const found = all.filter((m) => m.ruleId === 'ar-in-agent-conf');
  assert.equal(found.length, 1);
  assert.match(found[0].message, /agent's own ossec\.conf/);
  // One cause, one finding: repeated-offenders-placement leaves agent.conf to ar-in-agent-conf.
  assert.deepEqual(all.filter((m) => m.line === 3).map((m) => m.ruleId), ['ar-in-agent-conf']);
});

test("the corpus' markdown-fenced fragment: no <ossec_config> root, said on its first element", { skip: corpusSkip }, () => {
  const { status, messages } = lintJson([join(corpusDir, 'conf/broken/markdown-fenced-fragment.conf')]);
  assert.equal(status, 1);
  const errors = messages.filter((m) => m.severity === 2);
  assert.equal(errors[0].ruleId, 'outside-ossec-config');
  assert.equal(errors[0].line, 2);
  assert.match(errors[0].message, /has no <ossec_config> root element/);
});

test('a file with no <ossec_config> root is one finding, at its first element, with the count of elements Wazuh reads none of (lint, validate, diff)', () => {
  // ReadConfig stops at the first top-level element (src/config/config.c:492-496) and one wrap mends them all.
  const bare = '<global>\n  <white_list>10.0.0.1</white_list>\n</global>\n<command>\n  <name>x</name>\n  <executable>firewall-drop</executable>\n</command>\n<active-response>\n  <command>x</command>\n  <location>local</location>\n  <level>10</level>\n</active-response>\n';
  const dir = tempFiles({ 'ossec.conf': bare, 'before.conf': '<ossec_config>\n</ossec_config>\n' });
  const COUNT = /\(1230\): Invalid element in the configuration: 'global'.*none of its 3 top-level elements is read.*Wrap the configuration in <ossec_config>/is;
  const linted = lintJson([join(dir, 'ossec.conf')]).messages;
  assert.deepEqual(linted.map((m) => `${m.line}:${m.ruleId}/${m.messageId}`), ['1:outside-ossec-config/noRoot']);
  assert.match(linted[0]!.message, COUNT);
  const validated = (JSON.parse(runArctl(['validate', 'ossec.conf', '--format', 'json'], { cwd: dir }).stdout) as JsonReportFile[])[0]!.messages;
  assert.deepEqual(validated.map((m) => `${m.line}:${m.ruleId}`), ['1:outside-ossec-config']);
  assert.match(validated[0]!.message, COUNT);
  // diff names the one refusal, not one per element.
  const diff = JSON.parse(runArctl(['diff', 'before.conf', 'ossec.conf', '--format', 'json'], { cwd: dir }).stdout) as { static: Array<{ kind: string; messages?: string[] }> };
  assert.deepEqual(diff.static.find((c) => c.kind === 'refusal')?.messages?.length, 1);
});

test("Wazuh's shipped 4.14.7 manager configuration has no B.1/B.2 finding", { skip: corpusSkip }, () => {
  const { messages } = lintJson([join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf')]);
  assert.deepEqual(messages.filter((m) => B12_RULES.has(m.ruleId)), []);
});

test('look-alikes in a file Wazuh starts with and whose options still act are warnings; validate passes it', () => {
  // Wazuh v4.14.7 starts with this fixture (its verdict is in test/fixtures/oracle/startup-cases.json).
  const file = join(projectRoot, 'test/fixtures/rules/unicode-lookalike/invalid-runs.xml');
  const { status, messages } = lintJson([file]);
  assert.equal(status, 0, JSON.stringify(messages));
  const mine = messages.filter((m) => m.ruleId === 'unicode-lookalike').map((m) => `${m.line}:${m.severityName}`);
  assert.deepEqual(mine, ['5:warning', '6:warning', '9:warning', '14:warning', '19:warning', '22:warning', '25:warning']);
  assert.deepEqual(messages.filter((m) => m.severityName === 'error'), []);
  const limits = messages.find((m) => m.ruleId === 'unicode-lookalike' && m.line === 9);
  assert.match(limits!.message, /it is not <maximum>, so <eps> does not get that option/);
  assert.equal(runArctl(['validate', file]).status, 0);
});

test('a <var> outside <ossec_config> is a variable Wazuh skips: a warning, not a refusal; validate passes the file', () => {
  // Wazuh v4.14.7 starts with this fixture (test/fixtures/oracle/startup-cases.json).
  const file = join(projectRoot, 'test/fixtures/rules/outside-ossec-config/invalid-variable.xml');
  const { status, messages } = lintJson([file]);
  assert.equal(status, 0, JSON.stringify(messages));
  assert.deepEqual(messages.map((m) => `${m.line}:${m.ruleId}:${m.severityName}`), ['2:outside-ossec-config:warning', '16:outside-ossec-config:warning']);
  assert.match(messages[0].message, /substitutes \$names only in rules and decoders files/);
  assert.equal(runArctl(['validate', file]).status, 0);
  // A root that is not a variable is still refused, even after one.
  const other = tempFile('ossec.conf', '<var name="x">1</var>\n<foo/>\n');
  assert.deepEqual(lintJson([other]).messages.map((m) => `${m.line}:${m.messageId}`), ['1:variable', '2:noRoot']);
});

test('an empty <location> beside <repeated_offenders>: the block is dropped silently, not refused; validate passes the file', () => {
  // Wazuh v4.14.7 starts with this fixture (test/fixtures/oracle/startup-cases.json).
  const file = join(projectRoot, 'test/fixtures/rules/empty-value/invalid-repeated-offenders.xml');
  const { messages } = lintJson([file]);
  const empty = messages.filter((m) => m.ruleId === 'empty-value');
  assert.deepEqual(empty.map((m) => `${m.line}:${m.severityName}`), ['11:error']);
  assert.match(empty[0].message, /skips the block without a word, because it holds <repeated_offenders>/);
  assert.doesNotMatch(empty[0].message, /1281/);
  assert.equal(runArctl(['validate', file]).status, 0);
});

test('two <command> definitions of one name with different programs: an error when a response uses the name, else a warning', () => {
  // Wazuh v4.14.7 starts with both fixtures (test/fixtures/oracle/startup-cases.json).
  const dir = join(projectRoot, 'test/fixtures/rules/duplicate-command-name');
  const of = (file: string) => lintJson([join(dir, file)]).messages.filter((m) => m.messageId.startsWith('differentExecutable')).map((m) => `${m.line}:${m.severityName}`);
  assert.deepEqual(of('invalid.xml'), ['18:error']);
  const unused = lintJson([join(dir, 'invalid-unused.xml')]);
  assert.equal(unused.status, 0);
  assert.deepEqual(of('invalid-unused.xml'), ['9:warning']);
  assert.match(unused.messages.find((m) => m.line === 9)!.message, /would never run, once an <active-response> uses this name \(none does\)/);
});

test('an exact copy of a <command> is advice (info): the first definition, which a response finds, says the same', () => {
  // ReadActiveCommands appends every definition; ReadActiveResponses binds the first of the name (strcmp,
  // src/config/active-response.c:211-222, v4.14.7): a copy runs exactly what is written. From 4.2 <expect> is not read (:338-339).
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <command><name>block</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed><expect>srcip</expect></command>
  <command><name>block</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed><expect>srcip</expect></command>
  <command><name>block</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed><expect>user</expect></command>
  <active-response><command>block</command><location>local</location><rules_id>5712</rules_id><timeout>600</timeout></active-response>
</ossec_config>
`,
  );
  const at = (target: string) => {
    const r = lintJson([file, '--target-version', target]);
    return r.messages.filter((m) => m.ruleId === 'duplicate-command-name').map((m) => `${m.line}:${m.messageId}:${m.severityName}`);
  };
  assert.deepEqual(at('4.14'), ['3:exactCopy:info', '4:exactCopy:info']);
  // Before 4.2 execd passes <expect> to the script: the third definition differs, and is ignored.
  assert.deepEqual(at('4.1'), ['3:exactCopy:info', '4:differentOptions:warning']);
  const text = lintJson([file]).messages.find((m) => m.messageId === 'exactCopy')!.message;
  assert.match(text, /this copy changes nothing\. Remove it\./);
});

/** A manager configuration: its commands, one a line, then `count` responses, one a line. */
function manyResponses(count: number, name: (i: number) => string): string {
  const commands = [...new Set(Array.from({ length: count }, (_, i) => name(i)))].map(
    (n) => `  <command><name>${n}</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>`,
  );
  const blocks = Array.from({ length: count }, (_, i) => `  <active-response><command>${name(i)}</command><location>local</location><rules_id>${100001 + i}</rules_id><timeout>600</timeout></active-response>`);
  return `<ossec_config>\n${commands.join('\n')}\n${blocks.join('\n')}\n</ossec_config>\n`;
}

test("execd-table-overflow: past the 65 rows of execd's ar.conf table, at the response that takes row 66", () => {
  const dir = tempFiles({
    'fits.conf': manyResponses(63, () => 'firewall-drop'),
    'same-name.conf': manyResponses(64, () => 'firewall-drop'),
    'distinct.conf': manyResponses(70, (i) => `drop${i}`),
  });
  const overflow = (file: string) => lintJson([join(dir, file)]).messages.filter((m) => m.ruleId === 'execd-table-overflow');
  // Wazuh's restart entries take two rows (restart-ossec0, restart-wazuh0): 63 responses fill the other 63.
  assert.deepEqual(overflow('fits.conf'), []);
  const sameName = overflow('same-name.conf');
  // The 64th response: line 2 + 64 (one command line before the blocks).
  assert.deepEqual(sameName.map((m) => [m.line, m.severity, m.messageId]), [[66, 1, 'overflow']]);
  assert.match(sameName[0]!.message, /takes row 66 of the 66 .* \(3 distinct names .*on every host where the programs of the repeated names exist/);
  const distinct = overflow('distinct.conf');
  assert.deepEqual(distinct.map((m) => m.line), [1 + 70 + 64]);
  assert.match(distinct[0]!.message, /row 66 of the 72 .* \(72 distinct names .*on every host where execd runs/);
});

test('lint --fix moves a command defined after use with its own comment, above the comment of the response that uses it, keeping the file\'s spacing and CRLF line ends', () => {
  const lines = [
    '<ossec_config>',
    '  <!-- Block the attacker -->',
    '  <active-response>',
    '    <command>block</command>',
    '    <location>local</location>',
    '    <rules_id>5712</rules_id>',
    '  </active-response>',
    '',
    '  <!-- The blocking program -->',
    '  <command>',
    '    <name>block</name>',
    '    <executable>block.sh</executable>',
    '  </command>',
    '</ossec_config>',
    '',
  ];
  const path = tempFile('ossec.conf', lines.join('\r\n'));
  const run = runArctl(['lint', '--fix', path]);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const expected = [lines[0], ...lines.slice(8, 13), '', ...lines.slice(1, 7), lines[13], ''];
  assert.equal(readFileSync(path, 'utf8'), expected.join('\r\n'));
});

test("another tool's word for an option (<allow_list> for <white_list>): Wazuh's refusal, the option named, and a rename on request", () => {
  // As a real manager configuration wrote its white list; Read_Global stops at the first (1230).
  const file = tempFile('ossec.conf', '<ossec_config>\n  <global>\n    <allow_list>127.0.0.1</allow_list>\n    <IgnoreIP>10.0.0.0/8</IgnoreIP>\n    <email_notification>no</email_notification>\n  </global>\n</ossec_config>\n');
  const { status, messages } = lintJson([file]);
  assert.equal(status, 1);
  const unknown = messages.filter((m) => m.ruleId === 'unknown-element');
  assert.deepEqual(unknown.map((m) => [m.line, m.severityName, m.message.replace(/^.*'\. /, '')]), [
    [3, 'error', 'Did you mean <white_list>?'],
    [4, 'error', 'Did you mean <white_list>?'],
  ]);
  // A guess, not a certainty: offered as a suggestion, applied only on request.
  assert.ok(unknown.every((m) => !m.fix && m.suggestions?.length === 1));
  assert.equal(runArctl(['lint', '--fix', '--fix-suggestions', '--fix-rule', 'unknown-element', file]).status, 0);
  assert.equal(readFileSync(file, 'utf8'), '<ossec_config>\n  <global>\n    <white_list>127.0.0.1</white_list>\n    <white_list>10.0.0.0/8</white_list>\n    <email_notification>no</email_notification>\n  </global>\n</ossec_config>\n');
});
