import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import fc from 'fast-check';
import { mutate, mutation } from '../fuzz/mutations.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { assertEnginesAgree, engineAgreementProperty } from './engine-agreement.ts';

function filesUnder(dir: string, pattern: RegExp): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => join(dir, f))
    .filter((f) => pattern.test(f) && statSync(f).isFile())
    .sort();
}

const ownFiles = [...filesUnder(join(projectRoot, 'test/fixtures'), /\.(xml|conf)$/), ...filesUnder(join(projectRoot, 'examples'), /\.conf$/)];

test('native schema checks agree with libxml2 + the XSD on every fixture and example', async () => {
  let compared = 0;
  for (const file of ownFiles) if (await assertEnginesAgree(readFileSync(file), file)) compared++;
  // Most fixtures have no comment inside a value; a drop here means the filter hides real cases.
  assert.ok(compared > ownFiles.length * 0.9, `compared ${compared} of ${ownFiles.length}`);
});

test('native schema checks agree with libxml2 + the XSD on every corpus configuration', { skip: corpusSkip }, async () => {
  const files = filesUnder(join(corpusDir, 'conf'), /./);
  let compared = 0;
  for (const file of files) if (await assertEnginesAgree(readFileSync(file), file)) compared++;
  assert.ok(compared >= files.length - 2, `compared ${compared} of ${files.length}`);
});

test('native schema checks agree with libxml2 + the XSD on generated configurations', async () => {
  await fc.assert(engineAgreementProperty(), { numRuns: 400, seed: 5 });
});

test('native schema checks agree with libxml2 + the XSD on damaged fixtures', async () => {
  const seeds = ownFiles.filter((f) => f.includes('/schema/') || f.endsWith('ossec.conf')).map((f) => readFileSync(f));
  await fc.assert(
    fc.asyncProperty(fc.nat(seeds.length - 1), fc.array(mutation, { minLength: 1, maxLength: 5 }), async (s, ms) => {
      await assertEnginesAgree(ms.reduce(mutate, seeds[s]));
    }),
    { numRuns: 200, seed: 9 },
  );
});
