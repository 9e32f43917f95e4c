import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { ConfigDocument } from '../../src/document/document.ts';
import {
  BLOCK_NAMES,
  blockSchema,
  blocksWithOption,
  isKnownOption,
  isKnownSection,
  isValidRoot,
  optionDeprecatedIn,
  optionExistsIn,
  optionSchema,
  suggestOption,
  suggestSection,
} from '../../src/schema/elements.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

test('option lookups are exact and case-sensitive, like Wazuh', () => {
  assert.equal(isKnownOption('active-response', 'rules_id'), true);
  assert.equal(isKnownOption('active-response', 'rule_id'), false);
  assert.equal(isKnownOption('global', 'Logall'), false);
  assert.equal(isKnownOption('global', 'logall'), true);
  assert.equal(isKnownOption('nosuchblock', 'name'), false);
  assert.equal(blockSchema('constructor'), undefined);
  assert.deepEqual(blocksWithOption('rule_id'), ['email_alerts']);
  assert.deepEqual(blocksWithOption('level').sort(), ['active-response', 'email_alerts']);
});

test('suggestions: misspellings, case and ambiguity', () => {
  assert.equal(suggestOption('active-response', 'disbaled'), 'disabled');
  assert.equal(suggestOption('command', 'timeout_allow'), 'timeout_allowed');
  assert.equal(suggestOption('command', 'Name'), 'name');
  assert.equal(suggestOption('active-response', 'completely_different'), undefined);
  assert.equal(suggestSection('active_response'), 'active-response');
  assert.equal(suggestSection('ossec_config_zzzzz'), undefined);
});

test('versions: expect deprecated on 4.2+, extra_args since 3.5', () => {
  const expect = optionSchema('command', 'expect')!;
  assert.equal(optionDeprecatedIn(expect, parseTargetVersion('4.14')), true);
  assert.equal(optionDeprecatedIn(expect, parseTargetVersion('4.1')), false);
  const extraArgs = optionSchema('command', 'extra_args')!;
  assert.equal(optionExistsIn(extraArgs, parseTargetVersion('3.4')), false);
  assert.equal(optionExistsIn(extraArgs, parseTargetVersion('3.5')), true);
});

test('roots and sections', () => {
  assert.equal(isValidRoot('ossec_config'), true);
  assert.equal(isValidRoot('agent_config'), false);
  assert.equal(isValidRoot('agent_config', 'agent.conf'), true);
  assert.equal(isKnownSection('active-response'), true);
  assert.equal(isKnownSection('active_response'), false);
});

test('every child of the schema blocks in the corpus configs is known (no false positives on real files)', { skip: corpusSkip }, () => {
  const dir = join(corpusDir, 'conf');
  const unknown: string[] = [];
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.conf'))) {
    const doc = new ConfigDocument(file, readFileSync(join(dir, file)));
    for (const root of doc.roots) {
      if (root.name !== 'ossec_config' && root.name !== 'agent_config') continue;
      for (const section of root.children) {
        if (!isKnownSection(section.name)) unknown.push(`${file}: <${section.name}>`);
        if (!(BLOCK_NAMES as string[]).includes(section.name)) continue;
        for (const child of section.children) {
          if (!isKnownOption(section.name, child.name)) unknown.push(`${file}: <${section.name}><${child.name}>`);
        }
      }
    }
  }
  assert.deepEqual(unknown, []);
});
