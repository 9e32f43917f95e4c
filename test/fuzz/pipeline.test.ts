/** A short fuzz budget over lint, --fix, add and simulate (the long one: `npm run fuzz`). */
import { test } from 'node:test';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, hasCorpus, projectRoot } from '../helpers/paths.ts';
import { pipelineProperties, validateProperty } from './pipeline-properties.ts';

const seeds = [readFileSync(join(projectRoot, 'examples/ossec.conf'))];
if (hasCorpus) {
  for (const f of readdirSync(join(corpusDir, 'conf')).filter((f) => f.endsWith('.conf')).slice(0, 8)) seeds.push(readFileSync(join(corpusDir, 'conf', f)));
} else {
  test('corpus seeds', { skip: 'corpus missing (../shared/corpus): seeded from examples/ossec.conf only' }, () => {});
}

for (const [name, property] of pipelineProperties(seeds)) {
  test(name, async () => {
    await fc.assert(property, { numRuns: 40, seed: 11 });
  });
}

test('validate: positioned findings, bounded time', async () => {
  await fc.assert(validateProperty(seeds), { numRuns: 15, seed: 13 });
});
