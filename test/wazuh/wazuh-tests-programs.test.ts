/**
 * How the stock programs and execd read what they are given: Wazuh's test_active-response.c and
 * test_execd.c (v4.14.7) as data, getaddrinfo(AI_NUMERICHOST) as glibc answers it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { execdKey } from '../../src/wazuh/execd.ts';
import { numericHostVersion } from '../../src/wazuh/numeric-host.ts';
import { cjsonGet, isValidUsername, programSrcip, programUser } from '../../src/wazuh/program-input.ts';
import { keysFor } from '../../src/timeline/keys.ts';
import { projectRoot } from '../helpers/paths.ts';

const load = <T>(name: string): T => JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/wazuh-tests', name), 'utf8')) as T;

interface ActiveResponseFixture {
  is_valid_username: Array<{ username?: string; username_repeat?: { char: string; count: number }; expected: boolean; test: string }>;
  get_ip_version_mocked: Array<{ ip: string; real: number }>;
  get_ip_version: Array<[string, number]>;
}

test('is_valid_username (test_active-response.c)', () => {
  const { is_valid_username: cases } = load<ActiveResponseFixture>('active_response.json');
  assert.ok(cases.length > 20);
  for (const c of cases) {
    const name = c.username ?? c.username_repeat!.char.repeat(c.username_repeat!.count);
    assert.equal(isValidUsername(name), c.expected, `${c.test}: ${JSON.stringify(name.slice(0, 40))}`);
  }
});

test('get_ip_version: getaddrinfo(AI_NUMERICHOST) on glibc, not the mocked answers', () => {
  const fixture = load<ActiveResponseFixture>('active_response.json');
  for (const c of fixture.get_ip_version_mocked) assert.equal(numericHostVersion(c.ip) ?? -1, c.real, `mocked case ${JSON.stringify(c.ip)}`);
  assert.ok(fixture.get_ip_version.length > 300);
  for (const [ip, version] of fixture.get_ip_version) assert.equal(numericHostVersion(ip) ?? -1, version, JSON.stringify(ip));
});

test('the source IP and user the stock programs read (active_responses.c get_srcip_from_json, get_username_from_json)', () => {
  for (const ip of ['10.1', '1.2.3', '167772161', '0x0a000001', '010.0.0.1']) {
    assert.deepEqual(programSrcip({ data: { srcip: ip } }), { value: ip }, `${ip}: getaddrinfo accepts it`);
    assert.deepEqual(keysFor('firewall-drop', { data: { srcip: ip } }, undefined), { kind: 'keys', keys: [ip] });
  }
  assert.deepEqual(programSrcip({ data: { SrcIP: '10.0.0.1' } }), { value: '10.0.0.1' }, 'cJSON key lookup ignores case');
  assert.equal(cjsonGet({ Data: 1, data: 2 }, 'data'), 1, 'the first member that matches');
  const emptyWin = { data: { win: { eventdata: { ipAddress: '' } }, srcip: '10.0.0.1' } };
  assert.ok('fail' in programSrcip(emptyWin), 'an empty ipAddress stops the program: no fallback to data.srcip');
  assert.equal(keysFor('firewall-drop', emptyWin, undefined).kind, 'fail');
  assert.deepEqual(programSrcip({ data: { win: { eventdata: { destinationIp: '10.0.0.2' } }, srcip: '10.0.0.1' } }), { value: '10.0.0.2' });
  assert.deepEqual(programSrcip({ data: { win: { eventdata: { ipAddress: 5 } }, srcip: '10.0.0.1' } }), { value: '10.0.0.1' }, 'a non-string ipAddress is skipped');
  assert.ok('fail' in programSrcip({ data: { srcip: '10.0.0.256' } }));
  assert.deepEqual(programUser({ data: { DstUser: 'bob' } }), { value: 'bob' });
  assert.ok('fail' in programUser({ data: { dstuser: 'root' } }));
});

test("execd's key: basename plus the check_keys answer, cut at 4095 bytes (test_execd.c)", () => {
  const { cases } = load<{ cases: Array<{ test: string; program: string; keys: string[]; rkey?: string; rkey_bytes?: number; rkey_prefix?: string }> }>('execd.json');
  for (const c of cases) {
    const key = execdKey(c.program, c.keys);
    if (c.rkey !== undefined) assert.equal(key, c.rkey, c.test);
    if (c.rkey_bytes !== undefined) assert.equal(Buffer.byteLength(key, 'latin1'), c.rkey_bytes, c.test);
    if (c.rkey_prefix !== undefined) assert.ok(key.startsWith(c.rkey_prefix), c.test);
  }
});
