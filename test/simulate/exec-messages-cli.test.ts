/**
 * What analysisd sends for a fired response, byte for byte, through the spawned CLI (`simulate --agents
 * --format json`): details the exec oracle (scripts/oracle/exec-cases.ts, Wazuh v4.14.7's OS_Exec and
 * getActiveResponseInJSON compiled unchanged) found arctl wrong on.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl, simulateJson, type SimulatedResponse } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const AGENTS = JSON.stringify([
  { id: '000', name: 'manager', status: 'active', version: 'Wazuh v4.14.7' },
  { id: '001', name: 'web', status: 'active', version: 'Wazuh v4.14.7' },
]);

function conf(cluster: string): string {
  return `<ossec_config>
${cluster}  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`;
}

const alert = (extra: Record<string, unknown> = {}) =>
  JSON.stringify({ timestamp: '2024-05-02T09:11:00.000+0000', rule: { level: 10, description: 'sshd: brute force', id: '5712', firedtimes: 1, mail: false, groups: ['sshd'], ...extra }, agent: { id: '001', name: 'web', ip: '10.0.0.1' }, id: '1714641240.1', data: { srcip: '203.0.113.9' }, location: '/var/log/auth.log' });

/** The one response of conf() for one alert, and its message to agent 001. */
function simulate(cluster: string, alertLine: string): { response: SimulatedResponse; message: string } {
  const dir = tempFiles({ 'ossec.conf': conf(cluster), 'agents.json': AGENTS, 'alerts.json': `${alertLine}\n` });
  const out = simulateJson([`${dir}/alerts.json`, '--file', `${dir}/ossec.conf`, '--agents', `${dir}/agents.json`]);
  const response = out.alerts[0]!.responses[0]!;
  assert.equal(response.fired, true);
  const messages = (response as SimulatedResponse & { agentMessages: Array<{ agents: string[]; message: string }> }).agentMessages;
  const message = messages.find((m) => m.agents.includes('001'))!.message;
  return { response, message };
}

test('origin.name without <cluster><node_name> is "undefined", as get_node_name (cluster_utils.c) falls back to', () => {
  const none = simulate('', alert());
  assert.equal((JSON.parse(none.message) as { origin: { name: string } }).origin.name, 'undefined');
  assert.equal(none.response.payload?.origin?.name, 'undefined');
  // The first node_name as written (an empty one analysisd refuses: "Node name is empty in configuration").
  const named = simulate('  <cluster>\n    <node_name>master-1</node_name>\n  </cluster>\n', alert());
  assert.ok(named.message.startsWith('{"version":1,"origin":{"name":"master-1","module":"wazuh-analysisd"},'));
});

test('the alert inside the message has its numbers as cJSON prints them (ar_json.c parses the alert and prints it again)', () => {
  // alerts.json itself comes from cJSON, so such numbers arrive in this form; JSON.stringify would write 1e16
  // as 10000000000000000 and 1.5e-07 as 1.5e-7.
  const line = alert({ score: 1.5e-7, big: 1e16 }).replace('"score":1.5e-7', '"score":1.5e-07').replace('"big":10000000000000000', '"big":1e+16');
  const { message } = simulate('', line);
  assert.ok(message.includes(',"score":1.5e-07,"big":1e+16},'), message);
  const text = runArctl(['simulate', '-', '--file', tempFiles({ 'ossec.conf': conf('') }) + '/ossec.conf', '--payload'], { input: `${line}\n` });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /payload \{"version":1,.*"score":1\.5e-07,"big":1e\+16\}/);
});

test('a JSON message over what the queues carry is cut at OS_MAXSTR and execd runs nothing, which the fired row says', () => {
  const long = JSON.parse(alert()) as Record<string, unknown>;
  long.full_log = `big ${'z'.repeat(66_000)}`;
  const { response, message } = simulate('', JSON.stringify(long));
  // getActiveResponseInJSON: strncpy(temp_msg, msg, OS_MAXSTR).
  assert.equal(Buffer.byteLength(message, 'utf8'), 65536);
  assert.match(response.detail ?? '', /execd runs nothing for this alert: the message analysisd sends agent 001 \(\d+ bytes\) is over the 65533 bytes its queue carries whole \(OS_MAXSTR\), so it arrives cut and execd refuses it: \(1315\): Invalid JSON message/);
  // 65000 bytes of log: the message is whole and the row says nothing of it.
  long.full_log = 'z'.repeat(65_000);
  const whole = simulate('', JSON.stringify(long));
  assert.equal(whole.response.detail, undefined);
  assert.ok(whole.message.endsWith('}}}'));
});

test("a message that arrives whole can still be too long for the program: execd's line is longer than the 65535 bytes it reads, or its \"continue\" is cut", () => {
  // The manager's execd reads 65534 bytes (the message arrives whole), then writes the program the message
  // with command "add", module "wazuh-execd" and parameters.program (execd.c:281-285): 29 bytes longer for
  // firewall-drop600. The program reads a line with fgets(input, OS_MAXSTR) (active_responses.c:62, 117).
  const manager = conf('').replace('<location>local</location>', '<location>server</location>').replace('<rules_id>5712</rules_id>', '<rules_id>5712</rules_id>\n    <timeout>600</timeout>');
  const withLine = (bytes: number, n: number): string => {
    const a = JSON.parse(alert()) as Record<string, unknown>;
    a.id = `1714641240.${n}`;
    a.timestamp = `2024-05-02T09:1${n}:00.000+0000`;
    a.full_log = '';
    // The line execd writes: the alert inside {"version":1,...,"parameters":{"extra_args":[],"alert":...,"program":"..."}}.
    const frame = '{"version":1,"origin":{"name":"undefined","module":"wazuh-execd"},"command":"add","parameters":{"extra_args":[],"alert":,"program":"active-response/bin/firewall-drop"}}';
    a.full_log = 'L'.repeat(bytes - frame.length - JSON.stringify(a).length);
    return JSON.stringify(a);
  };
  const lines = [65530, 65531, 65535, 65536, 65563].map((bytes, n) => withLine(bytes, n));
  const dir = tempFiles({ 'ossec.conf': manager, 'alerts.json': `${lines.join('\n')}\n` });
  const out = simulateJson([`${dir}/alerts.json`, '--file', `${dir}/ossec.conf`]);
  const details = out.alerts.map((a) => a.responses[0]!.detail);
  assert.equal(details[0], undefined);
  for (const [i, bytes] of [[1, 65531], [2, 65535]] as const) {
    assert.equal(details[i], `firewall-drop does nothing for this alert on the manager (${bytes} bytes): execd keeps its key, but after the ${bytes}-byte line execd writes the program, its read of the "continue" that follows (fgets into OS_MAXSTR, 65535 bytes) is cut, so it logs "Invalid input format" and exits`);
  }
  for (const [i, bytes] of [[3, 65536], [4, 65563]] as const) {
    assert.equal(details[i], `firewall-drop does nothing for this alert on the manager (${bytes} bytes): the line execd writes the program (${bytes} bytes) is longer than the 65535 it reads (fgets into OS_MAXSTR), so it logs "Invalid input format" and exits before check_keys: execd keeps nothing`);
  }
  // The timeline: execd keeps the key of the first three (the third one an abort: the same srcip), not of the last two.
  const t = runArctl(['simulate', `${dir}/alerts.json`, '--file', `${dir}/ossec.conf`, '--timeline', '--format', 'json']);
  assert.equal(t.status, 0, t.stderr);
  const events = t.stdout.trim().split('\n').slice(0, -1).map((l) => JSON.parse(l) as { action: string; alert: string; reason?: string });
  assert.deepEqual(events.map((e) => [e.action, e.alert]), [
    ['add', '1714641240.0'],
    ['abort', '1714641240.1'],
    ['abort', '1714641240.2'],
    ['fail', '1714641240.3'],
    ['fail', '1714641240.4'],
  ]);
  assert.match(events[3]!.reason ?? '', /^the line execd writes the program \(65536 bytes\) is longer than the 65535 it reads/);
});

test('defined-agent with a negative agent_id (the reader discards only 0) sends nothing, with or without --agents', () => {
  const blocks = ['-1', '-2', ' -07x'].map((id) => `  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>${id}</agent_id>\n    <rules_id>5712</rules_id>\n  </active-response>\n`);
  const dir = tempFiles({ 'ossec.conf': conf('').replace('</ossec_config>', `${blocks.join('')}</ossec_config>`), 'agents.json': AGENTS });
  for (const withAgents of [false, true]) {
    const out = simulateJson(['-', '--file', `${dir}/ossec.conf`, ...(withAgents ? ['--agents', `${dir}/agents.json`] : [])], `${alert()}\n`);
    const [, minusOne, minusTwo, minusSeven] = out.alerts[0]!.responses;
    assert.deepEqual([minusOne, minusTwo, minusSeven].map((r) => r!.reason), ['no-target', 'no-target', 'no-target']);
    assert.match(minusOne!.detail ?? '', /agent_id '-1' reads as -1, and no agent has a negative id: analysisd logs "Unable to get agent ID\." \(-1 is OS_INVALID\) and nothing runs/);
    assert.match(minusTwo!.detail ?? '', /analysisd logs "Failed to get agent '-2' information from Wazuh DB\."/);
    assert.match(minusSeven!.detail ?? '', /agent_id ' -07x' reads as -7/);
  }
});
