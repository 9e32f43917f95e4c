/**
 * Drives every rule through its fixtures in test/fixtures/rules/<rule-id>/: `invalid*.xml` files
 * mark each expected finding with `<!-- expect: rule-id/messageId -->`; `valid*.xml` files must give none;
 * `<name>.fixed.xml` beside a fixture is the expected output of --fix for that rule alone.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { runRules } from '../../src/lint/engine.ts';
import { fixUntilStable } from '../../src/lint/fix.ts';
import { allRules } from '../../src/lint/rules/index.ts';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { knownRuleIds } from '../../src/lint/rule-ids.ts';
import { RULE_MODULE_IDS } from '../../src/lint/rule-module-ids.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { hasCorpus, projectRoot } from '../helpers/paths.ts';
import { lintOptions, readFixture } from '../helpers/fixtures.ts';

const fixturesRoot = join(projectRoot, 'test/fixtures/rules');

for (const rule of allRules) {
  const dir = join(fixturesRoot, rule.id);
  test(`rule ${rule.id}: fixtures`, async (t) => {
    assert.ok(existsSync(dir), `rule ${rule.id} has no fixtures folder test/fixtures/rules/${rule.id}`);
    const files = readdirSync(dir).filter((f) => f.endsWith('.xml') && !f.endsWith('.fixed.xml') && !f.endsWith('.suggested.xml'));
    assert.ok(files.some((f) => f.startsWith('invalid')), `${rule.id}: needs an invalid*.xml fixture`);
    assert.ok(files.some((f) => f.startsWith('valid')), `${rule.id}: needs a valid*.xml fixture`);
    for (const f of files) {
      const path = join(dir, f);
      const { doc, options, expected } = readFixture(path);
      // Ruleset-aware fixtures read the stock rules from ../shared/corpus.
      if (!hasCorpus && (options.ruleset ?? []).some((d) => d.startsWith('corpus:'))) {
        await t.test(f, { skip: `${rule.id}/${f} needs ../shared/corpus (missing)` }, () => {});
        continue;
      }
      const opts = { ...lintOptions(options, loadRuleset), only: [rule.id] };
      const found = runRules(doc, opts).filter((d) => d.ruleId === rule.id);
      const mine = expected.filter((e) => e.ruleId === rule.id);
      for (const e of mine) assert.ok(e.messageId, `${rule.id}/${f}:${e.line}: the marker names the message id (expect: ${rule.id}/messageId)`);
      const actual = found.map((d) => `${doc.position(d.range.start).line}:${d.ruleId}/${d.messageId}`).sort();
      const want = mine.map((e) => `${e.line}:${e.ruleId}/${e.messageId}`).sort();
      assert.deepEqual(actual, want, `${rule.id}/${f}: findings (line:rule/message) differ`);
      if (f.startsWith('valid')) assert.equal(found.length, 0, `${rule.id}/${f}: a valid fixture has no findings`);
      // NAME.fixed.xml: what --fix makes of it; NAME.suggested.xml: what --fix --fix-suggestions makes of it.
      const lint = async (bytes: Buffer) => runRules(new ConfigDocument(path, bytes), opts);
      for (const [suffix, suggestions] of [['.fixed.xml', false], ['.suggested.xml', true]] as const) {
        const expectedPath = path.replace(/\.xml$/, suffix);
        if (!existsSync(expectedPath)) continue;
        const fixed = (await fixUntilStable(doc.bytes, lint, undefined, { suggestions })).bytes.toString('utf8');
        assert.equal(fixed, readFixture(expectedPath).doc.bytes.toString('utf8'), `${rule.id}/${f}: --fix${suggestions ? ' --fix-suggestions' : ''} output`);
      }
    }
  });
}

test('every rule file is registered in src/lint/rules/index.ts and src/lint/rule-module-ids.ts (npm run gen:rules)', async () => {
  const { renderIndex, renderIds } = (await import(join(projectRoot, 'scripts/gen-rules-index.mjs'))) as { renderIndex: () => string; renderIds: () => string };
  const { readFileSync } = await import('node:fs');
  assert.equal(readFileSync(join(projectRoot, 'src/lint/rules/index.ts'), 'utf8'), renderIndex());
  assert.equal(readFileSync(join(projectRoot, 'src/lint/rule-module-ids.ts'), 'utf8'), renderIds());
});

test('the rule ids settings check without loading the rules are the catalogue\'s: each rule file is named by its id', () => {
  assert.deepEqual(knownRuleIds(), [...ruleCatalogue().keys()]);
  for (const rule of allRules) assert.ok(RULE_MODULE_IDS.includes(rule.id), `${rule.id}: its file is src/lint/rules/${rule.id}.ts`);
  assert.equal(RULE_MODULE_IDS.length, allRules.length);
});

test('rule metadata is complete and ids are unique kebab-case', () => {
  const ids = new Set<string>();
  for (const rule of allRules) {
    assert.match(rule.id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    assert.ok(!ids.has(rule.id), `duplicate rule id ${rule.id}`);
    ids.add(rule.id);
    assert.ok(rule.summary.length > 10 && !rule.summary.includes('\n'), `${rule.id}: one-line summary`);
    for (const key of ['what', 'why', 'bad', 'good'] as const) assert.ok(rule.docs[key].length > 0, `${rule.id}: docs.${key}`);
    if (rule.fixable) assert.ok(rule.docs.fix, `${rule.id}: fixable rules document their fix`);
    assert.ok(Object.keys(rule.messages).length > 0, `${rule.id}: messages`);
  }
});
