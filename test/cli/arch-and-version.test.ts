/**
 * The managers' build (--arch, .arctl.json arch) and patch-precise target versions, end to end through
 * the CLI: x86_64 (signed char) is the default.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const HIGH_BYTE_GROUP = `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_group>connexion_refusée,</rules_group>
  </active-response>
</ossec_config>
`;

const alert = JSON.stringify({
  timestamp: '2024-05-01T10:00:00.000+0000',
  rule: { level: 5, id: '100200', description: 'refus', groups: ['connexion_refusée'] },
  agent: { id: '000', name: 'manager' },
  manager: { name: 'manager' },
  id: '1714557600.1',
  data: { srcip: '18.18.18.18' },
  location: 'x',
});

const lintJson = (args: string[], cwd?: string) => {
  const r = runArctl(['lint', '--format', 'json', ...args], cwd ? { cwd } : {});
  return { status: r.status, stderr: r.stderr, ruleIds: (JSON.parse(r.stdout) as Array<{ messages: Array<{ ruleId: string }> }>).flatMap((f) => f.messages.map((m) => m.ruleId)) };
};

test('lint: a non-ASCII rules_group never matches on x86_64 (default), fine with --arch aarch64 or .arctl.json arch', () => {
  const dir = tempFiles({ 'ossec.conf': HIGH_BYTE_GROUP, 'arm/.arctl.json': JSON.stringify({ arch: 'aarch64' }) });
  const x86 = lintJson([`${dir}/ossec.conf`]);
  assert.equal(x86.status, 1, x86.stderr);
  assert.ok(x86.ruleIds.includes('non-ascii-pattern'));
  const arm = lintJson([`${dir}/ossec.conf`, '--arch', 'aarch64']);
  assert.ok(!arm.ruleIds.includes('non-ascii-pattern'), arm.stderr);
  const fromConfig = lintJson([`${dir}/ossec.conf`], `${dir}/arm`);
  assert.ok(!fromConfig.ruleIds.includes('non-ascii-pattern'), fromConfig.stderr);
  const bad = runArctl(['lint', `${dir}/ossec.conf`, '--arch', 'sparc']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /x86_64, aarch64/);
});

test('simulate: the response binds on aarch64 only', () => {
  const dir = tempFiles({ 'ossec.conf': HIGH_BYTE_GROUP, 'alerts.json': `${alert}\n` });
  const run = (extra: string[]) => {
    const r = runArctl(['simulate', `${dir}/alerts.json`, '--file', `${dir}/ossec.conf`, '--format', 'json', ...extra]);
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean; matchedBy?: string[] }> }> }).alerts[0]!.responses[0]!;
  };
  assert.equal(run([]).fired, false, 'x86_64: nothing binds');
  assert.deepEqual(run(['--arch', 'aarch64']).matchedBy, ['rules_group'], 'aarch64: it binds');
});

test('validate: a pushed-back 0xFF reads as EOF on x86_64 only', () => {
  const dir = tempFiles({ 'ossec.conf': Buffer.concat([Buffer.from('<ossec_config><'), Buffer.from([0xff]), Buffer.from('/></ossec_config>\n')]) });
  const x86 = runArctl(['validate', `${dir}/ossec.conf`]);
  assert.equal(x86.status, 1);
  // stylish wraps long messages at the output width (the rule id may sit inside): match with breaks folded.
  assert.match((x86.stdout + x86.stderr).replace(/\s+/g, ' '), /End of file and some elements were (parse-error )?not closed/);
  const arm = runArctl(['validate', `${dir}/ossec.conf`, '--arch', 'aarch64']);
  assert.doesNotMatch(arm.stdout + arm.stderr, /End of file/);
});

test('--target-version: patch precision (Too many attributes is 4.14.7), unknown versions refused in one line', () => {
  const attrs = Array.from({ length: 50 }, (_, i) => `a${i}="v"`).join(' ');
  const dir = tempFiles({ 'ossec.conf': `<ossec_config>\n  <global ${attrs}>\n    <logall>no</logall>\n  </global>\n</ossec_config>\n` });
  const latest = runArctl(['validate', `${dir}/ossec.conf`]);
  assert.match(latest.stdout, /Too many attributes/);
  const explicit = runArctl(['validate', `${dir}/ossec.conf`, '--target-version', '4.14.7']);
  assert.match(explicit.stdout, /Too many attributes/);
  const older = runArctl(['validate', `${dir}/ossec.conf`, '--target-version', '4.14.6']);
  assert.doesNotMatch(older.stdout + older.stderr, /Too many attributes/);
  for (const [version, pattern] of [['4', /expected MAJOR\.MINOR/], ['4.99', /not a Wazuh\/OSSEC version arctl knows \(known: .*4\.0-4\.14/], ['4.14.8', /latest 4\.14 release arctl knows is 4\.14\.7/]] as const) {
    const r = runArctl(['lint', `${dir}/ossec.conf`, '--target-version', version]);
    assert.equal(r.status, 2, `${version}: ${r.stderr}`);
    assert.match(r.stderr, pattern);
    assert.equal(r.stderr.trim().split('\n').length, 1, `${version}: one line`);
  }
});

test('simulate --agents: each target agent gets the message its version reads (legacy string, escaped JSON, JSON)', () => {
  const conf = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`;
  const agents = [
    { id: '001', name: 'old', ip: '10.0.0.1', status: 'active', version: 'Wazuh v4.1.5' },
    { id: '002', name: 'mid', ip: '10.0.0.2', status: 'active', version: 'Wazuh v4.2.3' },
    { id: '003', name: 'new', ip: '10.0.0.3', status: 'active', version: 'Wazuh v4.14.7' },
  ];
  const sshAlert = {
    timestamp: '2024-05-01T10:00:01.000+0000',
    rule: { level: 10, id: '5712', description: "sshd: brute force! it's", groups: ['syslog', 'sshd', 'authentication_failures'] },
    agent: { id: '004', name: 'web', ip: '10.0.0.4' },
    manager: { name: 'manager' },
    id: '1714557601.1001',
    data: { srcip: '18.18.18.18', dstuser: 'root' },
    location: '/var/log/auth.log',
  };
  const dir = tempFiles({ 'ossec.conf': conf, 'agents.json': JSON.stringify(agents), 'alerts.json': `${JSON.stringify(sshAlert)}\n` });
  const r = runArctl(['simulate', `${dir}/alerts.json`, '--file', `${dir}/ossec.conf`, '--agents', `${dir}/agents.json`, '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const response = (JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ agentMessages: Array<{ agents: string[]; format: string; message: string }> }> }> }).alerts[0]!.responses[0]!;
  // One entry per distinct message, with the agents that get it.
  const byAgent = new Map(response.agentMessages.flatMap((m) => m.agents.map((agent) => [agent, m] as const)));
  assert.equal(response.agentMessages.length, new Set(response.agentMessages.map((m) => m.message)).size);
  assert.equal(byAgent.get('001')!.format, 'legacy');
  assert.equal(byAgent.get('001')!.message, 'firewall-drop600 root 18.18.18.18 1714557601.1001 5712 (web) 10.0.0.4->/var/log/auth.log - -');
  assert.equal(byAgent.get('002')!.format, 'json-escaped');
  assert.match(byAgent.get('002')!.message, /brute force\\\\x21 it\\\\x27s/);
  assert.equal(byAgent.get('003')!.format, 'json');
  const json = JSON.parse(byAgent.get('003')!.message) as { command: string; origin: { module: string }; parameters: { alert: { rule: { description: string } } } };
  assert.equal(json.command, 'firewall-drop600');
  assert.equal(json.origin.module, 'wazuh-analysisd');
  assert.equal(json.parameters.alert.rule.description, "sshd: brute force! it's");
});
