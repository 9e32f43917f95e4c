import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { ConfigDocument } from '../../src/document/document.ts';
import { schemaDiagnostics } from '../../src/schema/validate.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

const target = parseTargetVersion('4.14');

test("os_xml's `/` without `>` still ends an element; libxml2 gets `/>` in the same bytes", async () => {
  const doc = ConfigDocument.fromText('x.conf', '<ossec_config><global><email_to a="1"/b</global></ossec_config>');
  assert.equal(doc.parseError, null);
  const diags = await schemaDiagnostics(doc, target);
  assert.deepEqual(
    diags.map((d) => [d.ruleId, doc.text(d.range)]),
    [['empty-value', '<email_to a="1"/']],
  );
});

/** Bytes that stress the translation to XML: markup, escapes, controls, non-UTF-8 and multibyte text. */
const noise = fc.uint8Array({ minLength: 1, maxLength: 4 }).map((arr) => {
  const alphabet = Buffer.from('<>/&\\!-"\'=? \n\r\t\0\x01:;[]ax_.1#%');
  return Buffer.concat([Buffer.from(arr.map((b) => alphabet[b % alphabet.length])), Buffer.from(arr.length > 3 ? [0xc3, 0xa9, 0xe2, 0x80, 0x8b] : [])]);
});

test('any file Wazuh parses is validated without error from libxml2 (mutated corpus files)', { skip: corpusSkip }, async () => {
  const bases = ['wazuh__v4.14.7__etc_ossec-server.conf', 'wazuh-docker__v4.14.6__single-node__wazuh_manager.conf', 'wazuh__v3.13.6__etc_ossec-agent.conf'].map((f) =>
    readFileSync(join(corpusDir, 'conf', f)),
  );
  let validated = 0;
  await fc.assert(
    fc.asyncProperty(fc.nat(bases.length - 1), fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true }), noise, fc.nat(2)), { minLength: 1, maxLength: 4 }), async (which, edits) => {
      let bytes = bases[which];
      for (const [where, insert, cut] of edits) {
        const at = Math.floor(where * bytes.length);
        bytes = Buffer.concat([bytes.subarray(0, at), insert, bytes.subarray(Math.min(bytes.length, at + cut))]);
      }
      const doc = new ConfigDocument('mutated.conf', bytes);
      if (doc.parseError) return;
      validated++;
      const diags = await schemaDiagnostics(doc, target);
      for (const d of diags) assert.ok(d.range.start >= 0 && d.range.end <= bytes.length && d.range.start <= d.range.end);
    }),
    { numRuns: 150, seed: 20261125 },
  );
  assert.ok(validated > 30, `only ${validated} mutated files were readable by Wazuh`);
});
