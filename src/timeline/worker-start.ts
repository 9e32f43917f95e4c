/**
 * Starting timeline worker threads (./worker.ts), possibly before the simulation is loaded. A
 * worker's start-up (a Node.js environment of its own and the worker bundle: about 0.1 s, a tenth of
 * replaying 150 MB) then runs on another core while this thread loads arctl's simulate code and the
 * configuration, instead of after them. A started worker waits for the simulation it decides
 * (WorkerInit) before it is sent ranges. Only Node.js modules here: the command's start-up path
 * imports this file.
 */
import { existsSync, statSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

/**
 * Below this size the workers' start-up and the messages cost about what they save, for more memory.
 * Measured on two cores with workers started before the configuration loads: even at 25 and 34 MB,
 * 12% faster at 50 MB and 14% at 100 MB (the target of 3x jq holds from 100 MB up, so that size must
 * not fall below the threshold).
 */
export const WORKERS_MIN_BYTES = 64 * 1024 * 1024;
/**
 * Each worker is a V8 heap of its own (about 50 MB): two at most keep the timeline under 200 MB of
 * memory whatever the machine. On two cores one worker is faster than two: the replaying thread is
 * the bottleneck, and a second worker only takes CPU time from it (150 MB: 1.48 s against 1.71 s,
 * 514 MB: 3.10 s against 3.05 s, with 30 MB less memory).
 */
export const MAX_WORKERS = 2;
/** A count asked for (`workers`) may be higher (the tests check that the count does not change the output). */
export const FORCED_MAX_WORKERS = 8;
/**
 * Each worker's garbage is short-lived and small: a young generation of 12 MB (semi-spaces of 4 MB)
 * collects it. 24 MB (8 MB semi-spaces) was faster when workers kept more alive, but no longer: V8
 * grows the semi-spaces as it goes, and the step to 8 MB cost about 35 ms of fresh pages in the middle of
 * a 100 MB file, and the larger nursery is touched farther from the cache. Reading and deciding in a
 * worker thread without the replay (thread CPU, medians of 5/3/2): 100 MB 444 -> 403 ms, 150 MB
 * 531 -> 490 ms, 514 MB 1451 -> 1437 ms; 6 MB was no better than 12 with the replay running.
 */
const WORKER_LIMITS = { maxYoungGenerationSizeMb: 12 };

/** The bundled worker script beside this module (dist/, CommonJS: scripts/build.mjs), absent when running from the sources. */
export function workerScript(): URL | undefined {
  const url = new URL('./timeline-worker.cjs', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

/** Workers the replaying thread reads with by default: one per other core, MAX_WORKERS at most. */
export function defaultWorkerCount(): number {
  return Math.min(availableParallelism() - 1, MAX_WORKERS);
}

/**
 * A new timeline worker, waiting for its WorkerInit. In the package, bin/load-bundle.js loads its bundle
 * with the code cache the build trained for it (a worker compiles its code again in each run otherwise).
 */
export function newTimelineWorker(script: URL): Worker {
  const loader = new URL('../bin/load-bundle.js', script);
  if (!existsSync(loader)) return new Worker(script, { resourceLimits: WORKER_LIMITS });
  const code = `require(${JSON.stringify(fileURLToPath(loader))}).runWorkerBundle(${JSON.stringify(fileURLToPath(script))});`;
  return new Worker(code, { eval: true, resourceLimits: WORKER_LIMITS });
}

/**
 * The worker bin/arctl.js started before arctl's code loaded, until a StartedWorkers takes it. A global
 * slot: bin/arctl.js starts it from dist/timeline-early.cjs, and the command-line bundle that takes it holds
 * its own copy of this module.
 */
const EARLY_WORKER = Symbol.for('arctl.timeline.earlyWorker');
const slot = globalThis as { [EARLY_WORKER]?: Worker };

/**
 * bin/arctl.js, before it loads the CLI: a command line that may replay a timeline (`simulate ...
 * --timeline`) starts one worker at once, so that the worker's start-up overlaps the loading of arctl's
 * code and the parsing of the command line too (about 30 ms sooner to the first alert). Nothing is
 * known yet about the file: startTimelineWorkers takes the worker, or stops it when the file needs none.
 */
export function startEarlyTimelineWorker(argv: readonly string[]): void {
  if (slot[EARLY_WORKER] || !argv.includes('simulate') || !argv.includes('--timeline') || defaultWorkerCount() < 1) return;
  const script = workerScript();
  if (!script) return;
  const worker = newTimelineWorker(script);
  worker.unref();
  slot[EARLY_WORKER] = worker;
}

/** The early worker, now the caller's, if there is one. */
function takeEarlyWorker(): Worker | undefined {
  const worker = slot[EARLY_WORKER];
  delete slot[EARLY_WORKER];
  return worker;
}

/**
 * Workers started ahead of their work. `take` hands some over (the taker terminates them);
 * `release` terminates the others. Until taken they do not keep the process alive.
 */
export class StartedWorkers {
  private readonly waiting: Worker[];
  private readonly gone = new Set<Worker>();
  /** The first worker is the one bin/arctl.js started before it loaded the CLI. */
  readonly startedAtLaunch: boolean;

  constructor(script: URL, count: number) {
    const launched = takeEarlyWorker();
    this.startedAtLaunch = launched !== undefined;
    this.waiting = Array.from({ length: count }, (_, i) => {
      const worker = (i === 0 ? launched : undefined) ?? newTimelineWorker(script);
      worker.unref();
      // A worker that fails before it is taken is replaced by a new one when work comes (whose failure is reported then).
      worker.on('error', () => this.gone.add(worker));
      worker.on('exit', () => this.gone.add(worker));
      return worker;
    });
  }

  /** Up to `count` of the workers still running, without their listeners: the caller owns them. */
  take(count: number): Worker[] {
    const taken: Worker[] = [];
    while (taken.length < count && this.waiting.length > 0) {
      const worker = this.waiting.shift()!;
      if (this.gone.has(worker)) continue;
      worker.removeAllListeners();
      worker.ref();
      taken.push(worker);
    }
    return taken;
  }

  /** Terminates the workers nobody took. */
  async release(): Promise<void> {
    const left = this.waiting.splice(0);
    await Promise.all(left.map((w) => (w.removeAllListeners(), w.terminate())));
  }
}

/**
 * Starts the workers a timeline of `path` will read with, when it is a regular file that large
 * (`forced`: the count asked for, 0 for none). Undefined when none would be used; a file that
 * turns out to need fewer (a gzipped file or JSON array is read by one) releases the others.
 */
export function startTimelineWorkers(path: string, forced?: number): StartedWorkers | undefined {
  const started = workersFor(path, forced);
  // An early worker no file needs is stopped now, not at exit.
  void takeEarlyWorker()?.terminate();
  return started;
}

function workersFor(path: string, forced: number | undefined): StartedWorkers | undefined {
  const script = path === '-' || forced === 0 ? undefined : workerScript();
  if (!script) return undefined;
  let size: number;
  try {
    const stat = statSync(path);
    if (!stat.isFile()) return undefined;
    size = stat.size;
  } catch {
    // The replay reports the file it cannot read.
    return undefined;
  }
  const count = forced !== undefined ? Math.min(forced, FORCED_MAX_WORKERS) : size >= WORKERS_MIN_BYTES ? defaultWorkerCount() : 0;
  return count > 0 && size > 0 ? new StartedWorkers(script, count) : undefined;
}
