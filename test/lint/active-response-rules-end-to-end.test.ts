/**
 * The <active-response> rules (lint-rules.md 23-46) end to end: the built CLI linting and fixing a real
 * file, with agent metadata, and agreeing with Wazuh's own verdicts in verified/acceptance.json.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { runRules } from '../../src/lint/engine.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { lintJson, runArctl, type JsonReportMessage } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { specDir, specSkip } from '../helpers/paths.ts';

const BROKEN = `<ossec_config>
  <global>
    <white_list>127.0.0.1</white_list>
  </global>

  <active-response>
    <command>firewall-drop</command>
    <location>Local</location>
    <rules_id>5710 5712</rules_id>
    <timeout>10m</timeout>
  </active-response>

  <active-response>
    <command>Host-Deny</command>
    <location>defined_agent</location>
    <agent_id>002</agent_id>
    <rules_group>sshd, authentication_failed</rules_group>
    <timeout>600</timeout>
  </active-response>

  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>

  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
  </command>
</ossec_config>
`;

const found = (messages: JsonReportMessage[]) => messages.map((m) => `${m.line} ${m.ruleId}`);

test('lint reports the active-response problems of a broken file at their lines, exit 1', () => {
  const dir = dirname(tempFile('ossec.conf', BROKEN));
  const { status, messages } = lintJson(['ossec.conf'], { cwd: dir });
  assert.equal(status, 1);
  for (const expected of [
    '7 command-defined-after-use',
    '8 noncanonical-location',
    '9 rules-id-format',
    '10 timeout-not-integer',
    '14 unknown-command',
    '15 invalid-location',
    '17 rules-group-format',
  ]) {
    assert.ok(found(messages).includes(expected), `${expected} in ${found(messages).join(', ')}`);
  }
  const unknown = messages.find((m) => m.ruleId === 'unknown-command')!;
  assert.equal(unknown.severity, 2);
  assert.match(unknown.message, /\(1303\)/);
  assert.match(unknown.message, /did you mean 'host-deny'/);
});

test('lint --fix moves the command above its first use and normalises the values Wazuh misreads', () => {
  const path = tempFile('ossec.conf', BROKEN);
  const dir = dirname(path);
  const r = runArctl(['lint', '--fix', 'ossec.conf'], { cwd: dir });
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const fixed = readFileSync(path, 'utf8');
  // The firewall-drop command now precedes the first response, re-indented, and is gone from below.
  const commandAt = fixed.indexOf('<name>firewall-drop</name>');
  assert.ok(commandAt >= 0 && commandAt < fixed.indexOf('<active-response>'), fixed);
  assert.equal(fixed.split('<name>firewall-drop</name>').length, 2);
  for (const value of ['<location>local</location>', '<rules_id>5710,5712</rules_id>', '<timeout>600</timeout>', '<command>host-deny</command>',
    '<location>defined-agent</location>', '<rules_group>sshd,|authentication_failed,</rules_group>']) {
    assert.ok(fixed.includes(value), `${value} in\n${fixed}`);
  }
  // host-deny was then defined after use too, and timeouts on it need timeout_allowed: fixed in later rounds.
  const after = lintJson(['ossec.conf'], { cwd: dir });
  const ids = new Set(after.messages.map((m) => m.ruleId));
  for (const id of ['command-defined-after-use', 'unknown-command', 'invalid-location', 'noncanonical-location', 'rules-id-format', 'timeout-not-integer', 'rules-group-format', 'timeout-without-timeout-allowed']) {
    assert.ok(!ids.has(id), `${id} still reported after --fix: ${found(after.messages).join(', ')}`);
  }
  assert.ok(!after.messages.some((m) => m.severity === 2), found(after.messages).join(', '));
});

test('--agents enables agent-id-unknown and sharpens platform-mismatch', () => {
  const dir = tempFiles({
    'agents.json': JSON.stringify([
      { id: '001', name: 'web01', ip: '10.0.0.11', os: 'Ubuntu 22.04', version: 'Wazuh v4.14.1', status: 'active' },
      { id: '002', name: 'dc01', ip: '10.0.0.12', os: 'Microsoft Windows Server 2019', version: 'Wazuh v4.14.1', status: 'active' },
    ]),
    'ossec.conf': `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>042</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <agent_id>002</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`,
  });
  const without = lintJson(['ossec.conf'], { cwd: dir });
  assert.ok(!without.messages.some((m) => m.ruleId === 'agent-id-unknown' || m.ruleId === 'platform-mismatch'), found(without.messages).join(', '));
  const withAgents = lintJson(['--agents', 'agents.json', 'ossec.conf'], { cwd: dir });
  assert.ok(found(withAgents.messages).includes('10 agent-id-unknown'), found(withAgents.messages).join(', '));
  assert.ok(found(withAgents.messages).includes('16 platform-mismatch'), found(withAgents.messages).join(', '));
});

test('a custom program named like a Windows one on location server: a warning on its name alone, an error when the manager\'s --ar-bin lacks it, nothing when it holds it', () => {
  const dir = tempFiles({
    'bin/firewall-drop': '#!/bin/sh\n',
    'bin/block.ps1': '#!/usr/bin/env pwsh\n',
    'empty/firewall-drop': '#!/bin/sh\n',
    'ossec.conf': `<ossec_config>
  <command>
    <name>block-ps</name>
    <executable>block.ps1</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>block-ps</command>
    <location>server</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`,
  });
  const platform = (args: string[]) => lintJson([...args, 'ossec.conf'], { cwd: dir }).messages.filter((m) => m.ruleId === 'platform-mismatch');
  // The name alone: a Linux script may bear it (execd runs active-response/bin/block.ps1 through execvp).
  assert.deepEqual(platform([]).map((m) => `${m.line} ${m.severityName}`), ['9 warning']);
  assert.deepEqual(platform(['--ar-bin', 'empty']).map((m) => `${m.line} ${m.severityName}`), ['9 error']);
  // execd finds active-response/bin/block.ps1 and runs it: a script with a '#!' line runs whatever its name.
  assert.deepEqual(platform(['--ar-bin', 'bin']), []);
});

/** Rules that claim analysisd refuses the file (with the neighbours that take over surrounding spaces and empty values). */
const REFUSAL_RULES = [
  'unknown-command',
  'command-defined-after-use',
  'missing-command-or-location',
  'invalid-location',
  'defined-agent-without-agent-id',
  'level-invalid',
  'untrimmed-value',
  'empty-value',
];
/** The Wazuh message codes for active-response problems those rules stand for. */
const AR_CODES = new Set([1281, 1302, 1303, 1304]);

test('refusal rules agree with what analysisd v4.14.7 logged for every verified configuration', { skip: specSkip }, () => {
  const { cases } = JSON.parse(readFileSync(join(specDir, 'verified/acceptance.json'), 'utf8')) as {
    cases: Array<{ name: string; config: string; accepted: boolean; wazuh_says: string[] }>;
  };
  let refused = 0;
  for (const c of cases) {
    const doc = ConfigDocument.fromText('ossec.conf', c.config);
    const errors = runRules(doc, { target: parseTargetVersion('4.14'), managerIps: [], only: REFUSAL_RULES }).filter((d) => d.severity === 'error');
    const first = c.wazuh_says[0] ?? '';
    const code = Number(/\((\d{4})\)/.exec(first)?.[1]);
    if (c.accepted) {
      assert.deepEqual(errors.map((d) => d.ruleId), [], `${c.name}: Wazuh accepts it`);
    } else if (AR_CODES.has(code) || (code === 1235 && first.includes("'level'"))) {
      assert.ok(errors.length > 0, `${c.name}: Wazuh says ${first}; arctl reports no error`);
      refused++;
    }
  }
  assert.ok(refused >= 10, `${refused} refused active-response cases checked`);
});

test('one group padded with spaces: rules-group-format says it matches nothing, and --fix trims it', () => {
  const padded = BROKEN.replace(/<rules_group>[^<]*<\/rules_group>/, '<rules_group> sshd </rules_group>');
  assert.notEqual(padded, BROKEN);
  const dir = dirname(tempFile('ossec.conf', padded));
  const message = lintJson(['ossec.conf'], { cwd: dir }).messages.find((m) => m.ruleId === 'rules-group-format');
  assert.match(message?.message ?? '', /spaces around 'sshd'.*matches nothing.*'sshd,'/);
  runArctl(['lint', '--fix', 'ossec.conf'], { cwd: dir });
  assert.ok(readFileSync(join(dir, 'ossec.conf'), 'utf8').includes('<rules_group>sshd,</rules_group>'));
});
