import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
/** The shared spec and corpus live beside the checkout (../shared), read-only. */
export const sharedDir = resolve(projectRoot, '../shared');
export const specDir = join(sharedDir, 'spec');
export const corpusDir = join(sharedDir, 'corpus');
export const hasCorpus = existsSync(corpusDir);
export const hasSpec = existsSync(join(specDir, 'verified'));
export const corpusSkip = hasCorpus ? false : `../shared/corpus is missing: corpus tests skipped`;
export const specSkip = hasSpec ? false : `../shared/spec/verified is missing: verdict tests skipped`;
