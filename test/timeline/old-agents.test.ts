/**
 * Agents below 4.2 under a 4.2+ manager (--agents versions): analysisd sends them the legacy string, their
 * execd is the legacy one (v4.1.5 src/os_execd/execd.c: the timeout list keyed on the program and its srcip
 * argument, no check_keys) and their active-response/bin has the pre-4.2 scripts only. So a 4.2+ stock
 * name does nothing there, and a pre-4.2 name runs there (only there).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const fixtures = join(projectRoot, 'test/fixtures/timeline');
const config = join(fixtures, 'mixed-versions.conf');
const agents = join(fixtures, 'mixed-versions-agents.json');
const alerts = () =>
  tempFile(
    'alerts.json',
    [0, 30].map((t, i) => JSON.stringify({ timestamp: new Date(Date.UTC(2024, 2, 1, 10, 0, t)).toISOString().replace('Z', '+0000'), rule: { level: 5, id: '5710', groups: ['sshd'] }, agent: { id: '002', name: 'new' }, id: `1709287200.${i}`, data: { srcip: '::ffff:198.51.100.1' }, location: '/var/log/auth.log' })).join('\n') + '\n',
  );

test('simulate: the 4.2+ name says agent 001 (4.1.5) has only the .sh script', () => {
  const out = simulateJson([alerts(), '--file', config, '--agents', agents]);
  const [modern, old] = out.alerts[0]!.responses;
  assert.deepEqual([modern!.targets, old!.targets], [['001', '002'], ['001', '002']]);
  // Agent 002 (4.2+) runs it, on the mapped address as written: an IPv6 rule its IPv4 packets never meet.
  assert.deepEqual(modern!.detail?.split('; '), [
    `firewall-drop reads data.srcip '::ffff:198.51.100.1' as an IPv6 address (getaddrinfo) and drops it with ip6tables, but 198.51.100.1's packets reach the host as IPv4, which that rule never sees: nothing is blocked`,
    `agent 001 runs 'Wazuh v4.1.5' (before 4.2), whose active-response/bin has 'firewall-drop.sh', not 'firewall-drop': its execd runs nothing ("Active response command not present")`,
  ]);
  assert.match(old!.detail ?? '', /^execd runs nothing: 4\.2\+ hosts have no 'firewall-drop\.sh', only 'firewall-drop'$/);
});

test('timeline: agent 001 fails the 4.2+ name and runs the .sh script under its legacy key (the srcip argument), agent 002 the other way round', () => {
  const r = runArctl(['simulate', alerts(), '--file', config, '--agents', agents, '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { time: string; host: string; action: string; command: string; key?: string });
  assert.deepEqual(
    events.map((e) => `${e.time.slice(14, 19)} ${e.host} ${e.action} ${e.command} ${e.key ?? ''}`.trim()),
    [
      '00:00 001 fail firewall-drop',
      '00:00 002 add firewall-drop firewall-drop-::ffff:198.51.100.1',
      '00:00 001 add firewall-drop-sh firewall-drop.sh-198.51.100.1',
      '00:00 002 fail firewall-drop-sh',
      '00:30 001 fail firewall-drop',
      '00:30 002 abort firewall-drop firewall-drop-::ffff:198.51.100.1',
      '00:30 001 abort firewall-drop-sh firewall-drop.sh-198.51.100.1',
      '00:30 002 fail firewall-drop-sh',
    ],
  );
});

test('restart-wazuh0 runs whatever restart program the host has (ar.conf begins with those lines): no missing program on a 4.1 or a Linux agent', () => {
  // analysisd/active-response.c:51-53 writes restart-wazuh0 for restart-ossec.sh, .cmd, restart-wazuh and
  // restart-wazuh.exe before the responses' lines; execd takes the first its host has (exec.c ReadExecConfig).
  const restart = tempFile(
    'ossec.conf',
    '<ossec_config>\n  <command>\n    <name>restart-wazuh</name>\n    <executable>restart-wazuh.exe</executable>\n  </command>\n' +
      '  <active-response>\n    <command>restart-wazuh</command>\n    <location>all</location>\n    <rules_id>5710</rules_id>\n  </active-response>\n</ossec_config>\n',
  );
  const r = runArctl(['simulate', alerts(), '--file', restart, '--agents', agents, '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { host: string; action: string });
  assert.deepEqual(events.map((e) => `${e.host} ${e.action}`), ['001 add', '002 add', '001 add', '002 add']);
  const out = simulateJson([alerts(), '--file', restart, '--agents', agents]);
  assert.equal(out.alerts[0]!.responses[0]!.detail, undefined);
});
