/**
 * Two commands whose AR names collide (`block` with timeout 10 and `block1` with none are both 'block10'):
 * analysisd writes both ar.conf lines (config/active-response.c:240-259) and sends 'block10' for each, and
 * execd keeps the first line of a name (os_execd/exec.c:125-143 ReadExecConfig, GetCommandbyName), its program
 * and its timeout. So the second block runs the first one's program with the first one's timeout: simulate
 * says so on its row, and --timeline replays it as that program (the same key: an abort). Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>block</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>block1</name>
    <executable>host-deny</executable>
    <timeout_allowed>no</timeout_allowed>
  </command>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>block</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>10</timeout>
  </active-response>
  <active-response>
    <command>block1</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
  <active-response>
    <command>notify</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`;

const ALERT = JSON.stringify({
  timestamp: '2025-03-01T10:00:00.000+0000',
  rule: { level: 10, id: '5712', groups: ['sshd'] },
  agent: { id: '001', name: 'web1' },
  id: 'a1',
  data: { srcip: '203.0.113.9' },
  location: '/var/log/auth.log',
});

function files(): string[] {
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alert.json': `${ALERT}\n` });
  return ['--file', join(dir, 'ossec.conf'), join(dir, 'alert.json')];
}

test('the second of two colliding AR names runs the first line\'s program and timeout; one command twice is no collision', () => {
  const responses = simulateJson(files()).alerts[0]!.responses;
  assert.deepEqual(
    responses.map((r) => [r.command, r.fired, r.detail]),
    [
      ['block', true, undefined],
      [
        'block1',
        true,
        "ar.conf names it 'block10', as it names the block at line 16 (command 'block'), whose line comes first: execd runs that line's 'firewall-drop' with timeout 10s (os_execd/exec.c:125-143 ReadExecConfig, GetCommandbyName), not 'host-deny'; rename one command so the names differ",
      ],
      ['notify', true, undefined],
      ['notify', true, undefined],
    ],
  );
  // execd adds the program's path to the message it writes the program: the first line's.
  assert.equal((responses[1]!.payload as { parameters: { program: string } }).parameters.program, 'active-response/bin/firewall-drop');
});

test('--timeline: the second message of the name is firewall-drop again, an abort of the same key', () => {
  const r = runArctl(['simulate', ...files(), '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  events.pop();
  assert.deepEqual(
    events.map((e) => `${e.host} ${e.action} ${e.command} ${e.key} ${e.timeout}`),
    ['001 add block firewall-drop-203.0.113.9 10', '001 abort block1 firewall-drop-203.0.113.9 10', '001 add notify notify.sh-203.0.113.9 0', '000 add notify notify.sh-203.0.113.9 0'],
  );
});
