/**
 * Every rule's documented examples are linted, so the docs cannot lie (typescript-eslint snapshots
 * the linter output of every code sample in its docs for the same reason). For each rule in the
 * catalogue, `docs.bad` and `docs.good` go through lintDocument, the entry point `arctl lint` uses
 * for one file, as a file named ossec.conf with the inputs in `docs.context` (the same options
 * docs/rules/<id>.md and `arctl explain` print next to the examples):
 * - bad: a whole configuration file (an <ossec_config> or <agent_config> root) with at least one
 *   finding of the rule;
 * - good: a whole configuration file with no finding of the rule and no error of any rule, so a
 *   reader who pastes it into `arctl lint` sees a file Wazuh accepts.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { STOCK_RULESET_VERSION } from '../../src/lint/docs.ts';
import { formatMessage, lintDocument, type LintDocumentOptions } from '../../src/lint/engine.ts';
import type { Diagnostic, RuleExampleContext } from '../../src/lint/types.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, hasCorpus } from '../helpers/paths.ts';

/** `ruleset: 'stock'` reads the Wazuh rules of the release the docs name, from ../shared/corpus. */
const stockRulesDir = join(corpusDir, `rules/wazuh-v${STOCK_RULESET_VERSION}`);
let stockRuleset: LintDocumentOptions['ruleset'];

function exampleOptions(context: RuleExampleContext = {}): LintDocumentOptions {
  if (context.ruleset === 'stock') stockRuleset ??= loadRuleset([stockRulesDir]);
  return {
    target: parseTargetVersion(context.targetVersion ?? '4.14'),
    managerIps: context.managerIps ?? [],
    ...(context.ruleset === 'stock' ? { ruleset: stockRuleset } : {}),
    ...(context.agents ? { agents: context.agents } : {}),
    ...(context.arBin ? { arBin: { dir: '/var/ossec/active-response/bin', files: new Set(context.arBin) } } : {}),
  };
}

function show(doc: ConfigDocument, list: readonly Diagnostic[]): string {
  if (list.length === 0) return '  (no findings)';
  return list.map((d) => `  ${doc.position(d.range.start).line}: ${d.severity} ${d.ruleId}: ${formatMessage(d)}`).join('\n');
}

for (const rule of ruleCatalogue().values()) {
  const context = rule.docs.context;
  const skip = context?.ruleset === 'stock' && !hasCorpus ? `${rule.id}: its examples need the stock rules in ${stockRulesDir} (missing)` : false;
  test(`rule ${rule.id}: docs examples`, { skip }, async () => {
    const options = exampleOptions(context);
    for (const kind of ['bad', 'good'] as const) {
      // An example rooted in <agent_config> is a shared agent.conf, and is saved as one.
      const name = /^\s*<agent_config\b/.test(rule.docs[kind]) ? 'agent.conf' : 'ossec.conf';
      const doc = new ConfigDocument(name, Buffer.from(rule.docs[kind]));
      const found = await lintDocument(doc, options);
      const where = `${rule.id}: docs.${kind}${context ? ` (context ${JSON.stringify(context)})` : ''}`;
      const whole = doc.parseError ? rule.id === 'parse-error' && kind === 'bad' : ['ossec_config', 'agent_config'].includes(doc.roots[0]?.name ?? '');
      assert.ok(whole, `${where} is not a whole configuration file (its first element must be <ossec_config> or <agent_config>):\n${rule.docs[kind]}`);
      const own = found.filter((d) => d.ruleId === rule.id);
      if (kind === 'bad') {
        assert.ok(own.length > 0, `${where} gets no ${rule.id} finding; it gets:\n${show(doc, found)}`);
      } else {
        assert.equal(own.length, 0, `${where} gets a ${rule.id} finding:\n${show(doc, own)}`);
        const errors = found.filter((d) => d.severity === 'error');
        assert.equal(errors.length, 0, `${where} gets errors of other rules, which would confuse a reader:\n${show(doc, errors)}`);
      }
    }
  });
}

test('docs examples: the test covers the whole catalogue (view, schema-only and engine rules)', () => {
  const ids = [...ruleCatalogue().keys()];
  for (const id of ['parse-error', 'unused-disable', 'unknown-element', 'invalid-value', 'agent-id-format']) assert.ok(ids.includes(id), id);
});
