#!/usr/bin/env node
// Thin launcher: the real CLI is the esbuild bundle in dist/ (built by `npm ci` through `preprepare`);
// importing it does nothing until runProcess() runs the command line.
import('../dist/arctl.js').then(
  (cli) => cli.runProcess(),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes('dist/arctl.js')) {
      process.stderr.write('arctl: the CLI is not built yet; run `npm run build` (npm ci does it for you)\n');
    } else {
      process.stderr.write(`arctl: internal error: ${error && error.message ? error.message : error}\n`);
    }
    process.exitCode = 2;
  },
).catch((error) => {
  process.stderr.write(`arctl: internal error: ${error && error.message ? error.message : error}\n`);
  process.exitCode = 2;
});
