/**
 * Where the timeline gets its decided alerts from. A large uncompressed JSON-lines file is cut into
 * line-aligned byte ranges that worker threads read and decide, each from the file itself, while this
 * thread takes their results range by range in input order and replays them; with one worker (two
 * cores), this thread reads the lines itself and the worker decides those the prefilter keeps
 * (./line-feed.ts). Any other large file
 * (JSON arrays, pretty-printed alerts) is read whole by one worker while this thread replays; a
 * gzipped one too, decompressed on this thread.
 * Standard input and small files are read on this thread. All ways give the same batches, line
 * numbers, alert positions and errors.
 */
import { closeSync, openSync, readSync } from 'node:fs';
import { MessageChannel, type MessagePort, type Worker } from 'node:worker_threads';
import { countBytes, openAlertSource, startsAsGzip, startsAsJsonLines } from '../simulate/input.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import type { DecisionBatch } from './decide.ts';
import { sendGunzipped } from './gunzip.ts';
import { lineAlignedRanges, type ByteRange } from './ranges.ts';
import { prefilterFor, readDecisions, type ReadDecisionsOptions } from './read-decisions.ts';
import { sendLines } from './line-feed.ts';
import { keepHead } from './sample-shape.ts';
import { decodeMessage, fromWorkerFailure, type Ack, type RangeMessage, type RangeRequest, type ReadNotice, type TimelineWorkerData, type WorkerInit } from './worker-protocol.ts';
import { defaultWorkerCount, FORCED_MAX_WORKERS, newTimelineWorker, WORKERS_MIN_BYTES, workerScript, type StartedWorkers } from './worker-start.ts';

const ACK: Ack = { type: 'ack' };

/** Bytes per range: the results of the few ranges read ahead of the one being replayed wait in memory. */
const RANGE_BYTES = 8 * 1024 * 1024;
/** Bytes of the file's start read to tell JSON lines from other layouts. */
const HEAD_BYTES = 256 * 1024;

export interface DecisionSourceOptions extends Pick<ReadDecisionsOptions, 'keyMode' | 'since' | 'until' | 'at' | 'skipInvalid' | 'messages'> {
  /** From readPlan. */
  plan: ReadPlan;
  /** Size of the alerts file (undefined for standard input). */
  size: number | undefined;
  onSkipped: (line: number, reason: string) => void;
  /** The alerts are alerts.log, Wazuh's text alert log. */
  onTextLog?: () => void;
  /** Called once, with its line, when a byte of the alerts is not UTF-8. */
  onNotUtf8?: (line: number) => void;
  /** Updated with the bytes read (compressed bytes for a gzipped file). */
  progress: { bytes: number };
  /** Standard input, read when the path is `-`. */
  stdin?: AsyncIterable<Buffer>;
  /** Workers started ahead (./worker-start.ts), used before any new one is started. */
  started?: StartedWorkers;
  /** For an input read on this thread: a copy of its first bytes is kept here as they are read (./sample-shape.ts keepHead). */
  keepHead?: Buffer[];
}

/**
 * A simulation with the configuration it was loaded from: worker threads load the same simulation
 * from the same bytes.
 */
export interface LoadedSimulation {
  config: SimConfig;
  options: SimOptions;
  configPath: string;
  configBytes: Uint8Array;
}

/**
 * How a file is read: by `workers` threads (0: on this thread), in ranges or `whole` by one;
 * `gunzip`: a gzipped file, decompressed on this thread for the one worker (./gunzip.ts).
 */
export interface ReadPlan {
  workers: number;
  whole: boolean;
  gunzip?: boolean;
  /** One worker for JSON lines with a line prefilter: this thread reads the lines and rules out what it can, the worker decides the rest (./line-feed.ts). */
  feed?: boolean;
}

/**
 * None for standard input, small files or a single core; ranges for plain JSON lines; otherwise one
 * worker for the whole file. `forced` sets the number of workers (0: none; the tests use it).
 */
export function readPlan(path: string, size: number | undefined, forced?: number, prefiltered = false): ReadPlan {
  const here = { workers: 0, whole: false };
  if (path === '-' || size === undefined || size === 0 || !workerScript()) return here;
  // Too small for workers even if gzipped: no need to look at the file.
  if (forced === undefined && size < WORKERS_MIN_BYTES / 10) return here;
  const layout = fileLayout(path, size);
  // A gzipped file holds about ten times its size of alerts.
  const large = size >= (layout === 'gzip' ? WORKERS_MIN_BYTES / 10 : WORKERS_MIN_BYTES);
  // One worker per other core: this thread replays.
  const wanted = forced ?? (large ? defaultWorkerCount() : 0);
  if (wanted <= 0) return here;
  if (layout === 'gzip') return { workers: 1, whole: true, gunzip: true };
  if (layout !== 'json-lines') return { workers: 1, whole: true };
  const workers = forced === undefined ? wanted : Math.min(wanted, FORCED_MAX_WORKERS);
  return workers === 1 && prefiltered ? { workers, whole: false, feed: true } : { workers, whole: false };
}

/** gzip (its magic bytes), plain JSON lines (the first non-blank line is one whole object), or other. */
function fileLayout(path: string, size: number): 'gzip' | 'json-lines' | 'other' {
  const fd = openSync(path, 'r');
  try {
    const head = Buffer.allocUnsafe(Math.min(size, HEAD_BYTES));
    const read = readSync(fd, head, 0, head.length, 0);
    if (startsAsGzip(head.subarray(0, read))) return 'gzip';
    return startsAsJsonLines(head.toString('utf8', 0, read)) ? 'json-lines' : 'other';
  } finally {
    closeSync(fd);
  }
}

/** The decision batches of an alerts file (or - for standard input), in input order. */
export async function* decisionSource(alertsPath: string, loaded: LoadedSimulation, options: DecisionSourceOptions): AsyncGenerator<DecisionBatch> {
  const { size, onSkipped, onTextLog, onNotUtf8, progress, plan, stdin, started, keepHead: kept, ...decide } = options;
  if (plan.workers === 0) {
    const source = openAlertSource(alertsPath, stdin);
    yield* readDecisions(countBytes(kept ? keepHead(source, kept) : source, progress), loaded.config, loaded.options, {
      ...decide,
      onInvalid: (error) => onSkipped(error.line, error.reason),
      ...(onTextLog ? { onTextLog } : {}),
      ...(onNotUtf8 ? { onNotUtf8 } : {}),
      progress,
    });
    return;
  }
  const data: TimelineWorkerData = {
    alertsPath,
    configPath: loaded.configPath,
    configBytes: loaded.configBytes,
    targetVersion: loaded.config.target.text,
    arch: loaded.config.arch,
    simOptions: loaded.options,
    decide: { ...(decide.keyMode ? { keyMode: decide.keyMode } : {}), since: decide.since, until: decide.until, at: decide.at, ...(decide.messages ? { messages: true } : {}) },
    skipInvalid: Boolean(decide.skipInvalid),
  };
  // One worker has no ranges to share: it reads the file as one (each range is a new reader, whose
  // code V8 optimized anew: 150 MB in 8 MB ranges recompiled the line reader five times).
  const ranges = plan.whole || plan.workers === 1 ? [{ start: 0, end: size! }] : lineAlignedRanges(alertsPath, size!, RANGE_BYTES);
  const feed = plan.feed ? prefilterFor(loaded.config, loaded.options) : undefined;
  yield* readInWorkers(ranges, plan, data, onSkipped, progress, onTextLog, started, onNotUtf8, feed);
}

/**
 * Gives each worker a range, and the next one when the range being replayed is done; yields the
 * batches range by range in file order with lines and alert positions counted from the file's start.
 * At most `plan.workers` ranges are read at a time, so memory stays bounded whatever the file's size.
 * A gzipped file is one range, decompressed on this thread for its worker (./gunzip.ts).
 */
async function* readInWorkers(
  ranges: ByteRange[],
  plan: ReadPlan,
  data: TimelineWorkerData,
  onSkipped: (line: number, reason: string) => void,
  progress: { bytes: number },
  onTextLog?: () => void,
  started?: StartedWorkers,
  onNotUtf8?: (line: number) => void,
  feed?: (line: string) => boolean | number,
): AsyncGenerator<DecisionBatch> {
  const { whole } = plan;
  let stopSending: (() => void) | undefined;
  // The one worker's bytes (gzip) or lines (feed) come from this thread over a port of their own.
  let port: { gunzipPort: MessagePort } | { linePort: MessagePort } | undefined;
  if (plan.gunzip) {
    const channel = new MessageChannel();
    stopSending = sendGunzipped(data.alertsPath, channel.port1);
    port = { gunzipPort: channel.port2 };
  } else if (feed) {
    const channel = new MessageChannel();
    stopSending = sendLines(data.alertsPath, channel.port1, feed);
    port = { linePort: channel.port2 };
  }
  const count = Math.min(plan.workers, ranges.length);
  const workers = started?.take(count) ?? [];
  while (workers.length < count) workers.push(newTimelineWorker(workerScript()!));
  for (const worker of workers) {
    const init: WorkerInit = { type: 'init', data: port ? { ...data, ...port } : data };
    if (port) worker.postMessage(init, Object.values(port));
    else worker.postMessage(init);
  }
  const inbox = ranges.map((): Array<{ message: RangeMessage; from: Worker }> => []);
  let stopped: Error | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  let assigned = 0;
  let current = 0;
  const idle: Worker[] = [];
  // A worker takes the next range as soon as it is done with one, up to a few ranges ahead of the
  // one being replayed (their results wait in memory).
  const giveWork = () => {
    while (idle.length > 0 && assigned < ranges.length && assigned <= current + workers.length) {
      const request: RangeRequest = { type: 'range', index: assigned, whole, ...ranges[assigned]! };
      idle.shift()!.postMessage(request);
      assigned++;
    }
  };
  for (const worker of workers) {
    worker.on('message', (text: string) => {
      const message = decodeMessage(text);
      inbox[message.index]!.push({ message, from: worker });
      if (message.type !== 'batch') {
        idle.push(worker);
        giveWork();
      }
      notify();
    });
    worker.on('error', (error) => {
      stopped ??= error;
      notify();
    });
    worker.on('exit', (code) => {
      stopped ??= new Error(`a timeline worker stopped unexpectedly (exit code ${code})`);
      notify();
    });
    idle.push(worker);
  }
  giveWork();
  // Said in the order reading said them; the note on bytes that are not UTF-8 once, for the first range (in file order) with one.
  const report = (notices: ReadNotice[], lineBase: number) => {
    for (const n of notices) {
      if ('reason' in n) onSkipped(n.line + lineBase, n.reason);
      else if ('textLog' in n) onTextLog?.();
      else if (onNotUtf8) {
        onNotUtf8(n.notUtf8 + lineBase);
        onNotUtf8 = undefined;
      }
    }
  };
  let lineBase = 0;
  let alertBase = 0;
  try {
    for (; current < ranges.length; current++) {
      giveWork();
      const messages = inbox[current]!;
      for (;;) {
        while (messages.length === 0) {
          if (stopped) throw stopped;
          await new Promise<void>((resolve) => (wake = resolve));
        }
        const { message, from } = messages.shift()!;
        report(message.notices, lineBase);
        if (message.type === 'batch') {
          for (const d of message.batch.decisions) d.index += alertBase;
          if (message.batch.firstUntimed) message.batch.firstUntimed.line += lineBase;
          // The batch counts the bytes read in its range.
          progress.bytes = ranges[current]!.start + (message.batch.bytes ?? 0);
          message.batch.bytes = progress.bytes;
          yield message.batch;
          from.postMessage(ACK);
          continue;
        }
        if (message.type === 'failed') throw fromWorkerFailure(message.failure, lineBase);
        lineBase += message.counts.lines;
        alertBase += message.counts.alerts;
        progress.bytes = ranges[current]!.end;
        break;
      }
    }
  } finally {
    stopSending?.();
    // Stopped, not waited for: a worker's teardown (its heap freed page by page, ~20 ms) runs on its own
    // thread while this one finishes the replay and prints the summary.
    for (const worker of workers) {
      worker.removeAllListeners();
      worker.on('error', () => {});
      void worker.terminate();
    }
  }
}
