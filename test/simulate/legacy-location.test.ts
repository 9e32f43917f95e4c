/**
 * The location argument of the legacy (pre-4.2) message is analysisd's lf->location, `(name) ADDRESS->file`
 * with the agent's client.keys address that remoted writes (src/remoted/secure.c:934-935; keys.c:86-89 cuts
 * a `/mask`; 4.4+ OS_IsValidIP expands an IPv6 one, validate_op.c:482), not alerts.json's agent.ip (the
 * address the agent reports, json_extended.c:484-501). Without that address arctl writes agent.ip and says so. Through the CLI, on a pre-4.2 manager's argv and on the string a 4.14 manager sends a 4.1 agent.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const conf = (location: string) => `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <expect>srcip</expect>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>${location}</location>
    <rules_id>5760</rules_id>
  </active-response>
</ossec_config>
`;

const alert = (agent: string, name: string, ip: string) =>
  JSON.stringify({
    timestamp: '2024-05-02T09:14:07.123+0000',
    rule: { level: 5, description: 'sshd: authentication failed.', id: '5760', groups: ['syslog', 'sshd', 'authentication_failed'] },
    agent: { id: agent, name, ip },
    id: `1714641247.${agent}`,
    data: { srcip: '203.0.113.9' },
    location: '/var/log/auth.log',
  });

interface Fired {
  detail?: string;
  payload?: { argv: string[] };
  agentMessages?: Array<{ agents: string[]; message: string | null }>;
}

function responses(args: string[]): Fired[] {
  const r = runArctl(['simulate', ...args, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  return (JSON.parse(r.stdout) as { alerts: Array<{ responses: Fired[] }> }).alerts.map((a) => a.responses[0]!);
}

const dir = tempFiles({
  'local.conf': conf('local'),
  'all.conf': conf('all'),
  'alerts.json': `${alert('001', 'web', '10.0.0.5')}\n${alert('003', 'db', '10.0.0.7')}\n`,
  'client.keys': '001 web 10.0.0.0/24 0123456789abcdef\n',
  'agents.json': JSON.stringify([
    { id: '001', name: 'web', ip: '10.0.0.5', registerIP: '2001:db8::5/64', version: 'Wazuh v4.1.5', status: 'active' },
    { id: '003', name: 'db', ip: '10.0.0.7', version: 'Wazuh v4.14.7', status: 'active' },
  ]),
});

test("a pre-4.2 manager's argv carries the agent's client.keys address, without its mask; an agent client.keys does not give is said", () => {
  const [known, unknown] = responses([join(dir, 'alerts.json'), '--file', join(dir, 'local.conf'), '--target-version', '4.1', '--agents', join(dir, 'client.keys')]);
  assert.deepEqual(known!.payload!.argv.slice(6, 8), ['(web)', '10.0.0.0->/var/log/auth.log']);
  assert.equal(known!.detail, undefined);
  // Unknown: agent.ip, with a note.
  assert.deepEqual(unknown!.payload!.argv.slice(6, 8), ['(db)', '10.0.0.7->/var/log/auth.log']);
  assert.match(unknown!.detail!, /agent 003's client\.keys address .*: arctl wrote agent\.ip 10\.0\.0\.7, .* \(--agents gives no client\.keys address for agent 003\)$/);
});

test('a 4.14 manager sends a 4.1 agent the expanded IPv6 registerIP of the API list', () => {
  const [known, unknown] = responses([join(dir, 'alerts.json'), '--file', join(dir, 'all.conf'), '--agents', join(dir, 'agents.json')]);
  const toOld = (r: Fired) => r.agentMessages!.find((m) => m.agents.includes('001'))!.message;
  assert.equal(toOld(known!), 'firewall-drop0 - 203.0.113.9 1714641247.001 5760 (web) 2001:0DB8:0000:0000:0000:0000:0000:0005->/var/log/auth.log - -');
  assert.doesNotMatch(known!.detail ?? '', /client\.keys address/);
  assert.equal(toOld(unknown!), 'firewall-drop0 - 203.0.113.9 1714641247.003 5760 (db) 10.0.0.7->/var/log/auth.log - -');
  assert.match(unknown!.detail!, /agent 003's client\.keys address/);
});
