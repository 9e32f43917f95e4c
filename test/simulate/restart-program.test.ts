/**
 * A command named restart-wazuh with timeout 0 (AR name restart-wazuh0) runs the host's stock restart program,
 * whatever its <executable>: analysisd writes ar.conf's first lines for restart-wazuh0 (restart-ossec.sh,
 * restart-ossec.cmd, restart-wazuh, restart-wazuh.exe; v4.14.7 src/analysisd/active-response.c:51-53) and
 * execd keeps, of the lines of one name, the first whose program its host has (src/os_execd/exec.c
 * ReadExecConfig dup_entry; GetCommandbyName returns the first entry). restart-ossec0 has only the pre-4.2
 * scripts there: a 4.2+ host runs the response's own program. Through the built CLI: the payload's program,
 * the note, the timeline's key.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const config = (name: string, executable: string) =>
  tempFile(
    'ossec.conf',
    `<ossec_config>\n  <command>\n    <name>${name}</name>\n    <executable>${executable}</executable>\n  </command>\n` +
      `  <active-response>\n    <command>${name}</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n</ossec_config>\n`,
  );
const alert = (agent: string) =>
  JSON.stringify({ timestamp: '2024-05-02T09:11:00.000+0000', id: '1714641060.1', rule: { id: '5712', level: 10 }, agent: { id: agent, name: `a${agent}` }, data: { srcip: '203.0.113.1' } });
const agents = tempFile(
  'agents.json',
  JSON.stringify([
    { id: '001', name: 'linux', status: 'active', os: 'Ubuntu 22.04', version: 'Wazuh v4.14.7' },
    { id: '002', name: 'win', status: 'active', os: 'Microsoft Windows Server 2019', version: 'Wazuh v4.14.7' },
    { id: '003', name: 'old', status: 'active', os: 'CentOS 7', version: 'Wazuh v4.1.5' },
  ]),
);

type Payload = { parameters: { program: string } };

test("restart-wazuh with its own <executable> runs the host's stock restart program: the payload says which, a note says why", () => {
  const conf = config('restart-wazuh', 'my-restart.sh');
  const runs = (agent: string) => {
    const response = simulateJson(['-', '--file', conf, '--agents', agents], alert(agent)).alerts[0]!.responses[0]!;
    assert.equal(response.fired, true);
    return [(response.payload as Payload).parameters.program, response.detail ?? ''] as const;
  };
  // The payload is the JSON line 4.2+ programs read: agent 003 (4.1.5) gets the legacy string, and runs restart-ossec.sh.
  for (const [agent, program, read] of [['001', 'restart-wazuh', 'restart-wazuh'], ['002', 'restart-wazuh.exe', 'restart-wazuh.exe'], ['003', 'restart-ossec.sh', 'restart-wazuh']] as const) {
    const [payloadProgram, detail] = runs(agent);
    assert.equal(payloadProgram, `active-response/bin/${read}`, agent);
    assert.match(detail, new RegExp(`^execd runs its stock '${program.replace('.', '\\.')}', not 'my-restart\\.sh': ar\\.conf maps restart-wazuh0 first`), agent);
  }
  // The timeline: the stock program answers no check_keys (restart-wazuh.c), so its key is the program's name.
  const alerts = tempFile('alerts.json', `${alert('001')}\n`);
  const timeline = runArctl(['simulate', alerts, '--file', conf, '--timeline']);
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.match(timeline.stdout, /agent 001 {3}add {5}restart-wazuh {2}restart-wazuh {2}no timeout/);
  assert.doesNotMatch(timeline.stdout, /my-restart/);
});

test('restart-wazuh with the pre-4.2 restart-ossec.sh runs restart-wazuh on a 4.2+ host: not "runs nothing"', () => {
  const conf = config('restart-wazuh', 'restart-ossec.sh');
  const response = simulateJson(['-', '--file', conf], alert('001')).alerts[0]!.responses[0]!;
  assert.equal((response.payload as Payload).parameters.program, 'active-response/bin/restart-wazuh');
  assert.equal(response.detail, undefined);
  const timeline = runArctl(['simulate', tempFile('alerts.json', `${alert('001')}\n`), '--file', conf, '--timeline']);
  assert.match(timeline.stdout, /agent 001 {3}add {5}restart-wazuh /);
});

test('restart-ossec (timeout 0) runs its own program on a 4.2+ host, the stock restart-ossec.sh below 4.2', () => {
  const conf = config('restart-ossec', 'my-restart.sh');
  const modern = simulateJson(['-', '--file', conf, '--agents', agents], alert('001')).alerts[0]!.responses[0]!;
  assert.equal((modern.payload as Payload).parameters.program, 'active-response/bin/my-restart.sh');
  assert.equal(modern.detail, undefined);
  const old = simulateJson(['-', '--file', conf, '--agents', agents], alert('003')).alerts[0]!.responses[0]!;
  assert.match(old.detail ?? '', /^execd runs its stock 'restart-ossec\.sh', not 'my-restart\.sh'/);
});

test('a 4.0 or 4.1 manager writes no restart-wazuh0 lines (analysisd/active-response.c:51 of v4.1.5): the response runs its own program', () => {
  const conf = config('restart-wazuh', 'my-restart.sh');
  const argv = (version: string) => {
    const response = simulateJson(['-', '--file', conf, '--target-version', version], alert('001')).alerts[0]!.responses[0]!;
    return [(response.payload as { argv: string[] }).argv[0], response.detail] as const;
  };
  assert.deepEqual(argv('4.1'), ['active-response/bin/my-restart.sh', undefined]);
  assert.deepEqual(argv('4.0'), ['active-response/bin/my-restart.sh', undefined]);
});

test("below 4.2 restart-wazuh0 is not in ar.conf, so its own program must exist on the host: restart-wazuh.exe on Linux, restart-wazuh on a 4.1 agent", () => {
  const note = (executable: string, agent: string, version: string) =>
    simulateJson(['-', '--file', config('restart-wazuh', executable), '--agents', agents, '--target-version', version], alert(agent)).alerts[0]!.responses[0]!.detail;
  // 4.14 maps restart-wazuh0 to the host's stock restart program: nothing is absent (and no note for a stock name).
  assert.equal(note('restart-wazuh.exe', '001', '4.14'), undefined);
  assert.equal(note('restart-wazuh', '003', '4.14'), undefined);
  // 4.1: the response's own line decides (v4.1.0 active-response.c writes the restart-ossec0 lines only).
  assert.match(note('restart-wazuh.exe', '001', '4.1') ?? '', /^'restart-wazuh\.exe' is a Windows program, which agent 001 \(Ubuntu 22\.04\) does not have/);
  assert.equal(note('restart-wazuh', '003', '4.1'), `agent 003 runs 'Wazuh v4.1.5' (before 4.2), whose active-response/bin has 'restart-ossec.sh', not 'restart-wazuh': its execd runs nothing ("Active response command not present")`);
  const timeline = runArctl(['simulate', tempFile('alerts.json', `${alert('003')}\n`), '--file', config('restart-wazuh', 'restart-wazuh'), '--agents', agents, '--target-version', '4.1', '--timeline']);
  assert.match(timeline.stdout, /agent 003 +fail +restart-wazuh: agent 003 runs 'Wazuh v4\.1\.5' \(before 4\.2\)/);
});

test("the timeline keys a restart-wazuh0 by the program the host runs (execd.c:318 basename): restart-wazuh.exe on Windows, restart-ossec.sh below 4.2", () => {
  const alerts = tempFile('alerts.json', ['001', '002', '003'].map((a) => `${alert(a)}\n`).join(''));
  const timeline = runArctl(['simulate', alerts, '--file', config('restart-wazuh', 'restart-wazuh'), '--agents', agents, '--timeline', '--format', 'json']);
  assert.equal(timeline.status, 0, timeline.stderr);
  const keys = timeline.stdout.trim().split('\n').map((l) => JSON.parse(l) as { host?: string; key?: string }).filter((e) => e.key !== undefined).map((e) => `${e.host}:${e.key}`);
  assert.deepEqual(keys.sort(), ['001:restart-wazuh', '002:restart-wazuh.exe', '003:restart-ossec.sh-203.0.113.1']);
});

test('lint agrees: restart-wazuh.exe as restart-wazuh0 on the manager is no platform mismatch from 4.2 (ar.conf maps it), one below 4.2', () => {
  const conf = tempFile('ossec.conf', '<ossec_config>\n  <command>\n    <name>restart-wazuh</name>\n    <executable>restart-wazuh.exe</executable>\n  </command>\n  <active-response>\n    <command>restart-wazuh</command>\n    <location>server</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n</ossec_config>\n');
  const mismatches = (version: string) => {
    const out = runArctl(['lint', '--format', 'json', '--target-version', version, conf]);
    return (JSON.parse(out.stdout) as Array<{ messages: Array<{ ruleId: string; messageId: string }> }>)[0]!.messages.filter((m) => m.ruleId === 'platform-mismatch').map((m) => m.messageId);
  };
  assert.deepEqual(mismatches('4.14'), []);
  assert.deepEqual(mismatches('4.1'), ['manager']);
});
