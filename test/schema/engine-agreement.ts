/**
 * The native schema checker (src/schema/native.ts) against libxml2 with the XSD (the reference):
 * a generator of configurations that exercise every schema decision, and the comparison both the
 * short test and `npm run fuzz` run.
 */
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ConfigDocument } from '../../src/document/document.ts';
import type { XmlElement } from '../../src/document/types.ts';
import type { Diagnostic } from '../../src/lint/types.ts';
import { BLOCKS, BLOCK_NAMES, SECTIONS, blockSchema } from '../../src/schema/elements.ts';
import { schemaDiagnostics } from '../../src/schema/validate.ts';
import { parseTargetVersion, type TargetVersion } from '../../src/wazuh/version.ts';

const targets = ['4.14', '4.1', '3.13', '2.8'].map(parseTargetVersion);

function summary(doc: ConfigDocument, diags: Diagnostic[]): string[] {
  return diags.map((d) => `${d.ruleId} ${d.messageId} ${doc.text(d.range).slice(0, 40)} @${d.range.start}-${d.range.end} ${JSON.stringify(d.data)}`);
}

/**
 * Where libxml2 and Wazuh read a value differently: a comment inside it (Wazuh drops it, libxml2
 * sees blanks) or a NUL byte (Wazuh stops there). The native checker follows Wazuh; such files are
 * compared without their values (see test/schema/native.test.ts for what Wazuh does).
 */
export function readsValueDifferently(doc: ConfigDocument): boolean {
  let differs = false;
  const visit = (el: XmlElement) => {
    const isValue = el.parent !== null && blockSchema(el.parent.name) !== undefined && el.children.length === 0;
    if (isValue && (el.contentHasComment || doc.bytes.subarray(el.contentRange.start, el.contentRange.end).includes(0))) differs = true;
    el.children.forEach(visit);
  };
  doc.roots.forEach(visit);
  return differs;
}

/** Asserts both engines report the same findings for these bytes (every target when `allTargets`). */
export async function assertEnginesAgree(bytes: Buffer, name = 'ossec.conf', target?: TargetVersion): Promise<boolean> {
  const doc = new ConfigDocument(name, bytes);
  if (readsValueDifferently(doc)) return false;
  for (const t of target ? [target] : targets.slice(0, 1)) {
    const native = await schemaDiagnostics(doc, t, 'native');
    const reference = await schemaDiagnostics(doc, t, 'libxml2');
    assert.deepEqual(summary(doc, native), summary(doc, reference), `${name}: native and libxml2 disagree\n${bytes.toString('latin1')}`);
  }
  return true;
}

const sectionNames = SECTIONS.map((s) => s.name);
const optionNames = [...new Set(BLOCK_NAMES.flatMap((b) => BLOCKS[b].options.map((o) => o.name)))];
const nameVariants = fc.oneof(
  fc.constantFrom(...optionNames),
  fc.constantFrom(...optionNames).map((n) => n.toUpperCase()),
  fc.constantFrom(...optionNames).map((n) => n.replace(/_/g, '-').replace(/^(\w)/, '$1$1')),
  fc.constantFrom('var', 'nmae', 'disbaled', 'x', 'a.b', 'rules-id', 'agent-id', 'ca_store', 'limits', 'location'),
);
const values = fc.oneof(
  fc.constantFrom('', ' ', '\t', '\n', 'yes', 'no', 'Yes', 'yes ', ' no', 'YES', '0', '00', '020', '20', '21', '1', '000001', '1000000', '1000001', '99999999999999999999', '-1', '1a', '3.5'),
  fc.constantFrom('local', 'server', 'defined-agent', 'all', 'ALL', 'Any', 'AS', 'nowhere', 'localhost', 'analysis-server', 'ag', ''),
  fc.constantFrom('a@b', 'root@localhost', 'x@', '@y', 'a.b-c_d@e', 'plain', '&amp;@x', 'a&b@c', '\\<x'),
  fc.constantFrom('!name', 'name!', 'alerts.log', 'alerts.json', '123', 'x1', 'full', 'sms', 'default', 'FULL', 'full '),
  fc.string({ maxLength: 6 }).map((s) => s.replace(/[<>&]/g, '')),
);
const option: fc.Arbitrary<string> = fc
  .tuple(nameVariants, values, fc.nat(9))
  .map(([name, value, shape]) => (shape === 0 ? `<${name}/>` : shape === 1 ? `<${name}>${value}<sub>x</sub></${name}>` : shape === 2 ? `<${name} attr="1">${value}</${name}>` : `<${name}>${value}</${name}>`));
const block = fc.tuple(fc.oneof(fc.constantFrom(...BLOCK_NAMES), fc.constantFrom(...sectionNames), fc.constantFrom('active_response', 'Global', 'comand', 'var')), fc.array(option, { maxLength: 7 }), fc.constantFrom('', '\n  ', 'text'));
const root = fc.tuple(fc.constantFrom('ossec_config', 'ossec_config', 'agent_config', 'config'), fc.array(block, { maxLength: 5 })).map(
  ([name, blocks]) => `<${name}>\n${blocks.map(([b, opts, sep]) => `  <${b}>${sep}${opts.join(sep)}</${b}>\n`).join('')}</${name}>\n`,
);

/** Configurations built from the schema's own names and values, near-misses and shapes. */
export const schemaConfig: fc.Arbitrary<Buffer> = fc
  .tuple(fc.array(root, { minLength: 1, maxLength: 2 }), fc.boolean())
  .map(([roots, crlf]) => Buffer.from(crlf ? roots.join('').replace(/\n/g, '\r\n') : roots.join(''), 'utf8'));

export function engineAgreementProperty(): fc.IAsyncProperty<[Buffer, number]> {
  return fc.asyncProperty(schemaConfig, fc.nat(targets.length - 1), async (bytes, t) => {
    await assertEnginesAgree(bytes, 'generated.conf', targets[t]);
  });
}
