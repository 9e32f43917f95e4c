/**
 * Settings resolution (src/config/settings.ts), called directly: options over the .arctl.json over the
 * defaults, where each value came from, and refusals as codes worded late under the caller's names.
 * The CLI's wording of the same refusals is tested through the real CLI in test/cli/contract.test.ts,
 * test/add/cli.test.ts and test/simulate/simulate-cli.test.ts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describeSettingsProblem, resolveSettings, SettingsError, type SettingsProblem } from '../../src/config/settings.ts';
import { knownRuleIds } from '../../src/lint/rule-ids.ts';
import { tempFiles } from '../helpers/temp.ts';

const ids = knownRuleIds();

function refusal(run: () => unknown): SettingsProblem {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof SettingsError, `expected a SettingsError, got ${String(error)}`);
    return error.problem;
  }
  assert.fail('expected a refusal');
}

test('the nearest .arctl.json from cwd, options winning over its keys, and where each value came from', () => {
  const dir = tempFiles({
    '.arctl.json': JSON.stringify({ targetVersion: '3.13', arch: 'aarch64', rules: { 'unknown-command': 'off', 'invalid-location': 'warning' }, agents: 'client.keys' }),
    'client.keys': '001 web01 10.0.0.1 key\n',
    'sub/dir/.keep': '',
  });
  const fromConfig = resolveSettings({ cwd: join(dir, 'sub/dir'), knownRuleIds: ids });
  assert.equal(fromConfig.configFile, join(dir, '.arctl.json'));
  assert.equal(fromConfig.target.text, '3.13');
  assert.equal(fromConfig.arch, 'aarch64');
  assert.deepEqual(fromConfig.ruleSettings, { 'unknown-command': 'off', 'invalid-location': 'warning' });
  assert.deepEqual(fromConfig.agents, { file: join(dir, 'client.keys'), list: [{ id: '001', name: 'web01', ip: '10.0.0.1', keysAddress: '10.0.0.1', status: 'active' }] });
  assert.deepEqual(fromConfig.sources, { targetVersion: 'config', arch: 'config', ruleset: 'default', arBin: 'default', agents: 'config' });

  const withOptions = resolveSettings({ cwd: dir, knownRuleIds: ids, options: { targetVersion: '4.8', rules: ['invalid-location=warn', 'unknown-command=error'] }, inputs: [] });
  assert.equal(withOptions.target.text, '4.8');
  assert.deepEqual(withOptions.ruleSettings, { 'unknown-command': 'error', 'invalid-location': 'warning' });
  assert.equal(withOptions.agents, undefined, 'inputs: [] loads no agents list');
  assert.equal(withOptions.sources.targetVersion, 'option');

  const none = resolveSettings({ cwd: tempFiles({}), knownRuleIds: ids });
  assert.equal(none.configFile, undefined);
  assert.equal(none.target.text, '4.14');
  assert.equal(none.arch, 'x86_64');
  assert.deepEqual(none.sources.targetVersion, 'default');
});

test('refusals carry a code and arguments; the caller names the setting (flag or key), a config file names itself', () => {
  const dir = tempFiles({ '.arctl.json': JSON.stringify({ targetVersion: '4.99', ruleset: ['missing'] }) });
  const fromConfig = refusal(() => resolveSettings({ cwd: dir, knownRuleIds: ids }));
  assert.equal(fromConfig.code, 'target-version');
  assert.match(describeSettingsProblem(fromConfig, () => '--target-version'), /^config .*\.arctl\.json: targetVersion 4\.99 is not a Wazuh\/OSSEC version arctl knows/);

  const fromOption = refusal(() => resolveSettings({ cwd: dir, knownRuleIds: ids, options: { targetVersion: '4' } }));
  assert.deepEqual(fromOption.code, 'target-version');
  assert.match(describeSettingsProblem(fromOption, (name) => (name === 'targetVersion' ? '--target-version' : name)), /^invalid --target-version '4': expected MAJOR\.MINOR/);
  assert.match(describeSettingsProblem(fromOption, (name) => `setting '${name}'`), /^invalid setting 'targetVersion' '4'/);

  const ruleset = refusal(() => resolveSettings({ cwd: dir, knownRuleIds: ids, options: { targetVersion: '4.14' } }));
  assert.equal(ruleset.code, 'ruleset-unreadable');
  assert.match(describeSettingsProblem(ruleset, () => '--ruleset'), /^config .*\.arctl\.json: ruleset .*missing: no such file/);

  const empty = tempFiles({});
  assert.deepEqual(refusal(() => resolveSettings({ cwd: empty, knownRuleIds: ids, options: { rules: ['nope'] } })), { code: 'rule-option-malformed', text: 'nope' });
  assert.deepEqual(refusal(() => resolveSettings({ cwd: empty, knownRuleIds: ids, options: { rules: ['unknown-command=loud'] } })), { code: 'rule-severity-invalid', id: 'unknown-command', value: 'loud' });
  const unknown = refusal(() => resolveSettings({ cwd: empty, knownRuleIds: ids, options: { rules: ['unknown-comand=off'] } }));
  assert.equal(unknown.code, 'rule-unknown');
  assert.equal(describeSettingsProblem(unknown, () => '--rule'), "--rule: unknown rule 'unknown-comand'; did you mean 'unknown-command'?");
  const notDir = refusal(() => resolveSettings({ cwd: empty, knownRuleIds: ids, options: { ruleset: [join(dir, '.arctl.json')] } }));
  assert.equal(notDir.code, 'ruleset-not-directory');
  assert.equal(describeSettingsProblem(notDir, () => '--ruleset'), `--ruleset ${join(dir, '.arctl.json')}: not a directory`);
  assert.deepEqual(refusal(() => resolveSettings({ cwd: empty, knownRuleIds: ids, options: { ruleset: [empty] } })), { code: 'ruleset-empty', source: { from: 'option' }, dirs: [empty] });
});

test('the inputs and the .arctl.json are refused with codes and arguments too, worded under the caller\'s names', () => {
  const dir = tempFiles({
    'bad.keys': '001 web01\n',
    'bad.json': '[1',
    'entry.json': '[{"id": "x"}]',
    'name.json': '[{"id": 1, "name": 3}]',
    'key/.arctl.json': '{"ruels": {}}',
    'rule/.arctl.json': '{"rules": {"unknown-command": 3}}',
  });
  const options = (o: object) => () => resolveSettings({ cwd: tempFiles({}), knownRuleIds: ids, options: o });
  const line = refusal(options({ agents: join(dir, 'bad.keys') }));
  assert.deepEqual(line, { code: 'agents-line-malformed', source: { from: 'option' }, path: join(dir, 'bad.keys'), line: 1 });
  assert.equal(describeSettingsProblem(line, (name) => `setting '${name}'`), `setting 'agents' ${join(dir, 'bad.keys')}:1: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`);
  assert.equal(refusal(options({ agents: join(dir, 'bad.json') })).code, 'agents-json-invalid');
  assert.deepEqual(refusal(options({ agents: join(dir, 'entry.json') })), { code: 'agents-entry-id-invalid', source: { from: 'option' }, path: join(dir, 'entry.json'), index: 0 });
  assert.deepEqual(refusal(options({ agents: join(dir, 'name.json') })), { code: 'agents-entry-not-text', source: { from: 'option' }, path: join(dir, 'name.json'), index: 0, key: 'name' });
  assert.deepEqual(refusal(options({ agents: join(dir, 'missing') })), { code: 'agents-unreadable', source: { from: 'option' }, path: join(dir, 'missing'), reason: 'no such file' });
  assert.deepEqual(refusal(options({ arBin: join(dir, 'bad.keys') })), { code: 'ar-bin-not-directory', source: { from: 'option' }, dir: join(dir, 'bad.keys') });
  assert.deepEqual(refusal(options({ arBin: join(dir, 'missing') })), { code: 'ar-bin-unreadable', source: { from: 'option' }, dir: join(dir, 'missing'), reason: 'no such file' });
  const ip = refusal(options({ managerIps: ['10.0.0.300'] }));
  assert.deepEqual(ip, { code: 'manager-ip-invalid', text: '10.0.0.300' });
  assert.equal(describeSettingsProblem(ip, (name) => (name === 'managerIps' ? '--manager-ip' : name)), "--manager-ip '10.0.0.300': not an IP address");

  const key = refusal(() => resolveSettings({ cwd: join(dir, 'key'), knownRuleIds: ids }));
  assert.equal(key.code, 'config-key-unknown');
  assert.equal(describeSettingsProblem(key, (name) => name), `config ${join(dir, 'key/.arctl.json')}: unknown key 'ruels'; did you mean 'rules'? (known keys: targetVersion, rules, ruleset, arBin, agents, arch)`);
  assert.deepEqual(refusal(() => resolveSettings({ cwd: join(dir, 'rule'), knownRuleIds: ids })), { code: 'config-rule-severity-invalid', path: join(dir, 'rule/.arctl.json'), id: 'unknown-command', value: 3 });
  assert.deepEqual(refusal(() => resolveSettings({ cwd: dir, configFile: join(dir, 'none.json'), knownRuleIds: ids })), { code: 'config-unreadable', path: join(dir, 'none.json'), reason: 'no such file' });
});

test('an agents list or ar bin directory that is refused is named by where it came from: the option, the config key, the installation', () => {
  const dir = tempFiles({
    'bad.keys': '001 web01\n',
    'keys': '',
    'cfg/.arctl.json': JSON.stringify({ agents: '../bad.keys', arBin: '../keys' }),
  });
  const badKeys = join(dir, 'bad.keys');
  const config = join(dir, 'cfg/.arctl.json');
  const name = (n: string) => `--${n}`;
  const fromConfig = refusal(() => resolveSettings({ cwd: join(dir, 'cfg'), knownRuleIds: ids, inputs: ['agents'] }));
  assert.deepEqual(fromConfig, { code: 'agents-line-malformed', source: { from: 'config', path: config }, path: badKeys, line: 1 });
  assert.equal(describeSettingsProblem(fromConfig, name), `config ${config}: agents ${badKeys}:1: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`);
  const fromOption = refusal(() => resolveSettings({ cwd: join(dir, 'cfg'), knownRuleIds: ids, inputs: ['agents'], options: { agents: badKeys } }));
  assert.equal(describeSettingsProblem(fromOption, name), `--agents ${badKeys}:1: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`);
  const installation = { root: dir, ossecConf: join(dir, 'ossec.conf'), agentConfs: [], clientKeys: badKeys, arBin: join(dir, 'keys') };
  const installed = refusal(() => resolveSettings({ cwd: dir, knownRuleIds: ids, inputs: ['agents'], installation }));
  assert.equal(describeSettingsProblem(installed, name), `${badKeys}:1: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`);
  const arBin = refusal(() => resolveSettings({ cwd: join(dir, 'cfg'), knownRuleIds: ids, inputs: ['arBin'] }));
  assert.equal(describeSettingsProblem(arBin, name), `config ${config}: arBin ${join(dir, 'keys')}: not a directory`);
  assert.equal(describeSettingsProblem(refusal(() => resolveSettings({ cwd: dir, knownRuleIds: ids, inputs: ['arBin'], installation })), name), `${join(dir, 'keys')}: not a directory`);
});
