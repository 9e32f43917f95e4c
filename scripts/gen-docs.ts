// Regenerates docs/rules/ and README.md's rule list from the rule metadata: `npm run gen:docs`.
// Tests check both are in sync.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ruleCatalogue } from '../src/lint/catalogue.ts';
import { README_RULES_END, README_RULES_START, renderAllDocs, replaceReadmeRuleList } from '../src/lint/docs.ts';

const rules = [...ruleCatalogue().values()];
const dir = fileURLToPath(new URL('../docs/rules/', import.meta.url));
mkdirSync(dir, { recursive: true });
const files = renderAllDocs(rules);
for (const name of readdirSync(dir)) if (name.endsWith('.md') && !files.has(name)) rmSync(join(dir, name));
for (const [name, text] of files) {
  const path = join(dir, name);
  let current: string | undefined;
  try {
    current = readFileSync(path, 'utf8');
  } catch {
    current = undefined;
  }
  if (current !== text) writeFileSync(path, text);
}

const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
const readme = readFileSync(readmePath, 'utf8');
const updated = replaceReadmeRuleList(readme, rules);
if (updated === undefined) {
  process.stderr.write(`README.md lacks the rule list markers ${README_RULES_START} ... ${README_RULES_END}\n`);
  process.exitCode = 1;
} else if (updated !== readme) {
  writeFileSync(readmePath, updated);
}
