import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { xmlRegisterInputProvider, xmlCleanupInputProvider } from 'libxml2-wasm';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadValidator, schemaDiagnostics } from '../../src/schema/validate.ts';
import { formatSchemaMessage, SCHEMA_MESSAGES } from '../../src/schema/messages.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip, projectRoot, specDir, specSkip } from '../helpers/paths.ts';

const target = parseTargetVersion('4.14');
const fixtures = join(projectRoot, 'test/fixtures/schema');

async function diagnose(path: string, version = target) {
  const doc = new ConfigDocument(path, readFileSync(path));
  const diags = await schemaDiagnostics(doc, version);
  return { doc, diags, at: diags.map((d) => `${doc.position(d.range.start).line} ${d.ruleId}`) };
}

test('every problem of an invalid file is reported, at the element or value it concerns', async () => {
  const { doc, diags, at } = await diagnose(join(fixtures, 'invalid.conf'));
  assert.deepEqual(at, [
    '4 invalid-boolean',
    '5 email-address-invalid',
    '7 unknown-element',
    '8 email-maxperhour-range',
    '10 command-missing-field',
    '12 unknown-element',
    '16 unknown-element',
    '17 level-invalid',
    '18 invalid-location',
    '19 option-from-other-block',
    '20 invalid-boolean',
    '20 option-from-other-block',
    '21 empty-value',
    '24 unknown-element',
    '25 unknown-element',
    '26 email-format-invalid',
    '26 email-level-invalid',
    '26 option-from-other-block',
    '27 command-name-reserved-bang',
    '28 unknown-element',
    '31 invalid-value',
  ]);
  const byLine = (line: number, ruleId: string) => diags.find((d) => doc.position(d.range.start).line === line && d.ruleId === ruleId)!;
  // Unknown elements: the start tag; bad values: the content.
  assert.equal(doc.text(byLine(16, 'unknown-element').range), '<disbaled>');
  assert.equal(byLine(16, 'unknown-element').data.suggestion, 'disabled');
  assert.equal(doc.text(byLine(17, 'level-invalid').range), '5a');
  assert.deepEqual(byLine(19, 'option-from-other-block').data, { element: 'rule_id', block: 'active-response', owners: 'email_alerts', suggestion: 'rules_id' });
  assert.equal(doc.text(byLine(21, 'empty-value').range), '<command></command>');
  assert.equal(byLine(25, 'unknown-element').data.suggestion, 'active-response');
  assert.equal(byLine(28, 'unknown-element').data.element, 'ünicode');
  assert.equal(doc.position(byLine(28, 'unknown-element').range.start).column, 3);
  for (const d of diags) {
    assert.equal(d.severity, 'error');
    assert.ok(d.messageId in SCHEMA_MESSAGES, d.messageId);
    assert.doesNotMatch(formatSchemaMessage(d.messageId, d.data), /\{\{/);
  }
});

test('repeated unknown options are all reported, and the values after them are still checked', async () => {
  const inner = Array.from({ length: 120 }, (_, i) => `<bogus${i % 3}>x</bogus${i % 3}><level>x</level>`).join('\n');
  const doc = ConfigDocument.fromText('x.conf', `<ossec_config><active-response>${inner}</active-response></ossec_config>`);
  const diags = await schemaDiagnostics(doc, target);
  assert.equal(diags.filter((d) => d.ruleId === 'unknown-element').length, 120);
  assert.equal(diags.filter((d) => d.ruleId === 'level-invalid').length, 120);
});

test('a repeated option Wazuh reads last-wins is judged on the occurrence it keeps', async () => {
  // ReadActiveResponses / ReadActiveCommands (src/config/active-response.c) keep the last <location>,
  // <command>, <agent_id>, <rules_id>, <timeout> and <executable> and check them after the loop;
  // <level> and <timeout_allowed> are checked element by element, so a refused one still stops Wazuh.
  const text = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable></executable>
    <executable>firewall-drop</executable>
    <timeout_allowed>Yes</timeout_allowed>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command></command>
    <command>firewall-drop</command>
    <location>bogus</location>
    <location>local</location>
    <level>25</level>
    <level>10</level>
  </active-response>
</ossec_config>`;
  for (const engine of ['native', 'libxml2'] as const) {
    const doc = ConfigDocument.fromText('x.conf', text);
    const at = (await schemaDiagnostics(doc, target, engine)).map((d) => `${doc.position(d.range.start).line} ${d.ruleId}`);
    assert.deepEqual(at, ['6 invalid-boolean', '14 level-invalid'], engine);
  }
});

test('any <disabled>yes</disabled> disables the block, whatever comes after it', async () => {
  // ReadActiveResponses sets ar_flag = -1 on a "yes" and a later "no" does nothing; the location of a
  // disabled block is never looked at.
  const doc = ConfigDocument.fromText('x.conf', `<ossec_config>
  <active-response>
    <disabled>yes</disabled>
    <disabled>no</disabled>
    <command>firewall-drop</command>
    <location>bogus</location>
  </active-response>
</ossec_config>`);
  assert.deepEqual(await schemaDiagnostics(doc, target), []);
});

test('a file Wazuh cannot parse gets no schema findings (parse-error covers it)', async () => {
  const doc = ConfigDocument.fromText('x.conf', '<ossec_config><global></ossec_config>');
  assert.ok(doc.parseError);
  assert.deepEqual(await schemaDiagnostics(doc, target), []);
});

test('options the target version does not know yet', async () => {
  const text = '<ossec_config><command><name>a</name><executable>a</executable><extra_args>-x</extra_args></command><indexer/></ossec_config>';
  const doc = ConfigDocument.fromText('x.conf', text);
  const old = await schemaDiagnostics(doc, parseTargetVersion('3.4'));
  assert.deepEqual(
    old.map((d) => [d.ruleId, d.severity, d.data.element, d.data.since]),
    [
      ['option-not-in-version', 'error', 'extra_args', '3.5'],
      ['option-not-in-version', 'error', 'indexer', '4.8'],
    ],
  );
  assert.deepEqual(await schemaDiagnostics(doc, target), []);
});

test('hostile DOCTYPEs never make libxml2 read a file, reach the network or expand entities', async () => {
  await loadValidator();
  const requested: string[] = [];
  xmlRegisterInputProvider({
    match(name: string) {
      requested.push(name);
      return false;
    },
    open: () => undefined,
    read: () => -1,
    close: () => true,
  });
  try {
    for (const name of ['hostile-doctype-file.conf', 'hostile-doctype-http.conf', 'billion-laughs.conf']) {
      const { doc, diags } = await diagnose(join(fixtures, name));
      assert.ok(doc.parseError, `${name}: Wazuh's reader refuses a DOCTYPE it cannot close as a comment`);
      assert.deepEqual(diags, [], name);
    }
    // Wazuh reads this DOCTYPE as a comment (it ends with -->): the file is validated, entities stay text.
    const started = performance.now();
    const { doc, diags } = await diagnose(join(fixtures, 'hostile-doctype-closed-as-comment.conf'));
    assert.equal(doc.parseError, null);
    assert.deepEqual(diags.map((d) => [d.ruleId, d.data.value]), [['invalid-boolean', '&passwd;']]);
    assert.ok(performance.now() - started < 2000);
    assert.deepEqual(requested, []);
  } finally {
    xmlCleanupInputProvider();
  }
});

test('the probe above can fail: libxml2 asks the provider when entity loading is on', async () => {
  const { lib } = await loadValidator();
  const requested: string[] = [];
  xmlRegisterInputProvider({ match: (name: string) => (requested.push(name), false), open: () => undefined, read: () => -1, close: () => true });
  try {
    const xml = `<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`;
    lib.XmlDocument.fromString(xml, { option: lib.ParseOption.XML_PARSE_NOENT }).dispose();
    assert.deepEqual(requested, ['file:///etc/passwd']);
  } finally {
    xmlCleanupInputProvider();
  }
});

test('every corpus config validates; Wazuh 4.x shipped configs have no schema errors', { skip: corpusSkip }, async () => {
  const dir = join(corpusDir, 'conf');
  const errors: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.conf'))) {
    const { diags } = await diagnose(join(dir, file));
    for (const d of diags) if (d.severity === 'error') errors.push(`${file}: ${d.ruleId} ${JSON.stringify(d.data)}`);
  }
  // 5.x managers use a <wazuh_config> root and 5.x agents an <agent> section, which 4.14 does not read (1230).
  assert.deepEqual(errors, [
    'wazuh__main-5.x__etc_ossec-agent.conf: option-not-in-version {"element":"agent","target":"4.14","since":"5.0"}',
    'wazuh__main-5.x__etc_wazuh-manager.conf: outside-ossec-config {"element":"wazuh_config"}',
  ]);
});

test('a markdown-fenced fragment (no root) gets one positioned finding, at the first element Wazuh stops at', { skip: corpusSkip }, async () => {
  const { doc, diags } = await diagnose(join(corpusDir, 'conf/broken/markdown-fenced-fragment.conf'));
  // ReadConfig stops there with (1230) (src/config/config.c:492-496); the <active-response> of line 8 is never reached.
  assert.deepEqual(
    diags.map((d) => [d.ruleId, doc.position(d.range.start), doc.text(d.range)]),
    [['outside-ossec-config', { line: 2, column: 1 }, '<command>']],
  );
});

test('the schema pass: a root-less file is refused once, variables never; beside a root each stray element is its own refusal', async () => {
  const at = async (text: string) => (await schemaDiagnostics(ConfigDocument.fromText('x.conf', text), target)).map((d) => `${d.messageId} ${d.data.element}`);
  assert.deepEqual(await at('<var name="ip">10.0.0.1</var>\n<command><name>a</name><executable>a</executable></command>\n<global><white_list>10.0.0.1</white_list></global>\n'), ['schema-root command']);
  assert.deepEqual(await at('<ossec_config></ossec_config>\n<var name="ip">10.0.0.1</var>\n<command/>\n<global/>\n'), ['schema-root command', 'schema-root global']);
});

interface AcceptanceCase {
  name: string;
  config: string;
  accepted: boolean;
  wazuh_says: string[];
}

test('agrees with Wazuh 4.14 on every verified acceptance case the schema covers', { skip: specSkip }, async () => {
  const { cases } = JSON.parse(readFileSync(join(specDir, 'verified/acceptance.json'), 'utf8')) as { cases: AcceptanceCase[] };
  // Refusals the XSD states: unknown elements, refused values, bad location, bad global e-mail, missing command fields.
  const schemaRefusal = /\((1230|1235|1280|1302)\)|Invalid Email address/;
  let covered = 0;
  for (const c of cases) {
    const diags = (await schemaDiagnostics(ConfigDocument.fromText('case.conf', c.config), target)).filter((d) => d.severity === 'error');
    if (c.accepted) assert.deepEqual(diags, [], `${c.name}: Wazuh accepts it`);
    else if (c.wazuh_says.some((s) => schemaRefusal.test(s))) {
      covered++;
      assert.notDeepEqual(diags, [], `${c.name}: Wazuh says ${c.wazuh_says[0]}`);
    }
  }
  assert.ok(covered >= 10, `covered ${covered} refusals`);
});
