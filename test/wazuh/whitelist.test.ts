import { test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyWhiteListEntry, whiteListMatch, type WhiteListEntry } from '../../src/wazuh/whitelist.ts';

const kinds = (values: string[]) => values.map((v) => classifyWhiteListEntry(v).kind);

test('white_list classification follows Read_Global and OS_IsValidIP', () => {
  assert.deepEqual(kinds(['127.0.0.1', '192.168.0.0/16', '192.168.0.0/255.255.0.0', '1.1.1.1/0', '1.1.1.1/32', '!192.168.0.0/16']), [
    'ip', 'ip', 'ip', 'ip', 'ip', 'ip',
  ]);
  assert.deepEqual(kinds(['300.1.1.1', '1.1.1.1/99', '1.1.1.1/33', '010.0.0.1', '256.1.1.1']), [
    'invalid-ip', 'invalid-ip', 'invalid-ip', 'invalid-ip', 'invalid-ip',
  ]);
  assert.deepEqual(kinds(['fe80::1', '1.1.1', '10.0.0.0-10.0.0.255', '192.168.0.0/255.255.0', '^localhost.localdomain$', 'a(b', '10.0.0.1/']), [
    'pattern', 'pattern', 'pattern', 'pattern', 'pattern', 'pattern', 'pattern',
  ]);
  const dotted = classifyWhiteListEntry('10.1.2.3/255.255.0.0');
  assert.equal(dotted.kind === 'ip' && dotted.prefix, 16);
  assert.equal(dotted.kind === 'ip' && dotted.network, (10 * 2 ** 24 + 1 * 2 ** 16) >>> 0);
});

test('whitelist matching: networks, ::ffff:, patterns against the srcip text', () => {
  const list: WhiteListEntry[] = ['127.0.0.1', '10.0.0.0/8', '!192.168.0.0/16', '^localhost.localdomain$', '172.16.5', 'fe80::1'].map(
    classifyWhiteListEntry,
  );
  assert.equal(whiteListMatch('10.20.30.40', list)?.entry.text, '10.0.0.0/8');
  assert.equal(whiteListMatch('::ffff:10.20.30.40', list)?.entry.text, '10.0.0.0/8');
  assert.equal(whiteListMatch('192.168.3.4', list)?.entry.text, '!192.168.0.0/16', 'Wazuh drops the ! before storing the entry');
  assert.equal(whiteListMatch('172.16.50.1', list)?.entry.text, '172.16.5', 'a partial IP is a substring pattern');
  assert.equal(whiteListMatch('fe80::1', list)?.entry.text, 'fe80::1');
  assert.equal(whiteListMatch('8.8.8.8', list), undefined);
  assert.equal(whiteListMatch('localhost', list), undefined, 'patterns are anchored as written');
  const negated = ['!10.0.0'].map(classifyWhiteListEntry);
  assert.equal(whiteListMatch('8.8.8.8', negated)?.entry.text, '!10.0.0', 'OSMatch ! negation');
  assert.equal(whiteListMatch('10.0.0.7', negated), undefined);
});

test('OS_IsValidIP (4.4 to 4.14.7): 1 for an address, 2 for a network or any, 0 for what it refuses', async () => {
  const { osIsValidIp } = await import('../../src/wazuh/whitelist.ts');
  const valid = (values: string[]) => values.map((v) => osIsValidIp(v));
  assert.deepEqual(valid(['10.0.0.1', '!10.0.0.1', '::ffff:10.0.0.1', '2001:db8::1', 'fe80::1', '::1', '::', '1:2:3:4:5:6:7:8', '1:2:3:4:5:6:7::']), [1, 1, 1, 1, 1, 1, 1, 1, 1]);
  assert.deepEqual(valid(['10.0.0.0/8', '10.0.0.0/255.0.0.0', 'any', '!any', '2001:db8::/32', '::1/128', 'fe80::/10']), [2, 2, 2, 2, 2, 2, 2]);
  // No leading zeros, octets to 255, prefixes to 32 (IPv4) and 128 (IPv6); no zone, no embedded IPv4 but ::ffff:, no host names.
  assert.deepEqual(valid(['010.0.0.1', '10.0.0.256', '10.0.0.0/33', '2001:db8::/129', 'fe80::1%eth0', '::1.2.3.4', 'localhost', '', 'ANY', '::/0', '1:2:3:4:5:6:7:8:9', '10.0.0.1/']), [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
});
