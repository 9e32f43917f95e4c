/**
 * The timeline of an alerts file (or standard input): its alerts read and decided (by worker threads
 * for a large file, ./source.ts) and replayed in time order through execd's state (./replay.ts).
 */
import { inputFileSize } from '../util/read-input.ts';
import type { DecideOptions, DecisionBatch } from './decide.ts';
import { prefilterFor } from './read-decisions.ts';
import { replayTimeline, replayTimelineInto, type TimelineItem, type TimelineOptions, type TimelineSink, type TimelineSummary } from './replay.ts';
import { decisionSource, readPlan, type LoadedSimulation, type ReadPlan } from './source.ts';
import type { StartedWorkers } from './worker-start.ts';
import { sampleAlertShapes, type ShapeSample } from './sample-shape.ts';
import { isRegularFile } from '../util/file-chunks.ts';

export interface AlertsFileReplayOptions extends DecideOptions {
  /** execd's repeated offenders and the reorder window. */
  timeline: TimelineOptions;
  /** The time the replay runs to and the summary's still-active list refers to (default `at`). */
  replayUntil?: number;
  /** Skip entries that are not alert objects (reported to `onSkipped`) instead of failing. */
  skipInvalid?: boolean;
  /** Worker threads to read with (0: this thread only); by default chosen from the file's size and layout. */
  workers?: number;
  /** Standard input, read when the path is `-`. */
  stdin?: AsyncIterable<Buffer>;
  /** Workers started ahead for this file (./worker-start.ts): used when the file is read by workers. */
  started?: StartedWorkers;
  onSkipped?: (line: number, reason: string) => void;
  /** The alerts are alerts.log, Wazuh's text alert log (said once). */
  onTextLog?: () => void;
  /** Called once, with its line, when a byte of the alerts is not UTF-8 (read as U+FFFD). */
  onNotUtf8?: (line: number) => void;
  /** After each batch: bytes read so far (compressed bytes for a gzipped file) and alerts read. */
  onProgress?: (bytes: number, alerts: number) => void;
}

export interface AlertsFileReplay<Step = TimelineItem[]> {
  /** The file's size (undefined for standard input). */
  size: number | undefined;
  /** How the file is read: on this thread, or by how many worker threads. */
  plan: ReadPlan;
  /**
   * The replay's items, a step at a time (with a sink: nothing, one step per batch, the items having
   * gone to the sink); returns the summary. Ending it early stops the workers.
   */
  items: AsyncGenerator<Step, TimelineSummary>;
  /**
   * What the input's first alerts are (./sample-shape.ts), read again once the replay is done (standard
   * input: from the bytes kept as it was read): for a summary in which no response fired.
   */
  sampleShapes(): Promise<ShapeSample>;
}

/**
 * Replays the alerts of `path` (`-`: `options.stdin`). Throws InputError at once when the file cannot
 * be read; errors while reading (AlertSyntaxError with its line, file system errors) come from `items`.
 * `sink`: takes each event and failure as it happens instead of `items` yielding them.
 */
export function replayAlertsFile(simulation: LoadedSimulation, path: string, options: AlertsFileReplayOptions): AlertsFileReplay;
export function replayAlertsFile(simulation: LoadedSimulation, path: string, options: AlertsFileReplayOptions, sink: TimelineSink): AlertsFileReplay<void>;
export function replayAlertsFile(simulation: LoadedSimulation, path: string, options: AlertsFileReplayOptions, sink?: TimelineSink): AlertsFileReplay<TimelineItem[]> | AlertsFileReplay<void> {
  const { timeline, replayUntil, skipInvalid, workers, stdin, started, onSkipped, onTextLog, onNotUtf8, onProgress, ...decide } = options;
  const size = path === '-' ? undefined : inputFileSize(path, 'an alerts file');
  const filtered = prefilterFor(simulation.config, simulation.options) !== undefined;
  // Standard input, a FIFO or a device is read once (opening a FIFO again waits for a writer that may never
  // come): its first bytes are kept for sampleShapes (a copy per 64 KB chunk, not per line).
  const readOnce = path === '-' || !isRegularFile(path);
  const firstBytes: Buffer[] = [];
  const sampleShapes = () => sampleAlertShapes(readOnce ? firstBytes : path);
  const plan = readPlan(path, size, workers, filtered);
  const progress = { bytes: 0 };
  const batches = decisionSource(path, simulation, {
    ...decide,
    skipInvalid: Boolean(skipInvalid),
    plan,
    size,
    onSkipped: onSkipped ?? (() => {}),
    ...(onTextLog ? { onTextLog } : {}),
    ...(onNotUtf8 ? { onNotUtf8 } : {}),
    ...(stdin ? { stdin } : {}),
    ...(readOnce ? { keepHead: firstBytes } : {}),
    ...(started ? { started } : {}),
    progress,
  });
  // Without a progress callback the batches go straight in: one async step less per batch.
  const replayed = onProgress ? withProgress(batches, progress, onProgress) : batches;
  const until = replayUntil ?? decide.at;
  // The agents decide which restart program a restart-wazuh0 runs on each (TimelineOptions.agents).
  const replayOptions = simulation.options.agents ? { ...timeline, agents: simulation.options.agents } : timeline;
  if (sink) return { size, plan, items: replayTimelineInto(sink, replayed, simulation.config, replayOptions, until, filtered), sampleShapes };
  return { size, plan, items: replayTimeline(replayed, simulation.config, replayOptions, until, filtered), sampleShapes };
}

async function* withProgress(batches: AsyncIterable<DecisionBatch>, progress: { bytes: number }, onProgress: (bytes: number, alerts: number) => void): AsyncGenerator<DecisionBatch> {
  let alerts = 0;
  for await (const batch of batches) {
    alerts += batch.decisions.length + batch.untimed + batch.outsideWindow + batch.unparsed;
    onProgress(batch.bytes ?? progress.bytes, alerts);
    yield batch;
  }
}
