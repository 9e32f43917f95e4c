/**
 * `arctl add` end to end through the spawned CLI on small files: line endings, indentation, BOM,
 * non-UTF-8 bytes, several roots, single-pass order, --create/--dry-run/--backup/--replace, and bad
 * input (each refused with one clear message, exit 1 or 2, and nothing written).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chmodSync, chownSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { arctlBin, runArctl } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { insertedText, lintErrors } from './helpers.ts';

const dir = tempDir('arctl-add-cli-');
let counter = 0;
function file(content: string | Buffer, name = `ossec-${++counter}.conf`): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}
const add = (path: string, ...args: string[]) => runArctl(['add', ...args, '--file', path, '--no-input']);

const STOCK = `<ossec_config>
  <global>
    <email_notification>no</email_notification>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <command>
    <name>restart-wazuh</name>
    <executable>restart-wazuh</executable>
  </command>
</ossec_config>
`;

test('CRLF file: the new block uses CRLF and nothing else changes', () => {
  const before = Buffer.from(STOCK.replace(/\n/g, '\r\n'));
  const path = file(before);
  const r = add(path, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712', '--timeout', '10m');
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(path);
  const inserted = insertedText(before, after);
  assert.match(inserted, /<timeout>600<\/timeout>\r\n/);
  assert.equal(/(^|[^\r])\n/.test(after.toString('latin1')), false, 'no bare LF anywhere');
});

test('tab-indented file: the new block is indented with tabs', () => {
  const before = Buffer.from(STOCK.replace(/^( {2})+/gm, (m) => '\t'.repeat(m.length / 2)));
  const path = file(before);
  const r = add(path, 'command', '--template', 'host-deny');
  assert.equal(r.status, 0, r.stderr);
  const inserted = insertedText(before, readFileSync(path));
  assert.match(inserted, /\n\t<command>\n\t\t<name>host-deny<\/name>\n\t\t<executable>host-deny<\/executable>\n\t\t<timeout_allowed>yes<\/timeout_allowed>\n\t<\/command>\n/);
  assert.doesNotMatch(inserted, / {2}/);
});

test('BOM and non-UTF-8 bytes are kept; only the inserted text differs', () => {
  const latin1Comment = Buffer.from('<!-- caf\xe9 -->\n', 'latin1');
  const before = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), latin1Comment, Buffer.from(STOCK)]);
  const path = file(before);
  const r = add(path, 'white-list', '127.0.0.1', '10.0.0.0/8');
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(path);
  assert.deepEqual([...after.subarray(0, 3)], [0xef, 0xbb, 0xbf]);
  const expected = before.toString('latin1').replace('  </global>', '    <white_list>127.0.0.1</white_list>\n    <white_list>10.0.0.0/8</white_list>\n  </global>');
  assert.ok(after.equals(Buffer.from(expected, 'latin1')), after.toString('latin1'));
});

test('two roots: the command lands before the response that uses it; a response after its command', () => {
  const before = Buffer.from(`<ossec_config>
  <global>
    <email_notification>no</email_notification>
  </global>
  <active-response>
    <command>custom-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>

<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
</ossec_config>
`);
  const path = file(before);
  const errorsBefore = lintErrors(path, before);
  const r1 = add(path, 'command', '--name', 'custom-drop', '--executable', 'custom-drop', '--timeout-allowed');
  assert.equal(r1.status, 0, r1.stderr);
  const mid = readFileSync(path);
  insertedText(before, mid);
  assert.ok(lintErrors(path, mid) < errorsBefore, 'defining the missing command removes the 1303 error');
  const r2 = add(path, 'active-response', '--command', 'firewall-drop', '--location', 'server', '--level', '12');
  assert.equal(r2.status, 0, r2.stderr);
  const after = readFileSync(path);
  insertedText(mid, after);
  const view = buildConfigView(new ConfigDocument(path, after));
  const order = view.blocks.map((b) => (b.type === 'command' ? `cmd:${b.view.name?.text}` : `ar:${b.view.command?.text}`));
  assert.deepEqual(order, ['cmd:custom-drop', 'ar:custom-drop', 'cmd:firewall-drop', 'ar:firewall-drop']);
  assert.equal(view.activeResponses[1].root, view.roots[1], 'the new response sits in the second root, after its command');
});


test('a recipe whose command the file lacks lands after a <disabled>yes</disabled> response, which would drop its queue (active-response.c:125-150)', () => {
  // wazuh-qa's manager ossec.conf: commands come after a disabled block (and no command yet).
  const before = Buffer.from(`<ossec_config>
  <global>
    <email_notification>no</email_notification>
  </global>

  <active-response>
    <disabled>yes</disabled>
  </active-response>

  <localfile>
    <log_format>syslog</log_format>
    <location>/var/log/auth.log</location>
  </localfile>
</ossec_config>
`);
  const path = file(before);
  const lintBefore = runArctl(['lint', '--format', 'json', path]);
  const r = add(path, 'active-response', '--recipe', 'ssh-brute-force');
  assert.equal(r.status, 0, r.stderr);
  const after = readFileSync(path);
  insertedText(before, after);
  const view = buildConfigView(new ConfigDocument(path, after));
  const order = view.blocks.map((b) => (b.type === 'command' ? `cmd:${b.view.name?.text}` : `ar:${b.view.command?.text ?? 'disabled'}`));
  assert.deepEqual(order, ['ar:disabled', 'cmd:firewall-drop', 'ar:firewall-drop']);
  const lintAfter = runArctl(['lint', '--format', 'json', path]);
  const ids = (out: string) => (JSON.parse(out) as Array<{ messages: Array<{ ruleId: string }> }>)[0].messages.map((m) => m.ruleId);
  assert.deepEqual(ids(lintAfter.stdout).filter((id) => !ids(lintBefore.stdout).includes(id)), [], 'no new finding: the response keeps its queue');
  // With no disabled block after it, the pair still goes where commands go: before the first response.
  const stock = Buffer.from(STOCK.replace('</ossec_config>', '\n  <active-response>\n    <command>restart-wazuh</command>\n    <location>local</location>\n    <level>15</level>\n  </active-response>\n</ossec_config>'));
  const path2 = file(stock);
  assert.equal(add(path2, 'active-response', '--recipe', 'windows-rdp-brute-force').status, 0);
  const order2 = buildConfigView(new ConfigDocument(path2, readFileSync(path2))).blocks.map((b) => (b.type === 'command' ? `cmd:${b.view.name?.text}` : `ar:${b.view.command?.text}`));
  assert.deepEqual(order2, ['cmd:firewall-drop', 'cmd:restart-wazuh', 'cmd:netsh', 'ar:netsh', 'ar:restart-wazuh']);
});
test('a self-closing root is opened up around the new block; the message gives the block\'s own line', () => {
  const path = file('<!-- empty for now -->\n<ossec_config/>\n');
  const r = add(path, 'command', '--name', 'fd', '--executable', 'firewall-drop', '--timeout-allowed', '--yes');
  assert.equal(r.status, 0, r.stderr);
  const text = readFileSync(path, 'utf8');
  assert.ok(text.startsWith('<!-- empty for now -->\n<ossec_config>\n  <command>\n    <name>fd</name>\n'), text);
  assert.ok(text.endsWith('  </command>\n</ossec_config>\n'), text);
  assert.equal(text.split('\n')[2], '  <command>');
  assert.match(r.stderr, /added <command> 'fd' at line 3\b/);
  // A white list needs a new <global>: the message points at the entry, inside it.
  const list = file('<ossec_config/>\n');
  const w = add(list, 'white-list', '10.0.0.1', '--yes');
  assert.equal(w.status, 0, w.stderr);
  assert.equal(readFileSync(list, 'utf8').split('\n')[2], '    <white_list>10.0.0.1</white_list>');
  assert.match(w.stderr, /added <white_list> 10\.0\.0\.1 at line 3\b/);
});


test('a file holding only a byte-order mark (an empty file saved as UTF-8 on Windows), or a BOM and comments, gets a root after them', () => {
  const bom = Buffer.from([0xef, 0xbb, 0xbf]);
  const empty = file(bom);
  const r = add(empty, 'white-list', '10.0.0.1', '--yes');
  assert.equal(r.status, 0, r.stderr);
  assert.ok(readFileSync(empty).equals(Buffer.concat([bom, Buffer.from('<ossec_config>\n  <global>\n    <white_list>10.0.0.1</white_list>\n  </global>\n</ossec_config>\n')])));
  assert.match(r.stderr, /added <white_list> 10\.0\.0\.1 at line 3\b/);
  const commented = file(Buffer.concat([bom, Buffer.from('<!-- managed by hand -->\r\n')]));
  const c = add(commented, 'command', '--name', 'fd', '--executable', 'firewall-drop', '--timeout-allowed', '--yes');
  assert.equal(c.status, 0, c.stderr);
  assert.equal(insertedText(Buffer.concat([bom, Buffer.from('<!-- managed by hand -->\r\n')]), readFileSync(commented)), '<ossec_config>\r\n  <command>\r\n    <name>fd</name>\r\n    <executable>firewall-drop</executable>\r\n    <timeout_allowed>yes</timeout_allowed>\r\n  </command>\r\n</ossec_config>\r\n');
  assert.equal(lintErrors(commented, readFileSync(commented)), 0);
});
test('--create starts a new file with one <ossec_config> root; a recipe brings its stock command', () => {
  const path = join(dir, 'new.conf');
  const r = runArctl(['add', 'active-response', '--recipe', 'windows-rdp-brute-force', '--file', path, '--create', '--no-input']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(
    readFileSync(path, 'utf8'),
    `<ossec_config>
  <command>
    <name>netsh</name>
    <executable>netsh.exe</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>netsh</command>
    <location>local</location>
    <rules_id>60204</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`,
  );
  const legacy = join(dir, 'legacy.conf');
  const l = runArctl(['add', 'command', '--template', 'firewall-drop', '--target-version', '3.13', '--file', legacy, '--create', '--no-input']);
  assert.equal(l.status, 0, l.stderr);
  assert.match(readFileSync(legacy, 'utf8'), /<executable>firewall-drop\.sh<\/executable>\n {4}<expect>srcip<\/expect>/);
  const missing = runArctl(['add', 'command', '--template', 'host-deny', '--file', join(dir, 'absent.conf'), '--no-input']);
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /no such file \(use --create/);
});

test('--dry-run prints the diff and writes nothing; a real write prints it too; --backup keeps FILE.bak', () => {
  const path = file(STOCK);
  const dry = add(path, 'email-alerts', '--to', 'soc@example.com', '--rule-id', '5712, 5763', '--dry-run');
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^--- a\/.*\n\+\+\+ b\//m);
  assert.match(dry.stdout, /^\+ {4}<rule_id>5712,5763<\/rule_id>$/m);
  assert.match(dry.stderr, /dry run/);
  assert.equal(readFileSync(path, 'utf8'), STOCK);
  const real = add(path, 'email-alerts', '--to', 'soc@example.com', '--rule-id', '5712, 5763', '--backup');
  assert.equal(real.status, 0, real.stderr);
  assert.equal(real.stdout, dry.stdout);
  assert.equal(readFileSync(`${path}.bak`, 'utf8'), STOCK);
  assert.notEqual(readFileSync(path, 'utf8'), STOCK);
});

test('identical block: exit 0 and nothing written; same command name with other content: exit 1 unless --replace', () => {
  const path = file(STOCK);
  const same = add(path, 'command', '--template', 'firewall-drop');
  assert.equal(same.status, 0, same.stderr);
  assert.match(same.stderr, /identical <command> 'firewall-drop' is already defined at line 6/);
  assert.equal(readFileSync(path, 'utf8'), STOCK);
  const other = add(path, 'command', '--name', 'firewall-drop', '--executable', 'custom-fw', '--timeout-allowed');
  assert.equal(other.status, 1);
  assert.match(other.stderr, /already defined with other content \(executable: 'firewall-drop' in the file, 'custom-fw' requested\); use --replace/);
  assert.equal(readFileSync(path, 'utf8'), STOCK);
  const replaced = add(path, 'command', '--name', 'firewall-drop', '--executable', 'custom-fw', '--timeout-allowed', '--replace');
  assert.equal(replaced.status, 0, replaced.stderr);
  assert.equal(readFileSync(path, 'utf8'), STOCK.replace('<executable>firewall-drop</executable>', '<executable>custom-fw</executable>'));
  // An unused command with a pre-4.2 name is a warning; bound to a response it never runs on 4.14: an error.
  const bound = file(STOCK.replace('</ossec_config>', '  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n</ossec_config>'));
  const legacyName = add(bound, 'command', '--name', 'firewall-drop', '--executable', 'firewall-drop.sh', '--timeout-allowed', '--replace');
  assert.equal(legacyName.status, 1, 'the lint gate refuses a pre-4.2 script name on a 4.14 target');
  assert.match(legacyName.stderr, /^ {2}\d+:\d+ +error +.*legacy-script-name$/m);
});

test('invalid values: one clear line, exit 2, nothing written', () => {
  const path = file(STOCK);
  const cases: Array<[string[], RegExp]> = [
    [['active-response', '--command', 'firewall-drop', '--location', 'local', '--level', '99'], /--level: invalid level '99': rule levels go from 1 to 16 \(Wazuh refuses a level above 20: error 1235\)/],
    // Wazuh takes 17-20 (src/config/active-response.c refuses only above 20), but no rule reaches them.
    [['active-response', '--command', 'firewall-drop', '--location', 'local', '--level', '17'], /--level: invalid level '17': .*Wazuh accepts up to 20, but no rule has a level above 16, so the response would never fire/],
    [['active-response', '--command', 'firewall-drop', '--location', 'defined_agent', '--agent-id', '001', '--level', '10'], /did you mean defined-agent\?/],
    [['active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5710|5712'], /separate ids with commas, not '\|'/],
    [['active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5710', '--timeout', '10x'], /--timeout: invalid timeout '10x'/],
    [['active-response', '--command', 'firewall-drop', '--location', 'defined-agent', '--agent-id', '000', '--level', '10'], /use --location server/],
    [['active-response', '--command', 'firewall-drop', '--location', 'local'], /missing one of --level, --rules-id, --rules-group/],
    [['command', '--name', 'x'], /missing --executable \(give it on the command line; arctl asks for it only in a terminal/],
    [['command'], /missing --name, --executable \(give them on the command line; arctl asks for them only in a terminal/],
    [['white-list'], /missing at least one address or network \(give them on the command line;/],
    [['command', '--template', 'firewall-drop', '--expect', 'srcip'], /ignored since Wazuh 4.2/],
    [['white-list', '10.0.0.300'], /not a valid IPv4 address/],
    // OS_IsValidIP's prefix is 3[0-2]|[1-2]?[0-9]: a leading zero is refused (1237), a non-contiguous dotted mask is not.
    [['white-list', '10.0.0.0/08'], /'10\.0\.0\.0\/08' has an invalid network mask \(Wazuh refuses to start, error 1237\)/],
    [['email-alerts', '--to', 'a@x.io'], /missing one of --level/],
    [['command', '--template', 'firewall-drop', '--target-version', '5.0'], /not supported yet/],
  ];
  for (const [args, message] of cases) {
    const r = add(path, ...args);
    assert.equal(r.status, 2, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message, args.join(' '));
    assert.equal(r.stderr.trim().split('\n').length, 1, `${args.join(' ')}: one line`);
    assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
  }
  assert.equal(readFileSync(path, 'utf8'), STOCK);
});

test('refusals that depend on the file: exit 1 with the reason, nothing written', () => {
  const path = file(STOCK);
  const unknown = add(path, 'active-response', '--command', 'host-deny', '--location', 'local', '--rules-id', '5712');
  assert.equal(unknown.status, 1);
  assert.match(unknown.stderr, /no <command> named 'host-deny' is defined, so .*1303.*add it first with arctl add command --template host-deny;/);
  // A near miss of a defined command is named; a custom name gets the plain advice.
  const typo = add(path, 'active-response', '--command', 'restart_wazuh', '--location', 'local', '--rules-id', '5712');
  assert.equal(typo.status, 1);
  assert.match(typo.stderr, /no <command> named 'restart_wazuh' is defined \(did you mean 'restart-wazuh'\?\), so .*add it first with arctl add command;/);
  const timeout = add(path, 'active-response', '--command', 'restart-wazuh', '--location', 'local', '--rules-id', '5712', '--timeout', '60');
  assert.equal(timeout.status, 1);
  assert.match(timeout.stderr, /restart-wazuh' \(line 12\) does not have <timeout_allowed>yes/);
  assert.equal(readFileSync(path, 'utf8'), STOCK);
  // With e-mail on, a block whose only criterion is a group maild skips on alerts.json never sends: an error.
  const mailOn = STOCK.replace('<email_notification>no</email_notification>', '<email_notification>yes</email_notification>');
  const mailPath = file(mailOn);
  const lintGate = add(mailPath, 'email-alerts', '--to', 'soc@example.com', '--group', 'sshd,');
  assert.equal(lintGate.status, 1, lintGate.stderr);
  assert.match(lintGate.stderr, /refusing to write: the change would add 1 lint error \(\d+ findings were already in the file\); nothing written/);
  // The findings as arctl lint's stylish output shows them: position, severity, message, rule id.
  assert.match(lintGate.stderr, /\n {2}\d+:\d+ +error +.+email-/);
  assert.equal(readFileSync(mailPath, 'utf8'), mailOn);
  const broken = file('<ossec_config>\n  <command>\n    <name>x</name>\n  </commnd>\n</ossec_config>\n');
  const parse = add(broken, 'white-list', '10.0.0.1');
  assert.equal(parse.status, 1);
  assert.match(parse.stderr, /:\d+:\d+: Wazuh cannot read this file: XMLERR/);
  const v5 = file('<wazuh_config>\n</wazuh_config>\n');
  const five = add(v5, 'white-list', '10.0.0.1');
  assert.equal(five.status, 2);
  assert.match(five.stderr, /Wazuh 5.x/);
});

test('an agent\'s own ossec.conf gets no <command>, no bound <active-response> and no e-mail settings (nothing reads them there): refused as <white_list> is; removing them is fine', () => {
  // What lint's ar-in-agent-conf says has no effect on an agent is not written in the first place.
  const agent = `<ossec_config>
  <client>
    <server>
      <address>10.0.0.1</address>
    </server>
  </client>

  <global>
    <email_to>old@example.com</email_to>
  </global>

  <active-response>
    <disabled>no</disabled>
  </active-response>
</ossec_config>
`;
  const path = file(agent);
  const refusals: Array<[string[], RegExp]> = [
    [['add', 'command', '--template', 'firewall-drop'], /<command> is read only by the manager's analysisd \(agents run the commands of the ar\.conf it shares\)/],
    [['add', 'active-response', '--recipe', 'ssh-brute-force'], /an <active-response> bound to rules is read only by the manager's analysisd/],
    [['add', 'white-list', '10.0.0.9'], /<white_list> is read only by the manager's analysisd/],
    [['set', 'global', '--add-email-to', 'soc@example.com'], /<global> \(its e-mail settings\) is read only by the manager's analysisd and maild/],
  ];
  for (const [args, reason] of refusals) {
    const r = runArctl([...args, '--file', path, '--no-input']);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^arctl: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: this is an agent's configuration .*${reason.source}.*; nothing written\n$`));
  }
  assert.equal(readFileSync(path, 'utf8'), agent);
  const removed = runArctl(['set', 'global', '--remove-email-to', 'old@example.com', '--file', path, '--no-input']);
  assert.equal(removed.status, 0, removed.stderr);
  assert.doesNotMatch(readFileSync(path, 'utf8'), /old@example\.com/);
});

test('a shared agent.conf (etc/shared/GROUP/agent.conf) gets no <command>, <active-response>, <white_list> or e-mail settings: refused with the reason, exit 1', () => {
  // A Windows group's file as Helm charts ship it: arctl add pointed at it instead of the manager's ossec.conf.
  const shared = '<agent_config os="Windows">\n  <localfile>\n    <location>Security</location>\n    <log_format>eventchannel</log_format>\n  </localfile>\n</agent_config>\n';
  const path = file(shared, `windows-${++counter}-agent.conf`);
  const refusals: Array<[string[], RegExp]> = [
    [['add', 'command', '--template', 'netsh'], /<command> is read only by the manager's analysisd/],
    [['add', 'active-response', '--command', 'netsh', '--location', 'local', '--rules-id', '60122', '--timeout', '10m'], /an <active-response> bound to rules is read only by the manager's analysisd/],
    [['add', 'white-list', '10.0.0.9'], /<white_list> is read only by the manager's analysisd/],
    [['add', 'email-alerts', '--to', 'soc@example.com', '--level', '12'], /<email_alerts> is read only by the manager's maild/],
  ];
  for (const [args, reason] of refusals) {
    const r = runArctl([...args, '--file', path, '--no-input']);
    assert.equal(r.status, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, new RegExp(`^arctl: ${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}: this is a shared agent\\.conf \\(its roots are <agent_config>.*${reason.source}.*; nothing written\n$`));
  }
  assert.equal(readFileSync(path, 'utf8'), shared);
});

test('writes keep mode and owner; unwritable files and directories are refused', (t) => {
  const path = file(STOCK);
  chmodSync(path, 0o640);
  const isRoot = process.getuid?.() === 0;
  if (isRoot) chownSync(path, 65534, 65534);
  const r = add(path, 'white-list', '192.0.2.1');
  assert.equal(r.status, 0, r.stderr);
  const st = statSync(path);
  assert.equal(st.mode & 0o7777, 0o640);
  if (isRoot) assert.deepEqual([st.uid, st.gid], [65534, 65534]);

  const ro = file(STOCK);
  chmodSync(ro, 0o444);
  // Root may write anything; run the child as nobody then (the directory stays writable for it).
  const sub = join(dir, 'shared');
  mkdirSync(sub, { mode: 0o777 });
  chmodSync(sub, 0o777);
  const roInSub = join(sub, 'ro.conf');
  writeFileSync(roInSub, STOCK);
  chmodSync(roInSub, 0o444);
  chmodSync(dir, 0o755);
  const noDir = runArctl(['add', 'white-list', '192.0.2.1', '--file', '/proc/arctl-test.conf', '--create', '--no-input']);
  assert.equal(noDir.status, 2, noDir.stderr);
  assert.match(noDir.stderr, /cannot (lock|write)/);

  const asUser = isRoot ? { uid: 65534, gid: 65534 } : {};
  // nobody must reach this checkout and the test's file; under a private directory (mktemp -d is 0700) it cannot.
  const unreachable = isRoot ? [arctlBin, roInSub].find((path) => spawnSync(process.execPath, ['-e', `require('fs').accessSync(${JSON.stringify(path)})`], asUser).status !== 0) : undefined;
  if (unreachable) {
    t.skip(`nobody cannot reach ${unreachable} (a parent directory is private; give TMPDIR mode 1777): the permission-denied write is not checked`);
    return;
  }
  const denied = runArctl(['add', 'white-list', '192.0.2.1', '--file', roInSub, '--no-input'], asUser);
  assert.equal(denied.status, 2, denied.stderr);
  assert.match(denied.stderr, /cannot write .*ro\.conf: permission denied; nothing written/);
  assert.equal(readFileSync(roInSub, 'utf8'), STOCK);
  assert.equal(existsSync(`${roInSub}.arctl-lock`), false, 'the lock is released');
});

test('.arctl.json: its targetVersion picks the templates, and its rule severities steer the lint gate', () => {
  const project = join(dir, 'project');
  mkdirSync(project);
  writeFileSync(join(project, '.arctl.json'), JSON.stringify({ targetVersion: '3.13', rules: { 'email-group-ignored': 'off' } }));
  const path = join(project, 'ossec.conf');
  // E-mail on, so that a group-only <email_alerts> block is an error unless .arctl.json turns the rule off.
  writeFileSync(path, STOCK.replace(/\s*<command>[\s\S]*<\/command>\n/, '\n').replace('<email_notification>no</email_notification>', '<email_notification>yes</email_notification>'));
  const legacy = runArctl(['add', 'command', '--template', 'host-deny', '--file', path, '--no-input'], { cwd: project });
  assert.equal(legacy.status, 0, legacy.stderr);
  assert.match(readFileSync(path, 'utf8'), /<executable>host-deny\.sh<\/executable>\n {4}<expect>srcip<\/expect>/);
  const groupOnly = runArctl(['add', 'email-alerts', '--to', 'soc@example.com', '--group', 'sshd,', '--file', path, '--no-input'], { cwd: project });
  assert.equal(groupOnly.status, 0, `the rule is off in .arctl.json: ${groupOnly.stderr}`);
  const flagWins = runArctl(['add', 'command', '--template', 'netsh', '--target-version', '4.14', '--file', path, '--no-input'], { cwd: project });
  assert.equal(flagWins.status, 0, flagWins.stderr);
  assert.match(readFileSync(path, 'utf8'), /<executable>netsh\.exe<\/executable>/);
  writeFileSync(join(project, '.arctl.json'), JSON.stringify({ targetVersoin: '4.14' }));
  const badConfig = runArctl(['add', 'white-list', '10.0.0.1', '--file', path, '--no-input'], { cwd: project });
  assert.equal(badConfig.status, 2);
  assert.match(badConfig.stderr, /unknown key 'targetVersoin'/);
});
