/**
 * The real CLI in a terminal: `script` gives it a pseudo-terminal, so stdin is a TTY and arctl asks
 * for what is missing, checks answers as they are typed, previews the block and the diff, and asks
 * before writing. Ctrl-C in a prompt exits 130 with nothing written.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { inTerminal, terminalSkip as skip } from '../helpers/terminal.ts';
import { tempFile } from '../helpers/temp.ts';

const BASE = `<ossec_config>
  <global>
    <email_notification>no</email_notification>
  </global>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
</ossec_config>
`;

test('in a terminal: asks for the entries, rejects a bad one as typed, previews, confirms, writes', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', BASE, 'arctl-add-tty-');
  const r = await inTerminal(['add', 'white-list', '--file', path], async (t) => {
    await t.waitFor(/Addresses or networks to never block/);
    t.send('10.0.0.300\r');
    await t.waitFor(/not a valid IPv4 address/);
    t.send('\x7f'.repeat(10) + '192.0.2.5\r');
    await t.waitFor(/Write .*\?/);
    t.send('y\r');
  });
  assert.equal(r.status, 0, r.screen);
  assert.match(r.screen, /New block:\s+<white_list>192\.0\.2\.5<\/white_list>/);
  assert.match(r.screen, /\+ {4}<white_list>192\.0\.2\.5<\/white_list>/);
  assert.equal(readFileSync(path, 'utf8'), BASE.replace('  </global>', '    <white_list>192.0.2.5</white_list>\n  </global>'));
});

test('in a terminal: choices come from the file; declining the preview writes nothing', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', BASE, 'arctl-add-tty-');
  const r = await inTerminal(['add', 'active-response', '--location', 'local', '--rules-id', '5712', '--file', path], async (t) => {
    await t.waitFor(/Respond with which recipe or command\?/);
    t.send('\x1b[A'); // up from the first entry wraps to the last: the file's firewall-drop
    await t.waitFor(/❯ command: firewall-drop/);
    t.send('\r');
    await t.waitFor(/Undo after/);
    t.send('1h\r');
    await t.waitFor(/<timeout>3600<\/timeout>[\s\S]*Write .*\?/);
    t.send('n\r');
  });
  assert.equal(r.status, 0, r.screen);
  assert.match(r.screen, /cancelled; nothing written/);
  assert.equal(readFileSync(path, 'utf8'), BASE);
});

test('in a terminal: an agent\'s own ossec.conf is refused before any question, not after the answers', { skip, timeout: 60_000 }, async () => {
  const agent = BASE.replace('<ossec_config>\n', '<ossec_config>\n  <client>\n    <server>\n      <address>10.0.0.1</address>\n    </server>\n  </client>\n\n');
  for (const kind of ['command', 'active-response', 'white-list', 'email-alerts']) {
    const path = tempFile('ossec.conf', agent, 'arctl-add-tty-');
    const r = await inTerminal(['add', kind, '--file', path], async (t) => {
      await t.waitFor(/nothing written/);
    });
    assert.equal(r.status, 1, r.screen);
    assert.match(r.screen, /this is an agent's configuration .* is read only by the manager's/, kind);
    assert.doesNotMatch(r.screen, /\?/, `${kind}: no question was asked`);
    assert.equal(readFileSync(path, 'utf8'), agent);
  }
});

test('in a terminal: Ctrl-C in a prompt exits 130 and writes nothing', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', BASE, 'arctl-add-tty-');
  const r = await inTerminal(['add', 'command', '--file', path], async (t) => {
    await t.waitFor(/Which command\?/);
    t.send('\x03');
  });
  assert.equal(r.status, 130, r.screen);
  assert.match(r.screen, /interrupted/);
  assert.equal(readFileSync(path, 'utf8'), BASE);
});

test('in a terminal: the warnings the new block brings are in the preview, before the confirmation, and not repeated after the write', { skip, timeout: 60_000 }, async () => {
  const path = tempFile('ossec.conf', BASE, 'arctl-add-tty-');
  const r = await inTerminal(['add', 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '3', '--file', path], async (t) => {
    await t.waitFor(/Undo after/);
    t.send('\r'); // empty: never undone
    await t.waitFor(/Write .*\?/);
    t.send('y\r');
  });
  assert.equal(r.status, 0, r.screen);
  const warned = r.screen.indexOf('Lint warns about the new block:');
  const asked = r.screen.search(/Write .*\?/);
  assert.ok(warned > 0 && warned < asked, `the warnings come before the question:\n${r.screen}`);
  assert.match(r.screen.slice(warned, asked), /warning +Command 'firewall-drop' blocks without a <timeout>[\s\S]*permanent-block/);
  assert.equal(r.screen.split('permanent-block').length - 1, 1, 'shown once');
  assert.match(readFileSync(path, 'utf8'), /<location>all<\/location>/);
});

test('in a terminal: command names from the file reach the menu escaped, never as control sequences', { skip, timeout: 60_000 }, async () => {
  const hostile = BASE.replace('<name>firewall-drop</name>', '<name>evil\x1b]0;pwned\x07X\x1b[2J</name>');
  const path = tempFile('ossec.conf', hostile, 'arctl-add-tty-');
  const r = await inTerminal(['add', 'active-response', '--location', 'local', '--rules-id', '5712', '--file', path], async (t) => {
    await t.waitFor(/Respond with which recipe or command\?/);
    t.send('\x1b[A'); // the last entry: the file's command
    await t.waitFor(/❯ command: evil/);
    t.send('\x03');
  });
  assert.equal(r.status, 130, r.screen);
  assert.match(r.screen, /❯ command: evil\\x1b\]0;pwned\\x07X\\x1b\[2J/);
  assert.ok(!r.screen.includes('\x1b]0;pwned') && !r.screen.includes('\x07'), 'no raw OSC sequence or bell reached the terminal');
  assert.equal(readFileSync(path, 'utf8'), hostile);
});
