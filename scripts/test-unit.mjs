#!/usr/bin/env node
/**
 * `npm run test:unit`: the developer's inner loop. Runs the test files that stay in-process (no
 * spawned `arctl`, no child processes), which is about half of `npm test` in a fraction of its time,
 * from bundles as `npm test` runs them (scripts/test-bundles.mjs). CI runs `npm test`, which includes these.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { root, runBundled, testFiles } from './test-bundles.mjs';

const spawns = /helpers\/cli|node:child_process|bin\/arctl/;

const files = testFiles().filter((f) => !spawns.test(readFileSync(join(root, f), 'utf8')));
process.exitCode = await runBundled(files, process.argv.slice(2), { reporter: 'dot' });
