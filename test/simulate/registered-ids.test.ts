/**
 * An agent client.keys registers under an id that is not three digits ('3', '0002') gets no response from a
 * 4.2+ manager: analysisd sends to `%.3d` of the number (src/analysisd/alerts/exec.c:112,202) and remoted
 * looks the string up as written (keys.c OS_IsAllowedID; sendmsg.c:79-86 "(1320): Agent '003' not found.").
 * The alert of such an agent carries agent.id '3' as remoted wrote it, so a local response to it goes nowhere
 * even without --agents. Below 4.2 a defined agent's <agent_id> is sent as written instead. Through the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { parseClientKeys } from '../../src/config/inputs.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>1</agent_id>
    <rules_id>5712</rules_id>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`;

const KEYS = '001 web1 any 0123456789abcdef\n0002 db1 any 0123456789abcdef\n3 mail any 0123456789abcdef\n';
const alert = (id: string) =>
  JSON.stringify({
    timestamp: '2024-05-01T10:00:00.000+0000',
    rule: { level: 10, id: '5712', groups: ['sshd'] },
    agent: { id, name: 'mail' },
    id: '1714557600.1',
    data: { srcip: '203.0.113.9' },
    location: '/var/log/auth.log',
  });
const NOT_FOUND = (id: string) => `remoted looks agents up by the id string as registered (keys.c OS_IsAllowedID), logs "(1320): Agent '${id}' not found." and nothing runs`;

const dir = tempFiles({ 'ossec.conf': CONFIG, 'client.keys': KEYS, 'three.json': alert('3'), 'number.json': alert(3 as unknown as string), 'padded.json': alert('003'), 'zero.json': alert('0'), 'manager.json': alert('000') });
const file = ['--file', join(dir, 'ossec.conf')];
const keys = ['--agents', join(dir, 'client.keys')];

test('client.keys keeps an id that is not three digits as remoted knows it', () => {
  assert.deepEqual(
    parseClientKeys(KEYS, 'k').map((a) => [a.id, a.keyId]),
    [['001', undefined], ['0002', '0002'], ['003', '3']],
  );
});

test("4.14: a local response to agent.id '3' goes to '003', which remoted does not find; '003' and '000' are found", () => {
  const [local, defined, all] = simulateJson([...file, join(dir, 'three.json')]).alerts[0]!.responses;
  assert.deepEqual([local!.fired, local!.targets, local!.detail], [true, ['003'], `the alert's agent.id '3' is the id remoted registered the agent under, but analysisd sends the response to '003' (%.3d): ${NOT_FOUND('003')}`]);
  // <agent_id>1</agent_id> is sent as 001 from 4.2 on: no note without --agents.
  assert.deepEqual([defined!.targets, defined!.detail], [['001'], undefined]);
  assert.deepEqual([all!.targets, all!.detail], [['all'], undefined]);
  assert.equal(simulateJson([...file, join(dir, 'padded.json')]).alerts[0]!.responses[0]!.detail, undefined);
  // A number is hand-written (analysisd writes the id as text): agent 003.
  assert.equal(simulateJson([...file, join(dir, 'number.json')]).alerts[0]!.responses[0]!.detail, undefined);
  // agent.id '000' is the manager's own (strcmp with "000", exec.c:75); '0' goes through remoted, which has no '000'.
  assert.equal(simulateJson([...file, join(dir, 'manager.json')]).alerts[0]!.responses[0]!.detail, undefined);
  assert.match(simulateJson([...file, join(dir, 'zero.json')]).alerts[0]!.responses[0]!.detail!, /agent\.id '0' .*"\(1320\): Agent '000' not found\."/);
});

test('4.14 with --agents: location all reaches 001 only; the timeline fails 002 and 003', () => {
  const [, defined, all] = simulateJson([...file, ...keys, join(dir, 'padded.json')]).alerts[0]!.responses;
  assert.equal(defined!.detail, undefined);
  assert.deepEqual(all!.targets, ['001', '002', '003']);
  assert.equal(all!.detail, `client.keys (--agents) registers agent 002 as '0002', but analysisd sends the response to '002' (%.3d): ${NOT_FOUND('002')} (and 1 more agent(s) remoted does not reach so)`);
  const timeline = runArctl(['simulate', ...file, ...keys, '--timeline', join(dir, 'padded.json')]);
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.match(timeline.stdout, /agent 002 +fail +firewall-drop: client\.keys \(--agents\) registers agent 002 as '0002'/);
  assert.match(timeline.stdout, /agent 003 +fail +firewall-drop: client\.keys \(--agents\) registers agent 003 as '3'/);
  assert.match(timeline.stdout, /agent 001 +add +firewall-drop-203\.0\.113\.9/);
});

test("4.1: <agent_id>1</agent_id> is sent as '1', which remoted does not find; local and all are found by name and by remoted's keys", () => {
  const [local, defined, all] = simulateJson(['--target-version', '4.1', ...file, ...keys, join(dir, 'three.json')]).alerts[0]!.responses;
  assert.equal(local!.detail, undefined);
  assert.equal(defined!.detail, `below 4.2 analysisd sends <agent_id> '1' as written, but --agents registers agent 001 as '001': ${NOT_FOUND('1')}`);
  assert.equal(all!.detail, undefined);
  const bare = simulateJson(['--target-version', '4.1', ...file, join(dir, 'three.json')]).alerts[0]!.responses[1]!;
  assert.match(bare.detail!, /^below 4\.2 analysisd sends <agent_id> '1' as written, and agents are registered with three digits \('001'\)/);
});

test("lint says it too: below 4.2 <agent_id>1</agent_id> is sent as '1' (agent-id-format/sentAsWritten); from 4.2 it is advice", () => {
  const findings = (version: string) => {
    const out = runArctl(['lint', '--format', 'json', '--target-version', version, join(dir, 'ossec.conf')]);
    const messages = (JSON.parse(out.stdout) as Array<{ messages: Array<{ ruleId: string; messageId: string; line: number }> }>)[0]!.messages;
    return messages.filter((m) => m.ruleId === 'agent-id-format').map((m) => `${m.line}:${m.messageId}`);
  };
  assert.deepEqual(findings('4.1'), ['16:sentAsWritten']);
  assert.deepEqual(findings('4.14'), ['16:notPadded']);
});

test("lint with client.keys: <agent_id>003</agent_id> for an agent registered as '3' never runs (agent-id-unknown/registeredOtherwise)", () => {
  const conf = join(tempFiles({ 'ossec.conf': CONFIG.replace('<agent_id>1</agent_id>', '<agent_id>003</agent_id>') }), 'ossec.conf');
  const findings = (version: string) => {
    const out = runArctl(['lint', '--format', 'json', '--target-version', version, ...keys, conf]);
    const messages = (JSON.parse(out.stdout) as Array<{ messages: Array<{ ruleId: string; messageId: string; line: number; message: string }> }>)[0]!.messages;
    return messages.filter((m) => m.ruleId.startsWith('agent-id-')).map((m) => `${m.line}:${m.ruleId}/${m.messageId}`);
  };
  assert.deepEqual(findings('4.14'), ['16:agent-id-unknown/registeredOtherwise']);
  assert.deepEqual(findings('4.1'), ['16:agent-id-unknown/registeredOtherwise']);
  const out = runArctl(['lint', '--format', 'json', ...keys, conf]);
  assert.match(out.stdout, /Agent 003 is registered as '3' in client\.keys, but Wazuh 4\.14 sends the response to '003'/);
});

test('below 4.2 a defined agent --agents does not list is remoted\'s "(1320) not found", not a wazuh-db lookup', () => {
  const conf = join(tempFiles({ 'ossec.conf': CONFIG.replace('<agent_id>1</agent_id>', '<agent_id>9</agent_id>') }), 'ossec.conf');
  const detail = (version: string) => simulateJson(['--target-version', version, '--file', conf, ...keys, join(dir, 'padded.json')]).alerts[0]!.responses[1]!.detail;
  assert.equal(detail('4.1'), `agent 009 is not in --agents: remoted logs "(1320): Agent '9' not found." and nothing runs`);
  assert.equal(detail('4.14'), `agent 009 is not in --agents: analysisd logs "Failed to get agent '9' information from Wazuh DB." and sends nothing`);
});

test("client.keys with '1' and '001' both: remoted's tree holds each string, so a response sent to '001' is found", () => {
  // keys.c:76 inserts every line's id text; OS_IsAllowedID (sendmsg.c:79) finds '001' whatever line '1' is on.
  const both = join(tempFiles({ 'client.keys': '1 old any 0123456789abcdef\n001 web1 any 0123456789abcdef\n' }), 'client.keys');
  const [local, defined] = simulateJson([...file, '--agents', both, join(dir, 'padded.json')]).alerts[0]!.responses;
  assert.deepEqual([local!.targets, local!.detail], [['003'], undefined]);
  assert.deepEqual([defined!.targets, defined!.detail], [['001'], undefined]);
  // Below 4.2 <agent_id>1</agent_id> is sent as '1', which is registered too.
  assert.equal(simulateJson(['--target-version', '4.1', ...file, '--agents', both, join(dir, 'padded.json')]).alerts[0]!.responses[1]!.detail, undefined);
  // With '1' alone, 001 is still not found (as before).
  const one = join(tempFiles({ 'client.keys': '1 old any 0123456789abcdef\n' }), 'client.keys');
  assert.match(simulateJson([...file, '--agents', one, join(dir, 'padded.json')]).alerts[0]!.responses[1]!.detail!, /registers agent 001 as '1'/);
});
