import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument, type XmlElement } from '../../src/document/document.ts';
import { specDir, specSkip } from '../helpers/paths.ts';

interface OsXmlCase {
  name: string;
  text: string | null;
  generate: string | null;
  ok: boolean;
  error: string | null;
  line: number | null;
  elements: string[] | null;
}

function generated(kind: string): string {
  if (kind === 'deep') return `<ossec_config>${'<a>'.repeat(1100)}${'</a>'.repeat(1100)}</ossec_config>\n`;
  if (kind === 'long content') return `<ossec_config><a>${'x'.repeat(25000)}</a></ossec_config>\n`;
  throw new Error(`unknown generated case ${kind}`);
}

/** The listing format of verified/os_xml.json: elements in Wazuh's order, attributes after their element. */
function listing(doc: ConfigDocument): string[] {
  const out: string[] = [];
  const visit = (el: XmlElement) => {
    const pad = '  '.repeat(el.depth);
    out.push(`${pad}${el.isVariable ? 'VAR' : 'ELEM'} depth=${el.depth} name=${JSON.stringify(el.name)} content=${JSON.stringify(el.content)} line=${el.wazuhLine}`);
    for (const a of el.attributes) out.push(`${pad}ATTR depth=${el.depth} name=${JSON.stringify(a.name)} content=${JSON.stringify(a.value)} line=${a.wazuhLine}`);
    el.children.forEach(visit);
  };
  doc.roots.forEach(visit);
  return out;
}

test('the document model reads exactly what Wazuh v4.14.7 os_xml reads (verified/os_xml.json)', { skip: specSkip }, () => {
  const verdicts = JSON.parse(readFileSync(join(specDir, 'verified/os_xml.json'), 'utf8')) as { cases: OsXmlCase[] };
  for (const c of verdicts.cases) {
    const text = c.text ?? (c.generate ? generated(c.generate) : '');
    const doc = ConfigDocument.fromText('case.xml', text);
    if (c.ok) {
      assert.equal(doc.parseError, null, `${c.name}: Wazuh accepts it, arctl said ${doc.parseError?.message}`);
      assert.deepEqual(listing(doc), c.elements ?? [], c.name);
    } else {
      assert.ok(doc.parseError, `${c.name}: Wazuh refuses it, arctl accepted it`);
      assert.equal(doc.parseError.message, c.error, c.name);
      assert.equal(doc.parseError.wazuhLine, c.line, `${c.name}: line`);
    }
  }
});
