/**
 * `--key rule`: a custom program built on Wazuh's documented Python template answers check_keys with the rule id
 * (`keys = [alert["rule"]["id"]]`), so execd files its entries as '<program>-<rule id>': a second alert of that
 * rule on the host aborts whatever its address, another rule adds. Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>custom-block</name>
    <executable>custom-block.py</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>custom-block</command>
    <location>local</location>
    <level>10</level>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

const T0 = Date.parse('2025-03-01T10:00:00Z') / 1000;

function line(seconds: number, rule: Record<string, unknown>, srcip: string): string {
  const timestamp = new Date((T0 + seconds) * 1000).toISOString().replace('Z', '+0000');
  return JSON.stringify({ timestamp, rule: { level: 10, groups: ['sshd'], ...rule }, agent: { id: '001', name: 'web1' }, id: `a${seconds}`, data: { srcip }, location: '/var/log/auth.log' });
}

test('--key rule keys a custom program on the rule id: the same rule from another address aborts', () => {
  const alerts = [line(0, { id: '5712' }, '203.0.113.5'), line(60, { id: '5712' }, '198.51.100.7'), line(120, { id: '5720' }, '198.51.100.7')];
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alerts.json': `${alerts.join('\n')}\n` });
  const r = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline', '--format', 'json', '--key', 'rule']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  events.pop();
  assert.deepEqual(
    events.map((e) => `+${Date.parse(String(e.time)) / 1000 - T0} ${e.action} ${e.key}`),
    ['+0 add custom-block.py-5712', '+60 abort custom-block.py-5712', '+120 add custom-block.py-5720'],
  );
  // Without --key the default keys on the source address: the second alert adds.
  const byAddress = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline', '--format', 'json']);
  assert.match(byAddress.stdout, /"action":"add","command":"custom-block","name":"custom-block600","key":"custom-block.py-198.51.100.7"/);
});
