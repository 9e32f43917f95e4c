/**
 * The pre-4.2 execd (v4.1.5 src/os_execd/execd.c:517-650, as in 3.x) keys its list on the program and the srcip
 * argument and, for a key already listed, runs nothing whatever the message's timeout: it resets the entry's time
 * of addition and keeps its timeout, which only repeated offenders change (and only for a srcip argument, not
 * '-'). The 4.2+ execd runs a timeout-0 message anyway and takes a repeat's own timeout. Through the built CLI,
 * on a 4.1 manager and on a 4.1 agent under a 4.14 manager (--agents).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

function config(program: string, repeated = ''): string {
  return `<ossec_config>
  <command>
    <name>drop</name>
    <executable>${program}</executable>
    <expect>srcip</expect>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>drop-now</name>
    <executable>${program}</executable>
    <expect>srcip</expect>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>drop-long</name>
    <executable>${program}</executable>
    <expect>srcip</expect>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>lock</name>
    <executable>disable-account.sh</executable>
    <expect>user</expect>
    <timeout_allowed>yes</timeout_allowed>
  </command>${repeated}
  <active-response>
    <command>drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>drop-now</command>
    <location>local</location>
    <rules_id>5720</rules_id>
  </active-response>
  <active-response>
    <command>drop-long</command>
    <location>local</location>
    <rules_id>5763</rules_id>
    <timeout>3600</timeout>
  </active-response>
  <active-response>
    <command>lock</command>
    <location>local</location>
    <rules_id>5503</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;
}

const T0 = Date.parse('2025-03-01T10:00:00Z') / 1000;

function alerts(entries: Array<[number, string, Record<string, string>]>): string {
  return `${entries
    .map(([seconds, rule, data], i) => {
      const timestamp = new Date((T0 + seconds) * 1000).toISOString().replace('Z', '+0000');
      return JSON.stringify({ timestamp, rule: { level: 10, id: rule, groups: ['sshd'] }, agent: { id: '001', name: 'web1', ip: '10.1.1.1' }, id: `a${i + 1}`, data, location: '/var/log/auth.log' });
    })
    .join('\n')}\n`;
}

function timeline(conf: string, entries: Array<[number, string, Record<string, string>]>, extra: string[], files: Record<string, string> = {}): string[] {
  const dir = tempFiles({ 'ossec.conf': conf, 'alerts.json': alerts(entries), ...files });
  const r = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline', '--format', 'json', '--at', '2025-03-01T13:00:00Z', ...extra.map((a) => a.replace('DIR', dir))]);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  events.pop();
  return events.map((e) => `+${Date.parse(String(e.time)) / 1000 - T0} ${e.host} ${e.action} ${e.command} ${e.key} ${e.timeout} #${e.offense}`);
}

const IP = { srcip: '203.0.113.5' };
const SEQUENCE: Array<[number, string, Record<string, string>]> = [
  [0, '5712', IP],
  [300, '5720', IP],
  [400, '5763', IP],
];

test('a 4.1 manager: a timeout-0 message and a longer repeat of a listed key run nothing and keep its 600 s', () => {
  assert.deepEqual(timeline(config('firewall-drop.sh'), SEQUENCE, ['--target-version', '4.1']), [
    '+0 001 add drop firewall-drop.sh-203.0.113.5 600 #0',
    '+300 001 abort drop-now firewall-drop.sh-203.0.113.5 600 #0',
    '+400 001 abort drop-long firewall-drop.sh-203.0.113.5 600 #0',
    '+1001 001 delete drop firewall-drop.sh-203.0.113.5 600 #0',
  ]);
  // The 4.2+ execd, same order of messages: the timeout-0 one runs, the repeat takes its own 3600 s.
  assert.deepEqual(timeline(config('firewall-drop'), SEQUENCE, []), [
    '+0 001 add drop firewall-drop-203.0.113.5 600 #0',
    '+300 001 add drop-now firewall-drop-203.0.113.5 0 #0',
    '+400 001 abort drop-long firewall-drop-203.0.113.5 3600 #0',
    '+4001 001 delete drop firewall-drop-203.0.113.5 3600 #0',
  ]);
});

test('a 4.1 agent under a 4.14 manager (--agents) runs the legacy execd; repeats with srcip "-" are not counted', () => {
  const agents = JSON.stringify([{ id: '001', name: 'web1', ip: '10.1.1.1', os: 'Ubuntu 20.04', version: 'Wazuh v4.1.5', status: 'active' }]);
  const repeated = '\n  <active-response>\n    <repeated_offenders>30,60</repeated_offenders>\n  </active-response>';
  const agentConf = `<ossec_config>${repeated}\n</ossec_config>\n`;
  const events = timeline(config('firewall-drop.sh', repeated), [...SEQUENCE, [500, '5503', { dstuser: 'alice' }], [520, '5503', { dstuser: 'bob' }]], ['--agents', 'DIR/agents.json', '--agent-config', 'DIR/agent.conf'], {
    'agents.json': agents,
    'agent.conf': agentConf,
  });
  assert.deepEqual(events, [
    // The 4.1 agent runs firewall-drop.sh, keyed on the srcip argument (old-agents.ts); a timeout-0 repeat counts too.
    '+0 001 add drop firewall-drop.sh-203.0.113.5 600 #0',
    '+300 001 abort drop-now firewall-drop.sh-203.0.113.5 1800 #1',
    // Each repeat counts with repeated offenders: 30 minutes, then 60.
    '+400 001 abort drop-long firewall-drop.sh-203.0.113.5 3600 #2',
    // disable-account.sh has no srcip argument: both users share the key '-', and the repeat is not counted.
    '+500 001 add lock disable-account.sh-- 600 #0',
    '+520 001 abort lock disable-account.sh-- 600 #0',
    '+1121 001 delete lock disable-account.sh-- 600 #0',
    '+4001 001 delete drop firewall-drop.sh-203.0.113.5 3600 #2',
  ]);
});
