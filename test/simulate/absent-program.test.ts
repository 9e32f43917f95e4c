/**
 * A platform-only stock program delivered where the other platform runs (the manager runs Linux; agents as
 * --agents gives their os): execd there found no such file when it read ar.conf ("Active response command
 * not present", src/os_execd/exec.c ReadExecConfig) and runs nothing (execd.c ExecdRun, empty program).
 * simulate says so on the fired row; the timeline shows a fail on those hosts, not an add.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

const fixtures = join(projectRoot, 'test/fixtures/simulate');
const config = join(fixtures, 'platforms.conf');
const agents = join(fixtures, 'platforms-agents.json');
const alert = (agent: string) =>
  `${JSON.stringify({ timestamp: '2024-05-01T10:00:00.000+0000', rule: { level: 10, id: '100100', groups: ['test'] }, agent: { id: agent, name: 'x' }, id: '1714557600.1', data: { srcip: '198.51.100.7' }, location: 'EventChannel' })}\n`;
const ABSENT = 'does not have: execd found no such file in active-response/bin ("Active response command not present") and runs nothing';

test('simulate: the fired row names the hosts without the program', () => {
  const out = simulateJson(['-', '--file', config, '--agents', agents], alert('002'));
  const [server, all, local] = out.alerts[0]!.responses;
  assert.deepEqual([server!.fired, all!.fired, local!.fired], [true, true, true]);
  assert.equal(server!.detail, `'netsh.exe' is a Windows program, which the manager (Linux) ${ABSENT}`);
  // 004 has no os in --agents: not named.
  assert.deepEqual(all!.targets, ['001', '002', '003', '004']);
  assert.equal(all!.detail, `'netsh.exe' is a Windows program, which agent 001 (Ubuntu 22.04), agent 003 (macOS 14.4) ${ABSENT.replace('does not', 'do not')}`);
  assert.equal(local!.detail, `'firewall-drop' is a Linux/Unix program, which agent 002 (Microsoft Windows Server 2019 Datacenter 10.0.17763) ${ABSENT}`);
  // Without --agents only the manager is known.
  const bare = simulateJson(['-', '--file', config], alert('002'));
  assert.deepEqual(bare.alerts[0]!.responses.map((r) => r.detail !== undefined), [true, false, false]);
});

test('timeline: those hosts fail (nothing runs), the others add', () => {
  const r = runArctl(['simulate', '-', '--file', config, '--agents', agents, '--timeline', '--format', 'json'], { input: alert('002') });
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { host: string; action: string; command: string; reason?: string });
  assert.deepEqual(events.map((e) => `${e.command} ${e.host} ${e.action}`).sort(), [
    'firewall-drop 002 fail',
    'netsh 000 fail',
    'netsh 001 fail',
    'netsh 002 add',
    'netsh 003 fail',
    'netsh 004 add',
  ]);
  assert.equal(events.find((e) => e.command === 'netsh' && e.host === '000')!.reason, `'netsh.exe' is a Windows program, which the manager (Linux) ${ABSENT}`);
});

test("restart-wazuh (no .exe) under another AR name than restart-wazuh0 is absent on Windows agents (wazuh-installer.wxs:379-388 ships restart-wazuh.exe)", () => {
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>restart-wazuh</name>\n    <executable>restart-wazuh</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>restart-wazuh</command>\n    <location>local</location>\n    <rules_id>100100</rules_id>\n    <timeout>60</timeout>\n  </active-response>\n  <active-response>\n    <command>restart-wazuh</command>\n    <location>local</location>\n    <rules_id>100100</rules_id>\n  </active-response>\n</ossec_config>\n');
  const [timed, zero] = simulateJson(['-', '--file', conf, '--agents', agents], alert('002')).alerts[0]!.responses;
  assert.equal(timed!.detail, `'restart-wazuh' is a Linux/Unix program, which agent 002 (Microsoft Windows Server 2019 Datacenter 10.0.17763) ${ABSENT}`);
  // restart-wazuh0: ar.conf maps it to the agent's restart-wazuh.exe.
  assert.equal(zero!.detail, undefined);
  assert.equal(simulateJson(['-', '--file', conf, '--agents', agents], alert('001')).alerts[0]!.responses[0]!.detail, undefined);
});

test('a custom program named like a Windows one (block.ps1) is taken to be there, as any custom program: a Linux execd runs whatever file bears the name', () => {
  // wpopenv execvp's active-response/bin/NAME (src/shared/exec_op.c:270): a script with a '#!' line runs whatever its suffix.
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>block-ps</name>\n    <executable>block.ps1</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>block-ps</command>\n    <location>server</location>\n    <rules_id>100100</rules_id>\n    <timeout>60</timeout>\n  </active-response>\n  <active-response>\n    <command>block-ps</command>\n    <location>all</location>\n    <rules_id>100100</rules_id>\n    <timeout>60</timeout>\n  </active-response>\n</ossec_config>\n');
  const [server, all] = simulateJson(['-', '--file', conf, '--agents', agents], alert('002')).alerts[0]!.responses;
  assert.deepEqual([server!.fired, server!.detail, all!.fired, all!.detail], [true, undefined, true, undefined]);
  const r = runArctl(['simulate', '-', '--file', conf, '--agents', agents, '--timeline', '--format', 'json'], { input: alert('002') });
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { host: string; action: string });
  assert.deepEqual(events.map((e) => `${e.host} ${e.action}`).sort(), ['000 add', '001 add', '002 add', '003 add', '004 add']);
});
