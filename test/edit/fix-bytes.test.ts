/**
 * `arctl lint --fix` on a file with bytes that are not UTF-8 (a Latin-1 comment): fixes keep those bytes.
 * The move of a command defined after use carries the moved lines as raw bytes, so it is applied byte for
 * byte; in lint's JSON (whose fix text is a string) such a fix is left out rather than given as U+FFFD.
 * Spawned CLI on a file written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('arctl-fix-bytes-');

const latin1 = Buffer.concat([
  Buffer.from('<ossec_config>\n  <active-response>\n    <command>host-deny</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n\n  <command>\n    <!-- r'),
  Buffer.from([0xe9]),
  Buffer.from('ponse (Latin-1) -->\n    <name>host-deny</name>\n    <executable>host-deny</executable>\n  </command>\n</ossec_config>\n'),
]);

test('--fix moves a command whose comment holds Latin-1 bytes byte for byte; JSON gives that fix as bytes (rawFix), not as text, SARIF as binary, and every summary counts it fixable', () => {
  const path = join(dir, 'ossec.conf');
  writeFileSync(path, latin1);
  const json = runArctl(['lint', path, '--format', 'json']);
  const messages = (JSON.parse(json.stdout) as Array<{ messages: Array<{ ruleId: string; fix?: unknown }> }>)[0].messages;
  const moved = messages.find((m) => m.ruleId === 'command-defined-after-use');
  assert.ok(moved, json.stdout);
  assert.equal(moved.fix, undefined, 'no fix text that would rewrite the Latin-1 byte as U+FFFD');
  // --fix fixes it, so it counts as fixable: JSON carries the bytes (rawFix), SARIF too (binary), stylish counts it.
  const report = (JSON.parse(json.stdout) as Array<{ fixableErrorCount: number; fixableWarningCount: number; messages: Array<{ ruleId: string; rawFix?: { range: [number, number]; base64: string } }> }>)[0];
  assert.deepEqual([report.fixableErrorCount, report.fixableWarningCount], [1, 1], json.stdout);
  const raw = report.messages.find((m) => m.ruleId === 'command-defined-after-use')!.rawFix!;
  const patched = Buffer.concat([latin1.subarray(0, raw.range[0]), Buffer.from(raw.base64, 'base64'), latin1.subarray(raw.range[1])]);
  assert.ok(patched.includes(Buffer.from([0xe9])) && !patched.includes(Buffer.from('\uFFFD')), 'the Latin-1 byte travels as itself');
  assert.ok(patched.indexOf('  <command>') < patched.indexOf('  <active-response>'), 'the command moved above its use');
  const sarif = JSON.parse(runArctl(['lint', path, '--format', 'sarif']).stdout) as { runs: Array<{ results: Array<{ ruleId: string; fixes?: Array<{ artifactChanges: Array<{ replacements: Array<{ insertedContent: { binary?: string; text?: string } }> }> }> }> }> };
  const sarifFix = sarif.runs[0].results.find((x) => x.ruleId === 'command-defined-after-use')!.fixes![0].artifactChanges[0].replacements[0];
  assert.deepEqual(sarifFix.insertedContent, { binary: raw.base64 });
  assert.match(runArctl(['lint', path]).stdout, /1 error and 1 warning potentially fixable with the `--fix` option/);
  const r = runArctl(['lint', '--fix', path]);
  assert.equal(r.status, 0, r.stderr);
  // What remains is the Latin-1 byte itself (parse-error/notUtf8: Wazuh's Python daemons cannot read the file).
  assert.match(r.stderr, /fixed 2 problems \(command-defined-after-use 1, stateful-command-without-timeout-allowed 1\); 1 problem remains/);
  assert.match(r.stdout, /Byte 0xE9 is not UTF-8/);
  const after = readFileSync(path);
  assert.ok(!after.includes(Buffer.from('\uFFFD')), 'no replacement character written');
  const command = latin1.subarray(latin1.indexOf('  <command>\n'), latin1.indexOf('</ossec_config>'));
  const response = latin1.subarray(latin1.indexOf('  <active-response>'), latin1.indexOf('\n\n  <command>') + 1);
  const expected = Buffer.concat([Buffer.from('<ossec_config>\n'), command, Buffer.from('\n'), response, Buffer.from('</ossec_config>\n')]);
  assert.equal(after.toString('latin1'), expected.toString('latin1').replace('    <executable>host-deny</executable>\n', '    <executable>host-deny</executable>\n    <timeout_allowed>yes</timeout_allowed>\n'));
});

test('--fix-dry-run on that file says its diff is for reading (U+FFFD where the file has a Latin-1 byte) and that --fix writes the bytes', () => {
  const path = join(dir, 'dry.conf');
  writeFileSync(path, latin1);
  const r = runArctl(['lint', '--fix-dry-run', path]);
  assert.match(r.stdout, /^-    <!-- r\uFFFDponse \(Latin-1\) -->$/m);
  assert.match(r.stderr, /^arctl: the diff is for reading, not for patch: it shows bytes that are not UTF-8 as U\+FFFD; --fix writes .*dry\.conf byte for byte$/m);
  assert.ok(readFileSync(path).equals(latin1));
  const utf8 = join(dir, 'utf8.conf');
  writeFileSync(utf8, latin1.toString('latin1'));
  const clean = runArctl(['lint', '--fix-dry-run', utf8]);
  assert.match(clean.stdout, /^-    <!-- r\u00e9ponse \(Latin-1\) -->$/m);
  assert.doesNotMatch(clean.stderr, /for reading/);
});

test('--fix-dry-run names only the hunks that show a CRLF line as LF: a CRLF line elsewhere leaves the diff exact (git apply gives what --fix writes)', () => {
  const block = (level: number, eol: string) =>
    ['  <active-response>', '    <command>block</command>', '    <location>defined_agent</location>', '    <agent_id>001</agent_id>', `    <level>${level}</level>`, '  </active-response>'].map((l) => l + eol).join('');
  const command = '  <command>\n    <name>block</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n';
  const spacer = '  <!-- spacer -->\n'.repeat(4);
  const sub = tempDir('arctl-fix-crlf-');
  // Only the first line ends with CRLF, far from the change: the hunk holds LF lines only.
  writeFileSync(join(sub, 'far.conf'), `<ossec_config>\r\n${command}${spacer}${block(10, '\n')}</ossec_config>\n`);
  const far = runArctl(['lint', '--fix-dry-run', 'far.conf'], { cwd: sub });
  assert.match(far.stdout, /^\+    <location>defined-agent<\/location>$/m);
  assert.doesNotMatch(far.stderr, /for reading/);
  writeFileSync(join(sub, 'far.diff'), far.stdout);
  const applied = spawnSync('git', ['apply', 'far.diff'], { cwd: sub, encoding: 'utf8' });
  assert.equal(applied.status, 0, applied.stderr);
  const patched = readFileSync(join(sub, 'far.conf'));
  writeFileSync(join(sub, 'far.conf'), `<ossec_config>\r\n${command}${spacer}${block(10, '\n')}</ossec_config>\n`);
  assert.equal(runArctl(['lint', '--fix', 'far.conf'], { cwd: sub }).status, 0);
  assert.ok(readFileSync(join(sub, 'far.conf')).equals(patched), 'git apply of the diff = --fix');
  // Two hunks, the second in CRLF lines: that one is named, by its line in the file (@@ -16).
  writeFileSync(join(sub, 'two.conf'), `<ossec_config>\n${command}${block(10, '\n')}${spacer}${block(11, '\r\n')}</ossec_config>\n`);
  const two = runArctl(['lint', '--fix-dry-run', 'two.conf'], { cwd: sub });
  assert.match(two.stdout, /^@@ -6,7 \+6,7 @@$[\s\S]*^@@ -16,7 \+16,7 @@$/m);
  assert.match(two.stderr, /^arctl: the diff is for reading, not for patch: it shows CRLF line ends as LF in the hunk at line 16; --fix writes two\.conf byte for byte$/m);
  // From standard input, which --fix refuses to write back: the note says what gives the bytes instead.
  const stdin = runArctl(['lint', '--fix-dry-run', '-'], { cwd: sub, input: readFileSync(join(sub, 'two.conf')) });
  assert.match(stdin.stderr, /^arctl: the diff is for reading, not for patch: it shows CRLF line ends as LF in the hunk at line 16; arctl lint --fix on a file holding this input writes it byte for byte$/m);
});
