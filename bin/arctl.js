#!/usr/bin/env node
// Thin launcher (CommonJS, bin/package.json: an ES module would start Node's ES module loader, about 4 ms of
// every run): the real CLI is a CommonJS bundle in dist/ (built by `npm ci` through `preprepare`), loaded with
// the V8 code cache the build made for it (./load-bundle.js); loading it does nothing until runProcess()
// runs the command line. A command line that starts with `simulate` runs from that command's own bundle
// (dist/simulate-cli.cjs, src/commands/simulate-cli.ts), which holds none of the other commands' code.
// A timeline replay's worker thread starts first, so that its own start-up overlaps the loading of the
// CLI (src/timeline/worker-start.ts); without it the replay starts its workers itself.
'use strict';
const { join } = require('node:path');
const { loadBundle } = require('./load-bundle.js');

const dist = join(__dirname, '..', 'dist');
const name = process.argv[2] === 'simulate' ? 'simulate-cli.cjs' : 'arctl.cjs';
const fail = (message) => {
  process.stderr.write(`arctl: ${message}\n`);
  process.exitCode = 2;
};
if (process.argv.includes('--timeline')) {
  try {
    require(join(dist, 'timeline-early.cjs')).startEarlyTimelineWorker(process.argv.slice(2));
  } catch {
    // The replay starts its workers itself.
  }
}
let cli;
try {
  cli = loadBundle(join(dist, name)).exports;
} catch (error) {
  if (error && error.code === 'ENOENT' && error.path === join(dist, name)) fail('the CLI is not built yet; run `npm run build` (npm ci does it for you)');
  else fail(`internal error: ${error && error.message ? error.message : error}`);
}
if (cli) cli.runProcess().catch((error) => fail(`internal error: ${error && error.message ? error.message : error}`));
