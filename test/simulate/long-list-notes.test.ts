/**
 * A response at `all` with a long --agents list: each note that walks the targets (a program absent on the other
 * platform, agents below 4.2, another cluster node, "Invalid system", the stock restart program, the message
 * groups) is worked out once per target list and kept for the next alerts (src/simulate/target-memo.ts). What an
 * alert is told must not depend on the alerts before it: each alert of one run reads as the same alert run alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONF = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>netsh</name>
    <executable>netsh.exe</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>restart-wazuh</name>
    <executable>my-restart</executable>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <level>3</level>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>netsh</command>
    <location>all</location>
    <level>3</level>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>restart-wazuh</command>
    <location>all</location>
    <level>3</level>
  </active-response>
</ossec_config>
`;

/** 30,000 agents: five systems, some below 4.2 or without a version, some disconnected, two cluster nodes. */
function agents(): string {
  const systems = ['Ubuntu 22.04', 'Microsoft Windows Server 2019', 'macOS 14.2', 'CentOS Linux 7', 'FreeBSD 13'];
  return JSON.stringify(
    Array.from({ length: 30_000 }, (_, n) => {
      const i = n + 1;
      const version = i % 7 === 0 ? {} : { version: i % 13 === 0 ? 'Wazuh v4.1.5' : i % 17 === 0 ? 'Wazuh v4.2.2' : 'Wazuh v4.14.7' };
      return { id: String(i).padStart(3, '0'), name: `h${i}`, os: systems[i % 5], status: i % 11 === 0 ? 'disconnected' : 'active', ...version, ...(i % 3 === 0 ? { node_name: i % 2 ? 'master' : 'worker1' } : {}) };
    }),
  );
}

/** Alerts that differ in what the notes read: the cluster node, the srcip (kept, absent, IPv4-mapped), the agent. */
const ALERTS = [
  { node: undefined, srcip: '203.0.113.5', agent: '001' },
  { node: 'worker1', srcip: '203.0.113.5', agent: '002' },
  { node: 'master', srcip: undefined, agent: '006' },
  { node: undefined, srcip: '::ffff:10.0.0.5', agent: '001' },
  { node: 'worker1', srcip: '203.0.113.6', agent: '1' },
  { node: undefined, srcip: '203.0.113.5', agent: '001' },
].map((a, i) =>
  JSON.stringify({
    timestamp: `2024-05-01T10:00:0${i}.000+0000`,
    rule: { level: 10, id: '5712', groups: ['sshd'] },
    agent: { id: a.agent, name: 'h1' },
    ...(a.node ? { cluster: { name: 'c', node: a.node } } : {}),
    id: `1714557600.${i}`,
    full_log: `sshd[${i}]: Invalid user admin`,
    ...(a.srcip ? { data: { srcip: a.srcip } } : {}),
    location: '/var/log/auth.log',
  }),
);

const dir = tempFiles({ 'ossec.conf': CONF, 'agents.json': agents(), 'all.json': `${ALERTS.join('\n')}\n`, ...Object.fromEntries(ALERTS.map((a, i) => [`alert${i}.json`, `${a}\n`])) });

function simulate(alerts: string, format: string[]): string {
  const r = runArctl(['simulate', join(dir, alerts), '--file', join(dir, 'ossec.conf'), '--agents', join(dir, 'agents.json'), ...format], { maxBuffer: 256 * 1024 * 1024 });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('location all with 30,000 agents: every alert of one run is told what it is told when run alone (JSON and text)', () => {
  const together = (JSON.parse(simulate('all.json', ['--format', 'json'])) as { alerts: Array<Record<string, unknown>> }).alerts;
  assert.equal(together.length, ALERTS.length);
  // The notes are there to be compared: each platform, version and node note at least once.
  const details = JSON.stringify(together.map((a) => a.responses));
  for (const note of ['is a Windows program', 'is a Linux/Unix program', 'before 4.2', 'reports to node', 'Invalid system', 'execd runs its stock']) assert.ok(details.includes(note), note);
  const text = simulate('all.json', []).split('\n\nalert ');
  ALERTS.forEach((_, i) => {
    const alone = (JSON.parse(simulate(`alert${i}.json`, ['--format', 'json'])) as { alerts: Array<Record<string, unknown>> }).alerts[0]!;
    assert.deepEqual({ ...together[i], index: i, line: i + 1 }, { ...alone, index: i, line: i + 1 }, `alert ${i}`);
    // The text rows and their notes too (the header names the alert's index and line: left out).
    const rows = (block: string) => block.split('\n').slice(1).join('\n').replace(/\n\n\d+ alerts?[\s\S]*$/, '');
    assert.equal(rows(text[i]!), rows(simulate(`alert${i}.json`, [])), `alert ${i} (text)`);
  });
});
