/**
 * The shortcuts that keep ruleset-aware rules fast (matching distinct group strings once, splitting a
 * plain pattern on '|', ruling absent words out by one search) give exactly what matching the whole
 * pattern against every rule's group string gives.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import fc from 'fast-check';
import { rulesMatchingGroup } from '../../src/lint/ruleset-facts.ts';
import { compileOsRegex } from '../../src/wazuh/os-regex.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

test('rulesMatchingGroup agrees with OS_Regex on every rule of the stock ruleset', { skip: corpusSkip }, () => {
  const ruleset = loadRuleset([join(corpusDir, 'rules/wazuh-v4.14.7')]);
  const rules = [...ruleset.rules.values()];
  const groups = [...ruleset.groups].slice(0, 200);
  const part = fc.oneof(
    fc.constantFrom(...groups),
    fc.constantFrom(...groups).map((g) => `${g},`),
    fc.constantFrom(...groups).map((g) => g.toUpperCase()),
    fc.constantFrom('^sshd', 'web$', 'authentication_', 'invalid_login', 'nonexistent_group', '\\w+_failed', 'sys(log)', '', 'é'),
  );
  const pattern = fc.array(part, { minLength: 1, maxLength: 4 }).map((parts) => parts.join('|'));
  // A compiled OS_Regex keeps no state between searches: the whole pattern is matched once against
  // each distinct group string of the rules (4512 rules share 1292), then every rule takes its string's answer.
  const groupStrings = [...new Set(rules.map((r) => r.groupString))];
  fc.assert(
    fc.property(pattern, (p) => {
      const regex = compileOsRegex(p);
      const matched = new Set(regex ? groupStrings.filter((g) => regex.test(g)) : []);
      const expected = rules.filter((r) => matched.has(r.groupString)).map((r) => r.id);
      assert.deepEqual(rulesMatchingGroup(p, ruleset).map((r) => r.id), expected, p);
    }),
    { numRuns: 300 },
  );
});
