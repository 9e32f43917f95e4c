/**
 * host-deny matches hosts.deny lines by the srcip as text (v4.14.7 host-deny.c:110-121 and :183-195, strstr):
 * an add writes nothing when another address's line contains the srcip ("IP ... already exists"), and a delete
 * removes every line containing it. The timeline says so on the add and the delete; execd's entries are as
 * before. A timeout-0 host-deny (never deleted) meets the same add. Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

function config(timeout: number): string {
  return `<ossec_config>
  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>host-deny</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>${timeout}</timeout>
  </active-response>
</ossec_config>
`;
}

const T0 = Date.parse('2025-03-01T10:00:00Z') / 1000;

function alerts(entries: Array<[number, string]>): string {
  return `${entries
    .map(([seconds, srcip], i) => {
      const timestamp = new Date((T0 + seconds) * 1000).toISOString().replace('Z', '+0000');
      return JSON.stringify({ timestamp, rule: { level: 10, id: '5712', groups: ['sshd'] }, agent: { id: '001', name: 'web1' }, id: `a${i + 1}`, data: { srcip }, location: '/var/log/auth.log' });
    })
    .join('\n')}\n`;
}

function timeline(timeout: number, entries: Array<[number, string]>): string[] {
  const dir = tempFiles({ 'ossec.conf': config(timeout), 'alerts.json': alerts(entries) });
  const r = runArctl(['simulate', '--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json'), '--timeline', '--format', 'json', '--at', '2025-03-01T11:00:00Z']);
  assert.equal(r.status, 0, r.stderr);
  const events = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  events.pop();
  return events.map((e) => `+${Date.parse(String(e.time)) / 1000 - T0} ${e.action} ${e.key}${e.note ? `: ${e.note}` : ''}`);
}

test('an address inside another listed one is not written, and a delete takes the longer address\'s line', () => {
  assert.deepEqual(
    timeline(600, [
      [0, '203.0.113.50'],
      [10, '203.0.113.5'],
      [20, '198.51.100.7'],
      [30, '198.51.100.77'],
    ]),
    [
      '+0 add host-deny-203.0.113.50',
      `+10 add host-deny-203.0.113.5: host-deny writes nothing: the hosts.deny line of 203.0.113.50 (ALL:203.0.113.50) already holds '203.0.113.5' as text ("IP 203.0.113.5 already exists"), so 203.0.113.5 is not blocked`,
      '+20 add host-deny-198.51.100.7',
      '+30 add host-deny-198.51.100.77',
      '+601 delete host-deny-203.0.113.50',
      // 203.0.113.5 was never written: its delete finds no line (the longer one went at +601).
      '+611 delete host-deny-203.0.113.5',
      `+621 delete host-deny-198.51.100.7: host-deny removes every hosts.deny line that holds '198.51.100.7' as text: ALL:198.51.100.77 too, so 198.51.100.77 is no longer blocked`,
      '+631 delete host-deny-198.51.100.77',
    ],
  );
});

test('timeout 0: every alert runs the add; the same address again says nothing, a contained one is not written', () => {
  assert.deepEqual(timeline(0, [
    [0, '10.20.30.40'],
    [10, '10.20.30.40'],
    [20, '10.20.30.4'],
  ]), [
    '+0 add host-deny-10.20.30.40',
    '+10 add host-deny-10.20.30.40',
    `+20 add host-deny-10.20.30.4: host-deny writes nothing: the hosts.deny line of 10.20.30.40 (ALL:10.20.30.40) already holds '10.20.30.4' as text ("IP 10.20.30.4 already exists"), so 10.20.30.4 is not blocked`,
  ]);
});

test('an IPv6 srcip: host-deny\'s ALL:<address> line is split at its colons by TCP wrappers, said by simulate and the timeline', () => {
  const dir = tempFiles({ 'ossec.conf': config(600), 'alerts.json': alerts([[0, '2001:db8::7'], [5, '::ffff:203.0.113.9'], [10, '203.0.113.10']]) });
  const args = ['--file', join(dir, 'ossec.conf'), join(dir, 'alerts.json')];
  const details = simulateJson(args).alerts.map((a) => a.responses[0]!.detail);
  assert.deepEqual(details, [
    "host-deny writes 'ALL:2001:db8::7', whose fields TCP wrappers split at colons (an IPv6 address there must be in brackets, [2001:db8::7]): the line names client '2001', so 2001:db8::7 is not denied",
    "host-deny writes 'ALL:::ffff:203.0.113.9', whose fields TCP wrappers split at colons (an IPv6 address there must be in brackets, [::ffff:203.0.113.9]): the line names no client, so ::ffff:203.0.113.9 is not denied",
    undefined,
  ]);
  assert.match(timeline(600, [[0, '2001:db8::7']])[0]!, /^\+0 add host-deny-2001:db8::7: host-deny writes 'ALL:2001:db8::7'/);
});
