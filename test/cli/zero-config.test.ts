/**
 * Zero-config on a Wazuh host through the real CLI: `lint`, `validate` and `simulate` with no input
 * named and `--root DIR` (the /var/ossec layout, built in a temporary directory from the corpus) find
 * the ossec.conf, the shared agent.conf files, the rules its <ruleset> loads (rule_exclude honoured),
 * client.keys, the version; each found input is named once on standard error; each flag overrides.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';
import { CORPUS_OSSEC_CONF, wazuhTree } from '../helpers/installation.ts';
import { tempDir, tempFiles } from '../helpers/temp.ts';

interface JsonReport {
  filePath: string;
  messages: Array<{ ruleId: string; message: string; line: number }>;
}

/** The corpus ossec.conf with responses bound to a rule of the excluded 0215-policy_rules.xml, a local rule, and agents. */
function ossecConfWithResponses(): string {
  const stock = readFileSync(CORPUS_OSSEC_CONF, 'utf8');
  const responses = `
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>17101,100000</rules_id>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>001</agent_id>
    <rules_id>100001</rules_id>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>003</agent_id>
    <rules_id>100001</rules_id>
  </active-response>
`;
  const end = stock.lastIndexOf('</ossec_config>');
  return `${stock.slice(0, end)}${responses}${stock.slice(end)}`;
}

const inEmptyDir = (args: string[]) => runArctl(args, { cwd: tempDir('arctl-cwd-') });
const arctlLines = (stderr: string) => stderr.split('\n').filter((l) => l.startsWith('arctl: '));

test('lint --root: the installation ossec.conf and agent.conf, its rules (exclusions honoured), its agents and version, each named once', { skip: corpusSkip }, () => {
  const root = wazuhTree({ ossecConf: ossecConfWithResponses() });
  const run = inEmptyDir(['lint', '--root', root, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(arctlLines(run.stderr), [
    `arctl: Wazuh installation ${root}: server 4.14.7 (VERSION.json)`,
    'arctl: configuration: etc/ossec.conf, etc/shared/default/agent.conf, etc/shared/web/agent.conf',
    'arctl: ruleset: 168 rules files as etc/ossec.conf <ruleset> loads them (ruleset/rules, etc/rules; 1 excluded)',
    'arctl: agents: etc/client.keys (3 registered)',
  ]);
  const reports = JSON.parse(run.stdout) as JsonReport[];
  assert.deepEqual(reports.map((r) => r.filePath), ['etc/ossec.conf', 'etc/shared/default/agent.conf', 'etc/shared/web/agent.conf'].map((p) => join(root, p)));
  const findings = reports[0].messages.map((m) => `${m.ruleId}: ${m.message}`);
  // 17101 lives in the excluded 0215-policy_rules.xml; 100000 in etc/rules/local_rules.xml.
  assert.ok(findings.some((f) => /^rules-id-unknown: Rule 17101 is not defined/.test(f)), findings.join('\n'));
  assert.ok(!findings.some((f) => /Rule 100000 /.test(f)));
  // 003 was removed from client.keys (its name starts with '!'); 001 is registered.
  assert.ok(findings.some((f) => /^agent-id-unknown: Agent 003 is not a registered agent \(3 known\)/.test(f)), findings.join('\n'));
  assert.ok(!findings.some((f) => /Agent 001 /.test(f)));
});

test('each input the installation gives is overridden by its flag, and then not named', { skip: corpusSkip }, () => {
  const root = wazuhTree({ ossecConf: ossecConfWithResponses() });
  const rules = tempFiles({ 'rules.xml': '<group name="mine,">\n  <rule id="17101" level="10">\n    <match>x</match>\n    <description>mine</description>\n  </rule>\n</group>\n' });
  const agents = tempFiles({ 'agents.json': JSON.stringify([{ id: '003', name: 'back', status: 'active' }]) });
  const run = inEmptyDir(['lint', '--root', root, '--format', 'json', '--ruleset', rules, '--agents', join(agents, 'agents.json'), '--target-version', '4.14', join(root, 'etc/ossec.conf')]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(arctlLines(run.stderr), [`arctl: Wazuh installation ${root}: server`]);
  const findings = (JSON.parse(run.stdout) as JsonReport[]).flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`));
  assert.equal((JSON.parse(run.stdout) as JsonReport[]).length, 1, 'the file named, not the installation files');
  assert.ok(!findings.some((f) => /Rule 17101 /.test(f)), 'the --ruleset rules');
  assert.ok(findings.some((f) => /Rule 100000 is not defined/.test(f)), 'not the installation rules');
  assert.ok(!findings.some((f) => /Agent 003 /.test(f)), 'the --agents list');
});

test('the installed version is the target: one arctl does not know is refused naming the file; --target-version overrides it', { skip: corpusSkip }, () => {
  const root = wazuhTree({ files: { 'VERSION.json': '{"version": "4.99.0", "stage": "alpha0"}\n' } });
  const refused = inEmptyDir(['validate', '--root', root]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, new RegExp(`^arctl: ${join(root, 'VERSION.json').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')}: the installed version 4\\.99\\.0 is not .*give --target-version`, 'm'));
  const overridden = inEmptyDir(['validate', '--root', root, '--target-version', '4.14']);
  assert.equal(overridden.status, 0, overridden.stderr);
  assert.equal(arctlLines(overridden.stderr)[0], `arctl: Wazuh installation ${root}: server`);
});

test('simulate with no arguments but --root: the manager alerts.json against its ossec.conf, rules and agents', { skip: corpusSkip }, () => {
  const root = wazuhTree({
    ossecConf: ossecConfWithResponses(),
    files: { 'logs/alerts/alerts.json': readFileSync(join(corpusDir, 'alerts/wazuh-documentation__learning-wazuh_ssh-brute-force__5710.jsonl'), 'utf8') },
  });
  const run = inEmptyDir(['simulate', '--root', root, '--format', 'json']);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(arctlLines(run.stderr), [
    `arctl: Wazuh installation ${root}: server 4.14.7 (VERSION.json)`,
    'arctl: configuration: etc/ossec.conf',
    'arctl: ruleset: 168 rules files as etc/ossec.conf <ruleset> loads them (ruleset/rules, etc/rules; 1 excluded)',
    'arctl: agents: etc/client.keys (3 registered)',
    'arctl: alerts: logs/alerts/alerts.json',
  ]);
  const out = JSON.parse(run.stdout) as { config: string; alerts: Array<{ ruleSource?: string; responses: unknown[] }> };
  assert.equal(out.alerts.length, 1);
  assert.equal(out.alerts[0].responses.length, 3, 'the three responses of the installation ossec.conf');
  // A given --file and ALERTS win: nothing of the installation but its rules, agents and version.
  const alert = tempFiles({ 'a.json': JSON.stringify({ timestamp: '2024-05-01T12:00:00.000+0000', rule: { id: '100000', level: 10 }, agent: { id: '000', name: 'manager' }, id: '1.1' }) });
  const conf = tempFiles({ 'ossec.conf': '<ossec_config>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>100000</rules_id>\n  </active-response>\n</ossec_config>\n' });
  const given = inEmptyDir(['simulate', join(alert, 'a.json'), '--file', join(conf, 'ossec.conf'), '--root', root]);
  assert.ok(!given.stderr.includes('configuration:') && !given.stderr.includes('alerts:'), given.stderr);
});

test('an agent installation: its ossec.conf and received agent.conf, no ruleset or agents', { skip: corpusSkip }, () => {
  const root = wazuhTree({ type: 'agent', versionJson: false, ossecConf: readFileSync(join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-agent.conf'), 'utf8'), files: { 'etc/shared/agent.conf': '<agent_config>\n</agent_config>\n' } });
  const run = inEmptyDir(['lint', '--root', root]);
  assert.equal(run.status, 0, run.stderr);
  assert.deepEqual(arctlLines(run.stderr), [`arctl: Wazuh installation ${root}: agent 4.14.7 (bin/wazuh-control)`, 'arctl: configuration: etc/ossec.conf, etc/shared/agent.conf']);
});

test('--root that is not an installation is a usage error; without --root and ./ossec.conf, lint still reads ./ossec.conf', () => {
  const dir = tempDir('arctl-not-wazuh-');
  const run = runArctl(['lint', '--root', dir], { cwd: dir });
  assert.equal(run.status, 2);
  assert.equal(run.stderr, `arctl: ${dir}: no etc/ossec.conf: not a Wazuh installation directory (give --root DIR or the files to check)\n`);
  writeFileSync(join(dir, 'ossec.conf'), '<ossec_config>\n</ossec_config>\n');
  const local = runArctl(['lint'], { cwd: dir });
  assert.equal(local.status, 0, local.stderr);
  assert.equal(local.stderr, '');
});
