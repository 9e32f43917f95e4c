/**
 * The timeline asks every alert for its srcip the way the shipped programs read it (cJSON's
 * case-insensitive lookup, getaddrinfo AI_NUMERICHOST): the shortcuts taken for the usual values must
 * answer as the general code does, for hostile values too.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { inetAton, numericHostVersion, parseIpv4 } from '../../src/wazuh/ip.ts';
import { cjsonGet } from '../../src/wazuh/cjson.ts';
import { atoi } from '../../src/wazuh/c-number.ts';
import { formatAgentId } from '../../src/wazuh/agents.ts';

const ipChar = fc.constantFrom('0', '1', '2', '5', '9', '.', '.', 'x', 'a', ':', '%', ' ', '\n', '-', '+', '٣');
const octet = fc.oneof(fc.integer({ min: 0, max: 300 }).map(String), fc.constantFrom('00', '01', '010', '0x1f', '255', '256', '1e2', ''));

test('a plain dotted quad (inet_pton) is one inet_aton reads: the shortcut answers 4 only where the general parse does', () => {
  const check = (text: string) => {
    if (parseIpv4(text) !== null) {
      assert.ok(!text.includes(':') && inetAton(text) !== null, JSON.stringify(text));
      assert.equal(numericHostVersion(text), 4);
    }
  };
  fc.assert(fc.property(fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')), check), { numRuns: 3000, seed: 22 });
  fc.assert(fc.property(fc.string({ unit: ipChar, maxLength: 20 }), check), { numRuns: 3000, seed: 22 });
  for (const text of ['1.2.3.4', '255.255.255.255', '0.0.0.0', '10.0.0.1']) assert.ok(parseIpv4(text) !== null, text);
  for (const text of ['1.2.3.4\n', '01.2.3.4', '1.2.3', '256.1.1.1', '1.2.3.4.', ' 1.2.3.4', '1.2.3.04']) assert.equal(parseIpv4(text), null, text);
  // Forms only the general parse accepts still read as IPv4.
  for (const text of ['10.1', '0x0a000001', '010.0.0.1', '167772161']) assert.equal(numericHostVersion(text), 4, text);
});

/** inet_pton(AF_INET) as parseIpv4 read it before: a regular expression, each octet at most 255. */
function parseIpv4ByRegex(text: string): number | null {
  const m = /^(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})\.(0|[1-9][0-9]{0,2})$/.exec(text);
  if (!m) return null;
  let value = 0;
  for (let i = 1; i <= 4; i++) {
    const octet = Number(m[i]);
    if (octet > 255) return null;
    value = value * 256 + octet;
  }
  return value >>> 0;
}

test('parseIpv4 reads character codes and accepts exactly what the dotted-quad regular expression did', () => {
  const check = (text: string) => assert.equal(parseIpv4(text), parseIpv4ByRegex(text), JSON.stringify(text));
  fc.assert(fc.property(fc.array(octet, { minLength: 1, maxLength: 6 }).map((parts) => parts.join('.')), check), { numRuns: 5000, seed: 22 });
  fc.assert(fc.property(fc.string({ unit: ipChar, maxLength: 20 }), check), { numRuns: 5000, seed: 22 });
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 4, maxLength: 4 }), (parts) => check(parts.join('.'))), { numRuns: 2000, seed: 22 });
  for (const text of ['1.2.3.4', '255.255.255.255', '0.0.0.0', '1.2.3.4\n', '1.2.3.4 ', '1..3.4', '1.2.3.', '.1.2.3', '1234.1.1.1', '1.2.3.4.5', '0.0.0.00', '9.9.9.9x', '٣.1.1.1', '1.2.3.256', '100.200.250.255']) check(text);
  assert.equal(parseIpv4('10.0.0.1'), 0x0a000001);
  assert.equal(parseIpv4('255.255.255.255'), 0xffffffff);
});

/** C atoi as it was read before: a regular expression, then the digits (BigInt past 15 of them). */
function atoiByRegex(text: string): number {
  const m = /^[ \t\n\v\f\r]*([+-]?)([0-9]*)/.exec(text)!;
  if (m[2] === '') return 0;
  if (m[2]!.length <= 15) return (m[1] === '-' ? -Number(m[2]) : Number(m[2])) | 0;
  let value = 0n;
  for (const ch of m[2]!) {
    value = value * 10n + BigInt(ch.charCodeAt(0) - 0x30);
    if (value > (1n << 63n)) break;
  }
  if (m[1] === '-') value = -value;
  if (value > (1n << 63n) - 1n) value = (1n << 63n) - 1n;
  if (value < -(1n << 63n)) value = -(1n << 63n);
  return Number(BigInt.asIntN(32, value));
}

test('atoi reads character codes with the answers of the regular expression it replaced; agent ids from 0 to 999 come from a table', () => {
  const numberChar = fc.constantFrom('0', '1', '5', '9', ' ', '\t', '\n', '\v', '\f', '\r', '+', '-', 'a', '.', 'e', '٣', '\u00a0');
  const check = (text: string) => assert.equal(atoi(text), atoiByRegex(text), JSON.stringify(text));
  fc.assert(fc.property(fc.string({ unit: numberChar, maxLength: 25 }), check), { numRuns: 5000, seed: 22 });
  fc.assert(fc.property(fc.bigInt({ min: -(10n ** 22n), max: 10n ** 22n }), (n) => check(String(n))), { numRuns: 2000, seed: 22 });
  for (const text of ['', '-', '+', ' -0', '2147483648', '-2147483649', '99999999999999999999', '000000000000000000012', '  +7x', '1714521600.123']) check(text);
  const byPadding = (id: number) => (id < 0 ? `-${String(-id).padStart(3, '0')}` : String(id).padStart(3, '0'));
  for (const id of [0, 7, 42, 999, 1000, 1234, -5, -1000, 2147483647, -2147483648]) assert.equal(formatAgentId(id), byPadding(id), String(id));
  assert.equal(formatAgentId(7), formatAgentId(7));
});

/** cJSON_GetObjectItem as it was written before: lowercase copies of both keys compared. */
function cjsonGetByCopies(value: unknown, key: string): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const lower = (t: string) => t.replace(/[A-Z]/g, (c) => c.toLowerCase());
  const record = value as Record<string, unknown>;
  for (const k of Object.keys(record)) if (k.length === key.length && lower(k) === lower(key)) return record[k];
  return undefined;
}

test('cJSON lookups compare keys code by code, ASCII letters folded only, the first matching member won', () => {
  const keyChar = fc.constantFrom('s', 'S', 'r', 'R', 'c', 'i', 'I', 'p', 'P', 'İ', 'ı', 'ſ', 'K', '@', '[', '`', '{');
  const key = fc.string({ unit: keyChar, minLength: 0, maxLength: 5 });
  fc.assert(
    fc.property(fc.array(fc.tuple(key, fc.integer()), { maxLength: 8 }), key, (members, wanted) => {
      const record = Object.fromEntries(members);
      assert.equal(cjsonGet(record, wanted), cjsonGetByCopies(record, wanted), `${JSON.stringify(wanted)} in ${JSON.stringify(record)}`);
    }),
    { numRuns: 3000, seed: 22 },
  );
  assert.equal(cjsonGet({ SRCIP: 1, srcip: 2 }, 'srcip'), 1, 'the first member that matches');
  assert.equal(cjsonGet({ 'srcİp': 1 }, 'srcip'), undefined, 'non-ASCII letters are not folded');
  assert.equal(cjsonGet(['srcip'], '0'), undefined);
});
