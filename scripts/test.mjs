#!/usr/bin/env node
/**
 * `npm test`: every test/**\/*.test.ts, each in a process of its own (node's test runner), from bundles
 * of the test files built first, not through tsx (scripts/test-bundles.mjs says why and how).
 *
 *   npm test                                     every test file but the slow ones (*.slow.test.ts)
 *   npm test -- test/cli/lint.test.ts ...        those files only (slow ones too)
 *   npm run test:slow                            the slow ones (scripts/test-bundles.mjs SLOW_TEST)
 *   npm test -- --test-name-pattern=fix          options go to node's test runner
 *
 * One test file alone while developing still runs as the sources are: node --import tsx --test FILE.
 */
import { relative, resolve } from 'node:path';
import { root, runBundled, testFiles } from './test-bundles.mjs';

const args = process.argv.slice(2);
const slow = args.includes('--slow');
const options = args.filter((a) => a.startsWith('-') && a !== '--slow');
// npm runs scripts in the package's root; INIT_CWD is where `npm test -- FILE` was typed.
const named = args.filter((a) => !a.startsWith('-')).map((a) => relative(root, resolve(process.env.INIT_CWD ?? process.cwd(), a)));
process.exitCode = await runBundled(named.length > 0 ? named : testFiles({ slow }), options);
