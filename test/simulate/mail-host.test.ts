/**
 * The host granular <event_location> is matched against, for an agent's alert (through the built CLI on
 * test/fixtures/simulate/agent-hosts-alerts.log and a JSON alert). maild reading alerts.log matches the
 * location analysisd wrote, `(name) ip->location` with the client.keys address, `any` too (os_maild_client.c:228,
 * alerts/log.c); reading alerts.json it builds `(name) ip->location`, or `name->location` when agent.ip is
 * absent (os_maild_client.c:514-518), and alerts.json leaves an `any` address out (json_extended.c:497).
 * alerts.log read without --agents used to give `(db02) 10.0.0.144->(db02) 10.0.0.144->syscheck`.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const conf = (source: string) =>
  tempFile(
    'ossec.conf',
    `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <alerts_log>yes</alerts_log>
    <email_notification>yes</email_notification>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>soc@example.com</email_to>
    <email_log_source>${source}</email_log_source>
  </global>
  <email_alerts>
    <email_to>db-team@example.com</email_to>
    <event_location>^(db02) 10.0.0.144->syscheck$</event_location>
    <do_not_delay/>
  </email_alerts>
  <email_alerts>
    <email_to>any-agents@example.com</email_to>
    <event_location>^(web07) any->/var/log/secure$</event_location>
    <do_not_delay/>
  </email_alerts>
  <email_alerts>
    <email_to>web-json@example.com</email_to>
    <event_location>^web07->/var/log/secure$</event_location>
    <do_not_delay/>
  </email_alerts>
</ossec_config>
`,
  );
const log = join(projectRoot, 'test/fixtures/simulate/agent-hosts-alerts.log');
const agents = tempFile('agents.json', JSON.stringify([{ id: '002', name: 'db02', status: 'active' }, { id: '007', name: 'web07', status: 'active' }]));
const recipients = (args: string[], input?: string) => simulateJson(args, input).alerts.map((a) => a.email.recipients);

test('alerts.log read with or without --agents: maild reading alerts.log matches the location as written', () => {
  const expected = [['soc@example.com', 'db-team@example.com'], ['soc@example.com', 'any-agents@example.com']];
  assert.deepEqual(recipients([log, '--file', conf('alerts.log')]), expected);
  assert.deepEqual(recipients([log, '--file', conf('alerts.log'), '--agents', agents]), expected);
  // maild reading alerts.json: an `any` agent's alert has no agent.ip, so its host is `web07->/var/log/secure`.
  assert.deepEqual(recipients([log, '--file', conf('alerts.json'), '--agents', agents]), [['soc@example.com', 'db-team@example.com'], ['soc@example.com', 'web-json@example.com']]);
});

test("an alerts.json alert without agent.ip, mailed from alerts.log, is an `any` agent's: (web07) any->", () => {
  const alert = JSON.stringify({ timestamp: '2024-05-01T10:01:00.000+0000', rule: { level: 10, description: 'sshd: brute force', id: '5712', mail: true, groups: ['sshd'] }, agent: { id: '007', name: 'web07' }, manager: { name: 'wazuh' }, id: '1714557660.2099', location: '/var/log/secure' });
  assert.deepEqual(recipients(['-', '--file', conf('alerts.log')], alert), [['soc@example.com', 'any-agents@example.com']]);
  assert.deepEqual(recipients(['-', '--file', conf('alerts.json')], alert), [['soc@example.com', 'web-json@example.com']]);
});

test("the agent's address one file has and the other lacks: the e-mail says what arctl matched <event_location> against", () => {
  // alerts.json's agent.ip is the address the agent reports (its _agent_ip label, json_extended.c:484); alerts.log's
  // `(name) ip->` has the client.keys address (log.c:140-142), `any` for an agent authd registered by default.
  // Seen on one agent: alerts.log "(win10-clean) any->EventChannel", alerts.json agent.ip "192.168.1.50".
  const details = (args: string[], input?: string) => simulateJson(args, input).alerts.map((a) => a.email.detail ?? null);
  assert.deepEqual(details([log, '--file', conf('alerts.json'), '--agents', agents]), [
    "maild reads alerts.json, where <event_location> meets '(db02) <address>->syscheck' with the address the agent reports (its _agent_ip, alerts.json's agent.ip), which alerts.log does not carry: arctl matched '(db02) 10.0.0.144->syscheck'",
    "maild reads alerts.json, where <event_location> meets '(web07) <address>->/var/log/secure' with the address the agent reports (its _agent_ip, alerts.json's agent.ip), which alerts.log does not carry: arctl matched 'web07->/var/log/secure'",
  ]);
  // Read from alerts.log and mailed from it, the address is the one written: nothing to say.
  assert.deepEqual(details([log, '--file', conf('alerts.log'), '--agents', agents]), [null, null]);
  const alert = JSON.stringify({ timestamp: '2024-05-01T10:01:00.000+0000', rule: { level: 10, description: 'sshd: brute force', id: '5712', mail: true, groups: ['sshd'] }, agent: { id: '007', name: 'web07', ip: '192.168.1.50' }, manager: { name: 'wazuh' }, id: '1714557660.2099', location: '/var/log/secure' });
  assert.deepEqual(details(['-', '--file', conf('alerts.log')], alert), [
    "maild reads alerts.log, where <event_location> meets '(web07) <address>->/var/log/secure' with the agent's client.keys address (any, unless it was registered with one), not necessarily alerts.json's agent.ip 192.168.1.50, the address the agent reports: arctl matched '(web07) 192.168.1.50->/var/log/secure'",
  ]);
  assert.deepEqual(details(['-', '--file', conf('alerts.json')], alert), [null]);
});
