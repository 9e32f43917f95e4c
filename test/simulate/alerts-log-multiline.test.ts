/**
 * alerts.log writes a field's value as it is (src/analysisd/alerts/log.c:283-287): an eventchannel message
 * (`win.system.message: "Process Create:` ... `"`) goes on over lines that read like fields ("User: ...",
 * "Image: ..."). They belong to the message, not to the alert's data: through the built CLI on
 * test/fixtures/simulate/eventchannel-alerts.log (a Sysmon and a Security alert), the payload's data is
 * the eventchannel fields alone, the message whole.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const conf = tempFile(
  'ossec.conf',
  '<ossec_config>\n  <command>\n    <name>netsh</name>\n    <executable>netsh.exe</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>netsh</command>\n    <location>local</location>\n    <rules_group>windows</rules_group>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>\n',
);
const agents = tempFile('agents.json', JSON.stringify([{ id: '041', name: 'ws-041', status: 'active', os: { name: 'Microsoft Windows 11 Pro', platform: 'windows' }, version: 'Wazuh v4.14.7' }]));

test("a message's lines that read like fields stay in the message", () => {
  const alerts = simulateJson([join(projectRoot, 'test/fixtures/simulate/eventchannel-alerts.log'), '--file', conf, '--agents', agents]).alerts;
  const data = alerts.map((a) => (a.responses[0]!.payload as unknown as { parameters: { alert: { data: { win: { system: { message: string } } } } } }).parameters.alert.data);
  assert.deepEqual(data.map((d) => Object.keys(d)), [['win'], ['win']]);
  assert.equal(
    data[0]!.win.system.message,
    '"Process Create:\nRuleName: -\nUtcTime: 2025-08-13 08:42:27.161\nImage: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe\nCommandLine: "C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"\nCurrentDirectory: C:\\Windows\\system32\\\nUser: CORP\\kpatel\nIntegrityLevel: High\nParentImage: C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe"',
  );
  assert.match(data[1]!.win.system.message, /^"An account failed to log on\.\n\nSubject:\n\tSecurity ID:\t\tS-1-0-0\n\nLogon Type:\t\t\t3\n[\s\S]*Source Port:\t\t51022"$/);
  // The fields after the message are read: netsh acts on the Security alert's ipAddress, the Sysmon alert has none.
  assert.deepEqual(alerts.map((a) => a.responses[0]!.detail ?? ''), ['no srcip in the alert: netsh logs "Cannot read \'srcip\' from data" and exits before check_keys, acting on nothing', '']);
});
