#!/usr/bin/env node
// Thin launcher: the real CLI is the esbuild bundle in dist/ (built by `npm ci` through `preprepare`);
// importing it does nothing until runProcess() runs the command line. A command line that starts with
// `simulate` runs from that command's own bundle (dist/simulate-cli.js, src/commands/simulate-cli.ts), which
// holds none of the other commands' code.
// A timeline replay's worker thread starts first, so that its own start-up overlaps the loading of the
// CLI (src/timeline/worker-start.ts); without it the replay starts its workers itself.
const bundle = process.argv[2] === 'simulate' ? { cli: 'simulate-cli', early: 'simulate-timeline-early' } : { cli: 'arctl', early: 'timeline-early' };
if (process.argv.includes('--timeline')) {
  await import(`../dist/${bundle.early}.js`).then((early) => early.startEarlyTimelineWorker(process.argv.slice(2)), () => {});
}
import(`../dist/${bundle.cli}.js`).then(
  (cli) => cli.runProcess(),
  (error) => {
    if (error && error.code === 'ERR_MODULE_NOT_FOUND' && String(error.message).includes(`dist/${bundle.cli}.js`)) {
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
