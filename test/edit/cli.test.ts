/**
 * `arctl set`, `remove`, `disable` and `enable` end to end through the spawned CLI, typed as a user
 * would, on copies of the shipped example and on small files: exact bytes written (CRLF, tabs,
 * comments, mode kept), idempotence, --dry-run, --file - as a filter, addresses that fit several
 * blocks refused with the candidates, never a prompt without a terminal, and the lint gate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const example = readFileSync(join(projectRoot, 'examples/ossec.conf'));
const dir = tempDir('arctl-edit-cli-');
let counter = 0;

function file(content: Buffer | string = example): string {
  const path = join(dir, `ossec-${++counter}.conf`);
  writeFileSync(path, content);
  return path;
}

const arctl = (path: string, ...args: string[]) => runArctl([...args, '--file', path]);

/** Lines of `after` that differ from `before`, as `-old` / `+new` (both files have the same line count around them). */
function changedLines(before: Buffer | string, after: Buffer | string): string[] {
  const a = before.toString().split('\n');
  const b = after.toString().split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return [...a.slice(start, a.length - end).map((l) => `-${l}`), ...b.slice(start, b.length - end).map((l) => `+${l}`)];
}

test('set: the timeout of the second firewall-drop response; the same set again writes nothing and says so; mode kept', () => {
  const path = file();
  chmodSync(path, 0o640);
  const r = arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--nth', '2', '--timeout', '1h');
  assert.equal(r.status, 0, r.stderr);
  assert.deepEqual(changedLines(example, readFileSync(path)), ['-    <timeout>1800</timeout>', '+    <timeout>3600</timeout>']);
  assert.match(r.stdout, /^--- a\/.*\n\+\+\+ b\//m);
  assert.match(r.stderr, /the <active-response> at line 85 \(firewall-drop\): <timeout> '1800' -> '3600'/);
  assert.equal(statSync(path).mode & 0o777, 0o640);
  const again = arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--nth', '2', '--timeout', '3600');
  assert.equal(again.status, 0, again.stderr);
  assert.equal(again.stdout, '');
  assert.match(again.stderr, /nothing to change .*<timeout> is already '3600'; nothing written/);
});

test('set with --line, several changes at once, rule ids added and removed, an option removed with its line', () => {
  const path = file();
  const r = arctl(path, 'set', 'active-response', '--line', '95', '--level', '10', '--add-rules-id', '60122', '--no-timeout');
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes('    <command>netsh</command>\n    <location>local</location>\n    <rules_id>60204,60122</rules_id>\n    <level>10</level>\n  </active-response>'), text);
  const back = arctl(path, 'set', 'active-response', '--command', 'netsh', '--remove-rules-id', '60122', '--no-level', '--timeout', '3600');
  assert.equal(back.status, 0, back.stderr);
  assert.ok(readFileSync(path).equals(example), 'the reverse changes give back the example byte for byte');
});

test('an address that fits several blocks is refused with the candidates and their lines (exit 2, no prompt without a terminal)', () => {
  const path = file();
  const r = arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--timeout', '60');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /2 <active-response> running command 'firewall-drop' blocks fit; say which with --nth N or --line N; nothing written/);
  assert.match(r.stderr, /^ {2}line 77 {2}firewall-drop {2}local {2}rules_id 5712,5720 {10}timeout 600 {3}\(--nth 1 or --line 77\)$/m);
  assert.match(r.stderr, /^ {2}line 85 {2}firewall-drop {2}local {2}rules_id 31151,31152,31153 {2}timeout 1800 {2}\(--nth 2 or --line 85\)$/m);
  const unknown = arctl(path, 'disable', '--command', 'block-ip');
  assert.equal(unknown.status, 2);
  assert.match(unknown.stderr, /there is no <active-response> running command 'block-ip' \(--command takes one of: firewall-drop, netsh, disable-account\)/);
  const nothing = arctl(path, 'set', 'active-response', '--command', 'netsh');
  assert.equal(nothing.status, 2);
  assert.match(nothing.stderr, /nothing to set: give at least one of --timeout.*remove- forms\); arctl asks for them only in a terminal without --no-input\n$/);
  // Worded as add words a missing value: one parenthesis, 'them' for several.
  const noEntries = arctl(path, 'remove', 'white-list', '--no-input');
  assert.equal(noEntries.status, 2);
  assert.equal(noEntries.stderr, 'arctl: missing the entries to remove (give them as arguments; arctl asks for them only in a terminal without --no-input)\n');
  // A kind the verb does not know: the kinds it knows, and the one meant when one is close.
  const kind = arctl(path, 'add', 'comand');
  assert.equal(kind.status, 2);
  assert.equal(kind.stderr, "arctl: add: unknown kind 'comand'; did you mean 'command'? The kinds are command, active-response, white-list and email-alerts\n");
  assert.equal(arctl(path, 'set', 'command').stderr, "arctl: set: unknown kind 'command'; the kinds are active-response, email-alerts and global\n");
  const badLine = arctl(path, 'enable', '--line', 'x');
  assert.equal(badLine.status, 2);
  assert.match(badLine.stderr, /--line: expected a whole number/);
  assert.ok(readFileSync(path).equals(example));
});

test('disable comments the response out (never <disabled>yes</disabled>), enable restores every byte; both idempotent', () => {
  const path = file();
  const off = arctl(path, 'disable', '--command', 'netsh');
  assert.equal(off.status, 0, off.stderr);
  const disabled = readFileSync(path, 'utf8');
  assert.equal(disabled.length, example.length + '<!-- arctl-disabled: '.length + ' -->'.length, 'only the comment markers are added');
  assert.match(disabled, /\n {2}<!-- arctl-disabled: <active-response>\n {4}<command>netsh<\/command>\n[\s\S]*? {2}<\/active-response> -->\n/);
  assert.doesNotMatch(disabled, /<disabled>yes/);
  assert.match(off.stderr, /switched off the <active-response> at line 93 \(netsh\) by commenting it out \(arctl enable --line 93 switches it back on\)/);
  const lint = runArctl(['lint', path]);
  assert.equal(lint.status, 0, lint.stdout);
  const sim = runArctl(['simulate', join(projectRoot, 'examples/alerts.json'), '--config', path, '--format', 'json']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.ok(!sim.stdout.includes('"command": "netsh"') && !sim.stdout.includes('"command":"netsh"'), 'Wazuh no longer sees the response');
  // The kind may be named, as with add/set/remove; it is the only one.
  const twice = arctl(path, 'disable', 'active-response', '--command', 'netsh');
  assert.equal(twice.status, 0);
  const otherKind = arctl(path, 'disable', 'email-alerts');
  assert.equal(otherKind.status, 2);
  assert.match(otherKind.stderr, /^arctl: command-argument value 'email-alerts' is invalid for argument 'kind'\. Allowed choices are active-response/);
  assert.match(twice.stderr, /already switched off/);
  assert.equal(readFileSync(path, 'utf8'), disabled);
  const on = arctl(path, 'enable', '--command', 'netsh');
  assert.equal(on.status, 0, on.stderr);
  assert.ok(readFileSync(path).equals(example));
  const onTwice = arctl(path, 'enable', '--command', 'netsh');
  assert.equal(onTwice.status, 0);
  assert.match(onTwice.stderr, /already on; nothing written/);
});

test('enable --command with several such responses, one of them switched off, switches that one on; disable then takes the one still on', () => {
  const path = file();
  assert.equal(arctl(path, 'disable', '--line', '77').status, 0);
  // Two firewall-drop responses, only line 77 switched off: that is the one enable means (it asked which).
  const on = arctl(path, 'enable', '--command', 'firewall-drop');
  assert.equal(on.status, 0, on.stderr);
  assert.match(on.stderr, /switched on the <active-response> at line 77 \(firewall-drop\) again/);
  assert.ok(readFileSync(path).equals(example));
  // Both on: which one to switch off is a real question.
  assert.match(arctl(path, 'disable', '--command', 'firewall-drop').stderr, /2 <active-response> running command 'firewall-drop' blocks fit/);
  assert.equal(arctl(path, 'disable', '--line', '85').status, 0);
  const off = arctl(path, 'disable', '--command', 'firewall-drop');
  assert.equal(off.status, 0, off.stderr);
  assert.match(off.stderr, /switched off the <active-response> at line 77 \(firewall-drop\)/);
  // Both off: enable asks again.
  assert.match(arctl(path, 'enable', '--command', 'firewall-drop').stderr, /2 <active-response> running command 'firewall-drop' blocks fit/);
});

test('disable of a response whose command lint flags says enable refuses while the error comes back, and how; enable --force puts it back as it was', () => {
  // An ossec-hids command on a 4.14 manager: the script name is the pre-4.2 one (legacy-script-name, an
  // error while a response uses it, a warning once none does).
  const before = [
    '<ossec_config>',
    '  <command>',
    '    <name>firewall-drop</name>',
    '    <executable>firewall-drop.sh</executable>',
    '    <timeout_allowed>yes</timeout_allowed>',
    '  </command>',
    '',
    '  <active-response>',
    '    <command>firewall-drop</command>',
    '    <location>local</location>',
    '    <rules_id>5712</rules_id>',
    '    <timeout>600</timeout>',
    '  </active-response>',
    '</ossec_config>',
    '',
  ].join('\n');
  const path = file(before);
  const off = arctl(path, 'disable', '--command', 'firewall-drop', '--target-version', '4.14');
  assert.equal(off.status, 0, off.stderr);
  assert.match(off.stderr, /switched off the <active-response> at line 8 \(firewall-drop\) by commenting it out \(arctl enable --line 8 refuses to switch it back on while a lint error comes back with it: legacy-script-name at line 4; mend what is outside the block first, or --force switches it on as it was\)/);
  const disabled = readFileSync(path);
  const on = arctl(path, 'enable', '--command', 'firewall-drop', '--target-version', '4.14');
  assert.equal(on.status, 1);
  assert.match(on.stderr, /4:17 +error +'firewall-drop\.sh' is the pre-4\.2 script name/);
  assert.match(on.stderr, /refusing to switch the <active-response> at line 8 \(firewall-drop\) back on: it would bring back 1 lint error; mend it first, or give --force to switch it on as it was; nothing written/);
  assert.ok(readFileSync(path).equals(disabled));
  const forced = arctl(path, 'enable', '--command', 'firewall-drop', '--target-version', '4.14', '--force');
  assert.equal(forced.status, 0, forced.stderr);
  assert.match(forced.stderr, /switched on the <active-response> at line 8 \(firewall-drop\) again\narctl: written with --force, but lint flags 1 error in the change:\n[\s\S]*legacy-script-name/);
  assert.equal(readFileSync(path, 'utf8'), before);
  // Mended while switched off (lint --fix renames the script), enable needs no --force.
  assert.equal(arctl(path, 'disable', '--command', 'firewall-drop', '--target-version', '4.14').status, 0);
  assert.equal(runArctl(['lint', '--fix', path, '--target-version', '4.14']).status, 0);
  const mended = arctl(path, 'enable', '--command', 'firewall-drop', '--target-version', '4.14');
  assert.equal(mended.status, 0, mended.stderr);
  assert.equal(readFileSync(path, 'utf8'), before.replace('firewall-drop.sh', 'firewall-drop'));
  // The hint of a response without errors stays the plain one.
  const plain = arctl(path, 'disable', '--command', 'firewall-drop', '--target-version', '4.14');
  assert.match(plain.stderr, /by commenting it out \(arctl enable --line 8 switches it back on\)\n/);
});

test('set global --email-to / --add-email-to / --remove-email-to change the global recipients across every <global> (Wazuh adds each <email_to>)', () => {
  // Two roots, each with a <global>: config/global-config.c:548-565 appends every <email_to> it reads.
  const before =
    '<ossec_config>\r\n  <global>\r\n    <jsonout_output>yes</jsonout_output>\r\n    <email_notification>yes</email_notification>\r\n    <smtp_server>localhost</smtp_server>\r\n' +
    '    <email_from>wazuh@example.com</email_from>\r\n    <email_to>soc@example.com</email_to>\r\n  </global>\r\n</ossec_config>\r\n' +
    '<ossec_config>\r\n  <global>\r\n    <email_to>old-team@example.com</email_to>\r\n  </global>\r\n</ossec_config>\r\n';
  const path = file(before);
  const there = arctl(path, 'set', 'global', '--add-email-to', 'old-team@example.com');
  assert.equal(there.status, 0, there.stderr);
  assert.match(there.stderr, /nothing to change in <global>: <email_to> 'old-team@example\.com' is already there; nothing written/);
  const added = arctl(path, 'set', 'global', '--add-email-to', 'web@example.com');
  assert.equal(added.status, 0, added.stderr);
  assert.match(added.stderr, /<global>: <email_to> 'web@example\.com' added \(in the <global> at line 11\)/);
  assert.equal(readFileSync(path, 'latin1'), before.replace('old-team@example.com</email_to>\r\n', 'old-team@example.com</email_to>\r\n    <email_to>web@example.com</email_to>\r\n'));
  // Every recipient but the given ones goes; a <global> left with nothing goes too (an empty one stops Wazuh).
  const only = arctl(path, 'set', 'global', '--email-to', 'soc@example.com', '--email-to', 'new@example.com');
  assert.equal(only.status, 0, only.stderr);
  assert.equal(
    readFileSync(path, 'latin1'),
    before.replace('soc@example.com</email_to>\r\n', 'soc@example.com</email_to>\r\n    <email_to>new@example.com</email_to>\r\n').replace('  <global>\r\n    <email_to>old-team@example.com</email_to>\r\n  </global>\r\n', ''),
  );
  const again = arctl(path, 'set', 'global', '--email-to', 'new@example.com', '--email-to', 'soc@example.com');
  assert.match(again.stderr, /nothing to change in <global>: the global recipients are already 'new@example\.com', 'soc@example\.com'; nothing written/);
  // An address no <global> names is said to be absent, after what was removed; the exit code stays 0.
  const removed = arctl(path, 'set', 'global', '--remove-email-to', 'soc@example.com', '--remove-email-to', 'gone@example.com');
  assert.equal(removed.status, 0, removed.stderr);
  assert.match(removed.stderr, /^arctl: .*: <global>: <email_to> 'soc@example\.com' removed \(in the <global> at line 2\); unchanged: there is no <email_to> 'gone@example\.com'$/m);
  assert.doesNotMatch(readFileSync(path, 'latin1'), /soc@example\.com/);
  const absent = arctl(path, 'set', 'global', '--remove-email-to', 'gone@example.com');
  assert.equal(absent.status, 0, absent.stderr);
  assert.match(absent.stderr, /nothing to change in <global>: there is no <email_to> 'gone@example\.com'; nothing written/);
  // The CRLF file's --dry-run diff shows LF line ends: it says so, and what gives the bytes.
  const dry = arctl(path, 'set', 'global', '--add-email-to', 'dry@example.com', '--dry-run');
  assert.match(dry.stdout, /^\+    <email_to>dry@example\.com<\/email_to>$/m);
  assert.match(dry.stderr, /^arctl: the diff is for reading, not for patch: it shows CRLF line ends as LF; the same command with --file - < .* and no --dry-run prints the new file byte for byte$/m);
  const both = arctl(path, 'set', 'global', '--email-to', 'a@example.com', '--add-email-to', 'b@example.com');
  assert.equal(both.status, 2);
  assert.match(both.stderr, /--email-to gives every global recipient: give it alone, or --add-email-to \/ --remove-email-to/);
  const bad = arctl(path, 'set', 'global', '--add-email-to', 'soc at example.com');
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /--add-email-to: 'soc at example\.com' is not one address/);
  // No <global> yet: a new one with the recipient.
  const bare = file('<ossec_config>\n  <command>\n    <name>a</name>\n    <executable>a</executable>\n  </command>\n</ossec_config>\n');
  assert.equal(arctl(bare, 'set', 'global', '--email-to', 'soc@example.com').status, 0);
  assert.equal(readFileSync(bare, 'utf8'), '<ossec_config>\n  <global>\n    <email_to>soc@example.com</email_to>\n  </global>\n  <command>\n    <name>a</name>\n    <executable>a</executable>\n  </command>\n</ossec_config>\n');
});

test('disable of a block Wazuh refuses (a puppet-style agent block on a manager) says its errors are in the block: enable --force only', () => {
  const before = [
    '<ossec_config>',
    '<active-response> ',
    '  <disabled>no</disabled>',
    '  <ca_store>/var/ossec/etc/wpk_root.pem</ca_store>',
    '  <ca_verification>yes</ca_verification>',
    '</active-response>',
    '</ossec_config>',
    '',
  ].join('\n');
  const path = file(before);
  const off = arctl(path, 'disable', '--line', '2');
  assert.equal(off.status, 0, off.stderr);
  // One finding for the block: analysisd stops at <ca_verification> (1230) before it would miss <command> and <location>.
  assert.match(off.stderr, /\(arctl enable --line 2 refuses to switch it back on while a lint error comes back with it: unknown-element at line 5 \(in the block\); --force switches it on as it was\)/);
  assert.equal(runArctl(['lint', path]).status, 0, 'switched off, the file is one Wazuh starts with');
  assert.equal(arctl(path, 'enable', '--line', '2').status, 1);
  assert.equal(arctl(path, 'enable', '--line', '2', '--force').status, 0);
  assert.equal(readFileSync(path, 'utf8'), before);
});

test('remove: a response with its lines (comments around it stay), a white-list entry; a second run has nothing to remove', () => {
  const path = file();
  const r = arctl(path, 'remove', 'active-response', '--command', 'firewall-drop', '--nth', '1');
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes('  <!-- SSH brute force (sshd: 5712 multiple authentication failures, 5720 brute force) -->\n\n  <!-- Web attacks'), text);
  assert.match(r.stderr, /removed the <active-response> at line 77 \(firewall-drop\): firewall-drop {2}local {2}rules_id 5712,5720 {2}timeout 600/);
  const wl = arctl(path, 'remove', 'white-list', '10.0.0.2');
  assert.equal(wl.status, 0, wl.stderr);
  assert.doesNotMatch(readFileSync(path, 'utf8'), /10\.0\.0\.2/);
  const wlAgain = arctl(path, 'remove', 'white-list', '10.0.0.2');
  assert.equal(wlAgain.status, 0);
  assert.match(wlAgain.stderr, /'10\.0\.0\.2' is not in <white_list>; nothing to remove, nothing written/);
  const emailAgain = arctl(path, 'remove', 'email-alerts', '--to', 'nobody@example.com');
  assert.equal(emailAgain.status, 0);
  assert.match(emailAgain.stderr, /nothing to remove, nothing written/);
});

test('the lint gate: removing a command a response uses is refused (exit 1, nothing written); a new warning is written and printed', () => {
  const path = file();
  const r = arctl(path, 'remove', 'command', '--name', 'netsh');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /No <command> is named 'netsh'.*unknown-command/s);
  assert.match(r.stderr, /refusing to write: the change would add 1 lint error; nothing written/);
  assert.ok(readFileSync(path).equals(example));
  // Nothing was written: the finding is at its line in the file as it is (where <command>netsh is), not
  // in the file the removal would have made, six lines shorter.
  const at = example.toString('utf8').split('\n').findIndex((l) => l.includes('<command>netsh</command>')) + 1;
  assert.match(r.stderr, new RegExp(`\\n {2}${at}:14 +error +No <command> is named 'netsh'`));
  const warned = arctl(path, 'set', 'global', '--email-notification', 'no');
  assert.equal(warned.status, 0, warned.stderr);
  assert.match(warned.stderr, /lint warns about the change \(1 warning\)[\s\S]*email-alerts-without-notification/);
  assert.match(readFileSync(path, 'utf8'), /<email_notification>no<\/email_notification>/);
});

test('--dry-run prints the git-style diff and writes nothing; --file - is a filter', () => {
  const path = file();
  const dry = arctl(path, 'set', 'email-alerts', '--to', 'web-team@example.com', '--remove-rule-id', '31152', '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^-    <rule_id>31151, 31152, 31153<\/rule_id>\n\+    <rule_id>31151, 31153<\/rule_id>$/m);
  assert.match(dry.stderr, /dry run: .*nothing written/);
  assert.doesNotMatch(dry.stderr, /for reading/, 'an LF UTF-8 file\'s diff applies as it is');
  assert.ok(readFileSync(path).equals(example));
  const filtered = runArctl(['disable', '--command', 'netsh', '--file', '-'], { input: example });
  assert.equal(filtered.status, 0, filtered.stderr);
  assert.match(filtered.stdout, /<!-- arctl-disabled: <active-response>/);
  const back = runArctl(['enable', '--line', '93', '--file', '-'], { input: filtered.stdout });
  assert.equal(back.status, 0, back.stderr);
  assert.equal(back.stdout, example.toString());
});

test('CRLF and tab-indented file with comments inside the block: new options take the file\'s line ends and indentation; disable/enable byte for byte', () => {
  const before = Buffer.from(
    '<ossec_config>\r\n\t<command>\r\n\t\t<name>host-deny</name>\r\n\t\t<executable>host-deny</executable>\r\n\t\t<timeout_allowed>yes</timeout_allowed>\r\n\t</command>\r\n\r\n' +
      '\t<active-response>\r\n\t\t<!-- This response is going to execute the host-deny\r\n\t\t   - command for every event that fires a rule with\r\n\t\t  -->\r\n\t\t<command>host-deny</command>\r\n\t\t<location>local</location>\r\n\t\t<level>7</level>\r\n\t</active-response>\r\n</ossec_config>\r\n',
  );
  const path = file(before);
  const r = arctl(path, 'set', 'active-response', '--command', 'host-deny', '--timeout', '10m', '--rules-id', '5712');
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(path, 'latin1');
  assert.ok(after.includes('\t\t<location>local</location>\r\n\t\t<rules_id>5712</rules_id>\r\n\t\t<level>7</level>\r\n\t\t<timeout>600</timeout>\r\n\t</active-response>'), after);
  assert.doesNotMatch(after, /(^|[^\r])\n/, 'no bare LF');
  assert.match(after, /<!-- This response is going/);
  const withTimeout = readFileSync(path);
  assert.equal(arctl(path, 'disable', '--command', 'host-deny').status, 0);
  const off = readFileSync(path, 'latin1');
  assert.match(off, /\t<!-- arctl-disabled: <active-response>\r\n\t\t<!-\\- This response/);
  assert.doesNotMatch(off.slice(off.indexOf('arctl-disabled')), /--[^>]*-->[\s\S]*-->/);
  const lint = runArctl(['lint', path]);
  assert.doesNotMatch(lint.stdout, /parse-error/);
  assert.equal(arctl(path, 'enable', '--command', 'host-deny').status, 0);
  assert.ok(readFileSync(path).equals(withTimeout));
});

test('shell completion knows set, remove, disable and enable, their kinds and flags', () => {
  const r = runArctl(['completion', 'bash']);
  assert.equal(r.status, 0, r.stderr);
  const script = join(dir, 'arctl.bash');
  writeFileSync(script, r.stdout);
  const complete = (...words: string[]) =>
    spawnSync('bash', ['-c', `source ${script}; COMP_WORDS=(arctl ${words.map((w) => `'${w}'`).join(' ')}); COMP_CWORD=${words.length}; _arctl_complete; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' }).stdout.trim();
  assert.equal(complete('dis'), 'disable');
  assert.match(complete('set', ''), /\bactive-response\b.*\bemail-alerts\b.*\bglobal\b/);
  assert.match(complete('remove', ''), /\bwhite-list\b/);
  assert.match(complete('enable', '--'), /--command\b.*--nth\b.*--line\b/);
});

test('a file Wazuh cannot read, or no file at all: one line naming it, nothing written', () => {
  const broken = '<ossec_config>\n  <active-response>\n    <command>x</command>\n</ossec_config>\n';
  const path = file(broken);
  const r = arctl(path, 'disable', '--command', 'x');
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^arctl: .*ossec-\d+\.conf:\d+:\d+: Wazuh cannot read this file: XMLERR: Element 'active-response' not closed\..*nothing written\n$/);
  assert.equal(readFileSync(path, 'utf8'), broken);
  const missing = arctl(join(dir, 'nope.conf'), 'remove', 'white-list', '10.0.0.1');
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /nope\.conf: no such file/);
});

test('lint --fix renaming a command renames it in the responses arctl disabled too: `arctl enable` then finds it (no 1303)', () => {
  const response = (rule: string) => `  <active-response>\n    <command>drop&amp;log</command>\n    <location>local</location>\n    <rules_id>${rule}</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n`;
  const path = file(
    `<ossec_config>\n  <global>\n    <jsonout_output>yes</jsonout_output>\n  </global>\n  <command>\n    <name>drop&amp;log</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n${response('5712')}${response('5720')}</ossec_config>\n`,
  );
  assert.equal(arctl(path, 'disable', '--line', '17', '--no-input', '-y').status, 0);
  const fixed = runArctl(['lint', '--fix', path]);
  assert.equal(fixed.status, 0, fixed.stderr);
  assert.equal(readFileSync(path, 'utf8').match(/drop-amp-log/g)?.length, 3, readFileSync(path, 'utf8'));
  const enabled = arctl(path, 'enable', '--line', '16', '--no-input', '-y');
  assert.equal(enabled.status, 0, enabled.stderr);
  assert.equal(runArctl(['lint', path]).status, 0);
  assert.equal(readFileSync(path, 'utf8'), `<ossec_config>\n  <global>\n    <jsonout_output>yes</jsonout_output>\n  </global>\n  <command>\n    <name>drop-amp-log</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n${(response('5712') + response('5720')).replace(/drop&amp;log/g, 'drop-amp-log')}</ossec_config>\n`);
});

test('a very long name is cut in the middle in messages, as candidate lists cut it: a missing block, the names to choose from, the block changed', () => {
  const long = `block-${'x'.repeat(300)}-end`;
  const path = file(example.toString().replace(/<command>netsh<\/command>/, `<command>${long}</command>`).replace(/<name>netsh<\/name>/, `<name>${long}</name>`));
  const unknown = arctl(path, 'disable', '--command', `${long}-typo`);
  assert.equal(unknown.status, 2);
  const line = unknown.stderr.trim();
  assert.ok(!line.includes(long), 'not printed in full');
  // Start and end kept, '…' between, at most 48 characters a name.
  assert.match(line, /there is no <active-response> running command 'block-x{20,}…x+-end-typo' \(--command takes one of: firewall-drop, block-x{20,}…x+-end, disable-account\)/);
  for (const name of line.match(/block-x+…x+-end(?:-typo)?/g)!) assert.ok([...name].length <= 48, name);
  const off = arctl(path, 'disable', '--command', long);
  assert.equal(off.status, 0, off.stderr);
  assert.match(off.stderr, /switched off the <active-response> at line \d+ \(block-x+…x+-end\) by commenting it out/);
  assert.ok(!off.stderr.includes(long));
});
