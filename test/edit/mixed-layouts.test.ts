/**
 * Files that mix layouts: blocks indented with tabs among blocks indented with spaces, blocks pasted
 * with other line ends than the file's (lone CR in LF or CRLF files), and files whose lines all end in
 * a lone CR, where lint reports Wazuh's lines but offers the fixes --fix writes. Driven through the
 * spawned CLI, checking the exact bytes written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { basename, join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('arctl-edit-mixed-');
let counter = 0;

function file(content: string): string {
  const path = join(dir, `ossec-${++counter}.conf`);
  writeFileSync(path, content);
  return path;
}

const arctl = (path: string, ...args: string[]) => runArctl([...args, '--file', path, '--no-input']);

function ok(r: { status: number | null; stderr: string }): void {
  assert.equal(r.status, 0, r.stderr);
}

test('mixed indentation: a new line copies its neighbour, and a block with no child to copy gets a step of its own character (tab under a tab, spaces under spaces)', () => {
  // Spaces file; a command and half a response pasted with tabs; a second root indented with tabs, its <global> empty.
  const spaces = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
\t<command>
\t\t<name>host-deny</name>
\t\t<executable>host-deny</executable>
\t</command>

  <active-response>
\t<command>firewall-drop</command>
\t<location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
<ossec_config>
\t<global>
\t</global>
</ossec_config>
`;
  const path = file(spaces);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--level', '10', '--location', 'defined-agent', '--agent-id', '001'));
  // The dry-run diff applies as a patch and gives what the command writes.
  const before = readFileSync(path);
  const dry = runArctl(['add', 'white-list', '10.0.0.1', '--dry-run', '--file', basename(path), '--no-input'], { cwd: dir });
  ok(dry);
  assert.doesNotMatch(dry.stderr, /for reading/);
  writeFileSync(join(dir, 'white-list.diff'), dry.stdout);
  const applied = spawnSync('git', ['apply', 'white-list.diff'], { cwd: dir, encoding: 'utf8' });
  assert.equal(applied.status, 0, applied.stderr);
  const patched = readFileSync(path);
  writeFileSync(path, before);
  ok(arctl(path, 'add', 'white-list', '10.0.0.1'));
  assert.ok(readFileSync(path).equals(patched), 'git apply of the dry-run diff = the write');
  runArctl(['lint', '--fix', path]);
  assert.equal(
    readFileSync(path, 'utf8'),
    spaces
      .replace('\t\t<executable>host-deny</executable>\n', '$&\t\t<timeout_allowed>yes</timeout_allowed>\n')
      .replace('\t<location>local</location>\n    <rules_id>5712</rules_id>\n', '\t<location>defined-agent</location>\n\t<agent_id>001</agent_id>\n    <rules_id>5712</rules_id>\n    <level>10</level>\n')
      .replace('\t<global>\n', '$&\t\t<white_list>10.0.0.1</white_list>\n'),
  );
  // Tabs file with a root indented with spaces: its empty <global> gets spaces, as deep as the root indents it.
  const tabs = file('<ossec_config>\n\t<command>\n\t\t<name>firewall-drop</name>\n\t\t<executable>firewall-drop</executable>\n\t</command>\n</ossec_config>\n<ossec_config>\n  <global>\n  </global>\n</ossec_config>\n');
  ok(arctl(tabs, 'add', 'white-list', '10.0.0.1'));
  assert.match(readFileSync(tabs, 'utf8'), /\n {2}<global>\n {4}<white_list>10\.0\.0\.1<\/white_list>\n {2}<\/global>\n/);
});

test('blocks pasted with lone CR line ends: options added to them end in CR like their lines, options removed take their lines, a replaced block keeps them, a new block ends as the file does', () => {
  const pasted = '<ossec_config>\n  <command>\r    <name>firewall-drop</name>\r    <executable>firewall-drop</executable>\r  </command>\n\n  <active-response>\r    <command>firewall-drop</command>\r    <location>local</location>\r    <rules_id>5712</rules_id>\r    <timeout>600</timeout>\r  </active-response>\n</ossec_config>\n';
  const path = file(pasted);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--level', '10', '--no-rules-id'));
  runArctl(['lint', '--fix', path]);
  ok(arctl(path, 'add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '12', '--timeout', '60'));
  const withTimeoutAllowed = pasted.replace('<executable>firewall-drop</executable>\r', '$&    <timeout_allowed>yes</timeout_allowed>\r');
  assert.equal(
    readFileSync(path, 'latin1'),
    withTimeoutAllowed.replace('<rules_id>5712</rules_id>', '<level>10</level>').replace(
      '</active-response>\n',
      '$&\n  <active-response>\n    <command>firewall-drop</command>\n    <location>all</location>\n    <level>12</level>\n    <timeout>60</timeout>\n  </active-response>\n',
    ),
  );
  ok(arctl(path, 'remove', 'active-response', '--command', 'firewall-drop', '--nth', '2'));
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--no-level', '--rules-id', '5712'));
  assert.equal(readFileSync(path, 'latin1'), withTimeoutAllowed, 'the reverse edits give the file back');
  // A block replaced keeps its line ends.
  ok(arctl(path, 'add', 'command', '--name', 'firewall-drop', '--executable', 'host-deny', '--timeout-allowed', '--replace'));
  assert.equal(readFileSync(path, 'latin1'), withTimeoutAllowed.replace('<executable>firewall-drop</executable>', '<executable>host-deny</executable>'));
  // The same block in a CRLF file: its lone CRs are line ends of their own, a new block ends in CRLF.
  const crlf = file(pasted.replace(/\n/g, '\r\n'));
  ok(arctl(crlf, 'set', 'active-response', '--command', 'firewall-drop', '--level', '10'));
  ok(arctl(crlf, 'add', 'command', '--name', 'deny', '--executable', 'host-deny', '--timeout-allowed'));
  assert.equal(
    readFileSync(crlf, 'latin1'),
    pasted
      .replace(/\n/g, '\r\n')
      .replace('<rules_id>5712</rules_id>\r', '$&    <level>10</level>\r')
      .replace('  </command>\r\n', '$&\r\n  <command>\r\n    <name>deny</name>\r\n    <executable>host-deny</executable>\r\n    <timeout_allowed>yes</timeout_allowed>\r\n  </command>\r\n'),
  );
});

test('lint on a file with CR line ends only: positions name Wazuh\'s line 1, and each fix is what --fix writes (the LF twin\'s fix with CR ends), also where the one line gave none', () => {
  const lf = `${readFileSync(join(projectRoot, 'test/fixtures/layouts/repeated-entry-command-after-use.conf'), 'utf8')}<command>
  <name>host-deny</name>
  <executable>host-deny</executable>
</command>
`;
  type Message = { ruleId: string; line: number; column: number; fix?: { range: [number, number]; text: string } };
  type Report = { messages: Message[]; fixableErrorCount: number; fixableWarningCount: number };
  const [lfReport, crReport] = [lf, lf.replace(/\n/g, '\r')].map((text) => (JSON.parse(runArctl(['lint', '--format', 'json', file(text)]).stdout) as Report[])[0]!);
  assert.deepEqual(
    crReport.messages.map((m) => m.line),
    crReport.messages.map(() => 1),
  );
  assert.deepEqual(
    crReport.messages.map((m) => [m.ruleId, m.fix]),
    lfReport.messages.map((m) => [m.ruleId, m.fix && { ...m.fix, text: m.fix.text.replace(/\n/g, '\r') }]),
  );
  // Fixes the file's one Wazuh line could not lay out are offered too: the move of a command above its use, a block moved into the root.
  for (const id of ['command-defined-after-use', 'outside-ossec-config']) assert.ok(crReport.messages.some((m) => m.ruleId === id && m.fix), `${id}: the fix --fix makes is offered`);
  // Also when no finding of the file had a fix of its own.
  const outside = '<ossec_config>\r  <global>\r    <email_notification>no</email_notification>\r  </global>\r</ossec_config>\r<command>\r  <name>x</name>\r  <executable>host-deny</executable>\r</command>\r';
  const [only] = (JSON.parse(runArctl(['lint', '--format', 'json', file(outside)]).stdout) as Report[])[0]!.messages;
  assert.deepEqual([only?.ruleId, only?.fix?.text], ['outside-ossec-config', '  <command>\r    <name>x</name>\r    <executable>host-deny</executable>\r  </command>\r</ossec_config>']);
  assert.deepEqual([crReport.fixableErrorCount, crReport.fixableWarningCount], [lfReport.fixableErrorCount, lfReport.fixableWarningCount]);
});

test('--fix in a block whose line ends differ from the file\'s: the lines a rule writes end as that block\'s lines (one element per address, a block moved into the root keeps its own)', () => {
  const lf = (...lines: string[]) => lines.map((l) => `${l}\n`).join('');
  const crlf = (...lines: string[]) => lines.map((l) => `${l}\r\n`).join('');
  const global = (whiteList: string, emailTo: string) =>
    crlf('  <global>', '    <jsonout_output>yes</jsonout_output>', '    <email_notification>yes</email_notification>', ...emailTo.split('|'), '    <smtp_server>localhost</smtp_server>', '    <email_from>wazuh@example.com</email_from>', ...whiteList.split('|'), '  </global>');
  const path = file(lf('<ossec_config>', '  <alerts>', '    <log_alert_level>3</log_alert_level>', '  </alerts>') + global('    <white_list>10.0.0.1 10.0.0.2</white_list>', '    <email_to>a@example.com, b@example.com</email_to>') + lf('</ossec_config>'));
  ok(runArctl(['lint', '--fix', path]));
  const split = global('    <white_list>10.0.0.1</white_list>|    <white_list>10.0.0.2</white_list>', '    <email_to>a@example.com</email_to>|    <email_to>b@example.com</email_to>');
  assert.equal(readFileSync(path, 'latin1'), lf('<ossec_config>', '  <alerts>', '    <log_alert_level>3</log_alert_level>', '  </alerts>') + split + lf('</ossec_config>'));

  // A CRLF block after the root's end in an LF file: moved in, its lines keep CRLF; the line before the
  // root's end tag takes that tag's line end, and the end tag the block's.
  const command = ['<name>block</name>', '<executable>firewall-drop</executable>', '<timeout_allowed>yes</timeout_allowed>'];
  const outside = file(lf('<ossec_config>', '  <global>', '    <jsonout_output>yes</jsonout_output>', '  </global>', '</ossec_config>') + crlf('  <command>', ...command.map((c) => `    ${c}`), '  </command>'));
  runArctl(['lint', '--fix', outside]);
  assert.equal(readFileSync(outside, 'latin1'), lf('<ossec_config>', '  <global>', '    <jsonout_output>yes</jsonout_output>', '  </global>') + crlf('  <command>', ...command.map((c) => `    ${c}`)) + lf('  </command>') + crlf('</ossec_config>'));
});
