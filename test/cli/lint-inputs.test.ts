/**
 * The optional inputs that enable more rules, end to end: --agents (client.keys and JSON),
 * --ar-bin, --ruleset (the corpus ruleset), --manager-ip, and the same through .arctl.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadAgents, parseClientKeys } from '../../src/config/inputs.ts';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempDir, tempFiles } from '../helpers/temp.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

const CONFIG = `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>007</agent_id>
    <rules_id>5712, 999999</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;

function ruleIds(stdout: string): string[] {
  return (JSON.parse(stdout) as JsonReportFile[])[0].messages.map((m) => m.ruleId);
}

function setup(): string {
  return tempFiles({
    'ossec.conf': CONFIG,
    'client.keys': '001 web01 10.0.0.5 3f2e...\n002 !old 10.0.0.6 aa11\n\n#004 note\n 005 skipped any cc33\n003 db01 any bb22\n',
    'agents.json': JSON.stringify([{ id: 7, name: 'mail', ip: '10.0.0.7', os: 'ubuntu', version: 'v4.14.0', status: 'active' }]),
    'bin/host-deny': '',
  });
}

test('client.keys and JSON agent lists are read; removed agents skipped; bad lines are one clear error', () => {
  const dir = setup();
  assert.deepEqual(loadAgents(join(dir, 'client.keys')).map((a) => `${a.id}:${a.name}:${a.status}`), ['001:web01:active', '003:db01:active']);
  assert.deepEqual(loadAgents(join(dir, 'agents.json')), [{ id: '007', name: 'mail', ip: '10.0.0.7', os: 'ubuntu', version: 'v4.14.0', status: 'active' }]);
  assert.throws(() => parseClientKeys('001 web01\n', 'k'), /k:1: expected a client\.keys line/);
  writeFileSync(join(dir, 'bad.json'), '[{"name": "x"}]');
  const r = runArctl(['lint', '--agents', 'bad.json', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /--agents bad\.json: entry 0: 'id' must be a numeric agent id/);
});

test('an agents list or ar bin directory named by .arctl.json is refused under the config key, not the flag', () => {
  const dir = setup();
  writeFileSync(join(dir, 'bad.json'), '[{"name": "x"}]');
  writeFileSync(join(dir, '.arctl.json'), '{"agents": "bad.json"}');
  const agents = runArctl(['lint', 'ossec.conf'], { cwd: dir });
  assert.equal(agents.status, 2);
  assert.equal(agents.stderr, `arctl: config ${join(dir, '.arctl.json')}: agents ${join(dir, 'bad.json')}: entry 0: 'id' must be a numeric agent id such as "001"\n`);
  writeFileSync(join(dir, '.arctl.json'), '{"arBin": "ossec.conf"}');
  const arBin = runArctl(['lint', 'ossec.conf'], { cwd: dir });
  assert.equal(arBin.status, 2);
  assert.equal(arBin.stderr, `arctl: config ${join(dir, '.arctl.json')}: arBin ${join(dir, 'ossec.conf')}: not a directory\n`);
});

test('--agents enables agent checks: 007 is unknown in client.keys, known in the JSON list', () => {
  const dir = setup();
  const without = runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.ok(!ruleIds(without.stdout).includes('agent-id-unknown'));
  const keys = runArctl(['lint', '--format', 'json', '--agents', 'client.keys', 'ossec.conf'], { cwd: dir });
  assert.ok(ruleIds(keys.stdout).includes('agent-id-unknown'), keys.stdout);
  const json = runArctl(['lint', '--format', 'json', '--agents', 'agents.json', 'ossec.conf'], { cwd: dir });
  assert.ok(!ruleIds(json.stdout).includes('agent-id-unknown'), json.stdout);
});

test('--ar-bin enables executable checks; the config file can give it (relative to the config)', () => {
  const dir = setup();
  const r = runArctl(['lint', '--format', 'json', '--ar-bin', 'bin', 'ossec.conf'], { cwd: dir });
  const found = (JSON.parse(r.stdout) as JsonReportFile[])[0].messages.filter((m) => m.ruleId === 'executable-not-found');
  assert.equal(found.length, 1, r.stdout);
  assert.match(found[0].message, /firewall-drop/);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, '.arctl.json'), JSON.stringify({ arBin: 'bin', agents: 'client.keys' }));
  const viaConfig = runArctl(['lint', '--format', 'json', '../ossec.conf'], { cwd: join(dir, 'sub') });
  const ids = ruleIds(viaConfig.stdout);
  assert.ok(ids.includes('executable-not-found') && ids.includes('agent-id-unknown'), viaConfig.stdout);
});

test('--manager-ip enables the white_list self checks', () => {
  const dir = setup();
  const without = runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  const withIp = runArctl(['lint', '--format', 'json', '--manager-ip', '10.0.0.1', 'ossec.conf'], { cwd: dir });
  assert.ok(!ruleIds(without.stdout).includes('whitelist-missing-self'));
  assert.ok(ruleIds(withIp.stdout).includes('whitelist-missing-self'), withIp.stdout);
});

test('--ruleset (repeatable, or "ruleset" in .arctl.json) enables rule-id checks against real Wazuh rules', { skip: corpusSkip }, () => {
  const dir = setup();
  const rules = join(corpusDir, 'rules/wazuh-v4.14.7');
  const r = runArctl(['lint', '--format', 'json', '--ruleset', rules, 'ossec.conf'], { cwd: dir });
  assert.equal(r.stderr, '');
  const unknown = (JSON.parse(r.stdout) as JsonReportFile[])[0].messages.filter((m) => m.ruleId === 'rules-id-unknown');
  assert.equal(unknown.length, 1, r.stdout);
  assert.match(unknown[0].message, /999999/);
  writeFileSync(join(dir, '.arctl.json'), JSON.stringify({ ruleset: [rules] }));
  assert.ok(ruleIds(runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir }).stdout).includes('rules-id-unknown'));
  const empty = tempDir();
  const none = runArctl(['lint', '--ruleset', empty, 'ossec.conf'], { cwd: dir });
  assert.equal(none.status, 2);
  assert.match(none.stderr, /no \*\.xml rules files found/);
});

test('a client.keys id on two lines is said once per later line; lint and simulate take the first line, as Wazuh does', () => {
  // keys.c:76 inserts each id into a tree that refuses a second (rbtree_op.c:499-502): remoted finds the first line.
  const dir = tempFiles({
    'ossec.conf': CONFIG.replace('<agent_id>007</agent_id>', '<agent_id>001</agent_id>').replace('<location>defined-agent</location>', '<location>local</location>'),
    'client.keys': '001 web01 any aa11\n002 db01 any bb22\n001 mail01 any cc33\n002 !gone any dd44\n',
    'alerts.json': `${JSON.stringify({ timestamp: '2024-05-02T09:14:07.123+0000', id: '1.1', rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'web01' }, data: { srcip: '203.0.113.5' }, location: '/var/log/auth.log' })}\n`,
  });
  const note = `arctl: client.keys:3: agent id 001 is on line 1 too: Wazuh's key store keeps the first line of an id (remoted finds agent 001 as 'web01'), so this line's 'mail01' gets nothing sent to 001; arctl reads it so too\n`;
  const lint = runArctl(['lint', 'ossec.conf', '--agents', 'client.keys', '--format', 'json'], { cwd: dir });
  assert.equal(lint.stderr, note);
  assert.equal(lint.status, 0, lint.stdout);
  const simulate = runArctl(['simulate', 'alerts.json', '--file', 'ossec.conf', '--agents', 'client.keys', '--format', 'json'], { cwd: dir });
  assert.equal(simulate.status, 0, simulate.stderr);
  assert.equal(simulate.stderr, note);
  // The removed line (002 !gone) is no duplicate: OS_ReadKeys skips it before OS_AddKey.
  assert.equal(loadAgents(join(dir, 'client.keys')).map((a) => `${a.id} ${a.name}`).join(', '), '001 web01, 002 db01, 001 mail01');
});
