/** Wazuh's own test_validate_op.c (v4.14.7), IPv4 and white-list cases, as data (fixtures cite the source). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { classifyWhiteListEntry, validateIpv4Entry, whiteListMatch } from '../../src/wazuh/whitelist.ts';
import { projectRoot } from '../helpers/paths.ts';

interface ValidateOpFixture {
  is_valid_ip: Array<{ ip: string; expected: 0 | 1 | 2; test: string; note?: string }>;
  ip_found_list: Array<{ list: string[]; ip: string; expected: boolean; test: string; note?: string }>;
}

const fixture = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/wazuh-tests/validate_op.json'), 'utf8')) as ValidateOpFixture;

test('OS_IsValidIP: IPv4 addresses, prefixes and netmasks (1 address, 2 with a mask, 0 refused)', () => {
  assert.ok(fixture.is_valid_ip.length > 30);
  for (const c of fixture.is_valid_ip) {
    const parsed = validateIpv4Entry(c.ip);
    const got = parsed === null ? 0 : c.ip.includes('/') ? 2 : 1;
    assert.equal(got, c.expected, `${c.test}: ${c.ip}${c.note ? ` (${c.note})` : ''}`);
  }
});

test('OS_IPFoundList: a srcip inside the configured white list', () => {
  for (const c of fixture.ip_found_list) {
    const entries = c.list.map(classifyWhiteListEntry);
    assert.ok(entries.every((e) => e.kind === 'ip'), `${c.test}: the entries are IPv4 entries`);
    assert.equal(whiteListMatch(c.ip, entries) !== undefined, c.expected, `${c.test}: ${c.ip} in ${c.list.join(', ')}`);
  }
});
