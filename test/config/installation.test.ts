/**
 * What an installation directory says (src/config/installation.ts) and which rules files analysisd
 * loads from an ossec.conf's <ruleset> (src/wazuh/ruleset-files.ts, Read_Rules of v4.14.7), on a
 * /var/ossec tree built from the corpus and on hand-made <ruleset> blocks.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { findInstallation } from '../../src/config/installation.ts';
import { selectRuleFiles } from '../../src/wazuh/ruleset-files.ts';
import { versionAndTypeFromShell, versionFromVersionJson } from '../../src/wazuh/installation-layout.ts';
import { corpusSkip } from '../helpers/paths.ts';
import { CORPUS_RULES_DIR, wazuhTree } from '../helpers/installation.ts';
import { tempDir } from '../helpers/temp.ts';

const select = (ossecConf: string, dirs: Record<string, string[]>) =>
  selectRuleFiles({ path: 'ossec.conf', bytes: Buffer.from(ossecConf) }, (path) => dirs[path]);

test('a 4.14.7 manager: ossec.conf, the rules analysisd loads in its order, client.keys, each group agent.conf, the version', { skip: corpusSkip }, () => {
  const root = wazuhTree({ files: { 'etc/rules/0000-first.xml': '<group name="x,"></group>\n', 'etc/rules/notes.txt': 'not rules\n' } });
  const found = findInstallation(root);
  assert.equal(found.root, root);
  assert.equal(found.type, 'server');
  assert.deepEqual(found.version, { text: '4.14.7', file: join(root, 'VERSION.json') });
  assert.equal(found.ossecConf, join(root, 'etc/ossec.conf'));
  assert.deepEqual(found.agentConfs, [join(root, 'etc/shared/default/agent.conf'), join(root, 'etc/shared/web/agent.conf')]);
  assert.equal(found.clientKeys, join(root, 'etc/client.keys'));
  const stock = readdirSync(CORPUS_RULES_DIR).filter((n) => n !== '0215-policy_rules.xml');
  const files = found.ruleset!.files;
  // Sorted by file name alone: the local 0000-first.xml before every stock file, local_rules.xml after them.
  assert.deepEqual(files, [join(root, 'etc/rules/0000-first.xml'), ...stock.sort().map((n) => join(root, 'ruleset/rules', n)), join(root, 'etc/rules/local_rules.xml')]);
  assert.deepEqual(found.ruleset!.selection.excluded, ['ruleset/rules/0215-policy_rules.xml']);
  assert.deepEqual(found.ruleset!.selection.dirs, ['ruleset/rules', 'etc/rules']);
});

test('an agent: its ossec.conf and received agent.conf, no ruleset and no agents list; the version from wazuh-control', () => {
  const root = wazuhTree({ type: 'agent', versionJson: false, ossecConf: '<ossec_config>\n  <client><server><address>10.0.0.1</address></server></client>\n</ossec_config>\n', files: { 'etc/shared/agent.conf': '<agent_config/>\n', 'etc/client.keys': '001 web01 any abc\n' } });
  const found = findInstallation(root);
  assert.equal(found.type, 'agent');
  assert.deepEqual(found.version, { text: '4.14.7', file: join(root, 'bin/wazuh-control') });
  assert.deepEqual(found.agentConfs, [join(root, 'etc/shared/agent.conf')]);
  assert.equal(found.ruleset, undefined);
  assert.equal(found.clientKeys, undefined);
});

test("a copy of a manager's etc/ alone (no bin/, no ruleset/): its groups' agent.conf and client.keys, no ruleset", () => {
  // Only a manager keeps etc/shared/<group>/agent.conf; without ruleset/ its etc/rules alone would make every stock rule id unknown.
  const root = tempDir('arctl-etc-copy-');
  const files: Record<string, string> = {
    'etc/ossec.conf': '<ossec_config>\n  <global><jsonout_output>yes</jsonout_output></global>\n</ossec_config>\n',
    'etc/rules/local_rules.xml': '<group name="local,"></group>\n',
    'etc/client.keys': '001 web01 any abc\n',
    'etc/shared/ar.conf': 'restart-wazuh0 - restart-wazuh - 0\n',
    'etc/shared/web/agent.conf': '<agent_config/>\n',
    'etc/shared/default/agent.conf': '<agent_config/>\n',
  };
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  const found = findInstallation(root);
  assert.equal(found.type, undefined);
  assert.deepEqual(found.agentConfs, [join(root, 'etc/shared/default/agent.conf'), join(root, 'etc/shared/web/agent.conf')]);
  assert.equal(found.clientKeys, join(root, 'etc/client.keys'));
  assert.equal(found.ruleset, undefined);
});

test('a directory without etc/ossec.conf is not an installation', () => {
  assert.throws(() => findInstallation(tempDir()), /no etc\/ossec\.conf: not a Wazuh installation directory/);
});

test('Read_Rules: include without a slash, exclusion by name or path, pattern, dedup, default dir, missing dir', () => {
  const dirs = { 'ruleset/rules': ['b.xml', 'a.xml', 'c.xml', 'x.txt', '.', '..'], 'etc/rules': ['local_rules.xml', 'a.xml', 'skip.xml'], '/opt/extra': ['z_rules.xml', 'y.xml'] };
  const conf = `<ossec_config>
  <ruleset>
    <rule_include>mine.xml</rule_include>
    <rule_include>etc/rules/a.xml</rule_include>
    <rule_dir>ruleset/rules</rule_dir>
    <rule_exclude>b.xml</rule_exclude>
    <rule_exclude>etc/rules/skip.xml</rule_exclude>
    <rule_dir>etc/rules</rule_dir>
    <rule_dir pattern="_rules.xml$">/opt/extra</rule_dir>
    <rule_dir>does/not/exist</rule_dir>
  </ruleset>
</ossec_config>
`;
  const selection = select(conf, dirs);
  // etc/rules/a.xml is listed once (the include came first) and sorts by name with ruleset/rules/a.xml (stable).
  assert.deepEqual(selection.files, ['etc/rules/a.xml', 'ruleset/rules/a.xml', 'ruleset/rules/c.xml', 'etc/rules/local_rules.xml', 'ruleset/rules/mine.xml', '/opt/extra/z_rules.xml']);
  assert.deepEqual(selection.excluded, ['ruleset/rules/b.xml', 'etc/rules/skip.xml']);
  assert.deepEqual(selection.problems, []);
  // No <rule_dir>: ruleset/rules; no rules file at all: analysisd reads ruleset/rules (analysisd.c, Read_Rules(NULL)).
  assert.deepEqual(select('<ossec_config><ruleset><rule_exclude>c.xml</rule_exclude></ruleset></ossec_config>', dirs).files, ['ruleset/rules/a.xml', 'ruleset/rules/b.xml']);
  assert.deepEqual(select('<ossec_config/>', dirs).files, ['ruleset/rules/a.xml', 'ruleset/rules/b.xml', 'ruleset/rules/c.xml']);
  // An attribute other than pattern leaves no pattern: analysisd refuses it.
  assert.match(select('<ossec_config><ruleset><rule_dir type="x">etc/rules</rule_dir></ruleset></ossec_config>', dirs).problems[0].message, /pattern in rules_dir does not compile/);
  // An empty <rule_dir> opens nothing; with no file found, analysisd falls back to ruleset/rules.
  assert.deepEqual(select('<ossec_config><ruleset><rule_dir></rule_dir></ruleset></ossec_config>', { ...dirs, '': ['z.xml'] }).files, ['ruleset/rules/a.xml', 'ruleset/rules/b.xml', 'ruleset/rules/c.xml']);
});

test('version files as 4.x and 3.x installs write them', () => {
  assert.equal(versionFromVersionJson('{"version": "4.14.7", "stage": "rc1"}'), '4.14.7');
  assert.equal(versionFromVersionJson('{"version": "v4.8.0"}'), '4.8.0');
  assert.equal(versionFromVersionJson('not json'), undefined);
  assert.deepEqual(versionAndTypeFromShell('DIRECTORY="/var/ossec"\nNAME="Wazuh"\nVERSION="v3.13.6"\nREVISION="31300"\nDATE="Fri Jan 1"\nTYPE="server"\n'), { version: '3.13.6', type: 'server' });
  assert.deepEqual(versionAndTypeFromShell('#!/bin/sh\nVERSION="v4.14.7"\nREVISION="rc1"\nTYPE="agent"\n'), { version: '4.14.7', type: 'agent' });
  assert.deepEqual(versionAndTypeFromShell('echo "VERSION=$VERSION"\n'), {});
});
