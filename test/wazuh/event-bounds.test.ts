import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertBeyondWazuhBounds, maildReadsAlertLine, OS_MAXSTR, RULE_GROUP_STRING_MAX } from '../../src/wazuh/event-bounds.ts';
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
