#!/usr/bin/env node
// Thin launcher: the real CLI is the esbuild bundle in dist/ (built by `npm ci` through `preprepare`);
// importing it does nothing until runProcess() runs the command line.
// A timeline replay's worker thread starts first, so that its own start-up overlaps the loading of the
// CLI (src/timeline/worker-start.ts); without it the replay starts its workers itself.
if (process.argv.includes('--timeline')) {
  await import('../dist/timeline-early.js').then((early) => early.startEarlyTimelineWorker(process.argv.slice(2)), () => {});
}
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
