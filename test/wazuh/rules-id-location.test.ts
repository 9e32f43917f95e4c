import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseRuleIdList, ruleIdListIncludes, ruleIdListStop } from '../../src/wazuh/rules-id.ts';
import { canonicalLocations, describeLocation, effectiveLocation, locationFlags, noLocationFlag } from '../../src/wazuh/location.ts';

test('rules_id walker: the cases of wazuh-semantics.md 3.1', () => {
  assert.deepEqual(parseRuleIdList('5710,5712'), [5710, 5712]);
  assert.deepEqual(parseRuleIdList('5710, 5712'), [5710, 5712]);
  assert.deepEqual(parseRuleIdList('5710 5712'), [5710]);
  assert.deepEqual(parseRuleIdList('5710;5712'), [5710]);
  assert.deepEqual(parseRuleIdList('abc,5710'), []);
  assert.deepEqual(parseRuleIdList('5710abc,5712'), [5710, 5712]);
  assert.deepEqual(parseRuleIdList(',,5710,,,5712,'), [5710, 5712]);
  assert.deepEqual(parseRuleIdList('  007 , 8'), [7, 8]);
  assert.deepEqual(parseRuleIdList('5710,\t5712'), [5710], 'a tab is not skipped');
  assert.deepEqual(parseRuleIdList(''), []);
  assert.deepEqual(parseRuleIdList('99999999999999999999'), [-1], 'atoi saturates at LONG_MAX, cast to int');
  assert.deepEqual(parseRuleIdList('4294967297'), [1], 'atoi keeps the low 32 bits');
  assert.equal(ruleIdListIncludes('5710 5712', 5712), false);
  assert.deepEqual(ruleIdListStop('5710;5712'), undefined, 'text after a number up to the comma is skipped, not a stop');
  assert.deepEqual(ruleIdListStop('5710,x'), { offset: 5, char: 'x' });
  assert.deepEqual(ruleIdListStop('5710, 5712'), undefined);
});

test('location flags: several at once, substring matches, case-insensitive', () => {
  assert.deepEqual(locationFlags('local'), { server: false, local: true, definedAgent: false, all: false });
  assert.deepEqual(locationFlags('local,server'), { server: true, local: true, definedAgent: false, all: false });
  assert.deepEqual(canonicalLocations(locationFlags('east')), ['server'], '"east" contains "as"');
  assert.deepEqual(canonicalLocations(locationFlags('wazuh-master')), ['server']);
  assert.deepEqual(canonicalLocations(locationFlags('Any')), ['all']);
  assert.deepEqual(canonicalLocations(locationFlags('all agents')), ['all']);
  assert.deepEqual(canonicalLocations(locationFlags('defined-agent')), ['defined-agent']);
  assert.equal(noLocationFlag(locationFlags('defined_agent')), true);
  assert.equal(noLocationFlag(locationFlags('')), true);
  assert.equal(effectiveLocation(locationFlags('all,server')), 'server');
  assert.equal(effectiveLocation(locationFlags('local,defined-agent')), 'defined-agent');
  assert.equal(describeLocation('local').exact, true);
  assert.equal(describeLocation('LOCAL').exact, false);
  assert.deepEqual(describeLocation('LOCAL').canonical, ['local']);
});
