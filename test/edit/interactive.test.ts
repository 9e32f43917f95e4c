/**
 * `arctl set` and `arctl remove` in a terminal: an address that fits several blocks becomes a list to
 * pick from (with lines), a set without a change asks which option and its value (checked as typed),
 * the diff is previewed and confirmed. Without a terminal the same commands never ask (cli.test.ts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from '../helpers/paths.ts';
import { inTerminal, terminalSkip as skip } from '../helpers/terminal.ts';
import { tempFile } from '../helpers/temp.ts';

const example = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');

test('in a terminal: pick the response from a list, then the option and its value; preview, confirm, write', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', example, 'arctl-edit-tty-');
  const r = await inTerminal(['set', 'active-response', '--command', 'firewall-drop', '--file', path], async (t) => {
    await t.waitFor(/Which <active-response>\?/);
    await t.waitFor(/line 85 {2}firewall-drop {2}local {2}rules_id 31151,31152,31153/);
    t.send('\x1b[B\r');
    await t.waitFor(/Which option\?/);
    t.send('\r');
    await t.waitFor(/New value of <timeout>/);
    t.send('10x\r');
    await t.waitFor(/invalid timeout '10x'/);
    t.send('\x7f\x7f\x7f1h\r');
    await t.waitFor(/Write .*\?/);
    t.send('y\r');
  });
  assert.equal(r.status, 0, r.screen);
  assert.match(r.screen, /-    <timeout>1800<\/timeout>\s+\+    <timeout>3600<\/timeout>/);
  assert.equal(readFileSync(path, 'utf8'), example.replace('<timeout>1800</timeout>', '<timeout>3600</timeout>'));
});

test('in a terminal: --no-input refuses an ambiguous address instead of asking', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', example, 'arctl-edit-tty-');
  const r = await inTerminal(['remove', 'active-response', '--command', 'firewall-drop', '--no-input', '--file', path], async () => {});
  assert.equal(r.status, 2);
  assert.match(r.screen, /2 <active-response> running command 'firewall-drop' blocks fit/);
  assert.equal(readFileSync(path, 'utf8'), example);
});

test('in a terminal: two responses written on one line are told apart by the list (they share their line)', { skip, timeout: 60_000 }, async () => {
  const oneLine =
    '<ossec_config><command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>' +
    '<active-response><command>firewall-drop</command><location>local</location><rules_id>5712</rules_id><timeout>600</timeout></active-response>' +
    '<active-response><command>firewall-drop</command><location>all</location><level>10</level><timeout>60</timeout></active-response></ossec_config>\n';
  const path = tempFile('ossec.conf', oneLine, 'arctl-edit-tty-');
  const r = await inTerminal(['remove', 'active-response', '--command', 'firewall-drop', '--file', path], async (t) => {
    await t.waitFor(/Which <active-response>\?/);
    await t.waitFor(/line 1 {2}firewall-drop {2}all {4}level 10/);
    t.send('\x1b[B\r');
    await t.waitFor(/Write .*\?/);
    t.send('y\r');
  });
  assert.equal(r.status, 0, r.screen);
  assert.equal(readFileSync(path, 'utf8'), oneLine.replace(/<active-response><command>firewall-drop<\/command><location>all<\/location>.*?<\/active-response>/, ''));
});

test('in a terminal: set global offers one more <email_to> (a list: the answer is added, not set)', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', example, 'arctl-edit-tty-');
  const r = await inTerminal(['set', 'global', '--file', path], async (t) => {
    await t.waitFor(/<email_to> \(one more\)/);
    t.send('\x1b[B\x1b[B\x1b[B\r');
    await t.waitFor(/One more <email_to>:/);
    t.send('not an address\r');
    await t.waitFor(/'not an address' is not one address/);
    t.send('\x15soc2@example.com\r');
    await t.waitFor(/Write .*\?/);
    t.send('y\r');
  });
  assert.equal(r.status, 0, r.screen);
  assert.equal(readFileSync(path, 'utf8'), example.replace('<email_to>soc@example.com</email_to>\n', '<email_to>soc@example.com</email_to>\n    <email_to>soc2@example.com</email_to>\n'));
});

test('in a terminal: a list of 500 commands with hostile names stays one line per entry, escapes shown, a long name cut in the middle', { skip, timeout: 60_000 }, async () => {
  const names = Array.from({ length: 500 }, (_, i) => `cmd-${i}`);
  names[3] = 'evil\x1b[2J\x1b[31mred';
  names[4] = 'bell\x07tab\there';
  names[5] = `L${'o'.repeat(3000)}ng`;
  const blocks = names.map((n) => `  <command>\n    <name>${n}</name>\n    <executable>${n.slice(0, 40)}</executable>\n  </command>\n`);
  const hostile = `<ossec_config>\n${blocks.join('')}</ossec_config>\n`;
  const path = tempFile('ossec.conf', hostile, 'arctl-edit-tty-');
  const r = await inTerminal(['remove', 'command', '--file', path], async (t) => {
    await t.waitFor(/Which <command>\?[\s\S]*line 26 /);
    t.send('\x03');
  });
  assert.equal(r.status, 130, r.screen);
  const menu = r.screen.slice(r.screen.lastIndexOf('Which <command>?')).split(/\r?\n/).filter((l) => / line \d+ /.test(l));
  assert.ok(menu.length >= 7, r.screen);
  // Before: the 3,000-character name filled the screen, and every entry was padded to its width.
  for (const line of menu) assert.ok(line.length <= 76, `one terminal line (80 columns): ${JSON.stringify(line)}`);
  assert.match(r.screen, / line 14 {4}evil\\x1b\[2J\\x1b\[31mred {2,}executable evil/);
  assert.match(r.screen, / line 18 {4}bell\\x07tab\\there {2,}executable bell/);
  assert.match(r.screen, / line 22 {4}Lo+…o+ng {2}executable Lo/);
  assert.equal(readFileSync(path, 'utf8'), hostile);
});
