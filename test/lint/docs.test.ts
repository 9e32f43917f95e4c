/** docs/rules/<id>.md is generated from the rule metadata (`npm run gen:docs`) and must stay in sync. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { DOCS_BASE_URL, renderAllDocs, ruleDocsUrl } from '../../src/lint/docs.ts';
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
