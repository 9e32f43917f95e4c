/**
 * A stock restart program that runs on a Unix host (restart-wazuh: `wazuh-control restart`) stops that host's
 * execd, whose ExecdShutdown (v4.14.7 os_execd/execd.c:95-131) runs the delete of every entry of its timeout
 * list at once; the execd started again has an empty list and no repeat counts (repeated_hash is in memory).
 * The replay deletes that host's entries at the restart (other hosts keep theirs) and counts repeats afresh.
 * Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>restart-wazuh</name>
    <executable>restart-wazuh</executable>
  </command>
  <active-response>
    <repeated_offenders>30,60</repeated_offenders>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>server</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>restart-wazuh</command>
    <location>server</location>
    <rules_id>550</rules_id>
  </active-response>
</ossec_config>
`;

const T0 = Date.parse('2025-03-01T10:00:00Z') / 1000;

function alert(seconds: number, rule: string, id: string, srcip?: string): string {
  const timestamp = new Date((T0 + seconds) * 1000).toISOString().replace('Z', '+0000');
  return JSON.stringify({ timestamp, rule: { level: 10, id: rule, groups: ['sshd'] }, agent: { id: '001', name: 'web1' }, id, ...(srcip ? { data: { srcip } } : {}), location: '/var/log/auth.log' });
}

test('a restart-wazuh on the manager deletes its entries at once, keeps the agent\'s, and its repeat counts start again', () => {
  const lines = [alert(0, '5712', 'a1', '203.0.113.1'), alert(60, '5712', 'a2', '203.0.113.1'), alert(120, '550', 'r1'), alert(180, '5712', 'a3', '203.0.113.1')];
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alerts.json': `${lines.join('\n')}\n` });
  const r = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const summary = events.pop()!.summary as { stillActive: Array<Record<string, unknown>> };
  assert.deepEqual(
    events.map((e) => `+${Date.parse(String(e.time)) / 1000 - T0} ${e.host} ${e.action} ${e.key} ${e.timeout} #${e.offense}${e.note ? ' (note)' : ''}`),
    [
      '+0 000 add firewall-drop-203.0.113.1 600 #0',
      '+0 001 add firewall-drop-203.0.113.1 600 #0',
      // The second sighting on the manager: its repeated_offenders' first value, 30 minutes.
      '+60 000 abort firewall-drop-203.0.113.1 1800 #1',
      '+60 001 abort firewall-drop-203.0.113.1 600 #0',
      '+120 000 add restart-wazuh 0 #0',
      '+120 000 delete firewall-drop-203.0.113.1 1800 #1 (note)',
      // After the restart: a first offence again on the manager, the agent's entry still standing.
      '+180 000 add firewall-drop-203.0.113.1 600 #0',
      '+180 001 abort firewall-drop-203.0.113.1 600 #0',
    ],
  );
  assert.match(String(events[5]!.note), /^restart-wazuh \(alert r1\) restarted Wazuh on the manager: execd runs the delete of every entry of its list as it stops/);
  assert.deepEqual(summary.stillActive.map((a) => `${String(a.host)} ${String(a.key)}`).sort(), ['000 firewall-drop-203.0.113.1', '001 firewall-drop-203.0.113.1']);
  const text = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline']);
  assert.match(text.stdout, /manager +delete +firewall-drop-203\.0\.113\.1 +firewall-drop +after 60s of 1800s \(added 2025-03-01 10:01:00\) +rule 5712 alert a1\n {4}note: restart-wazuh \(alert r1\) restarted Wazuh on the manager/);
});
