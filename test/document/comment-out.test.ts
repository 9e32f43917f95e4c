/**
 * Commenting a block out and back (arctl disable / enable): Wazuh's reader (the os_xml port) sees one
 * comment ending exactly where arctl ended it, whatever the block holds (comments, `--`, `!>`,
 * backslashes, non-UTF-8 bytes), the comment is legal XML (no `--`), and enabling gives back every byte.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { commentedBlocks, commentOut, escapeForComment, uncomment, unescapeFromComment } from '../../src/document/comment-out.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { applyEdits } from '../../src/document/edit.ts';

function roundTrip(before: Buffer): { disabled: Buffer; enabled: Buffer } {
  const doc = new ConfigDocument('ossec.conf', before);
  assert.equal(doc.parseError, null);
  const block = [...doc.elements()].find((e) => e.name === 'active-response')!;
  const disabled = applyEdits(before, [commentOut(doc, block)]);
  const off = new ConfigDocument('ossec.conf', disabled);
  assert.equal(off.parseError, null, off.parseError?.message);
  assert.equal([...off.elements()].filter((e) => e.name === 'active-response').length, 0, 'Wazuh no longer reads the block');
  const blocks = commentedBlocks(off);
  assert.equal(blocks.length, 1);
  const body = off.text(blocks[0].comment.range).slice(4, -3);
  assert.doesNotMatch(body, /--/, 'legal XML: no -- inside the comment');
  return { disabled, enabled: applyEdits(disabled, [uncomment(blocks[0])]) };
}

test('a block with comments of its own (ossec-hids style, dashes and -->) comes back byte for byte', () => {
  const before = Buffer.from(`<ossec_config>
  <active-response>
    <!-- This response is going to execute the host-deny
       - command for every event that fires a rule with
       - level (severity) >= 6.
      -->
    <command>host-deny</command>
    <location>local</location>
    <level>7</level>
    <timeout>600</timeout>    
  </active-response>  
</ossec_config>
`);
  const { disabled, enabled } = roundTrip(before);
  assert.match(disabled.toString(), /^ {2}<!-- arctl-disabled: <active-response>\n {4}<!-\\- This response/m);
  assert.match(disabled.toString(), /<\/active-response> -->  \n<\/ossec_config>/);
  assert.ok(enabled.equals(before));
});

test('<! ... !> comments, backslashes, CRLF and Latin-1 bytes inside the block', () => {
  const before = Buffer.concat([
    Buffer.from('<ossec_config>\r\n\t<active-response>\r\n\t\t<! old !>\r\n\t\t<rules_group>a\\|b</rules_group>\r\n\t\t<!-- caf'),
    Buffer.from([0xe9]),
    Buffer.from(' --->\r\n\t\t<command>x</command>\r\n\t</active-response>\r\n</ossec_config>\r\n'),
  ]);
  const { enabled } = roundTrip(before);
  assert.ok(enabled.equals(before));
});

test('escaping: any bytes come back, the escaped text has no -- or !>, and Wazuh ends the comment where arctl did', () => {
  fc.assert(
    fc.property(fc.array(fc.constantFrom('-', '!', '>', '\\', '<', 'a', '\n', '\r', ' '), { maxLength: 40 }), (chars) => {
      const text = Buffer.from(chars.join(''));
      const escaped = escapeForComment(text);
      assert.ok(unescapeFromComment(escaped).equals(text));
      assert.doesNotMatch(escaped.toString(), /--|!>/);
      const file = Buffer.concat([Buffer.from('<a><!-- arctl-disabled: '), escaped, Buffer.from(' --><b/></a>')]);
      const doc = new ConfigDocument('x', file);
      assert.equal(doc.parseError, null);
      assert.equal(doc.comments.length, 1);
      assert.equal(doc.comments[0].range.end, file.length - '<b/></a>'.length);
    }),
    { numRuns: 500 },
  );
});

test('only arctl-disabled comments that hold one whole element are arctl\'s own', () => {
  const doc = ConfigDocument.fromText(
    'x',
    `<ossec_config>
  <!-- arctl-disabled: some note -->
  <!-- arctl-disabled: <active-response><command>x</command></active-response> trailing -->
  <!--arctl-disabled: <active-response></active-response> -->
  <!-- <active-response>
    active-response options here
  </active-response> -->
  <!-- arctl-disabled: <active-response><command>x</command></active-response> -->
</ossec_config>
`,
  );
  const blocks = commentedBlocks(doc);
  assert.equal(blocks.length, 1);
  assert.equal(doc.position(blocks[0].comment.range.start).line, 8);
  assert.equal(blocks[0].element.name, 'active-response');
});
