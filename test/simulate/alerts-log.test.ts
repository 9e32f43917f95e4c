/**
 * simulate reads alerts.log, Wazuh's text alert log, recognised by its content. examples/alerts.log holds
 * the alerts of examples/alerts.json as analysisd's OS_Log writes them (src/analysisd/alerts/log.c
 * v4.14.7 lines 128-180: "** Alert %ld.%ld:%s - %s\n%d %s %02d %s %s%s%s\n%sRule: %d (level %d) -> '%s'"
 * then the Src IP / Src Port / User lines, full_log, the dynamic fields (lines 282-288) and the last
 * events (lines 291-296)).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { alertFromLogBlock } from '../../src/wazuh/alerts-log.ts';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const examples = join(projectRoot, 'examples');
const config = join(examples, 'ossec.conf');
const agents = () =>
  tempFile(
    'agents.json',
    JSON.stringify([
      { id: '001', name: 'bastion01', ip: '10.10.0.11', status: 'active', version: 'Wazuh v4.14.7' },
      { id: '002', name: 'web01', ip: '10.10.0.21', status: 'active', version: 'Wazuh v4.14.7' },
    ]),
  );

interface JsonAlert {
  id: string;
  timestamp: string;
  rule: { id: string; level: number; groups: string[] };
  responses: Array<{ fired: boolean; reason?: string; targets?: string[]; detail?: string }>;
  email: { sent: boolean; recipients: string[] };
}

function simulateJson(file: string, extra: string[] = []): { alerts: JsonAlert[]; stderr: string } {
  const r = runArctl(['simulate', file, '--file', config, '--format', 'json', ...extra]);
  assert.equal(r.status, 0, r.stderr);
  return { alerts: (JSON.parse(r.stdout) as { alerts: JsonAlert[] }).alerts, stderr: r.stderr };
}

test('alerts.log gives the decisions alerts.json gives, with --agents naming the agents; what it cannot carry is said once', () => {
  const agentsFile = agents();
  const fromLog = simulateJson(join(examples, 'alerts.log'), ['--agents', agentsFile]);
  const fromJson = simulateJson(join(examples, 'alerts.json'), ['--agents', agentsFile]);
  assert.equal(fromLog.alerts.length, 5);
  const decisions = (a: JsonAlert) => [a.id, a.rule.id, a.rule.level, a.responses.map((r) => [r.fired, r.reason ?? null, r.targets ?? null]), a.email.sent, a.email.recipients];
  assert.deepEqual(fromLog.alerts.map(decisions), fromJson.alerts.map(decisions));
  // The header's seconds are exact; the group string carries the compliance tokens in analysisd's order.
  assert.equal(fromLog.alerts[0]!.timestamp, '2024-05-02T09:14:07.000+0000');
  assert.deepEqual(fromLog.alerts[0]!.rule.groups, ['syslog', 'sshd', 'authentication_failures', 'pci_dss_11.4', 'pci_dss_10.2.4', 'pci_dss_10.2.5', 'gdpr_IV_35.7.d', 'gdpr_IV_32.2']);
  const notes = fromLog.stderr.split('\n').filter((l) => l.includes("is alerts.log, Wazuh's text alert log"));
  assert.equal(notes.length, 1, fromLog.stderr);
  assert.match(notes[0]!, /does not carry agent\.id \(the agent is named, not numbered: --agents maps the name to its id\), the decoded fields other than srcip, srcport, dstip, dstport and dstuser/);
  // A manager event's `host->` is the event's own host (a remote syslog sender's), not manager.name, which alerts.json gives as its agent.name.
  assert.match(notes[0]!, /manager\.name \(alerts\.json writes it as the agent\.name of the manager's own events too; the name before '->' is the event's own host/);
});

test('without --agents an agent event has no id: location local has no target, never the manager', () => {
  const { alerts } = simulateJson(join(examples, 'alerts.log'));
  const fired = alerts.flatMap((a) => a.responses).filter((r) => r.fired);
  assert.deepEqual(fired, []);
  assert.match(alerts[0]!.responses[0]!.detail ?? '', /location local: the alert names agent 'bastion01' but not its id \(alerts\.log does not carry it: --agents maps names to ids\)/);
});

test('the timeline replays alerts.log as alerts.json, on the main thread and in a worker', () => {
  const agentsFile = agents();
  const events = (file: string, workers: string) => {
    const r = runArctl(['simulate', file, '--file', config, '--agents', agentsFile, '--timeline', '--format', 'json'], { env: { ARCTL_TIMELINE_WORKERS: workers } });
    assert.equal(r.status, 0, r.stderr);
    return { lines: r.stdout.trim().split('\n').slice(0, -1), stderr: r.stderr };
  };
  const json = events(join(examples, 'alerts.json'), '0').lines;
  assert.equal(json.length, 4);
  for (const workers of ['0', '1']) {
    const log = events(join(examples, 'alerts.log'), workers);
    assert.deepEqual(log.lines, json, `workers=${workers}`);
    assert.match(log.stderr, /alerts\.log is alerts\.log, Wazuh's text alert log/, `workers=${workers}`);
  }
});

test('a broken alerts.log entry is named by the line of its header; --skip-invalid goes on', () => {
  const text = [
    '** Alert 1714641247.1549653: - syslog,sshd,',
    '2024 May 02 09:14:07 (bastion01) 10.10.0.11->/var/log/auth.log',
    'no rule line here',
    '',
    '** Alert 1714641552.1561877: mail  - syslog,sshd,authentication_failures,',
    '2024 May 02 09:19:12 (bastion01) 10.10.0.11->/var/log/auth.log',
    "Rule: 5712 (level 10) -> 'sshd: brute force'",
    'Src IP: 203.0.113.45',
    'May  2 09:19:11 bastion01 sshd[17790]: Invalid user postgres from 203.0.113.45 port 57120',
    '',
  ].join('\n');
  const file = tempFile('alerts.log', text);
  const stop = runArctl(['simulate', file, '--file', config]);
  assert.equal(stop.status, 2);
  assert.match(stop.stderr, /alerts\.log:1: alerts\.log: no "Rule: <id> \(level <n>\) -> '<description>'" line/);
  const skip = runArctl(['simulate', file, '--file', config, '--skip-invalid', '--agents', agents()]);
  assert.equal(skip.status, 0, skip.stderr);
  assert.match(skip.stdout, /^alert 0 {2}\(line 5\) {2}id 1714641552\.1561877/m);
  assert.match(skip.stdout, /firewall-drop +fired +001/);
});

test('one block: labels, a manager event, geoip lines and dynamic fields land where alerts.json has them', () => {
  // A manager event (location without "(agent) ip->": hostname "->" location), a label, geoip lines
  // (LIBGEOIP builds), and decoder fields such as win.eventdata.ipAddress, which the stock programs read.
  const alert = alertFromLogBlock([
    '** Alert 1714641247.1549653: - windows,authentication_failed,',
    '2024 May 02 09:14:07 wazuh-manager->EventChannel',
    'aws.region: eu-west-1',
    "Rule: 60122 (level 5) -> 'Logon failure'",
    'Src IP: 203.0.113.9',
    'Src Location: Somewhere',
    'Dst Port: 3389',
    'User: alice',
    '{"win":{"system":{}}}',
    'win.eventdata.ipAddress: 203.0.113.9',
    'win.system.eventID: 4625',
    '__proto__.polluted: yes',
    'May  2 09:14:01 previous event: not a field',
  ]);
  assert.deepEqual(alert, {
    timestamp: '2024-05-02T09:14:07.000+0000',
    id: '1714641247.1549653',
    location: 'EventChannel',
    full_log: '{"win":{"system":{}}}',
    rule: { level: 5, description: 'Logon failure', id: '60122', mail: false, groups: ['windows', 'authentication_failed'] },
    agent: { id: '000', name: 'wazuh-manager', labels: { aws: { region: 'eu-west-1' } } },
    data: { srcip: '203.0.113.9', dstport: '3389', dstuser: 'alice', win: { eventdata: { ipAddress: '203.0.113.9' }, system: { eventID: '4625' } } },
  });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test("an agentless device's alert (wazuh-agentlessd's `(script) user@host->` location) is the manager's: location local runs there", () => {
  // analysisd gives local events agent id 000 (cleanevent.c:590); alerts.json shows such an event with an
  // agentless object instead of the agent and the location after '>' (json_extended.c W_JSON_ParseAgentless).
  const text = [
    '** Alert 1714641247.1549653: - ossec,syscheck,agentless,',
    '2024 May 02 09:14:07 (ssh_integrity_check_linux) root@192.0.2.10->syscheck',
    "Rule: 555 (level 7) -> 'Integrity checksum for agentless device changed.'",
    'ossec: agentless: Change detected:',
    '',
    '** Alert 1714641248.1549999: - ossec,agentless,',
    '2024 May 02 09:14:08 (ssh_pixconfig_diff) fw01->agentless',
    "Rule: 555 (level 7) -> 'Integrity checksum for agentless device changed.'",
    'ossec: agentless: Change detected:',
    '',
    '** Alert 1714641249.1550123: - ossec,syscheck,',
    '2024 May 02 09:14:09 (edge01) FE80:0000:0000:0000:0000:0000:0000:0001->syscheck',
    "Rule: 555 (level 7) -> 'Integrity checksum changed.'",
    'ossec: syscheck: Change detected:',
    '',
  ].join('\n');
  const file = tempFile('alerts.log', text);
  const conf = tempFile(
    'ossec.conf',
    '<ossec_config>\n  <command>\n    <name>notify</name>\n    <executable>notify.sh</executable>\n  </command>\n' +
      '  <active-response>\n    <command>notify</command>\n    <location>local</location>\n    <rules_id>555</rules_id>\n  </active-response>\n</ossec_config>\n',
  );
  const r = runArctl(['simulate', file, '--file', conf, '--format', 'json', '--payload']);
  assert.equal(r.status, 0, r.stderr);
  const alerts = (JSON.parse(r.stdout) as { alerts: Array<JsonAlert & { agent: { id?: string; name?: string } }> }).alerts;
  assert.deepEqual(alerts.map((a) => [a.agent.id ?? null, a.responses[0]!.fired ? a.responses[0]!.targets : a.responses[0]!.reason]), [
    ['000', ['000']],
    ['000', ['000']],
    // An agent registered with an IPv6 address (client.keys): still an agent, whose id alerts.log lacks.
    [null, 'no-target'],
  ]);
  const payload = (alerts[0]!.responses[0] as { payload?: { parameters: { alert: Record<string, unknown> } } }).payload!;
  assert.deepEqual([payload.parameters.alert.location, payload.parameters.alert.agentless, payload.parameters.alert.agent], [
    'syscheck',
    { script: 'ssh_integrity_check_linux', user: 'root', host: '192.0.2.10' },
    undefined,
  ]);
  // Below 4.2 the message carries analysisd's whole location, prefix included.
  const legacy = runArctl(['simulate', file, '--file', conf, '--format', 'json', '--target-version', '3.13']);
  assert.equal(legacy.status, 0, legacy.stderr);
  const argv = (JSON.parse(legacy.stdout) as { alerts: Array<{ responses: Array<{ payload?: { argv: string[] } }> }> }).alerts[0]!.responses[0]!.payload!.argv;
  assert.deepEqual(argv.slice(5, 9), ['555', '(ssh_integrity_check_linux)', 'root@192.0.2.10->syscheck', '-']);
});

test("an agentless device's alert mails as maild reads it: alerts.log keeps its '(script) user@host->' location, alerts.json has no agent", () => {
  const file = tempFile(
    'alerts.log',
    [
      '** Alert 1714641247.1549653: mail  - ossec,syscheck,agentless,',
      '2024 May 02 09:14:07 (ssh_integrity_check_linux) root@192.0.2.10->syscheck',
      "Rule: 555 (level 7) -> 'Integrity checksum for agentless device changed.'",
      'ossec: agentless: Change detected:',
      '',
    ].join('\n'),
  );
  const conf = (source: string) =>
    tempFile(
      'ossec.conf',
      `<ossec_config>\n  <global>\n    <jsonout_output>yes</jsonout_output>\n    <email_notification>yes</email_notification>\n    <email_to>soc@example.com</email_to>\n    <smtp_server>localhost</smtp_server>\n    <email_from>wazuh@example.com</email_from>\n${source}  </global>\n` +
        '  <email_alerts>\n    <email_to>agentless@example.com</email_to>\n    <event_location>root@192.0.2.10->syscheck</event_location>\n  </email_alerts>\n</ossec_config>\n',
    );
  // read-alert.c GetAlertData takes the whole text after the date as the location event_location is matched against.
  const fromLog = runArctl(['simulate', file, '--file', conf('    <email_log_source>alerts.log</email_log_source>\n'), '--format', 'json']);
  assert.equal(fromLog.status, 0, fromLog.stderr);
  assert.deepEqual((JSON.parse(fromLog.stdout) as { alerts: JsonAlert[] }).alerts[0]!.email.recipients, ['soc@example.com', 'agentless@example.com']);
  // OS_RecvMailQ_JSON drops an alert without an agent object (os_maild_client.c:505).
  const r = runArctl(['simulate', file, '--file', conf(''), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as { alerts: JsonAlert[] }).alerts[0]!.email.sent, false);
});

test('a file integrity alert: its full_log of several lines, up to "Attributes:", and no decoded field taken out of it', () => {
  // decoders/syscheck.c:1680 writes the full_log as lines ending in "\n" ("Mode: realtime" among them); OS_Log
  // then writes "Attributes:" and no dynamic fields for a syscheck_ decoder (log.c:186-282).
  const log = tempFile(
    'alerts.log',
    [
      '** Alert 1717236300.5000: - ossec,syscheck,syscheck_entry_modified,syscheck_file,',
      '2024 Jun 01 10:05:00 (web01) 10.10.0.21->syscheck',
      "Rule: 550 (level 7) -> 'Integrity checksum changed.'",
      "File '/etc/app.conf' modified",
      'Mode: realtime',
      'Changed attributes: size',
      "Size changed from '10' to '30'",
      '',
      'Attributes:',
      ' - Size: 30',
      '',
    ].join('\n'),
  );
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>note</name>\n    <executable>note.sh</executable>\n  </command>\n  <active-response>\n    <command>note</command>\n    <location>local</location>\n    <rules_id>550</rules_id>\n  </active-response>\n</ossec_config>\n');
  const r = runArctl(['simulate', log, '--file', conf, '--agents', agents(), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const response = (JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean; payload: { parameters: { alert: Record<string, unknown> } } }> }> }).alerts[0]!.responses[0]!;
  assert.equal(response.fired, true);
  const alert = response.payload.parameters.alert;
  assert.equal(alert.full_log, "File '/etc/app.conf' modified\nMode: realtime\nChanged attributes: size\nSize changed from '10' to '30'\n");
  assert.equal(alert.data, undefined);
});

test('OSSEC 2.5 and before: "Src IP: (none)" and "User: (none)" are fields the event lacks, not values analysisd refuses', () => {
  // ossec-hids log.c before 5a17c129 (2011-02-11) wrote every field line, "(none)" for a NULL one; Wazuh writes
  // a line only for a field the event has (log.c:148-180). Read as values, "(none)" failed the user check.
  const log = tempFile(
    'alerts.log',
    [
      '** Alert 1297452000.35246: mail  - ossec,syscheck,',
      '2011 Feb 11 14:20:00 rosemary->syscheck',
      "Rule: 550 (level 7) -> 'Integrity checksum changed.'",
      'Src IP: (none)',
      'User: (none)',
      "Integrity checksum changed for: '/etc/mailcap'",
      '',
      '** Alert 1297452060.35900: - syslog,sshd,',
      '2011 Feb 11 14:21:00 rosemary->/var/log/auth.log',
      "Rule: 5716 (level 5) -> 'SSHD authentication failed.'",
      'Src IP: 203.0.113.4',
      'User: (none)',
      'Feb 11 14:20:59 rosemary sshd[99]: Failed password for x from 203.0.113.4 port 2222 ssh2',
      '',
    ].join('\n'),
  );
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>drop</name>\n    <executable>firewall-drop</executable>\n  </command>\n  <active-response>\n    <command>drop</command>\n    <location>local</location>\n    <level>5</level>\n  </active-response>\n</ossec_config>\n');
  const r = runArctl(['simulate', log, '--file', conf, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const alerts = (JSON.parse(r.stdout) as { alerts: Array<{ srcip?: string; responses: Array<{ fired: boolean; reason?: string; payload: { parameters: { alert: { data?: Record<string, unknown> } } } }> }> }).alerts;
  assert.deepEqual(alerts.map((a) => [a.srcip ?? null, a.responses[0]!.fired, a.responses[0]!.reason ?? null]), [[null, true, null], ['203.0.113.4', true, null]]);
  assert.equal(alerts[0]!.responses[0]!.payload.parameters.alert.data, undefined);
  assert.deepEqual(alerts[1]!.responses[0]!.payload.parameters.alert.data, { srcip: '203.0.113.4' });
  // A Wazuh alert writes "User: " only for a user the event has: "(none)" there is the decoded value.
  const wazuh = alertFromLogBlock(['** Alert 1714641247.1: - syslog,', '2024 May 02 09:14:07 wazuh-manager->/var/log/secure', "Rule: 5501 (level 3) -> 'Login'", 'User: (none)', 'log']);
  assert.deepEqual(wazuh.data, { dstuser: '(none)' });
});

test("an agent's labels reach the program as alerts.json has them: agent.labels, dotted keys nested", () => {
  // format_labels writes "key: value" lines before "Rule:" (log.c:56-72); alerts.json files them with
  // W_JSON_AddField under agent.labels (json_extended.c:694-709): `a.b` nests, a value starting with '[' that
  // is JSON is kept parsed, a repeated name keeps its first value.
  const log = tempFile(
    'alerts.log',
    ['** Alert 1717236300.5000: - syslog,sshd,', '2024 Jun 01 10:05:00 (web01) any->/var/log/secure', 'env: prod', 'aws.region: eu-west-1', 'aws.zone: b', 'owners: ["soc","web"]', 'env: dev', "Rule: 5716 (level 5) -> 'SSHD authentication failed.'", 'Src IP: 203.0.113.4', 'Failed password', ''].join('\n'),
  );
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>note</name>\n    <executable>note.sh</executable>\n  </command>\n  <active-response>\n    <command>note</command>\n    <location>server</location>\n    <rules_id>5716</rules_id>\n  </active-response>\n</ossec_config>\n');
  const r = runArctl(['simulate', log, '--file', conf, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const response = (JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean; payload: { parameters: { alert: { agent: unknown } } } }> }> }).alerts[0]!.responses[0]!;
  assert.equal(response.fired, true);
  // alerts.log names an agent registered as `any` without its own address: alerts.json's agent.ip (the
  // _agent_ip it reports) is not in the file, and the reading says so once.
  assert.deepEqual(response.payload.parameters.alert.agent, { name: 'web01', labels: { env: 'prod', aws: { region: 'eu-west-1', zone: 'b' }, owners: ['soc', 'web'] } });
  assert.match(r.stderr, /and the agent's own address \(alerts\.json's agent\.ip is the _agent_ip the agent reports; alerts\.log has its client\.keys address, often any\)\n/);
});
