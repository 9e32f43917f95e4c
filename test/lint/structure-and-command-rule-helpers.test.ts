/** Unit tests for the helpers behind the file-structure and <command> rules. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { applyEdits } from '../../src/document/edit.ts';
import { runRules } from '../../src/lint/engine.ts';
import { fixUntilStable } from '../../src/lint/fix.ts';
import { combineEdits, renameElementEdit } from '../../src/lint/support/edits.ts';
import { findLookalikes, replaceLookalikes } from '../../src/lint/support/lookalikes.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

const options = { target: parseTargetVersion('4.14'), managerIps: [] };

function lint(text: string, rule: string) {
  const doc = ConfigDocument.fromText('ossec.conf', text);
  return { doc, found: runRules(doc, { ...options, only: [rule] }) };
}

async function fix(text: string | Buffer, rule: string): Promise<string> {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const lintBytes = async (b: Buffer) => runRules(new ConfigDocument('ossec.conf', b), { ...options, only: [rule] });
  return (await fixUntilStable(bytes, lintBytes)).bytes.toString('utf8');
}

test('findLookalikes names each character once and folds to ASCII', () => {
  const found = findLookalikes('defined\u2010agent\u2010x\u00a0');
  assert.deepEqual(found.map((f) => f.label), ['U+2010 HYPHEN', 'U+00A0 NO-BREAK SPACE']);
  assert.equal(replaceLookalikes('\uff11\uff10 yes\u200b'), '10 yes');
  assert.equal(replaceLookalikes('f\u0456rewall'), 'firewall');
});

test('homoglyphs count only inside words that also hold Latin letters', () => {
  assert.deepEqual(findLookalikes('\u0441\u0435\u0440\u0432\u0435\u0440'), []);
  assert.equal(findLookalikes('l\u043ecal').length, 1);
});

test('combineEdits copies the bytes between edits and refuses invalid UTF-8 between them', () => {
  const doc = new ConfigDocument('x', Buffer.from('abcdef', 'utf8'));
  const edit = combineEdits(doc, [
    { start: 4, end: 5, text: 'E' },
    { start: 1, end: 2, text: 'B' },
  ])!;
  assert.equal(applyEdits(doc.bytes, [edit]).toString(), 'aBcdEf');
  const raw = new ConfigDocument('y', Buffer.from([0x61, 0xff, 0x62, 0x63]));
  assert.equal(combineEdits(raw, [{ start: 0, end: 1, text: 'A' }, { start: 3, end: 4, text: 'C' }]), undefined);
});

test('renameElementEdit renames the start and end tag only', () => {
  const doc = ConfigDocument.fromText('x', '<ossec_config><global><Logall a="1">no</Logall></global></ossec_config>');
  const el = doc.roots[0].children[0].children[0];
  assert.equal(applyEdits(doc.bytes, [renameElementEdit(doc, el, 'logall')!]).toString(), '<ossec_config><global><logall a="1">no</logall></global></ossec_config>');
});

test('outside-ossec-config moves trailing blocks in order, keeping CRLF and the file indentation', async () => {
  const input = [
    '<ossec_config>',
    '\t<command>',
    '\t\t<name>a</name>',
    '\t\t<executable>a</executable>',
    '\t</command>',
    '</ossec_config>',
    '<active-response>',
    '\t<command>a</command>',
    '\t<location>local</location>',
    '</active-response>',
    '<active-response>',
    '\t<command>a</command>',
    '\t<location>server</location>',
    '</active-response>',
    '',
  ].join('\r\n');
  const out = await fix(input, 'outside-ossec-config');
  assert.equal(
    out,
    [
      '<ossec_config>',
      '\t<command>',
      '\t\t<name>a</name>',
      '\t\t<executable>a</executable>',
      '\t</command>',
      '\t<active-response>',
      '\t\t<command>a</command>',
      '\t\t<location>local</location>',
      '\t</active-response>',
      '\t<active-response>',
      '\t\t<command>a</command>',
      '\t\t<location>server</location>',
      '\t</active-response>',
      '</ossec_config>',
      '',
    ].join('\r\n'),
  );
  assert.equal(lint(out, 'outside-ossec-config').found.length, 0);
});

test('outside-ossec-config does not move a block past another stray element', () => {
  const input = '<ossec_config>\n</ossec_config>\n<foo/>\n<command><name>a</name><executable>a</executable></command>\n';
  const { found } = lint(input, 'outside-ossec-config');
  assert.deepEqual(found.map((d) => d.messageId), ['topLevel', 'topLevel']);
  assert.ok(found.every((d) => d.fix === undefined));
});

test('fixes leave values holding a comment alone (the comment would be lost)', () => {
  const input = '<ossec_config><command><name>a</name><executable>a</executable><timeout_allowed> yes<!-- c --></timeout_allowed></command></ossec_config>';
  const { found } = lint(input, 'untrimmed-value');
  assert.equal(found.length, 1);
  assert.equal(found[0].fix, undefined);
});

test('command-name-charset renames the command and every response that uses it in one edit', async () => {
  const input = [
    '<ossec_config>',
    '  <command><name>drop ip</name><executable>firewall-drop</executable></command>',
    '  <active-response><command>drop ip</command><location>local</location><level>5</level></active-response>',
    '  <active-response><command>drop ip</command><location>server</location><level>9</level></active-response>',
    '</ossec_config>',
  ].join('\n');
  const out = await fix(input, 'command-name-charset');
  assert.equal(out, input.replaceAll('drop ip', 'drop-ip'));
});

test('command-name-charset offers no rename onto a name that already exists', () => {
  const input = '<ossec_config><command><name>a b</name><executable>x</executable></command><command><name>a-b</name><executable>y</executable></command></ossec_config>';
  const { found } = lint(input, 'command-name-charset');
  assert.equal(found.length, 1);
  assert.equal(found[0].fix, undefined);
});

test('ar-name-collision applies the forced timeout 0 of commands without timeout_allowed', () => {
  const commands = '<command><name>d1</name><executable>x</executable></command><command><name>d</name><executable>y</executable>';
  const ars = '<active-response><command>d1</command><location>local</location><level>3</level></active-response><active-response><command>d</command><location>local</location><level>3</level><timeout>10</timeout></active-response>';
  assert.equal(lint(`<ossec_config>${commands}</command>${ars}</ossec_config>`, 'ar-name-collision').found.length, 0);
  assert.equal(lint(`<ossec_config>${commands}<timeout_allowed>yes</timeout_allowed></command>${ars}</ossec_config>`, 'ar-name-collision').found.length, 1);
});
