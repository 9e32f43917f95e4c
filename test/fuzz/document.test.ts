/** A short fuzz budget for `npm test`; `npm run fuzz` runs the same properties much longer. */
import { test } from 'node:test';
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, corpusSkip, hasCorpus, projectRoot } from '../helpers/paths.ts';
import { checkDocumentInvariants } from './document-properties.ts';
import { mutate, mutation, xmlishText } from './mutations.ts';

const seeds = [readFileSync(join(projectRoot, 'examples/ossec.conf'))];
if (hasCorpus) {
  for (const f of readdirSync(join(corpusDir, 'conf')).filter((f) => f.endsWith('.conf')).slice(0, 12)) seeds.push(readFileSync(join(corpusDir, 'conf', f)));
}

test('the document model never throws on token soup and keeps its ranges consistent', () => {
  fc.assert(fc.property(xmlishText, (text) => checkDocumentInvariants(Buffer.from(text, 'utf8'))), { numRuns: 400, seed: 42 });
});

test('the document model never throws on mutated real configurations', { skip: hasCorpus ? false : corpusSkip }, () => {
  fc.assert(
    fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 6 }), (seed, mutations) => {
      checkDocumentInvariants(mutations.reduce(mutate, seeds[seed]));
    }),
    { numRuns: 300, seed: 7 },
  );
});

test('the document model never throws on random bytes (invalid UTF-8 included)', () => {
  fc.assert(fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkDocumentInvariants(Buffer.from(bytes))), { numRuns: 300, seed: 3 });
});
