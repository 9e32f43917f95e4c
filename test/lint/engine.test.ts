/** lintDocument: rules (owning the schema pass's findings), settings applied, validate mode, parse errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { applySettings, formatMessage, lintDocument, ranRuleIds, runRules } from '../../src/lint/engine.ts';
import { SCHEMA_RULE_IDS, SCHEMA_RULE_MESSAGES, type SchemaDiagnostic } from '../../src/schema/rule-ids.ts';
import type { Diagnostic } from '../../src/lint/types.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

const target = parseTargetVersion('4.14');
const d = (ruleId: string, start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({ ruleId, messageId: 'm', data: {}, severity: 'error', range: { start, end }, ...extra });

test('every rule id the schema pass judges is owned by one rule module, whose table holds the messages the schema reports under it', async () => {
  const { allRules } = await import('../../src/lint/rules/index.ts');
  for (const id of SCHEMA_RULE_IDS) {
    const owners = allRules.filter((r) => r.id === id);
    assert.equal(owners.length, 1, `${id}: one rule module`);
    for (const messageId of SCHEMA_RULE_MESSAGES[id]) assert.ok(Object.hasOwn(owners[0].messages, messageId), `${id}: ${messageId} in its table`);
  }
});

test("a schema finding is reported by the rule that owns its id, unless the rule's own finding covers that element", () => {
  const text = '<ossec_config>\n  <global>\n    <logall>true</logall>\n    <alerts_log>no</alerts_log>\n  </global>\n</ossec_config>\n';
  const doc = ConfigDocument.fromText('ossec.conf', text);
  const at = (part: string) => ({ start: text.indexOf(part), end: text.indexOf(part) + part.length });
  const finding = (value: string): SchemaDiagnostic => ({ ruleId: 'invalid-boolean', messageId: 'schema-invalid-value', data: { element: 'x', block: 'global', value, expected: 'exactly yes or no' }, severity: 'error', range: at(value) });
  // The rule's own check finds `true` (with a fix); it has nothing to say about `no`, so the schema's finding there is reported as is.
  const found = runRules(doc, { target, managerIps: [], only: ['invalid-boolean'] }, [finding('true'), finding('no')]).map((x) => `${doc.text(x.range)} ${x.messageId}${x.fix ? ' fix' : ''}`);
  assert.deepEqual(found, ['true invalid fix', 'no schema-invalid-value']);
  // Other rules get none of it.
  assert.deepEqual(runRules(doc, { target, managerIps: [], only: ['invalid-value'] }, [finding('no')]), []);
});

test('applySettings drops rules set to off and overrides severities', () => {
  const out = applySettings([d('a', 0, 1), d('b', 0, 1), d('c', 0, 1)], { a: 'off', b: 'info' });
  assert.deepEqual(out.map((m) => `${m.ruleId}:${m.severity}`), ['b:info', 'c:error']);
});

const TEXT = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
    <timeout_allow>yes</timeout_allow>
  </active-response>
  <!-- arctl-disable-next-line -->
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
</ossec_config>
`;

test('lintDocument: one unknown-element finding for the typo, the unused disable, and validate mode without rules', async () => {
  const doc = ConfigDocument.fromText('ossec.conf', TEXT);
  const lint = await lintDocument(doc, { target, managerIps: [] });
  const ids = lint.map((x) => `${doc.position(x.range.start).line}:${x.ruleId}`);
  assert.deepEqual(ids.filter((x) => x.endsWith('unknown-element')), ['12:unknown-element']);
  assert.ok(ids.includes('14:unused-disable'), ids.join(' '));
  assert.match(formatMessage(lint.find((x) => x.ruleId === 'unknown-element')!), /timeout_allow/);

  const validate = await lintDocument(doc, { target, managerIps: [], mode: 'validate' });
  assert.deepEqual(validate.map((x) => x.ruleId), ['unknown-element']);
  const off = await lintDocument(doc, { target, managerIps: [], ruleSettings: { 'unknown-element': 'off', 'unused-disable': 'off' } });
  assert.ok(!off.some((x) => x.ruleId === 'unknown-element' || x.ruleId === 'unused-disable'));
  assert.ok(ranRuleIds({ target, managerIps: [], mode: 'validate' }).has('unknown-element'));
  assert.ok(!ranRuleIds({ target, managerIps: [], mode: 'validate' }).has('unused-disable'));
});

test('lintDocument: a file Wazuh cannot read gives only parse-error, at the failing position', async () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <global>\n</ossec_config>\n');
  const out = await lintDocument(doc, { target, managerIps: [] });
  assert.deepEqual(out.map((x) => x.ruleId), ['parse-error']);
  // Where the element left open starts, too: os_xml names it but not its line.
  assert.equal(formatMessage(out[0]), "Wazuh cannot read this file: XMLERR: Element 'global' not closed. (Wazuh reports line 3; error 1226): the <global> opened at line 2 has no end tag before this </ossec_config>");
});

test('lintDocument: an end tag os_xml reads past its name is named for what is wrong with it, not quoted as Wazuh read it', async () => {
  // Seen in the wild: '</reports' without its '>' before the next '<reports>' (os_xml reads on to that '>').
  const noGt = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <global>\n  </global\n\n  <alerts>\n  </alerts>\n</ossec_config>\n');
  const [a] = await lintDocument(noGt, { target, managerIps: [] });
  assert.equal(formatMessage(a!), "Wazuh cannot read this file: XMLERR: Element 'global' not closed. (Wazuh reports line 5; error 1226): the end tag '</global' on line 3 has no '>', so Wazuh reads on to the next '>' (on line 5) and takes all of it as the end tag's name. Add the '>'");
  assert.equal(noGt.position(a!.range.start).line, 3);
  const space = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <global>\n  </global >\n</ossec_config>\n');
  const [b] = await lintDocument(space, { target, managerIps: [] });
  assert.equal(formatMessage(b!), "Wazuh cannot read this file: XMLERR: Element 'global' not closed. (Wazuh reports line 3; error 1226): its end tag '</global >' has white space after the name, which Wazuh reads as part of the name ('global ' is not 'global'). Write '</global>'");
});

test('lintDocument: a URL or an address in angle brackets inside a value (an autolink pasted from Markdown) is named as such', async () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <integration>\n    <hook_url><http://192.0.2.8:3001/api/v1/hooks/webhook_1>></hook_url>\n  </integration>\n</ossec_config>\n');
  const [url] = await lintDocument(doc, { target, managerIps: [] });
  assert.equal(formatMessage(url!), "Wazuh cannot read this file: XMLERR: Element 'http://192.0.2.8:3001/api/v1/hooks/webhook_1' not closed. (Wazuh reports line 3; error 1226): the '<http://192.0.2.8:3001/api/v1/hooks/webhook_1>' on line 3 is read as the start of an element that nothing closes. Remove the angle brackets around the URL (an autolink pasted from Markdown or a mail client)");
  const mail = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <global>\n    <email_to><admin@example.com></email_to>\n  </global>\n</ossec_config>\n');
  assert.match(formatMessage((await lintDocument(mail, { target, managerIps: [] }))[0]!), /the '<admin@example\.com>' on line 3 is read as the start of an element that nothing closes\. Remove the angle brackets around the address/);
});

test('no-trigger says an API run can still use a response without a trigger (SOAR set-ups define them for that)', async () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <command>\n    <name>kill-process</name>\n    <executable>kill-process.sh</executable>\n  </command>\n  <active-response>\n    <command>kill-process</command>\n    <location>local</location>\n  </active-response>\n</ossec_config>\n');
  const found = (await lintDocument(doc, { target, managerIps: [] })).filter((x) => x.ruleId === 'no-trigger');
  assert.deepEqual(found.map((x) => formatMessage(x)), ["This response for command 'kill-process' has no trigger (a non-zero <level>, <rules_id> or <rules_group>): Wazuh binds it to no rule and it never fires on an alert; only a run through the API (PUT /active-response, by its ar.conf name) uses it."]);
});

test('each rule id has one catalogue entry: engine rules never repeat a rule module', async () => {
  const { allRules } = await import('../../src/lint/rules/index.ts');
  const { engineRules } = await import('../../src/lint/engine-rules.ts');
  const ids = [...allRules, ...engineRules].map((r) => r.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(repeated, []);
});
