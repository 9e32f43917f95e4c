/**
 * simulate --timeline --payload with --agents: under each add or abort on an agent, the message analysisd
 * sent it, in the format its version gets (src/analysisd/alerts/exec.c OS_Exec v4.14.7: the legacy string
 * below 4.2, JSON from 4.2); a version OS_Exec cannot read ("Unable to read agent version.", line 152)
 * gets nothing, which the timeline shows as a failed response with or without --payload. On one thread
 * and in workers (the messages cross the thread boundary).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const examples = join(projectRoot, 'examples/ossec.conf');
/** examples/ossec.conf's SSH response with a program every agent has (a 4.1 agent has no 4.2+ firewall-drop: old-agents.test.ts). */
const config = tempFile(
  'ossec.conf',
  '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>block-ip.sh</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n' +
    '  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712,5720</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>\n',
);
const agents = () =>
  tempFile(
    'agents.json',
    JSON.stringify([
      { id: '001', name: 'a1', status: 'active', version: 'Wazuh v4.14.7' },
      { id: '002', name: 'a2', status: 'active', version: 'Wazuh v4.1.5' },
      { id: '003', name: 'a3', status: 'active', version: 'Wazuh 4' },
    ]),
  );
const alerts = () =>
  tempFile(
    'alerts.json',
    [1, 2, 3]
      .map((n) =>
        JSON.stringify({ timestamp: `2024-05-02T09:1${n}:00.000+0000`, id: `171464124${n}.1`, rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: `00${n}`, name: `a${n}`, ip: `10.0.0.${n}` }, data: { srcip: `203.0.113.${n}` }, location: '/var/log/auth.log' }),
      )
      .join('\n') + '\n',
  );

test('each agent gets the message of its version; an unreadable version gets nothing (a failed response)', () => {
  const [alertsFile, agentsFile] = [alerts(), agents()];
  for (const workers of ['0', '2']) {
    const env = { ARCTL_TIMELINE_WORKERS: workers };
    const text = runArctl(['simulate', alertsFile, '--file', config, '--agents', agentsFile, '--timeline', '--payload'], { env });
    assert.equal(text.status, 0, text.stderr);
    assert.match(text.stdout, /^ {4}message to agent 001 \(Wazuh v4\.14\.7, json\): \{"version":1,"origin":\{"name":"undefined","module":"wazuh-analysisd"\},"command":"firewall-drop600","parameters":\{"extra_args":\[\],"alert":\{"timestamp":"2024-05-02T09:11:00\.000\+0000"/m, `workers=${workers}`);
    assert.match(text.stdout, /^ {4}message to agent 002 \(Wazuh v4\.1\.5, legacy\): firewall-drop600 - 203\.0\.113\.2 1714641242\.1 5712 \(a2\) 10\.0\.0\.2->\/var\/log\/auth\.log - -$/m, `workers=${workers}`);
    assert.match(text.stdout, /agent 003 {3}fail {4}firewall-drop: agent 003 reports version 'Wazuh 4', which analysisd cannot read \("Unable to read agent version\."\): it sends the agent nothing/, `workers=${workers}`);
    const json = runArctl(['simulate', alertsFile, '--file', config, '--agents', agentsFile, '--timeline', '--payload', '--format', 'json'], { env });
    const lines = json.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host?: string; action?: string; message?: { format: string; message: string } });
    assert.deepEqual(lines.filter((l) => l.action === 'add').map((l) => [l.host, l.message?.format]), [['001', 'json'], ['002', 'legacy']], `workers=${workers}`);
  }
  // Without --payload no message is shown, but the agent with an unreadable version still gets nothing.
  const plain = runArctl(['simulate', alertsFile, '--file', config, '--agents', agentsFile, '--timeline']);
  assert.doesNotMatch(plain.stdout, /message to agent/);
  assert.match(plain.stdout, /agent 003 {3}fail/);
  // The stock 4.2+ firewall-drop: agent 002 (4.1.5) has only firewall-drop.sh, so nothing runs there.
  const stock = runArctl(['simulate', alertsFile, '--file', examples, '--agents', agentsFile, '--timeline']);
  assert.match(stock.stdout, /agent 002 {3}fail {4}firewall-drop: agent 002 runs 'Wazuh v4\.1\.5' \(before 4\.2\), whose active-response\/bin has 'firewall-drop\.sh', not 'firewall-drop'/);
});

test("an id --agents writes with more zeros ('0002') is the agent analysisd names 002: every check finds it", () => {
  // OS_Exec asks wazuh-db by the number (exec.c:188-209 wdb_get_agent_info(atoi(...))): '1', '0002' and
  // '00003' are agents 001, 002 and 003, whose version (and os) decide what each gets.
  const agentsFile = tempFile(
    'agents.json',
    JSON.stringify([
      { id: '1', name: 'a1', status: 'active', version: 'Wazuh v4.14.7' },
      { id: '0002', name: 'a2', status: 'active', version: 'Wazuh v4.1.5' },
      { id: '00003', name: 'a3', status: 'active', version: 'Wazuh 4' },
    ]),
  );
  const alertsFile = alerts();
  const text = runArctl(['simulate', alertsFile, '--file', config, '--agents', agentsFile, '--timeline', '--payload'], { env: { ARCTL_TIMELINE_WORKERS: '0' } });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^ {4}message to agent 002 \(Wazuh v4\.1\.5, legacy\): firewall-drop600 - 203\.0\.113\.2 /m);
  assert.match(text.stdout, /agent 003 {3}fail {4}firewall-drop: agent 003 reports version 'Wazuh 4', which analysisd cannot read/);
  const stock = runArctl(['simulate', alertsFile, '--file', examples, '--agents', agentsFile, '--timeline']);
  assert.match(stock.stdout, /agent 002 {3}fail {4}firewall-drop: agent 002 runs 'Wazuh v4\.1\.5' \(before 4\.2\)/);
  // A Windows agent listed as '0004' has no firewall-drop; simulate (one alert) says so.
  const windows = tempFile('agents.json', JSON.stringify([{ id: '0004', name: 'w', status: 'active', os: 'Microsoft Windows Server 2019', version: 'Wazuh v4.14.7' }]));
  const alert = JSON.stringify({ timestamp: '2024-05-02T09:14:00.000+0000', rule: { id: '5712', level: 10 }, agent: { id: '004', name: 'w' }, data: { srcip: '203.0.113.4' } });
  const one = runArctl(['simulate', '-', '--file', examples, '--agents', windows], { input: alert });
  assert.match(one.stdout, /'firewall-drop' is a Linux\/Unix program, which agent 004 \(Microsoft Windows Server 2019\) does not have/);
});
