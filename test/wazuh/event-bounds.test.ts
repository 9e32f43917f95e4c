import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ALERT_TEXT_WITHIN_BOUNDS, alertBeyondWazuhBounds, maildReadsAlertLine, OS_MAXSTR, RULE_GROUP_STRING_MAX } from '../../src/wazuh/event-bounds.ts';
import { COMPLIANCE_PREFIXES } from '../../src/wazuh/alert-groups.ts';
import { rebuildGroupString } from '../../src/wazuh/alert-groups.ts';

test('an event value reaches at most OS_MAXSTR - 1 bytes (counted in UTF-8), wherever alerts.json puts it', () => {
  assert.equal(OS_MAXSTR, 65536);
  for (const path of ['data.srcip', 'srcip', 'data.dstuser', 'dstuser', 'location', 'agent.name', 'agent.ip']) {
    const at = (value: string): Record<string, unknown> => {
      const [a, b] = path.split('.');
      return b ? { [a!]: { [b]: value } } : { [a!]: value };
    };
    assert.equal(alertBeyondWazuhBounds(at('x'.repeat(65_535))), undefined, path);
    assert.match(alertBeyondWazuhBounds(at('x'.repeat(65_536)))!, new RegExp(`^${path.replace('.', '\\.')} is 65536 bytes`));
    // 21846 three-byte characters: 65538 bytes in 21846 UTF-16 units.
    assert.match(alertBeyondWazuhBounds(at('€'.repeat(21_846)))!, /is 65538 bytes/);
  }
  assert.equal(alertBeyondWazuhBounds({ data: { srcip: 5 }, location: ['x'.repeat(70_000)] }), undefined, 'only strings are values analysisd matched');
  // Several values too large: the first in that order is named.
  const long = 'x'.repeat(65_536);
  assert.match(alertBeyondWazuhBounds({ agent: { ip: long, name: long }, location: long, dstuser: long })!, /^dstuser is/);
  assert.match(alertBeyondWazuhBounds({ agent: { ip: long, name: long }, data: ['x'], location: long })!, /^location is/);
});

test("a rule's group string reaches at most 20479 bytes, rebuilt from alerts.json with one comma more", () => {
  assert.equal(RULE_GROUP_STRING_MAX, 20479);
  const groups = (bytes: number) => ({ rule: { groups: ['a'.repeat(bytes - 'pci_dss_1,'.length - 1)], pci_dss: ['1'] } });
  assert.equal(rebuildGroupString(groups(20_480).rule).length, 20_480);
  assert.equal(alertBeyondWazuhBounds(groups(20_480)), undefined);
  assert.match(alertBeyondWazuhBounds(groups(20_481))!, /group string of 20481 bytes, but analysisd builds at most 20479/);
});

test('maild reads an alerts.json line of fewer than OS_MAXSTR bytes (newline excluded)', () => {
  assert.equal(maildReadsAlertLine(65_535), true);
  assert.equal(maildReadsAlertLine(65_536), false);
});

test('no alert whose JSON text is ALERT_TEXT_WITHIN_BOUNDS characters or shorter is beyond the bounds (the reader skips the walk for them)', () => {
  assert.ok(ALERT_TEXT_WITHIN_BOUNDS > 2000, 'ordinary alerts (a few hundred characters) are within');
  // The densest group strings per character of JSON: many empty or one-character tokens of the family with the
  // longest prefix, or tokens of three-byte characters; each filled until its text is as long as allowed.
  const [field, prefix] = [...COMPLIANCE_PREFIXES].sort((a, b) => b[1].length - a[1].length)[0]!;
  const fill = (token: string, limit: number) => {
    const alert = { rule: { [field]: [] as string[] } };
    while (JSON.stringify({ rule: { [field]: [...alert.rule[field]!, token] } }).length <= limit) alert.rule[field]!.push(token);
    return alert;
  };
  for (const token of ['', 'a', '€', '€€€€€€€€', '😀']) {
    const within = fill(token, ALERT_TEXT_WITHIN_BOUNDS);
    assert.ok(JSON.stringify(within).length <= ALERT_TEXT_WITHIN_BOUNDS);
    assert.equal(alertBeyondWazuhBounds(within), undefined, `${prefix} tokens ${JSON.stringify(token)}`);
  }
  // The bound is not loose by orders of magnitude: empty tokens of that family go beyond at about 2.1 times the length.
  const beyond = fill('', Math.ceil(ALERT_TEXT_WITHIN_BOUNDS * 2.2));
  assert.match(alertBeyondWazuhBounds(beyond)!, /group string of \d+ bytes/);
  // A string value: at most 3 bytes per character of its JSON text.
  assert.equal(alertBeyondWazuhBounds({ location: '€'.repeat(ALERT_TEXT_WITHIN_BOUNDS) }), undefined);
});
