/**
 * Messages between the replaying thread and the timeline workers (./worker.ts). A large
 * JSON-lines file is cut into line-aligned byte ranges (./ranges.ts); each worker reads and decides
 * the ranges it is given; the replaying thread takes the results range by range, in order, renumbers their
 * lines and alerts, replays and prints. Plain data only.
 */
import type { ManagerArch } from '../wazuh/arch.ts';
import type { MessagePort } from 'node:worker_threads';
import type { SimOptions } from '../simulate/model.ts';
import { AlertSyntaxError } from '../simulate/input.ts';
import type { DecidedDispatch, Decision, DecideOptions, DecisionBatch } from './decide.ts';
import type { AgentMessage } from '../simulate/payload.ts';
import type { ByteRange } from './ranges.ts';

/** What a worker needs to load the same simulation the replaying thread loaded. */
export interface TimelineWorkerData {
  alertsPath: string;
  configPath: string;
  configBytes: Uint8Array;
  targetVersion: string;
  arch: ManagerArch;
  /** The replaying thread's simulation options, whole (structured clone copies the rules Map and the agents). */
  simOptions: SimOptions;
  decide: DecideOptions;
  skipInvalid: boolean;
  /** A gzipped file: its decompressed bytes come from the replaying thread over this port (GunzipMessage). */
  gunzipPort?: MessagePort;
  /** A JSON-lines file whose lines the replaying thread reads and prefilters: they come over this port (LineFeedMessage). */
  linePort?: MessagePort;
}

/**
 * From the replaying thread, which decompresses a gzipped file (./gunzip.ts), to the timeline worker: a packet of decompressed bytes (its ArrayBuffer
 * transferred, `length` bytes used) with the compressed bytes read so far, the end, or why it stopped.
 */
export type GunzipMessage =
  | { type: 'bytes'; bytes: ArrayBuffer; length: number; read: number }
  | { type: 'end'; read: number }
  | { type: 'failed'; failure: WorkerFailure };

/**
 * From the replaying thread, which reads a JSON-lines file and applies the line prefilter (./line-feed.ts),
 * to the timeline worker: the lines left (joined with line feeds) from line `firstLine` on, each with the
 * number of records ruled out just before it (`gaps`), and the bytes read so far; the end, with the
 * file's lines and the records ruled out after the last line sent; or why reading stopped. `notUtf8`:
 * the first line with a byte that is not UTF-8, sent once, with the first lines read after it was found.
 */
export type LineFeedMessage =
  | { type: 'lines'; text: string; gaps: number[]; firstLine: number; read: number; notUtf8?: number }
  | { type: 'end'; lines: number; filteredAfter: number; read: number }
  | { type: 'failed'; failure: WorkerFailure };

/**
 * Size of a packet of decompressed bytes: messages cost little next to the work, and 512 KB packets
 * raised peak memory by 45 MB (their transferred memory is freed only when the worker collects garbage).
 */
export const GUNZIP_PACKET_BYTES = 128 * 1024;
/** Packets sent before the replaying thread waits for the timeline worker to take some (bounded memory). */
export const UNACKED_PACKETS = 8;

/**
 * Read this range (`index` in the file's list of ranges). `whole`: the range is the whole file, read
 * as any alerts file is (gzip, JSON arrays, pretty-printed alerts), by a single worker.
 */
export interface RangeRequest extends ByteRange {
  type: 'range';
  index: number;
  whole: boolean;
}

/** The simulation a worker decides with, sent once before any range (a worker may start before it is loaded). */
export interface WorkerInit {
  type: 'init';
  data: TimelineWorkerData;
}

/** The replaying thread took a batch: the worker may send one more (bounded memory). */
export interface Ack {
  type: 'ack';
}

export type ToWorker = WorkerInit | RangeRequest | Ack;

/** Batches a worker sends before it waits for the replaying thread to take some. */
export const UNACKED_BATCHES = 16;

/**
 * What reading a range said, in the order reading said it (lines count from the start of the range): an
 * entry skipped with --skip-invalid, the first line with a byte that is not UTF-8, the input turning out
 * to be alerts.log. One list, so that the replaying thread says them in the order one thread would.
 */
export type ReadNotice = { line: number; reason: string } | { notUtf8: number } | { textLog: true };

/** Why reading stopped, in a form that survives the thread boundary. */
export type WorkerFailure =
  | { kind: 'syntax'; line: number; reason: string; skippable: boolean; column?: number }
  | { kind: 'internal'; message: string; code?: string; stack?: string };

/** An error as it can cross the thread boundary; its code (ENOENT, Z_DATA_ERROR...) decides how it is reported. */
export function toWorkerFailure(error: unknown): WorkerFailure {
  if (error instanceof AlertSyntaxError) return { kind: 'syntax', line: error.line, reason: error.reason, skippable: error.skippable, ...(error.column === undefined ? {} : { column: error.column }) };
  if (!(error instanceof Error)) return { kind: 'internal', message: String(error) };
  const code = (error as NodeJS.ErrnoException).code;
  return { kind: 'internal', message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack ? { stack: error.stack } : {}) };
}

/** The error toWorkerFailure described, lines counted from `lineBase` on. */
export function fromWorkerFailure(failure: WorkerFailure, lineBase = 0): Error {
  if (failure.kind === 'syntax') return new AlertSyntaxError(failure.line + lineBase, failure.reason, failure.skippable, failure.column);
  const error: NodeJS.ErrnoException = new Error(failure.message);
  if (failure.code) error.code = failure.code;
  if (failure.stack) error.stack = failure.stack;
  return error;
}

/**
 * Results of a range, in order: batches (each after what reading said before its alerts), then the
 * end. Lines and alert positions count from the start of the range.
 */
export type RangeMessage =
  | { type: 'batch'; index: number; notices: ReadNotice[]; batch: DecisionBatch }
  | { type: 'done'; index: number; notices: ReadNotice[]; counts: { alerts: number; lines: number } }
  | { type: 'failed'; index: number; notices: ReadNotice[]; failure: WorkerFailure };

/**
 * The decisions of a batch as the JSON text between threads carries them: one flat array, no array
 * or object per decision or dispatch for either thread to build and collect. Per decision: time,
 * alertId or null, index, ruleId, the number of dispatches; per dispatch: response, host, the number
 * of keys (-1 for null) and the keys, fail or null, message or null, noRun as 1 or 0, note or null.
 */
type WireDecisions = Array<number | string | null | WireMessage>;

/**
 * An agent's message with its text as an index into the message's `texts`: the agents of a response at `all`
 * get a few distinct texts (1 KB or more each), written once, not once per agent, and shared once read.
 */
interface WireMessage {
  agent: string;
  version: string | null;
  format: AgentMessage['format'];
  /** -1: no text (null). */
  text: number;
}

/** The JSON text of a message, decisions packed into one flat array. */
export function encodeMessage(message: RangeMessage): string {
  if (message.type !== 'batch') return JSON.stringify(message);
  const wire: WireDecisions = [];
  const texts: string[] = [];
  const textIndex = new Map<string, number>();
  const wireMessage = (m: AgentMessage): WireMessage => {
    let text = -1;
    if (m.message !== null) {
      text = textIndex.get(m.message) ?? -1;
      if (text < 0) textIndex.set(m.message, (text = texts.push(m.message) - 1));
    }
    return { agent: m.agent, version: m.version, format: m.format, text };
  };
  for (const d of message.batch.decisions) {
    wire.push(d.time, d.alertId ?? null, d.index, d.ruleId, d.dispatches.length);
    for (const x of d.dispatches) {
      wire.push(x.response, x.host, x.keys === null ? -1 : x.keys.length);
      if (x.keys !== null) for (const key of x.keys) wire.push(key);
      wire.push(x.fail ?? null, x.message ? wireMessage(x.message) : null, x.noRun ? 1 : 0, x.note ?? null);
    }
  }
  return JSON.stringify({ ...message, batch: { ...message.batch, decisions: wire, ...(texts.length > 0 ? { texts } : {}) } });
}

/** The message encodeMessage wrote. */
export function decodeMessage(text: string): RangeMessage {
  const message = JSON.parse(text) as RangeMessage;
  if (message.type !== 'batch') return message;
  const wire = message.batch.decisions as unknown as WireDecisions;
  // The texts table goes with the wire: the batch is given back as it was sent.
  const { texts = [], ...batch } = message.batch as DecisionBatch & { texts?: string[] };
  message.batch = batch;
  const decisions: Decision[] = [];
  for (let i = 0; i < wire.length; ) {
    const time = wire[i++] as number;
    const alertId = wire[i++] as string | null;
    const index = wire[i++] as number;
    const ruleId = wire[i++] as string;
    const count = wire[i++] as number;
    const dispatches: DecidedDispatch[] = [];
    for (let n = 0; n < count; n++) {
      const response = wire[i++] as number;
      const host = wire[i++] as string;
      const keyCount = wire[i++] as number;
      const keys = keyCount < 0 ? null : (wire.slice(i, i + keyCount) as string[]);
      if (keyCount > 0) i += keyCount;
      const fail = wire[i++] as string | null;
      const wired = wire[i++] as WireMessage | null;
      const agentMessage: AgentMessage | null = wired && { agent: wired.agent, version: wired.version, format: wired.format, message: wired.text < 0 ? null : texts[wired.text]! };
      const noRun = wire[i++] as number;
      const note = wire[i++] as string | null;
      // One object shape whatever a decision holds (absent fields are undefined, not missing): the
      // replaying thread's code then meets a single map and is optimized once, not again per new shape.
      dispatches.push({ response, host, keys, fail: fail ?? undefined, noRun: noRun ? true : undefined, message: agentMessage ?? undefined, note: note ?? undefined });
    }
    decisions.push({ time, alertId: alertId ?? undefined, index, ruleId, dispatches });
  }
  message.batch.decisions = decisions;
  return message;
}
