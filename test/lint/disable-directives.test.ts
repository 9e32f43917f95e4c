/** Inline disable comments: which findings they suppress and when they are reported as unused. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { applyDirectives, parseDirectives } from '../../src/lint/disable-directives.ts';
import type { Diagnostic } from '../../src/lint/types.ts';

const KNOWN = ['rule-a', 'rule-b', 'unused-disable'];
const ran = new Set(['rule-a', 'rule-b']);

/** A finding of `ruleId` at the first occurrence of `marker` in the text. */
function finding(doc: ConfigDocument, ruleId: string, marker: string): Diagnostic {
  const start = doc.bytes.indexOf(marker);
  assert.ok(start >= 0, `marker ${marker}`);
  return { ruleId, messageId: 'm', data: {}, severity: 'error', range: { start, end: start + marker.length } };
}

function run(text: string, findings: Array<[string, string]>) {
  const doc = ConfigDocument.fromText('ossec.conf', text);
  const diags = findings.map(([rule, marker]) => finding(doc, rule, marker));
  const out = applyDirectives(diags, parseDirectives(doc), { ranRuleIds: ran, knownRuleIds: KNOWN, unusedSeverity: 'warning' });
  return out.map((d) => `${doc.position(d.range.start).line}:${d.ruleId}${d.ruleId === 'unused-disable' ? `:${d.messageId}` : ''}`);
}

test('disable-next-line covers the whole next element and only the named rules', () => {
  const text = [
    '<ossec_config>',
    '  <!-- arctl-disable-next-line rule-a: the manager is whitelisted -->',
    '  <active-response>',
    '    <command>X1</command>',
    '  </active-response>',
    '  <active-response>',
    '    <command>X2</command>',
    '  </active-response>',
    '</ossec_config>',
  ].join('\n');
  assert.deepEqual(run(text, [['rule-a', 'X1'], ['rule-b', 'X1'], ['rule-a', 'X2']]), ['4:rule-b', '7:rule-a']);
});

test('stacked next-line directives apply to the same element; a reason may follow " -- "', () => {
  const text = '<ossec_config>\n  <!-- arctl-disable-next-line rule-a -- why -->\n  <!-- arctl-disable-next-line rule-b -->\n  <global>X1</global>\n</ossec_config>\n';
  assert.deepEqual(run(text, [['rule-a', 'X1'], ['rule-b', 'X1']]), []);
});

test('disable ... enable ranges, per rule and for all rules', () => {
  const text = [
    '<ossec_config>',
    '  <!-- arctl-disable rule-a -->',
    '  <a>X1</a>',
    '  <!-- arctl-enable rule-a -->',
    '  <a>X2</a>',
    '  <!-- arctl-disable -->',
    '  <a>X3</a>',
    '  <!-- arctl-enable rule-b -->',
    '  <a>X4</a>',
    '  <!-- arctl-enable -->',
    '  <a>X5</a>',
    '</ossec_config>',
  ].join('\n');
  const findings: Array<[string, string]> = [
    ['rule-a', 'X1'],
    ['rule-b', 'X1'],
    ['rule-a', 'X2'],
    ['rule-a', 'X3'],
    ['rule-b', 'X3'],
    ['rule-a', 'X4'],
    ['rule-b', 'X4'],
    ['rule-a', 'X5'],
  ];
  assert.deepEqual(run(text, findings), ['3:rule-b', '5:rule-a', '9:rule-b', '11:rule-a']);
});

test('disable-line and disable-file', () => {
  const text = '<ossec_config>\n  <a>X1</a> <!-- arctl-disable-line rule-a -->\n  <a>X2</a>\n</ossec_config>\n<!-- arctl-disable-file rule-b -->\n';
  assert.deepEqual(run(text, [['rule-a', 'X1'], ['rule-a', 'X2'], ['rule-b', 'X2']]), ['3:rule-a']);
});

test('unused directives are reported, unknown ids with a suggestion, rules that did not run are not', () => {
  const text = [
    '<ossec_config>',
    '  <!-- arctl-disable-next-line rule-a -->',
    '  <a>X1</a>',
    '  <!-- arctl-disable-next-line -->',
    '  <a>X2</a>',
    '  <!-- arctl-disable-next-line rule-c -->',
    '  <a>X3</a>',
    '  <!-- arctl-disable-next-line unused-disable -->',
    '  <a>X4</a>',
    '  <!-- a plain comment mentioning arctl-disable in passing -->',
    '</ossec_config>',
  ].join('\n');
  assert.deepEqual(run(text, []), ['2:unused-disable:unused', '4:unused-disable:unused', '6:unused-disable:unknownRule']);
  const doc = ConfigDocument.fromText('ossec.conf', text);
  const out = applyDirectives([], parseDirectives(doc), { ranRuleIds: ran, knownRuleIds: KNOWN, unusedSeverity: 'warning' });
  assert.equal(out.find((d) => d.messageId === 'unknownRule')?.data.ruleId, 'rule-c');
});

test('without an unused severity (turned off) nothing is added', () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config>\n  <!-- arctl-disable -->\n</ossec_config>\n');
  assert.deepEqual(applyDirectives([], parseDirectives(doc), { ranRuleIds: ran, knownRuleIds: KNOWN }), []);
});

test('with CR line ends (one LF line to Wazuh) a next-line or line directive covers the line the editor shows, not the whole file', () => {
  const lines = ['<ossec_config>', '  <active-response>', '    <!-- arctl-disable-next-line rule-a -->', '    <command>X1</command>', '    <rules_id>X2</rules_id> <!-- arctl-disable-line rule-b -->', '  </active-response>', '  <active-response>', '    <command>X3</command>', '  </active-response>', '</ossec_config>'];
  for (const eol of ['\r', '\n', '\r\n']) {
    const findings: Array<[string, string]> = [['rule-a', 'X1'], ['rule-a', 'X2'], ['rule-b', 'X2'], ['rule-a', 'X3'], ['rule-b', 'X3']];
    // Lines as lint reports them: LF lines, so all on line 1 in the CR file.
    const at = (line: number) => (eol === '\r' ? 1 : line);
    assert.deepEqual(run(lines.join(eol), findings), [`${at(5)}:rule-a`, `${at(8)}:rule-a`, `${at(8)}:rule-b`], JSON.stringify(eol));
  }
});
