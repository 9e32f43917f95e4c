/**
 * A <rules_group> OSRegex_Compile refuses (`(sshd|web)`, `sshd\z`) makes Rule_AddAR's OS_Regex answer
 * "no match" for every rule, silently. Through the built CLI: lint gives one error (a warning when rules_id
 * still binds), and no other rule claims what the group would block; simulate says why the response does
 * not fire; --fix turns the parenthesised list into `sshd,|web,` and the response fires.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lintJson, runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const STOCK_RULES = join(import.meta.dirname, '../../../shared/corpus/rules/wazuh-v4.14.7');

const CONFIG = (rulesGroup: string, more = '') => `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_group>${rulesGroup}</rules_group>${more}
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

const ALERT = JSON.stringify({
  timestamp: '2024-05-01T10:00:00.000+0000',
  rule: { level: 10, description: 'sshd: brute force', id: '5712', groups: ['syslog', 'sshd', 'authentication_failures'] },
  agent: { id: '001', name: 'web1', ip: '10.1.1.1' },
  manager: { name: 'manager' },
  id: '1714557600.1',
  full_log: 'x',
  data: { srcip: '203.0.113.9' },
  location: '/var/log/auth.log',
});

test("'|' inside parentheses: one error, simulate names the refusal, --fix makes the list Wazuh reads", () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG('(sshd|web)'), 'alert.json': ALERT });
  const conf = join(dir, 'ossec.conf');
  const lint = lintJson([conf]);
  assert.equal(lint.status, 1);
  assert.deepEqual(lint.messages.map((m) => `${m.ruleId}/${m.messageId}/${m.severityName}`), ['rules-group-format/uncompilable/error']);
  assert.match(lint.messages[0]!.message, /'\|' inside parentheses.*never fires/);
  const before = simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!;
  assert.equal(before.fired, false);
  assert.match(before.detail ?? '', /rules_group '\(sshd\|web\)' is not a pattern OS_Regex compiles \('\|' inside parentheses.*matches no rule/);
  assert.equal(runArctl(['lint', '--fix', conf]).status, 0);
  assert.equal(simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!.fired, true);
});

test('a bad escape with a low level: the error alone, no claim that it blocks every alert of the group', { skip: !existsSync(STOCK_RULES) && 'corpus missing: ../shared/corpus/rules/wazuh-v4.14.7' }, () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG('web\\z', '\n    <level>3</level>') });
  const conf = join(dir, 'ossec.conf');
  const lint = lintJson([conf, '--ruleset', STOCK_RULES]);
  assert.deepEqual(lint.messages.map((m) => `${m.ruleId}/${m.messageId}`), ['rules-group-format/uncompilable']);
  assert.match(lint.messages[0]!.message, /'\\z' is not an OS_Regex escape/);
  // The same block with a group Wazuh compiles: the other rules speak again (so the silence above is the refusal's).
  const compiled = tempFiles({ 'ossec.conf': CONFIG('web', '\n    <level>3</level>') });
  const ids = lintJson([join(compiled, 'ossec.conf'), '--ruleset', STOCK_RULES]).messages.map((m) => m.ruleId);
  assert.ok(ids.includes('trigger-too-broad') && ids.includes('level-and-group-are-anded'), ids.join(' '));
});

test('rules_id still binds: a warning, and simulate fires through rules_id', () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG('web,|(attack,', '\n    <rules_id>5712</rules_id>'), 'alert.json': ALERT });
  const conf = join(dir, 'ossec.conf');
  const lint = lintJson([conf]);
  assert.equal(lint.status, 0);
  assert.deepEqual(lint.messages.map((m) => `${m.messageId}/${m.severityName}`), ['uncompilableWithIds/warning']);
  const fired = simulateJson(['--file', conf, join(dir, 'alert.json')]).alerts[0]!.responses[0]!;
  assert.equal(fired.fired, true);
  assert.deepEqual(fired.matchedBy, ['rules_id']);
});
