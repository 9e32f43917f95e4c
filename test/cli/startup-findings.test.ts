/**
 * Findings that depend on how far Wazuh's start-up gets, end to end through the CLI: maild's
 * recipient check sees a global <email_to> read before the block, a response dropped with (1306) is
 * never looked up (no 1303), <rule_id>s of one block add up in e-mail routing, and simulate says
 * what it was given when the alerts are not JSON alerts at all.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { lintJson, runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';

const mailGlobal = '<email_notification>yes</email_notification><jsonout_output>yes</jsonout_output><smtp_server>localhost</smtp_server><email_from>w@example.com</email_from>';

test('a global <email_to> read before an <email_alerts> block stands for its own; one read after does not', () => {
  const before = tempFile('ossec.conf', `<ossec_config>
  <global>${mailGlobal}<email_to>soc@example.com</email_to></global>
  <email_alerts><level>10</level></email_alerts>
</ossec_config>
`);
  assert.equal(runArctl(['validate', before]).status, 0);
  assert.deepEqual(lintJson([before]).messages.filter((m) => m.ruleId === 'email-alerts-no-filter'), []);
  const after = tempFile('ossec.conf', `<ossec_config>
  <email_alerts><level>10</level></email_alerts>
  <global>${mailGlobal}<email_to>soc@example.com</email_to></global>
</ossec_config>
`);
  const r = runArctl(['validate', '--format', 'json', after]);
  assert.equal(r.status, 1);
  const [finding] = (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string; message: string; line: number }> }>)[0]!.messages;
  assert.deepEqual([finding!.ruleId, finding!.line, finding!.message], ['email-alerts-no-filter', 2, "wazuh-maild stops: (1264): Invalid 'email_alerts' config (missing parameters)."]);
  const linted = lintJson([after]).messages.filter((m) => m.ruleId === 'email-alerts-no-filter');
  assert.deepEqual(linted.map((m) => [m.line, m.severity]), [[2, 2]], 'lint reports it once, where validate does');
  assert.match(linted[0]!.message, /wazuh-maild stops with \(1264\)/);
});

test('maild refuses e-mail without alerts.json (its default source) and says it is maild', () => {
  const file = tempFile('ossec.conf', `<ossec_config>
  <global><email_notification>yes</email_notification><smtp_server>localhost</smtp_server><email_to>a@example.com</email_to></global>
</ossec_config>
`);
  const r = runArctl(['validate', file]);
  assert.equal(r.status, 1);
  assert.match(r.stdout, /wazuh-maild stops: Alerts\.json is disabled/);
  assert.doesNotMatch(r.stdout, /wazuh-analysisd/);
  const both = tempFile('ossec.conf', `<ossec_config>
  <global><email_notification>yes</email_notification><alerts_log>no</alerts_log><email_to>a@example.com</email_to></global>
</ossec_config>
`);
  assert.match(runArctl(['validate', both]).stdout, /wazuh-maild stops: All alert formats are disabled\./);
});

test('defined-agent with agent_id 0 is dropped (1306) before the command lookup: no (1303) is claimed', () => {
  const file = tempFile('ossec.conf', `<ossec_config>
  <active-response>
    <command>not-defined</command>
    <location>defined-agent</location>
    <agent_id>0</agent_id>
    <level>10</level>
  </active-response>
</ossec_config>
`);
  assert.equal(runArctl(['validate', file]).status, 0, 'analysisd starts: the block is only dropped');
  const messages = lintJson([file]).messages;
  assert.deepEqual(messages.filter((m) => m.ruleId === 'unknown-command' || m.ruleId === 'command-defined-after-use' || /\(1303\)/.test(m.message)), []);
  // On 4.2 there is no drop: the lookup happens and fails.
  const old = runArctl(['validate', '--target-version', '4.2', file]);
  assert.equal(old.status, 1);
  assert.match(old.stdout, /\(1303\): Invalid command 'not-defined'/);
});

test('<rule_id> elements of one <email_alerts> block add up in e-mail routing', () => {
  const config = tempFile('ossec.conf', `<ossec_config>
  <global>${mailGlobal}</global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <rule_id>5710</rule_id>
    <rule_id>5712</rule_id>
  </email_alerts>
</ossec_config>
`);
  const alert = (id: string) =>
    JSON.stringify({ timestamp: '2021-05-09T12:31:26.000+0000', rule: { id, level: 10, description: 'sshd', groups: ['sshd'] }, agent: { id: '001', name: 'a' }, location: '/var/log/auth.log' });
  const out = simulateJson(['-', '--file', config], `${alert('5710')}\n${alert('5712')}\n${alert('5711')}\n`);
  assert.deepEqual(out.alerts.map((a) => a.email.recipients.includes('soc@example.com')), [true, true, false]);
});

test('simulate: an alert without rule.level is said to have none, with --ruleset as the way out', () => {
  const config = tempFile('ossec.conf', `<ossec_config>
  <command><name>fw</name><executable>firewall-drop</executable></command>
  <active-response><command>fw</command><location>local</location><rules_id>5712</rules_id></active-response>
</ossec_config>
`);
  const r = runArctl(['simulate', '-', '--file', config], { input: `${JSON.stringify({ rule: { id: '5712' }, agent: { id: '001' }, data: { srcip: '1.2.3.4' } })}\n` });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /the alert has no rule\.level/);
  assert.match(r.stdout, /--ruleset/);
  assert.doesNotMatch(r.stdout, /rule 5712 has level 0/);
});

test('simulate: an ossec.conf given as the alerts is named, even with --skip-invalid; alerts.log is read (test/simulate/alerts-log.test.ts)', () => {
  const dir = tempFiles({
    'alerts.log': '** Alert 1620563486.6306696: - syslog,sshd,authentication_failed,\n2021 May 09 12:31:26 web01->/var/log/auth.log\nRule: 5710 (level 5) -> \'sshd: Attempt to login using a non-existent user\'\n',
    'ossec.conf': '<ossec_config>\n  <global><logall>no</logall></global>\n</ossec_config>\n',
  });
  for (const skip of [[], ['--skip-invalid']]) {
    const log = runArctl(['simulate', join(dir, 'alerts.log'), '--file', join(dir, 'ossec.conf'), ...skip]);
    assert.equal(log.status, 0, log.stderr);
    assert.match(log.stdout, /^alert 0 {2}\(line 1\) {2}id 1620563486\.6306696/m);
    const swapped = runArctl(['simulate', join(dir, 'ossec.conf'), '--file', join(dir, 'ossec.conf'), ...skip]);
    assert.equal(swapped.status, 2, swapped.stdout);
    assert.match(swapped.stderr, /ossec\.conf:1: this is XML \(a Wazuh configuration\?\), not alerts/);
  }
});
