/**
 * A stock 4.2+ Unix program on a system it has no command for: it answers check_keys (execd keeps the entry),
 * reads uname() and logs "Invalid system" (v4.14.7 src/active-response/firewalls/default-firewall-drop.c:76-325:
 * Linux, FreeBSD, SunOS, NetBSD, AIX; firewalls/pf.c:86: OpenBSD, FreeBSD, Darwin). Simulate says so for the
 * manager (Linux) and for agents whose os --agents gives; not when the alert lacks the key (it stops before).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const config = tempFile(
  'ossec.conf',
  `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>pf</name>
    <executable>pf</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>pf</command>
    <location>server</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`,
);
const agents = tempFile(
  'agents.json',
  JSON.stringify([
    { id: '001', name: 'web', status: 'active', os: { name: 'Ubuntu', version: '22.04', platform: 'ubuntu' }, version: 'Wazuh v4.14.7' },
    { id: '002', name: 'mac', status: 'active', os: { name: 'macOS', version: '14.2', platform: 'darwin' }, version: 'Wazuh v4.14.7' },
    { id: '003', name: 'bare', status: 'active', version: 'Wazuh v4.14.7' },
    { id: '004', name: 'mac-off', status: 'disconnected', os: 'macOS 14.2', version: 'Wazuh v4.14.7' },
    // An OS X 10.11 agent reports os.name 'OS' (version_op.c:729-738: the first word of "System Version"), a
    // BSD one 'BSD' whichever BSD it is (version_op.c:847-851).
    { id: '005', name: 'elcapitan', status: 'active', os: { name: 'OS', version: '10.11.6', platform: 'darwin' }, version: 'Wazuh v4.14.7' },
    { id: '006', name: 'bsd', status: 'active', os: { name: 'BSD', version: '7.4', platform: 'bsd' }, version: 'Wazuh v4.14.7' },
  ]),
);
const alert = (agent: string, data: Record<string, unknown>) =>
  JSON.stringify({ timestamp: '2024-06-01T10:00:00.000+0000', id: '1717236000.1', rule: { id: '5712', level: 10, groups: ['syslog', 'sshd'] }, agent: { id: agent, name: `a${agent}` }, data, location: '/var/log/auth.log' });

const details = (agent: string, data: Record<string, unknown> = { srcip: '198.51.100.7' }) =>
  simulateJson(['-', '--file', config, '--agents', agents], alert(agent, data)).alerts[0]!.responses.map((r) => [r.command, r.fired, r.detail ?? '']);

test('firewall-drop on a macOS agent and pf on the manager run, keep their entry and block nothing', () => {
  assert.deepEqual(details('002'), [
    ['firewall-drop', true, `'firewall-drop' does nothing on agent 002 (macOS 14.2): it answers check_keys (execd keeps the entry), then logs "Invalid system", as it acts on Linux, FreeBSD, SunOS, NetBSD, AIX only`],
    ['pf', true, `'pf' does nothing on the manager (Linux): it answers check_keys (execd keeps the entry), then logs "Invalid system", as it acts on OpenBSD, FreeBSD, Darwin only`],
  ]);
  // Linux runs firewall-drop; an agent whose os is not given is not judged.
  assert.equal(details('001')[0]![2], '');
  assert.equal(details('003')[0]![2], '');
  assert.match(String(details('005')[0]![2]), /^'firewall-drop' does nothing on agent 005 \(OS 10\.11\.6\): .*"Invalid system"/);
  // OpenBSD has no firewall-drop command, NetBSD has: 'BSD' does not say which.
  assert.equal(details('006')[0]![2], '');
});

test('a macOS agent that gets nothing is not said to keep an entry', () => {
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>004</agent_id>\n    <rules_id>5712</rules_id>\n    <timeout>60</timeout>\n  </active-response>\n</ossec_config>\n');
  const response = simulateJson(['-', '--file', conf, '--agents', agents], alert('001', { srcip: '198.51.100.7' })).alerts[0]!.responses[0]!;
  assert.match(response.detail ?? '', /^agent 004 is disconnected \(--agents\)/);
  assert.doesNotMatch(response.detail ?? '', /Invalid system/);
});

test('without the key the program stops before uname(): it says so, not "Invalid system"', () => {
  assert.equal(details('002', { dstuser: 'bob' })[0]![2], `no srcip in the alert: firewall-drop logs "Cannot read 'srcip' from data or invalid IP format" and exits before check_keys, acting on nothing`);
  // Suricata's eve.json address (json_decoder.c fillData maps the key srcip only): named, as read by nobody.
  assert.equal(
    details('002', { src_ip: 'n/a', suricata: { flow: { src_ip: '192.0.2.44' } }, dest_ip: '10.0.0.1' })[0]![2],
    `no srcip in the alert; its data.suricata.flow.src_ip '192.0.2.44' is another field, which neither analysisd nor the program reads (they take data.srcip, what a decoder's <order>srcip</order> or a JSON key srcip fills): firewall-drop logs "Cannot read 'srcip' from data or invalid IP format" and exits before check_keys, acting on nothing`,
  );
  // A Windows-style event's address is read first (get_srcip_from_win_eventdata): '-' is no address.
  assert.match(String(details('001', { win: { eventdata: { ipAddress: '-' } }, srcip: '198.51.100.7' })[0]![2]), /^data\.win\.eventdata\.ipAddress '-' is not an IP address getaddrinfo accepts: firewall-drop logs/);
});
