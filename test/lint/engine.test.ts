/** lintDocument: rules + schema findings merged once, settings applied, validate mode, parse errors. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { applySettings, formatMessage, lintDocument, mergeFindings, ranRuleIds } from '../../src/lint/engine.ts';
import type { Diagnostic } from '../../src/lint/types.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

const target = parseTargetVersion('4.14');
const d = (ruleId: string, start: number, end: number, extra: Partial<Diagnostic> = {}): Diagnostic => ({ ruleId, messageId: 'm', data: {}, severity: 'error', range: { start, end }, ...extra });

test('mergeFindings keeps the rule finding when the schema repeats it (same id, overlapping bytes)', () => {
  const rule = d('unknown-element', 10, 20, { fix: { start: 10, end: 20, text: 'x' } });
  const merged = mergeFindings([rule], [d('unknown-element', 12, 15), d('unknown-element', 30, 35), d('invalid-value', 10, 20)]);
  assert.deepEqual(merged.map((m) => `${m.ruleId}@${m.range.start}`), ['invalid-value@10', 'unknown-element@10', 'unknown-element@30']);
  assert.ok(merged.find((m) => m.ruleId === 'unknown-element' && m.range.start === 10)?.fix);
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
  assert.match(formatMessage(out[0]), /^Wazuh cannot read this file: XMLERR: .*error 1226\)$/);
});

test('each rule id has one catalogue entry: schema-only entries and engine rules never repeat a rule module', async () => {
  const { allRules } = await import('../../src/lint/rules/index.ts');
  const { schemaOnlyRules } = await import('../../src/lint/schema-rules.ts');
  const { engineRules } = await import('../../src/lint/engine-rules.ts');
  const ids = [...allRules, ...schemaOnlyRules, ...engineRules].map((r) => r.id);
  const repeated = ids.filter((id, i) => ids.indexOf(id) !== i);
  assert.deepEqual(repeated, []);
});
