/**
 * `npm run fuzz`: the property tests with a long budget (FUZZ_RUNS, default 20000 per property) and
 * a random seed printed for reproduction. Not part of `npm test`.
 */
import fc from 'fast-check';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { corpusDir, hasCorpus, projectRoot } from '../helpers/paths.ts';
import { checkDocumentInvariants } from './document-properties.ts';
import { mutate, mutation, xmlishText } from './mutations.ts';
import { longProperties } from './long-properties.ts';
import { validateProperty } from './pipeline-properties.ts';
import { assertEnginesAgree, engineAgreementProperty } from '../schema/engine-agreement.ts';

const runs = Number(process.env.FUZZ_RUNS ?? 20000);
const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);
process.stdout.write(`fuzz: ${runs} runs per property, seed ${seed} (FUZZ_SEED=${seed} to reproduce)\n`);

const seeds = [readFileSync(join(projectRoot, 'examples/ossec.conf'))];
if (hasCorpus) for (const f of readdirSync(join(corpusDir, 'conf')).filter((f) => f.endsWith('.conf'))) seeds.push(readFileSync(join(corpusDir, 'conf', f)));

const properties: Array<[string, fc.IProperty<never> | fc.IRawProperty<unknown[]>]> = [
  ['document: token soup', fc.property(xmlishText, (t) => checkDocumentInvariants(Buffer.from(t, 'utf8')))],
  ['document: random bytes', fc.property(fc.uint8Array({ maxLength: 2000 }), (b) => checkDocumentInvariants(Buffer.from(b)))],
  [
    'document: mutated configurations',
    fc.property(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 10 }), (s, ms) => checkDocumentInvariants(ms.reduce(mutate, seeds[s]))),
  ],
  ...longProperties(seeds),
];

const asyncProperties: Array<[string, fc.IAsyncProperty<[Buffer]> | fc.IAsyncProperty<[Buffer, number]>]> = [
  ['validate: positioned findings, bounded time', validateProperty(seeds)],
  ['schema: native checks = libxml2 + XSD (generated)', engineAgreementProperty()],
  [
    'schema: native checks = libxml2 + XSD (mutated configurations)',
    fc.asyncProperty(fc.nat({ max: seeds.length - 1 }), fc.array(mutation, { minLength: 1, maxLength: 8 }), async (s, ms) => {
      await assertEnginesAgree(ms.reduce(mutate, seeds[s]));
    }) as unknown as fc.IAsyncProperty<[Buffer]>,
  ],
];

let failed = 0;
for (const [name, property] of [...properties, ...asyncProperties]) {
  const start = Date.now();
  const result = await fc.check(property as fc.IRawProperty<unknown[]>, { numRuns: runs, seed });
  const ms = Date.now() - start;
  if (result.failed) {
    failed++;
    process.stdout.write(`FAIL ${name} (${ms} ms)\n${fc.defaultReportMessage(result)}\n`);
  } else {
    process.stdout.write(`ok   ${name}: ${result.numRuns} runs in ${ms} ms\n`);
  }
}
process.stdout.write(`${properties.length + asyncProperties.length - failed} passed, ${failed} failed\n`);
process.exitCode = failed ? 1 : 0;
