/**
 * Editing files laid out as people write them, not as arctl would: a comment closing a block's line,
 * blocks written on one line, a whole file on one line. Driven through the spawned CLI; each test
 * checks the exact bytes written and that the reverse edit gives the file back byte for byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('arctl-edit-layouts-');
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

const COMMAND = `  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>  <!-- stock -->
`;

const trailing = `<ossec_config>
${COMMAND}
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id> <!-- sshd brute force -->
    <timeout>600</timeout>
  </active-response> <!-- ssh -->
</ossec_config>
`;

test('a comment closing a block\'s line stays with that block: add goes below it, set adds options below it', () => {
  const path = file(trailing);
  ok(arctl(path, 'add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '10', '--timeout', '60'));
  ok(arctl(path, 'add', 'command', '--name', 'deny2', '--executable', 'host-deny', '--timeout-allowed'));
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--nth', '1', '--level', '12'));
  assert.equal(
    readFileSync(path, 'utf8'),
    `<ossec_config>
${COMMAND}
  <command>
    <name>deny2</name>
    <executable>host-deny</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id> <!-- sshd brute force -->
    <level>12</level>
    <timeout>600</timeout>
  </active-response> <!-- ssh -->

  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <level>10</level>
    <timeout>60</timeout>
  </active-response>
</ossec_config>
`,
  );
  ok(arctl(path, 'remove', 'active-response', '--command', 'firewall-drop', '--nth', '2'));
  ok(arctl(path, 'remove', 'command', '--name', 'deny2'));
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--no-level'));
  assert.equal(readFileSync(path, 'utf8'), trailing);
});

test('removing an option or a block whose line ends in a comment keeps the comment, at the removed element\'s indentation', () => {
  const path = file(trailing);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--no-rules-id', '--level', '10'));
  assert.match(readFileSync(path, 'utf8'), /\n {4}<location>local<\/location>\n {4}<level>10<\/level>\n {4}<!-- sshd brute force -->\n {4}<timeout>600<\/timeout>\n/);
  ok(arctl(path, 'remove', 'active-response', '--command', 'firewall-drop'));
  assert.ok(readFileSync(path, 'utf8').endsWith('  </command>  <!-- stock -->\n\n  <!-- ssh -->\n</ossec_config>\n'), readFileSync(path, 'utf8'));
});

const oneLineBlocks = `<ossec_config>
  <global><jsonout_output>yes</jsonout_output></global>
  <command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>local</location><rules_id>5712</rules_id><timeout>600</timeout></active-response>
</ossec_config>
`;

test('blocks written on one line stay on one line: options and white-list entries join them', () => {
  const path = file(oneLineBlocks);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--level', '10', '--add-rules-id', '5720', '--timeout', '1h'));
  ok(arctl(path, 'add', 'white-list', '10.0.0.1'));
  const lines = readFileSync(path, 'utf8').split('\n');
  assert.equal(lines[1], '  <global><jsonout_output>yes</jsonout_output><white_list>10.0.0.1</white_list></global>');
  assert.equal(lines[3], '  <active-response><command>firewall-drop</command><location>local</location><rules_id>5712,5720</rules_id><level>10</level><timeout>3600</timeout></active-response>');
  assert.equal(lines.length, oneLineBlocks.split('\n').length);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--no-level', '--remove-rules-id', '5720', '--timeout', '600'));
  ok(arctl(path, 'remove', 'white-list', '10.0.0.1'));
  assert.equal(readFileSync(path, 'utf8'), oneLineBlocks);
});

test('a whole file on one line: new blocks are written on that line, in their places', () => {
  const oneLine = oneLineBlocks.replace(/\n\s*/g, '') + '\n';
  const path = file(oneLine);
  ok(arctl(path, 'add', 'command', '--name', 'deny2', '--executable', 'host-deny', '--timeout-allowed'));
  const r = arctl(path, 'add', 'active-response', '--command', 'deny2', '--location', 'all', '--rules-id', '5720', '--timeout', '60');
  ok(r);
  assert.match(r.stderr, /added <active-response> for 'deny2' at line 1/);
  assert.equal(
    readFileSync(path, 'utf8'),
    oneLine
      .replace('</command>', '</command><command><name>deny2</name><executable>host-deny</executable><timeout_allowed>yes</timeout_allowed></command>')
      .replace('</active-response>', '</active-response><active-response><command>deny2</command><location>all</location><rules_id>5720</rules_id><timeout>60</timeout></active-response>'),
  );
  assert.equal(runArctl(['lint', path]).status, 0);
  ok(arctl(path, 'remove', 'active-response', '--command', 'deny2'));
  ok(arctl(path, 'remove', 'command', '--name', 'deny2'));
  assert.equal(readFileSync(path, 'utf8'), oneLine);
});

/** Stock-like (blocks separated by empty lines), packed (none), and a section comment right above a response. */
const spaced = `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

</ossec_config>
`;
const packed = `<ossec_config>
\t<global>
\t\t<jsonout_output>yes</jsonout_output>
\t</global>

\t<command>
\t\t<name>firewall-drop</name>
\t\t<executable>firewall-drop</executable>
\t\t<timeout_allowed>yes</timeout_allowed>
\t</command>
\t<active-response>
\t\t<command>firewall-drop</command>
\t\t<location>local</location>
\t\t<rules_id>5712</rules_id>
\t\t<timeout>600</timeout>
\t</active-response>
</ossec_config>
`;
const headed = `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
  </global>

  <!-- Active response -->
  <active-response>
    <disabled>no</disabled>
  </active-response>
</ossec_config>
`;

test('a new block is separated from its neighbour as the file separates them, so that removing it gives the file back', () => {
  for (const [name, content] of Object.entries({ spaced, packed, headed })) {
    const path = file(content);
    const c = arctl(path, 'add', 'command', '--name', 'deny2', '--executable', 'host-deny', '--timeout-allowed');
    ok(c);
    const r = arctl(path, 'add', 'active-response', '--command', 'deny2', '--location', 'local', '--rules-id', '5720', '--timeout', '60');
    ok(r);
    const text = readFileSync(path, 'utf8');
    assert.doesNotMatch(text, /\n[ \t]*\n[ \t]*\n/, `${name}: no two empty lines in a row\n${text}`);
    if (name === 'packed') assert.match(text, /\t<\/command>\n\t<command>\n\t\t<name>deny2<\/name>[\s\S]*\t<\/active-response>\n\t<active-response>\n\t\t<command>deny2/, `${name}: packed like its neighbours\n${text}`);
    if (name === 'headed') assert.match(text, / {2}<!-- Active response -->\n {2}<command>\n {4}<name>deny2<\/name>[\s\S]*<\/command>\n {2}<active-response>\n {4}<disabled>no/, `${name}: packed below the heading\n${text}`);
    const line = (m: string) => /at line (\d+)/.exec(m)![1];
    ok(arctl(path, 'remove', 'active-response', '--line', line(r.stderr)));
    ok(arctl(path, 'remove', 'command', '--name', 'deny2'));
    assert.equal(readFileSync(path, 'utf8'), content, `${name}: add then remove gives the file back`);
  }
});

test('removing the last <white_list> entries of a <global> removes the <global>: an empty one stops Wazuh (1230)', () => {
  const content = `<ossec_config>
  <global>
    <white_list>192.0.2.1</white_list>
    <white_list>192.0.2.2</white_list>
  </global>

  <global>
    <white_list>192.0.2.2</white_list>
    <jsonout_output>yes</jsonout_output>
  </global>
</ossec_config>
`;
  const path = file(content);
  const r = arctl(path, 'remove', 'white-list', '192.0.2.1', '192.0.2.2');
  ok(r);
  assert.match(r.stderr, /removed <white_list> 192\.0\.2\.1 \(line 3\), 192\.0\.2\.2 \(line 4, 8\), and the <global> at line 2 that held nothing else/);
  assert.equal(readFileSync(path, 'utf8'), '<ossec_config>\n  <global>\n    <jsonout_output>yes</jsonout_output>\n  </global>\n</ossec_config>\n');
  const added = file('<ossec_config>\n  <command>\n    <name>x</name>\n    <executable>host-deny</executable>\n  </command>\n</ossec_config>\n');
  const before = readFileSync(added, 'utf8');
  ok(arctl(added, 'add', 'white-list', '192.0.2.9'));
  ok(arctl(added, 'remove', 'white-list', '192.0.2.9'));
  assert.equal(readFileSync(added, 'utf8'), before);
});

const RESPONSE = ['<active-response>', '<command>firewall-drop</command>', '<location>all</location>', '<level>13</level>', '<timeout>60</timeout>', '</active-response>'];

test('options are indented as the neighbouring blocks indent theirs: no indentation at all, 2 then 4 more, and a root appended in another style', () => {
  const stock = (root: string, option: string) =>
    `<ossec_config>\n${root}<global>\n${root}${option}<jsonout_output>yes</jsonout_output>\n${root}</global>\n\n${root}<command>\n${root}${option}<name>firewall-drop</name>\n${root}${option}<executable>firewall-drop</executable>\n${root}${option}<timeout_allowed>yes</timeout_allowed>\n${root}</command>\n</ossec_config>\n`;
  const appended = `\n<ossec_config>\n${Array.from({ length: 6 }, (_, i) => `<localfile>\n    <log_format>syslog</log_format>\n    <location>/var/log/app${i}.log</location>\n</localfile>\n`).join('')}</ossec_config>\n`;
  for (const [root, option, tail] of [['', '', ''], ['  ', '    ', ''], ['  ', '  ', appended]]) {
    const content = stock(root, option) + tail;
    const path = file(content);
    ok(arctl(path, 'add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '13', '--timeout', '60'));
    const block = RESPONSE.map((line, i) => (i === 0 || i === RESPONSE.length - 1 ? root : root + option) + line).join('\n');
    assert.equal(readFileSync(path, 'utf8'), content.replace(`${root}</command>\n`, `${root}</command>\n\n${block}\n`), JSON.stringify([root, option]));
  }
});

test('blocks on one line share their --line: an ambiguous address is answered with the --nth of each, and --nth names it', () => {
  const path = file(oneLineBlocks.replace('</active-response>', '</active-response><active-response><command>firewall-drop</command><location>all</location><level>10</level><timeout>60</timeout></active-response>'));
  const r = arctl(path, 'remove', 'active-response', '--line', '4');
  assert.equal(r.status, 2);
  assert.match(r.stderr, /2 <active-response> blocks fit; say which with --nth N; nothing written\n {2}line 4 {2}firewall-drop {2}local {2}rules_id 5712 {2}timeout 600 {2}\(--nth 1\)\n {2}line 4 {2}firewall-drop {2}all {4}level 10 {7}timeout 60 {3}\(--nth 2\)\n/);
  // No --command needed: without one, --nth counts every <active-response>, as the list numbers them.
  ok(arctl(path, 'remove', 'active-response', '--line', '4', '--nth', '2'));
  assert.equal(readFileSync(path, 'utf8'), oneLineBlocks);
});

test('add --replace keeps a one-line command on one line', () => {
  const path = file(oneLineBlocks);
  ok(arctl(path, 'add', 'command', '--name', 'firewall-drop', '--executable', 'firewall-drop', '--no-timeout-allowed', '--replace'));
  assert.equal(readFileSync(path, 'utf8'), oneLineBlocks.replace('<timeout_allowed>yes</timeout_allowed></command>', '<timeout_allowed>no</timeout_allowed></command>'));
});

test('a block pasted with CRLF into an LF file: options added to it end in CRLF like its lines, a new block in LF like the file', () => {
  const lf = trailing.replace(' <!-- sshd brute force -->', '').replace(' <!-- ssh -->', '');
  const start = lf.indexOf('  <active-response>');
  const end = lf.indexOf('</active-response>\n') + '</active-response>\n'.length;
  const pasted = lf.slice(0, start) + lf.slice(start, end).replace(/\n/g, '\r\n') + lf.slice(end);
  const path = file(pasted);
  ok(arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--level', '10'));
  ok(arctl(path, 'add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '12', '--timeout', '60'));
  const text = readFileSync(path, 'utf8');
  assert.ok(text.includes('    <rules_id>5712</rules_id>\r\n    <level>10</level>\r\n    <timeout>600</timeout>\r\n  </active-response>\r\n'), JSON.stringify(text));
  assert.ok(text.endsWith('  </active-response>\r\n\n  <active-response>\n    <command>firewall-drop</command>\n    <location>all</location>\n    <level>12</level>\n    <timeout>60</timeout>\n  </active-response>\n</ossec_config>\n'), JSON.stringify(text));
});

test('disable on a one-line file names the flags that switch that block back on: --line would fit its neighbours too', () => {
  const two = oneLineBlocks.replace('</active-response>', '</active-response><active-response><command>firewall-drop</command><location>all</location><level>10</level><timeout>60</timeout></active-response>');
  const path = file(two);
  const off = arctl(path, 'disable', '--command', 'firewall-drop', '--nth', '2');
  ok(off);
  assert.match(off.stderr, /by commenting it out \(arctl enable --command firewall-drop --nth 2 switches it back on\)/);
  const set = arctl(path, 'set', 'active-response', '--command', 'firewall-drop', '--nth', '2', '--timeout', '5');
  assert.equal(set.status, 1);
  assert.match(set.stderr, /is switched off \(arctl disable commented it out\): run arctl enable --command firewall-drop --nth 2 first; nothing written/);
  ok(arctl(path, 'enable', '--command', 'firewall-drop', '--nth', '2'));
  assert.equal(readFileSync(path, 'utf8'), two);
});

test('an end tag on the line of the last block (\'</command></ossec_config>\') goes to its own line below the new block', () => {
  const content = '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command></ossec_config>\n';
  const path = file(content);
  ok(arctl(path, 'add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '13', '--timeout', '60'));
  const block = RESPONSE.map((line, i) => (i === 0 || i === RESPONSE.length - 1 ? '  ' : '    ') + line).join('\n');
  assert.equal(readFileSync(path, 'utf8'), content.replace('</command></ossec_config>', `</command>\n\n${block}\n</ossec_config>`));
  const closing = '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5713</rules_id></active-response>\n</ossec_config>\n';
  const inner = file(closing);
  ok(arctl(inner, 'set', 'active-response', '--command', 'firewall-drop', '--level', '9'));
  assert.equal(readFileSync(inner, 'utf8'), closing.replace('<rules_id>5713</rules_id></active-response>', '<rules_id>5713</rules_id>\n    <level>9</level>\n  </active-response>'));
});

test('lint --fix moves a command into a root of another indentation with that root\'s step: 2/4 lands 4/8, and 2/4 spaces land in a tab root as 1/2 tabs', () => {
  const spaces = file(`<ossec_config>
    <active-response>
        <command>block</command>
        <location>server</location>
        <rules_id>100001</rules_id>
    </active-response>
</ossec_config>

<ossec_config>
  <!-- block the source,
       for an hour -->
  <command>
    <name>block</name>
    <executable>block.sh</executable>
  </command>
</ossec_config>
`);
  const r = runArctl(['lint', '--fix', spaces]);
  assert.match(r.stderr, /fixed 1 problem \(command-defined-after-use 1\)/);
  assert.equal(
    readFileSync(spaces, 'utf8'),
    `<ossec_config>
    <!-- block the source,
         for an hour -->
    <command>
        <name>block</name>
        <executable>block.sh</executable>
    </command>
    <active-response>
        <command>block</command>
        <location>server</location>
        <rules_id>100001</rules_id>
    </active-response>
</ossec_config>

<ossec_config>
</ossec_config>
`,
  );
  const tabs = file('<ossec_config>\r\n\t<active-response>\r\n\t\t<command>block</command>\r\n\t\t<location>local</location>\r\n\t\t<level>10</level>\r\n\t</active-response>\r\n</ossec_config>\r\n<ossec_config>\r\n  <command>\r\n    <name>block</name>\r\n    <executable>block.sh</executable>\r\n  </command>\r\n</ossec_config>\r\n');
  const t = runArctl(['lint', '--fix', tabs]);
  assert.match(t.stderr, /fixed 1 problem \(command-defined-after-use 1\)/);
  assert.equal(readFileSync(tabs, 'utf8'), '<ossec_config>\r\n\t<command>\r\n\t\t<name>block</name>\r\n\t\t<executable>block.sh</executable>\r\n\t</command>\r\n\t<active-response>\r\n\t\t<command>block</command>\r\n\t\t<location>local</location>\r\n\t\t<level>10</level>\r\n\t</active-response>\r\n</ossec_config>\r\n<ossec_config>\r\n</ossec_config>\r\n');
});

test('a file with CR line ends only (classic Mac), or CR CR LF and no last line end, is edited by its lines: every edit equals the LF file\'s edit with its line ends; CR is fixed alike, its diff shows lines', () => {
  // One LF file and its CR-only twin: each command must write the twin of what it writes in the LF file
  // (before: blocks inserted on the one "line" Wazuh counts, emptied lines left as blanks, no moves by --fix).
  const lf = `<ossec_config>
  <global>
    <email_notification>no</email_notification>
    <white_list>127.0.0.1</white_list>
    <white_list>10.0.0.2</white_list>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;
  const steps: string[][] = [
    ['add', 'command', '--template', 'host-deny'],
    ['add', 'white-list', '203.0.113.7'],
    ['set', 'active-response', '--command', 'firewall-drop', '--level', '10', '--no-rules-id'],
    ['remove', 'white-list', '10.0.0.2'],
    ['disable', '--command', 'firewall-drop'],
  ];
  // Twins edited alike: CR only; CR CR LF (a CRLF file converted once more: before, new lines ended in
  // CRLF, or in a lone CR inside a block), here without a last line end.
  const twins: [string, (text: string) => string][] = [
    ['CR', (text) => text.replace(/\n/g, '\r')],
    ['CR CR LF', (text) => text.replace(/\n/g, '\r\r\n').slice(0, -3)],
  ];
  const lfPath = file(lf);
  const twinPaths = twins.map(([, twin]) => file(twin(lf)));
  for (const step of steps) {
    ok(arctl(lfPath, ...step));
    const lfNow = readFileSync(lfPath, 'latin1');
    twins.forEach(([name, twin], i) => {
      ok(arctl(twinPaths[i]!, ...step));
      assert.equal(readFileSync(twinPaths[i]!, 'latin1'), twin(lfNow), `${step.join(' ')}: the ${name} file is the LF file's twin`);
    });
  }
  const crPath = twinPaths[0]!;
  for (const path of twinPaths) {
    const switchedOff = readFileSync(path);
    ok(arctl(path, 'enable', '--command', 'firewall-drop'));
    ok(arctl(path, 'disable', '--command', 'firewall-drop'));
    assert.ok(readFileSync(path).equals(switchedOff), 'enable then disable gives the bytes back');
  }
  // The dry-run diff shows the lines (a one-line diff of \x0d escapes before) and says how it differs from the bytes.
  const dry = arctl(crPath, 'add', 'command', '--template', 'route-null', '--dry-run');
  ok(dry);
  assert.match(dry.stdout, /^@@ -\d+,\d+ \+\d+,\d+ @@\n(?: .*\n)+\+ {2}<command>\n\+ {4}<name>route-null<\/name>\n/m);
  assert.doesNotMatch(dry.stdout, /x0d/);
  assert.match(dry.stderr, /the diff is for reading, not for patch: it shows CR line ends as LF/);
  // lint --fix moves a command defined after its response as it does in the LF file, and drops a repeated entry with its line.
  const broken = readFileSync(join(projectRoot, 'test/fixtures/layouts/repeated-entry-command-after-use.conf'), 'utf8');
  const [lfBroken, crBroken] = [file(broken), file(broken.replace(/\n/g, '\r'))];
  for (const path of [lfBroken, crBroken]) runArctl(['lint', '--fix', path]);
  const fixed = readFileSync(lfBroken, 'latin1');
  assert.ok(fixed.indexOf('<command>\n    <name>') < fixed.indexOf('<active-response>'), fixed);
  assert.equal(readFileSync(crBroken, 'latin1'), fixed.replace(/\n/g, '\r'));
});
