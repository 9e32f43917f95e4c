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

interface BuildResult {
  ok: boolean;
  error: string | null;
  error_hex: string | null;
  line: number | null;
  items: Array<{ type: string; depth: number; name_hex: string; content: string | null; content_hex: string | null; content_is_null: boolean; line: number }> | null;
}
interface BytesCase {
  name: string;
  text_base64: string;
  x86_64: BuildResult;
  aarch64: BuildResult;
  same: boolean;
}

const utf8 = new TextDecoder();
const fromHex = (hex: string) => utf8.decode(Buffer.from(hex, 'hex'));

/** The items of a document in verified/os_xml-bytes.json's order and form (names and contents as decoded text). */
function items(doc: ConfigDocument): string[] {
  const out: string[] = [];
  const visit = (el: XmlElement) => {
    out.push(`${el.isVariable ? 'VAR' : 'ELEM'} ${el.depth} ${JSON.stringify(el.name)} ${JSON.stringify(el.content)} ${el.wazuhLine}`);
    for (const a of el.attributes) out.push(`ATTR ${el.depth} ${JSON.stringify(a.name)} ${JSON.stringify(a.value)} ${a.wazuhLine}`);
    el.children.forEach(visit);
  };
  doc.roots.forEach(visit);
  return out;
}

test('os_xml on high bytes, NULs and many attributes, both builds (verified/os_xml-bytes.json)', { skip: specSkip }, () => {
  const verdicts = JSON.parse(readFileSync(join(specDir, 'verified/os_xml-bytes.json'), 'utf8')) as { cases: BytesCase[] };
  assert.ok(verdicts.cases.some((c) => !c.same), 'the builds differ somewhere');
  const wrong: string[] = [];
  for (const c of verdicts.cases) {
    const bytes = Buffer.from(c.text_base64, 'base64');
    for (const arch of ['x86_64', 'aarch64'] as const) {
      const want = c[arch];
      const doc = new ConfigDocument('case.xml', bytes, { signedChar: arch === 'x86_64' });
      const label = `${arch} ${c.name}`;
      if (want.ok !== (doc.parseError === null)) {
        wrong.push(`${label}: Wazuh ${want.ok ? 'accepts' : `refuses (${want.error ?? fromHex(want.error_hex!)})`}, arctl ${doc.parseError ? `refuses (${doc.parseError.message})` : 'accepts'}`);
        continue;
      }
      if (!want.ok) {
        const message = want.error ?? fromHex(want.error_hex!);
        if (doc.parseError!.message !== message || doc.parseError!.wazuhLine !== want.line) wrong.push(`${label}: ${doc.parseError!.message} line ${doc.parseError!.wazuhLine}, want ${message} line ${want.line}`);
        continue;
      }
      const expected = want.items!.map(
        (i) => `${i.type} ${i.depth} ${JSON.stringify(fromHex(i.name_hex))} ${JSON.stringify(i.content_is_null ? '' : (i.content ?? fromHex(i.content_hex!)))} ${i.line}`,
      );
      if (JSON.stringify(items(doc)) !== JSON.stringify(expected)) wrong.push(`${label}: items differ\n${items(doc).join('\n')}\n--- want\n${expected.join('\n')}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('XMLERR: Too many attributes: 4.14.7 refuses 50 attributes (or 49 and whitespace); no limit before', () => {
  const element = (n: number, end: string) => `<ossec_config><a ${Array.from({ length: n }, (_, i) => `a${i}="v"`).join(' ')}${end}</a></ossec_config>\n`;
  assert.equal(ConfigDocument.fromText('f', element(49, '>')).parseError, null);
  assert.equal(ConfigDocument.fromText('f', element(49, ' >')).parseError?.message, 'XMLERR: Too many attributes.');
  assert.equal(ConfigDocument.fromText('f', element(50, '>')).parseError?.message, 'XMLERR: Too many attributes.');
  assert.equal(ConfigDocument.fromText('f', element(50, '>'), { maxAttributeDepth: null }).parseError, null, '4.14.6 and older');
});
