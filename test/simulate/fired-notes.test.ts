/**
 * A fired response whose row alone would mislead carries a `detail`: a pre-4.2 stock script name on a
 * 4.2+ target (analysisd sends it, execd finds no such program: legacy-script-name's finding), through
 * the built CLI, in text and JSON. A 3.x target runs the script, so no note.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>host-deny</name>
    <executable>host-deny.sh</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>block</name>
    <executable>kaspersky.sh</executable>
  </command>
  <active-response>
    <command>host-deny</command>
    <location>local</location>
    <level>10</level>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>block</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>
`;

const ALERT = JSON.stringify({
  timestamp: '2024-05-01T10:00:00.000+0000',
  rule: { level: 10, description: 'sshd: brute force', id: '5712', groups: ['syslog', 'sshd'] },
  agent: { id: '001', name: 'web1', ip: '10.1.1.1' },
  id: '1714557600.1',
  data: { srcip: '203.0.113.9' },
  location: '/var/log/auth.log',
});

test('a pre-4.2 script name fires on 4.14 with a note that execd runs nothing; on 3.13 without one', () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alert.json': ALERT });
  const args = ['--file', join(dir, 'ossec.conf'), join(dir, 'alert.json')];
  const [renamed, dropped] = simulateJson(args).alerts[0]!.responses;
  assert.deepEqual([renamed!.fired, renamed!.detail], [true, "execd runs nothing: 4.2+ hosts have no 'host-deny.sh', only 'host-deny'"]);
  assert.deepEqual([dropped!.fired, dropped!.detail], [true, "execd runs nothing: 4.2+ hosts have no 'kaspersky.sh' unless you install it"]);
  const text = runArctl(['simulate', ...args]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /fired .* matched by level \(execd runs nothing: 4\.2\+ hosts have no 'host-deny\.sh', only 'host-deny'\)/);
  const legacy = simulateJson(['--target-version', '3.13', ...args]).alerts[0]!.responses;
  // The only note: the legacy message's location needs the client.keys address alerts.json does not carry.
  assert.deepEqual(legacy.map((r) => [r.fired, r.detail?.replace(/ \(often 'any'\).*/, '')]), [
    [true, "the legacy message's location carries agent 001's client.keys address"],
    [true, "the legacy message's location carries agent 001's client.keys address"],
  ]);
});
