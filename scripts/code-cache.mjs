// The V8 code caches of the command-line bundles (bin/load-bundle.js loads them): after esbuild writes a
// bundle, markBundle appends its hash; trainCodeCaches then runs each bundle in a process of its own on
// the shipped examples (scripts/train-code-cache.mjs) and writes the bytecode those runs compiled to
// FILE.cache. Made on the machine that builds (npm ci runs the build), by the Node that runs arctl there.
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { appendFileSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { HASH_MARK, cacheFileOf } from '../bin/load-bundle.js';

/** The bundles (in dist/) that get a cache: each trained in a process of its own, the worker's within simulate's. */
const TRAINED = ['arctl.cjs', 'simulate-cli.cjs'];
export const CODE_CACHED = [...TRAINED, 'timeline-worker.cjs'];

const root = fileURLToPath(new URL('..', import.meta.url));

/** Appends `//# arctl-bundle=HASH` (of the text before it) to a bundle: its cache must carry the same. */
export function markBundle(file) {
  const hash = createHash('sha256').update(readFileSync(file)).digest('hex').slice(0, 32);
  appendFileSync(file, `${HASH_MARK}${hash}\n`);
}

/**
 * Trains and writes the cache of each bundle, in parallel. A bundle whose training fails keeps no cache
 * (it runs, only slower to start): the build says so and goes on.
 */
export async function trainCodeCaches() {
  for (const bundle of CODE_CACHED) rmSync(cacheFileOf(`${root}dist/${bundle}`), { force: true });
  await Promise.all(
    TRAINED.map(
      (bundle) =>
        new Promise((resolve) => {
          const file = `${root}dist/${bundle}`;
          const child = spawn(process.execPath, [`${root}scripts/train-code-cache.mjs`, file], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
          let stderr = '';
          child.stderr.on('data', (d) => (stderr += d));
          child.on('close', (status) => {
            if (status !== 0) process.stderr.write(`build: no code cache for dist/${bundle} (training exited ${status}): it runs without one\n${stderr}`);
            resolve();
          });
        }),
    ),
  );
}
