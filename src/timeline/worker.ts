/**
 * Entry point of a timeline worker thread (bundled as dist/timeline-worker.cjs, started by
 * ./worker-start.ts): loads the simulation it is sent (WorkerInit), then reads and decides the byte
 * ranges of an alerts file it is sent, or the whole file (./read-decisions.ts), and posts the results
 * to the thread that replays them.
 */
import { parentPort, type MessagePort } from 'node:worker_threads';
import { ConfigDocument } from '../document/document.ts';
import { loadSimConfig } from '../simulate/from-load.ts';
import { countBytes, openAlertSource } from '../simulate/input.ts';
import { BATCH_DISPATCHES, type DecisionBatch } from './decide.ts';
import { readDecisions } from './read-decisions.ts';
import { fileChunks } from '../util/file-chunks.ts';
import { receiveLines } from './line-feed.ts';
import { portMessages } from './port-messages.ts';
import {
  encodeMessage,
  fromWorkerFailure,
  toWorkerFailure,
  UNACKED_BATCHES,
  type GunzipMessage,
  type RangeMessage,
  type RangeRequest,
  type ReadNotice,
  type TimelineWorkerData,
  type ToWorker,
} from './worker-protocol.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import { parseTargetVersion } from '../wazuh/version.ts';
import { readerOptions } from '../wazuh/arch.ts';

/** Decisions gathered into one message: fewer, larger messages cost less to pass. */
const MESSAGE_DECISIONS = 256;
/** Bytes decoded at a time from a packet of decompressed bytes. */
const PIECE_BYTES = 64 * 1024;

const port = parentPort!;
const WORK_DONE = Symbol.for('arctl.codeCache.workDone');

/** The simulation of the WorkerInit message. */
interface Loaded {
  data: TimelineWorkerData;
  config: SimConfig;
  simOptions: SimOptions;
}

function load(data: TimelineWorkerData): Loaded {
  const target = parseTargetVersion(data.targetVersion);
  const config = loadSimConfig(new ConfigDocument(data.configPath, Buffer.from(data.configBytes), readerOptions(target, data.arch)), target, data.arch);
  return { data, config, simOptions: data.simOptions };
}
// As JSON text: one string crosses the thread boundary and is parsed into young objects (a structured
// clone of thousands of small objects costs the replaying thread far more in garbage collection).
const post = (message: RangeMessage) => port.postMessage(encodeMessage(message));

let unacked = 0;
let acked: (() => void) | undefined;

/** Sends a batch once fewer than UNACKED_BATCHES are waiting on the replaying thread. */
async function postBatch(message: RangeMessage): Promise<void> {
  while (unacked >= UNACKED_BATCHES) await new Promise<void>((resolve) => (acked = resolve));
  unacked++;
  post(message);
}

/** Skipped entries kept before they are sent without waiting for a batch of alerts. */
const SKIPPED_PER_MESSAGE = 1000;

/** Sends a message at once (from a synchronous callback), still counted against UNACKED_BATCHES. */
function postNow(message: RangeMessage): void {
  unacked++;
  post(message);
}

async function readRange({ data, config, simOptions }: Loaded, { index, start, end, whole }: RangeRequest): Promise<void> {
  const counts = { alerts: 0, lines: 0 };
  // What reading says (skipped entries, notes) while a chunk is read, before its alerts are yielded.
  let notices: ReadNotice[] = [];
  let pending: { notices: ReadNotice[]; batch: DecisionBatch } | undefined;
  const send = async () => {
    const message = pending;
    pending = undefined;
    if (message) await postBatch({ type: 'batch', index, ...message });
  };
  try {
    // Bytes read so far in the range (compressed bytes for a gzipped file), for the progress bar.
    const progress = { bytes: 0 };
    const source = data.linePort
      ? receiveLines(data.linePort, progress)
      : data.gunzipPort
        ? gunzippedBytes(data.gunzipPort, progress)
        : countBytes(whole ? openAlertSource(data.alertsPath) : fileChunks(data.alertsPath, { start, end, reuse: true }), progress);
    const batches = readDecisions(source, config, simOptions, {
      progress,
      ...data.decide,
      skipInvalid: data.skipInvalid,
      onInvalid: (error) => {
        notices.push({ line: error.line, reason: error.reason });
        // A stretch of invalid entries yields no batch to carry them: past a thousand they travel on
        // their own (after the batch before them), so a file of junk does not pile up here.
        if (notices.length >= SKIPPED_PER_MESSAGE) {
          if (pending) postNow({ type: 'batch', index, ...pending });
          postNow({ type: 'batch', index, notices, batch: { decisions: [], untimed: 0, outsideWindow: 0, unparsed: 0 } });
          pending = undefined;
          notices = [];
        }
      },
      ...(whole ? {} : { part: start === 0 ? ('first' as const) : ('next' as const) }),
      ...(data.gunzipPort ? { gunzipped: true } : {}),
      counts,
      onTextLog: () => void notices.push({ textLog: true }),
      onNotUtf8: (line) => void notices.push({ notUtf8: line }),
    });
    // The pending message's dispatches: a response at `all` gives each decision thousands.
    let dispatches = 0;
    for await (const batch of batches) {
      if (notices.length > 0 || !pending) {
        await send();
        pending = { notices, batch };
        notices = [];
        dispatches = 0;
      } else {
        mergeInto(pending.batch, batch);
      }
      for (const d of batch.decisions) dispatches += d.dispatches.length;
      if (pending.batch.decisions.length >= MESSAGE_DECISIONS || dispatches >= BATCH_DISPATCHES) await send();
    }
    await send();
    // While the build trains this bundle's code cache (bin/load-bundle.js runWorkerBundle): what a run compiles is compiled by now.
    (globalThis as { [WORK_DONE]?: () => void })[WORK_DONE]?.();
    post({ type: 'done', index, notices, counts });
  } catch (error) {
    await send();
    post({ type: 'failed', index, notices, failure: toWorkerFailure(error) });
  }
}

/**
 * The decompressed bytes the replaying thread sends (./gunzip.ts), in 64 KB pieces:
 * strings decoded from larger ones would land in V8's large-object space. `progress` gets the
 * compressed bytes read.
 */
async function* gunzippedBytes(from: MessagePort, progress: { bytes: number }): AsyncGenerator<Buffer> {
  try {
    for await (const message of portMessages<GunzipMessage>(from)) {
      if (message.type === 'failed') throw fromWorkerFailure(message.failure);
      progress.bytes = message.read;
      if (message.type === 'end') return;
      const bytes = Buffer.from(message.bytes, 0, message.length);
      for (let at = 0; at < bytes.length; at += PIECE_BYTES) yield bytes.subarray(at, at + PIECE_BYTES);
      from.postMessage('ack');
    }
  } finally {
    from.close();
  }
}
function mergeInto(into: DecisionBatch, batch: DecisionBatch): void {
  for (const d of batch.decisions) into.decisions.push(d);
  if (into.untimed === 0 && batch.firstUntimed) into.firstUntimed = batch.firstUntimed;
  into.untimed += batch.untimed;
  into.outsideWindow += batch.outsideWindow;
  into.unparsed += batch.unparsed;
}

// Ranges are read one after another, in the order they are given, after the WorkerInit that comes first.
let queue = Promise.resolve();
let loaded: Loaded | undefined;
port.on('message', (message: ToWorker) => {
  if (message.type === 'ack') {
    unacked--;
    acked?.();
    acked = undefined;
  } else if (message.type === 'init') {
    loaded = load(message.data);
  } else {
    const simulation = loaded!;
    queue = queue.then(() => readRange(simulation, message));
  }
});
