/**
 * An empty alternative (`web|attack|`, `sshd,|`, `10.0.0.1|`) makes Wazuh's matchers match everything.
 * Lint's claim and simulate's verdict must agree, through the built CLI: the response fires for an alert
 * of an unrelated group, a white-list entry spares every source IP, and --fix ends both.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintJson, runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = (rulesGroup: string, whiteList: string) => `<ossec_config>
  <global>
    <white_list>${whiteList}</white_list>
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_group>${rulesGroup}</rules_group>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

const alert = (srcip: string) => JSON.stringify({
  timestamp: '2024-05-01T10:00:00.000+0000',
  rule: { level: 5, description: 'pam: login session opened', id: '5501', groups: ['pam', 'syslog', 'authentication_success'] },
  agent: { id: '001', name: 'web1', ip: '10.1.1.1' },
  manager: { name: 'manager' },
  id: '1714557600.1',
  full_log: 'session opened',
  data: { srcip },
  location: '/var/log/auth.log',
});

test('rules_group with an empty alternative: lint warns it fires for any group, simulate fires it, --fix ends both', () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG('web|attack|', '127.0.0.1'), 'alert.json': alert('203.0.113.9') });
  const conf = join(dir, 'ossec.conf');
  const { messages } = lintJson([conf]);
  const finding = messages.find((m) => m.ruleId === 'rules-group-format');
  assert.equal(finding?.messageId, 'catchAll');
  assert.equal(finding?.severityName, 'warning');
  assert.match(finding?.message ?? '', /fires for rules of any group, not only 'web', 'attack'\. Write 'web,\|attack,'/);
  const fired = simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!;
  assert.equal(fired.fired, true);
  assert.equal(fired.detail, "'web|attack|', whose empty alternative matches any group string", 'simulate says why it fired');
  assert.equal(runArctl(['lint', '--fix', conf]).status, 0);
  assert.equal(simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!.fired, false);
});

test('a white-list pattern with an empty alternative: an error, every srcip spared until --fix', () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG('authentication_success,', 'bastion|'), 'alert.json': alert('203.0.113.9') });
  const conf = join(dir, 'ossec.conf');
  const lint = lintJson([conf]);
  assert.equal(lint.status, 1);
  const finding = lint.messages.find((m) => m.ruleId === 'whitelist-not-ip');
  assert.deepEqual([finding?.messageId, finding?.severityName, finding?.line], ['catchAll', 'error', 3]);
  const before = simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!;
  assert.equal(before.fired, false, 'the srcip is white-listed by the empty alternative');
  assert.equal(before.detail, "srcip 203.0.113.9 is in <white_list> ('bastion|', whose empty alternative matches every srcip): analysisd skips every response for it");
  assert.equal(runArctl(['lint', '--fix', conf]).status, 0);
  assert.equal(simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!.fired, true);
});
