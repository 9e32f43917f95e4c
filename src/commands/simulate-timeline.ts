/** `arctl simulate --timeline`: flags, progress bar and printing around src/timeline/replay-file.ts. */
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { firstRepeatedOffenders } from '../wazuh/repeated-offenders.ts';
import { alertReadError } from '../simulate/input.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import type { KeyMode } from '../timeline/keys.ts';
import type { DecideOptions } from '../timeline/decide.ts';
import type { TimelineItem, TimelineOptions, TimelineSummary } from '../timeline/replay.ts';
import { replayAlertsFile, type AlertsFileReplayOptions } from '../timeline/replay-file.ts';
import type { StartedWorkers } from '../timeline/worker-start.ts';
import { timelineWorkersFromEnv } from './simulate-command.ts';
import { parseAlertTime } from '../timeline/time.ts';
import { summaryJson, summaryText } from '../timeline/render.ts';
import { TimelineLines } from '../timeline/render-bytes.ts';
import { InputError } from '../util/errors.ts';
import { outputStopped, writeErr, writeOutPaced } from './output.ts';
import { currentRun } from './io.ts';
import { skippedReporter } from './skipped.ts';
import { COMPARED_ITEMS_MAX, compareWithLog } from '../compare/compare.ts';
import { logClock, parseLogZone, type LogClock } from '../compare/clock.ts';
import { readArLog, type ArLog } from '../compare/read-log.ts';
import { comparisonJson, comparisonText, differenceCount, itemJson } from '../compare/render.ts';
import { formatAgentId } from '../wazuh/agents.ts';
import { CheckFailedError } from '../util/errors.ts';
import { readTextInput } from '../util/read-input.ts';
import { alertsLogNote, noAlertsNote, notUtf8Note } from '../simulate/input.ts';

export interface TimelineFlags {
  timeline?: boolean;
  key?: KeyMode;
  since?: string;
  until?: string;
  at?: string;
  reorderWindow: string;
  progress: boolean;
  format: 'text' | 'json';
  skipInvalid?: boolean;
  /** With --agents: show the message analysisd sends each agent under its add or abort. */
  payload?: boolean;
  /** active-responses.log to compare the replay with. */
  compare?: string;
  tolerance: string;
  logHost?: string;
  logTimezone: string;
}

function timeFlag(name: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const t = parseAlertTime(/^\d{4}-\d{2}-\d{2}$/.test(text) ? `${text}T00:00:00Z` : /[Z+-]\d{0,2}:?\d{0,2}$/.test(text.slice(19)) ? text : `${text}Z`);
  if (t === undefined) throw new InputError(`--${name} '${text}': expected an ISO 8601 time such as 2024-05-01T12:00:00Z`);
  return t;
}

async function makeProgress(total: number | undefined): Promise<{ update(bytes: number, alerts: number): void; stop(): void }> {
  const { default: cliProgress } = await import('cli-progress');
  const started = Date.now();
  const bar = new cliProgress.SingleBar(
    {
      stream: currentRun().io.stderr as NodeJS.WriteStream,
      format: total ? 'replaying [{bar}] {percentage}% | {alerts} alerts | {mbps} MB/s | ETA {eta_formatted}' : 'replaying {alerts} alerts | {mbps} MB/s',
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 50,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(total ?? 1, 0, { alerts: 0, mbps: '0.0' });
  let last = 0;
  return {
    update(bytes, alerts) {
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      const mbps = (bytes / 1048576 / Math.max(0.001, (now - started) / 1000)).toFixed(1);
      bar.update(total ? Math.min(bytes, total) : 0, { alerts, mbps });
    },
    stop() {
      bar.stop();
    },
  };
}

export async function runTimeline(
  alertsPath: string | undefined,
  flags: TimelineFlags,
  loaded: { config: SimConfig; options: SimOptions; doc: ConfigDocument; agentDoc?: ConfigDocument },
  _colorFlag: boolean,
  started?: StartedWorkers,
): Promise<void> {
  if (alertsPath === undefined) throw new InputError('--timeline needs an alerts file (or - for stdin)');
  const window = Number(flags.reorderWindow);
  if (!Number.isFinite(window) || window < 0) throw new InputError(`--reorder-window '${flags.reorderWindow}': expected a number of seconds`);
  const options: TimelineOptions = {
    managerRepeatedOffenders: firstRepeatedOffenders(buildConfigView(loaded.doc)),
    agentRepeatedOffenders: loaded.agentDoc ? firstRepeatedOffenders(buildConfigView(loaded.agentDoc)) : undefined,
    reorderWindow: window,
  };
  const at = timeFlag('at', flags.at);
  const compare = flags.compare !== undefined ? readComparison(flags) : undefined;
  if (compare && at !== undefined) throw new InputError('--at and --compare cannot be used together: the comparison replays up to the end of the log');
  const decide: DecideOptions = {
    ...(flags.key ? { keyMode: flags.key } : {}),
    since: timeFlag('since', flags.since),
    until: timeFlag('until', flags.until),
    at,
    ...(flags.payload ? { messages: true } : {}),
  };
  const shown = alertsPath === '-' ? '<stdin>' : alertsPath;
  const skipped = skippedReporter();
  const io = currentRun().io;
  const forcedWorkers = timelineWorkersFromEnv(io.env);
  let progress: Awaited<ReturnType<typeof makeProgress>> | undefined;
  const showProgress = flags.progress && io.stderr.isTTY;
  // Printed, the events are rendered as bytes as they happen; compared, they are kept as items.
  const lines = new TimelineLines(flags.format);
  const simulation = { config: loaded.config, options: loaded.options, configPath: loaded.doc.path, configBytes: loaded.doc.bytes };
  const fileOptions: AlertsFileReplayOptions = {
    ...decide,
    timeline: options,
    // Compared, the replay runs on to the log's end, so deletes due after the last alert are there to compare.
    ...(compare ? { replayUntil: compare.to } : {}),
    skipInvalid: Boolean(flags.skipInvalid),
    ...(forcedWorkers !== undefined ? { workers: forcedWorkers } : {}),
    ...(started ? { started } : {}),
    ...(alertsPath === '-' ? { stdin: io.stdin as AsyncIterable<Buffer> } : {}),
    onSkipped: (line, reason) => skipped.report(shown, line, reason),
    onTextLog: () => writeErr(alertsLogNote(shown)),
    onNotUtf8: (line) => writeErr(notUtf8Note(shown, line)),
    ...(showProgress ? { onProgress: (bytes: number, alerts: number) => progress?.update(bytes, alerts) } : {}),
  };
  const { size, plan, items: replay, sampleShapes } = compare ? replayAlertsFile(simulation, alertsPath, fileOptions) : replayAlertsFile(simulation, alertsPath, fileOptions, lines);
  if (showProgress) progress = await makeProgress(size);
  if (io.env.ARCTL_DEBUG) {
    const early = plan.workers > 0 && started ? ` (started while the simulation loaded${started.startedAtLaunch ? ', the first as arctl started' : ''})` : '';
    writeErr(`arctl: ${shown}: ${plan.workers === 0 ? 'read on the main thread' : plan.gunzip ? `decompressed on the main thread, read whole by a worker thread${early}` : plan.whole ? `read whole by a worker thread${early}` : plan.feed ? `read on the main thread, the alerts the line prefilter keeps decided by a worker thread${early}` : `read by ${plan.workers} worker thread${plan.workers === 1 ? '' : 's'}${early} and the main thread`}\n`);
  }
  // Compared, the replayed items within the log's span are kept instead of printed.
  const kept: TimelineItem[] = [];
  const keep = (item: TimelineItem) => {
    const time = item.type === 'event' ? item.event.time : item.failure.time;
    // --log-host names the log's host: the others' items are never compared (a response at `all` has thousands).
    if (compare?.host !== undefined && (item.type === 'event' ? item.event.host : item.failure.host) !== compare.host) return;
    // An empty log is compared over the whole replay.
    if (compare && (compare.from === undefined || (time >= compare.from - compare.tolerance && time <= (compare.to ?? Infinity) + compare.tolerance))) {
      if (kept.length >= COMPARED_ITEMS_MAX) {
        const many = `the comparison would keep more than ${COMPARED_ITEMS_MAX.toLocaleString('en-US')} replayed runs`;
        throw new InputError(
          `--compare ${flags.compare === '-' ? '<stdin>' : flags.compare}: ${compare.host === undefined ? `${many} of every host to find the log's host (a response at 'all' runs on every active agent of --agents): give the log's host with --log-host` : `${many} of host ${compare.host}: compare a shorter log, or fewer alerts`}`,
        );
      }
      kept.push(item);
    }
  };
  const flush = async () => {
    for (const chunk of lines.take()) await writeOutPaced(chunk);
  };
  let summary: TimelineSummary;
  try {
    for (;;) {
      const step = await replay.next();
      if (step.done) {
        summary = step.value;
        break;
      }
      if (compare) {
        for (const item of step.value as TimelineItem[]) keep(item);
        continue;
      }
      if (lines.chunked) await flush();
      // `| head`: the reader of the timeline went away (or the output failed); stop replaying.
      if (outputStopped()) {
        progress?.stop();
        return;
      }
    }
  } catch (error) {
    progress?.stop();
    skipped.finish();
    // What was replayed before the failure is printed, as simulate prints the alerts before a bad one.
    await flush();
    throw alertReadError(error, shown, Boolean(flags.skipInvalid));
  } finally {
    // Stops a worker still reading when the replay ended early.
    await replay.return(undefined as never);
  }
  progress?.stop();
  skipped.finish();
  // Alerts skipped for their time were there: the summary says why none was replayed.
  if (summary.alerts === 0 && summary.untimed === 0 && summary.outsideWindow === 0 && skipped.count(shown) === 0) writeErr(noAlertsNote(shown, 'replayed'));
  if (compare) {
    // What is still active at the log's end would be deleted later: a logged delete may be its early twin.
    for (const a of summary.stillActive) {
      if (compare.host !== undefined && a.host !== compare.host) continue;
      kept.push({ type: 'event', event: { time: a.expiresAt, host: a.host, action: 'delete', command: a.command, name: a.name, key: a.key, alert: a.alert, rule: a.rule, timeout: a.timeout, offense: a.offense, addedAt: a.addedAt } });
    }
    const comparison = compareWithLog(kept, compare.log, compare.clock, { config: loaded.config, simOptions: loaded.options }, {
      tolerance: compare.tolerance,
      ...(compare.host !== undefined ? { host: compare.host } : {}),
      ...(summary.firstTime !== undefined ? { alertsFrom: summary.firstTime, alertsTo: summary.lastTime ?? summary.firstTime } : {}),
      ...(flags.key ? { keyMode: flags.key } : {}),
    });
    const logName = flags.compare === '-' ? '<stdin>' : flags.compare!;
    lines.text(flags.format === 'json' ? `${comparison.items.map(itemJson).join('\n')}${comparison.items.length ? '\n' : ''}${comparisonJson(comparison, logName)}\n` : comparisonText(comparison, logName));
    await flush();
    const differences = differenceCount(comparison);
    if (differences > 0) throw new CheckFailedError(`${differences} difference${differences === 1 ? '' : 's'} between the replay and ${logName}`);
    return;
  }
  // Nothing fired: the first alerts may say why (a flattened export, another tool's records, with or without a timestamp).
  const sample = summary.groups.length === 0 && summary.alerts + summary.untimed + summary.outsideWindow > 0 ? await sampleShapes() : undefined;
  lines.text(flags.format === 'json' ? `${summaryJson(summary, shown, sample)}\n` : `${lines.count > 0 ? '\n' : ''}${summaryText(summary, shown, sample)}`);
  await flush();
}

/** The log to compare with, read whole (bounded like any configuration input), and how its times are read. */
interface ComparisonInput {
  log: ArLog;
  clock: LogClock;
  tolerance: number;
  host?: string;
  /** The log's span in UTC seconds. */
  from?: number;
  to?: number;
}

function readComparison(flags: TimelineFlags): ComparisonInput {
  const tolerance = Number(flags.tolerance);
  if (!/^\d+(\.\d+)?$/.test(flags.tolerance) || !Number.isFinite(tolerance)) throw new InputError(`--tolerance '${flags.tolerance}': expected a number of seconds`);
  const zone = parseLogZone(flags.logTimezone);
  if (zone === undefined) throw new InputError(`--log-timezone '${flags.logTimezone}': expected auto, UTC or an offset such as +02:00`);
  let host: string | undefined;
  if (flags.logHost !== undefined) {
    // Another cluster node's manager: 000@<node> (or manager@<node>), as the timeline names it.
    const node = /^(?:000|manager)@(.+)$/.exec(flags.logHost);
    const text = flags.logHost === 'manager' ? '0' : flags.logHost;
    if (node) host = `000@${node[1]}`;
    else if (!/^\d{1,8}$/.test(text)) throw new InputError(`--log-host '${flags.logHost}': expected an agent id (000 or manager for the manager, 000@NODE for another cluster node's)`);
    else host = formatAgentId(Number(text));
  }
  const path = flags.compare!;
  const log = readArLog(readTextInput(path, `--compare ${path}`));
  const shown = path === '-' ? '<stdin>' : path;
  if (log.runs.length === 0 && log.unread > 0) {
    throw new InputError(`${shown}:${log.firstUnread}: not an active-responses.log (neither the 4.x "YYYY/MM/DD HH:MM:SS program: message" lines nor the older "date script action ..." lines)`);
  }
  const clock = logClock(log, zone);
  return {
    log,
    clock,
    tolerance,
    ...(host !== undefined ? { host } : {}),
    ...(log.firstLocal !== undefined ? { from: log.firstLocal - clock.offset, to: log.lastLocal! - clock.offset } : {}),
  };
}
