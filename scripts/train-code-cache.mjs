// node scripts/train-code-cache.mjs dist/BUNDLE.cjs: loads the bundle without a cache, runs the command
// lines users run most through its main() on the shipped examples (output discarded), then writes the
// bytecode compiled so far to dist/BUNDLE.cjs.cache (scripts/code-cache.mjs runs it during the build).
// The functions those runs did not reach compile at run time, as without a cache.
import { basename, dirname, join } from 'node:path';
import { Readable, Writable } from 'node:stream';
import { loadBundle, writeCodeCache } from '../bin/load-bundle.js';

const file = process.argv[2];
const examples = (name) => `examples/${name}`;
/** What each bundle's users run: lint and validate on save and in hooks; simulate and its timeline. */
const RUNS = {
  'arctl.cjs': [
    ['lint', examples('ossec.conf')],
    ['lint', examples('broken.ossec.conf')],
    ['lint', '--format', 'json', examples('broken.ossec.conf'), examples('quirks.ossec.conf')],
    ['validate', examples('ossec.conf')],
    ['validate', examples('broken.ossec.conf')],
  ],
  'simulate-cli.cjs': [
    ['simulate', '--file', examples('ossec.conf'), examples('alerts.json')],
    ['simulate', '--file', examples('ossec.conf'), '--format', 'json', examples('alerts.json')],
    ['simulate', '--timeline', '--file', examples('ossec.conf'), '--format', 'json', examples('alerts.json')],
    // With a worker, as from 64 MB: this thread reads the lines and replays what the worker decides; the
    // worker's bundle writes its own cache (bin/load-bundle.js runWorkerBundle, ARCTL_TRAIN_CODE_CACHE).
    { env: { ARCTL_TIMELINE_WORKERS: '1' }, trainsWorker: true, argv: ['simulate', '--timeline', '--file', examples('ossec.conf'), '--format', 'json', examples('alerts.json')] },
  ],
};

const runs = RUNS[basename(file)];
if (!runs) throw new Error(`no training runs for ${file}`);
const loaded = loadBundle(file, { useCache: false });
const discard = () => new Writable({ write: (_chunk, _encoding, done) => done() });
for (const run of runs) {
  const { argv, env = {}, trainsWorker = false } = Array.isArray(run) ? { argv: run } : run;
  if (trainsWorker) process.env.ARCTL_TRAIN_CODE_CACHE = join(dirname(file), 'timeline-worker.cjs');
  const status = await loaded.exports.main(argv, { stdout: discard(), stderr: discard(), stdin: Readable.from([]), env: { NO_COLOR: '1', ...env }, cwd: process.cwd() });
  // The examples are what they are: lint finds problems in broken.ossec.conf (1), the rest is clean (0).
  if (status !== 0 && status !== 1) throw new Error(`arctl ${argv.join(' ')} exited ${status} while training the code cache`);
}
writeCodeCache(file, loaded);
