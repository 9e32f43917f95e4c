/**
 * `arctl lsp` counts positions as the protocol does, not as the document model does: a line ends at
 * CRLF, LF or a lone CR, and a character is a UTF-16 unit of the text the editor sent, including a
 * byte order mark the editor kept. Diagnostics, fixes, hover ranges and incremental changes are checked
 * against the client's own copy of the text (vscode-languageserver-textdocument, as editors count).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { CodeActionRequest, HoverRequest, type CodeAction, type Diagnostic, type Hover } from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { startLsp, stopLsp, uriOf } from '../helpers/lsp-client.ts';
import { tempDir } from '../helpers/temp.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { byteOffset, lspPosition } from '../../src/lsp/positions.ts';

/** A configuration with a fixable finding (defined_agent) and an unfixable one (unknown command ×), on lines holding non-ASCII text. */
function config(eol: string, bom: boolean): string {
  const lines = [
    '<ossec_config>',
    '\t<!-- répond aux scans 😀 -->',
    '\t<active-response>',
    '\t\t<command>bloqué</command><!-- 𝄞 -->',
    '\t\t<location>defined_agent</location>',
    '\t\t<agent_id>001</agent_id>',
    '\t\t<level>10</level>',
    '\t</active-response>',
    '</ossec_config>',
    '',
  ];
  return (bom ? '\uFEFF' : '') + lines.join(eol);
}

const CASES = [
  { name: 'LF with a byte order mark', text: config('\n', true) },
  { name: 'CRLF', text: config('\r\n', false) },
  { name: 'lone CR (classic Mac)', text: config('\r', false) },
];

test('diagnostics, fixes and hover ranges in the protocol\'s lines and UTF-16 characters: BOM, CRLF, lone CR, tabs, astral characters', { timeout: 180_000 }, async () => {
  const dir = tempDir();
  const client = await startLsp({ cwd: dir });
  try {
    for (const { name, text } of CASES) {
      const uri = uriOf(join(dir, `${name.replace(/\W+/g, '-')}.ossec.conf`));
      const mirror = TextDocument.create(uri, 'xml', 1, text);
      const rangeOf = (needle: string) => ({ start: mirror.positionAt(text.indexOf(needle)), end: mirror.positionAt(text.indexOf(needle) + needle.length) });
      client.open(uri, text);
      const diagnostics = await client.diagnostics(uri);
      const byCode = (code: string) => diagnostics.find((d) => d.code === code);
      assert.deepEqual(byCode('unknown-command')?.range, rangeOf('bloqué'), `${name}: ${JSON.stringify(diagnostics)}`);
      assert.deepEqual(byCode('invalid-location')?.range, rangeOf('defined_agent'), name);

      const hover = (await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: rangeOf('location>defined').start })) as Hover | null;
      assert.deepEqual(hover?.range, rangeOf('location'), `${name}: the hovered tag name`);

      const location = byCode('invalid-location') as Diagnostic;
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: location.range, context: { diagnostics: [location] } })) as CodeAction[];
      const fixed = client.apply(uri, actions.find((a) => a.isPreferred)!.edit!);
      assert.equal(fixed, text.replace('defined_agent', 'defined-agent'), `${name}: the fix changes the value and nothing else`);
      await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'invalid-location'));

      // An incremental change on a line with astral characters, at the client's positions.
      client.change(uri, [{ range: rangeOf('bloqué'), text: 'firewall-drop' }]);
      const after = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-command' && JSON.stringify(x.message).includes('bloqué')));
      const now = client.text(uri);
      const nowDoc = TextDocument.create(uri, 'xml', 1, now);
      const unknown = after.find((d) => d.code === 'unknown-command');
      assert.deepEqual(unknown?.range, { start: nowDoc.positionAt(now.indexOf('firewall-drop')), end: nowDoc.positionAt(now.indexOf('firewall-drop') + 'firewall-drop'.length) }, `${name}: ${JSON.stringify(after)}`);
      client.close(uri);
    }
    assert.equal(await client.shutdown(), 0, client.stderr);
  } finally {
    stopLsp(client);
  }
});

test('every character boundary of long lines maps to the protocol position the client computes (counts kept every 256 bytes)', () => {
  // Lines far longer than the 256-byte checkpoints, mixing 1- to 4-byte characters and every line ending.
  const pieces = ['a', 'é', '€', '😀', '\t', '<', 'ß'];
  let text = '\uFEFF';
  for (let line = 0; line < 12; line++) {
    for (let i = 0; i < 150 + line * 37; i++) text += pieces[(i * 7 + line) % pieces.length];
    text += ['\n', '\r\n', '\r'][line % 3];
  }
  const doc = new ConfigDocument('/tmp/long-lines.ossec.conf', Buffer.from(text, 'utf8'));
  const mirror = TextDocument.create('file:///tmp/long-lines.ossec.conf', 'xml', 1, text);
  let bytes = 0;
  for (let unit = 0; unit <= text.length; ) {
    assert.deepEqual(lspPosition(doc, bytes), mirror.positionAt(unit), `byte ${bytes}, UTF-16 unit ${unit}`);
    // Between the CR and LF of a CRLF both sides answer the line's end: no way back to that byte.
    if (!(text[unit - 1] === '\r' && text[unit] === '\n')) assert.equal(byteOffset(doc, mirror.positionAt(unit)), bytes, `back from UTF-16 unit ${unit}`);
    if (unit === text.length) break;
    const code = text.codePointAt(unit)!;
    const width = code > 0xffff ? 2 : 1;
    bytes += Buffer.byteLength(String.fromCodePoint(code), 'utf8');
    unit += width;
  }
});
