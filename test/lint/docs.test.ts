/** docs/rules/<id>.md is generated from the rule metadata (`npm run gen:docs`) and must stay in sync. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import {
  DOCS_BASE_URL,
  README_RULES_END,
  README_RULES_START,
  renderAllDocs,
  renderReadmeRuleList,
  replaceReadmeRuleList,
  ruleDocsUrl,
} from '../../src/lint/docs.ts';
import { projectRoot } from '../helpers/paths.ts';

const docsDir = join(projectRoot, 'docs/rules');

test('docs/rules has exactly one generated page per rule (run `npm run gen:docs` after changing a rule)', () => {
  const expected = renderAllDocs([...ruleCatalogue().values()]);
  const present = existsSync(docsDir) ? readdirSync(docsDir).filter((f) => f.endsWith('.md')).sort() : [];
  assert.deepEqual(present, [...expected.keys()].sort(), 'docs/rules file list differs: run `npm run gen:docs`');
  for (const [name, text] of expected) {
    assert.equal(readFileSync(join(docsDir, name), 'utf8'), text, `docs/rules/${name} is stale: run \`npm run gen:docs\``);
  }
});

test('every page has what, why, bad and good sections, and the help URL points at it', () => {
  for (const [name, text] of renderAllDocs([...ruleCatalogue().values()])) {
    for (const heading of ['## What it detects', '## Why', '## Bad', '## Good']) assert.ok(text.includes(heading), `${name}: ${heading}`);
    const id = name.replace(/\.md$/, '');
    assert.equal(ruleDocsUrl(id), `${DOCS_BASE_URL}/${name}`);
    if (ruleCatalogue().get(id)!.fixable) assert.ok(text.includes('## Fix'), `${name}: fixable rules document the fix`);
  }
});

test('README.md rule list matches the catalogue (run `npm run gen:docs` after changing a rule)', () => {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const rules = [...ruleCatalogue().values()];
  const regenerated = replaceReadmeRuleList(readme, rules);
  assert.ok(regenerated !== undefined, `README.md lacks ${README_RULES_START} / ${README_RULES_END}`);
  assert.equal(readme, regenerated, 'README.md rule list is stale: run `npm run gen:docs`');
  for (const rule of rules) assert.ok(readme.includes(`[${rule.id}](docs/rules/${rule.id}.md)`), rule.id);
});

test('README rule list rows: code-quoted element names, escaped pipes, one row per rule', () => {
  const meta = {
    id: 'demo-rule',
    fixable: true,
    needs: ['ruleset' as const],
    summary: 'A <rules_group> like sshd,|web, in <email_alerts><group>',
    docs: { what: '', why: '', bad: '', good: '' },
    messages: { demo: { severity: 'warning' as const, text: 'demo' } },
  };
  const table = renderReadmeRuleList([meta]);
  assert.equal(
    table.split('\n')[2],
    '| [demo-rule](docs/rules/demo-rule.md) | warning | yes | --ruleset DIR | A `<rules_group>` like sshd,\\|web, in `<email_alerts><group>` |',
  );
  assert.equal(replaceReadmeRuleList('no markers here', [meta]), undefined);
});
