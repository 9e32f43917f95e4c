/**
 * `simulate --timeline`: replays alerts in timestamp order through each host's execd timeout list.
 * Streaming: each alert is simulated as it is read and only the small dispatches of fired responses
 * are buffered, for the reorder window; memory follows the active keys, not the input size.
 *
 * Out-of-order input (alerts.json interleaves agents, clocks drift): dispatches wait in a min-heap
 * until the newest alert time seen is `reorderWindow` seconds past them, then run in time order. A
 * dispatch older than what already ran (later than the window allows) runs at the current time and
 * is counted as late.
 */
import type { AlertRecord } from '../simulate/input.ts';
import { firedResponses } from '../simulate/engine.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import { MinHeap } from '../util/min-heap.ts';
import { ExecdTimeline, type Dispatch, type TimelineEvent } from './execd-state.ts';
import { keysFor, legacyKeys, type KeyMode } from './keys.ts';

export interface TimelineOptions {
  /** For custom programs: what their check_keys answer holds. */
  keyMode?: KeyMode;
  /** Minutes lists: the manager's (from the simulated ossec.conf) and the agents' (--agent-config). */
  managerRepeatedOffenders?: number[];
  agentRepeatedOffenders?: number[];
  /** Seconds; alerts outside [since, until] are skipped. */
  since?: number;
  until?: number;
  /** Seconds an alert may arrive after a later one and still be replayed in order. */
  reorderWindow?: number;
}

/** A fired response that reached no execd entry: its program exits before answering (no key). */
export interface TimelineFailure {
  time: number;
  host: string;
  command: string;
  name: string;
  alert: string;
  rule: string;
  reason: string;
}

export type TimelineItem = { type: 'event'; event: TimelineEvent } | { type: 'fail'; failure: TimelineFailure };

export interface GroupSummary {
  command: string;
  host: string;
  adds: number;
  aborts: number;
  deletes: number;
  fails: number;
  distinctKeys: number;
  peakActive: number;
}

export interface TimelineSummary {
  alerts: number;
  /** Alerts without a readable timestamp (skipped). */
  untimed: number;
  /** Alerts outside --since / --until. */
  outsideWindow: number;
  /** Dispatches that arrived later than the reorder window allows. */
  late: number;
  /** Alerts no response could fire on, skipped without parsing (set by the caller that filtered them). */
  unparsed?: number;
  firstTime?: number;
  lastTime?: number;
  /** The time the still-active list refers to. */
  at?: number;
  groups: GroupSummary[];
  stillActive: Array<{ host: string; key: string; command: string; name: string; addedAt: number; timeout: number; expiresAt: number }>;
}

/** Wazuh alert timestamps: `2021-05-09T12:31:26.123+0000` (also `Z` or `+00:00`). Seconds since the epoch. */
export function parseAlertTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const fast = parseWazuhTimestamp(text);
  if (fast !== undefined) return fast;
  const m = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!m) return undefined;
  let ms = Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6]);
  if (m[7]) ms += Number(`0.${m[7]}`) * 1000;
  if (m[8] && m[8] !== 'Z') {
    const sign = m[8][0] === '-' ? -1 : 1;
    const digits = m[8].slice(1).replace(':', '');
    ms -= sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  }
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}

let cachedDate = '';
let cachedDateMs = 0;

const digitAt = (text: string, i: number) => text.charCodeAt(i) - 0x30;
const isDigitAt = (text: string, i: number) => text.charCodeAt(i) - 0x30 >>> 0 < 10;

/**
 * The exact shape alerts.json writes, `2024-05-01T12:31:26.123+0000`, read without a regular
 * expression and with the date's milliseconds cached (consecutive alerts share the day); the same
 * arithmetic as the general path. Anything else: undefined, and the general path decides.
 */
function parseWazuhTimestamp(text: string): number | undefined {
  if (text.length !== 28 || !text.endsWith('+0000') || text[4] !== '-' || text[7] !== '-' || text[10] !== 'T' || text[13] !== ':' || text[16] !== ':' || text[19] !== '.') return undefined;
  for (const i of TIMESTAMP_DIGITS) if (!isDigitAt(text, i)) return undefined;
  const date = text.slice(0, 10);
  if (date !== cachedDate) {
    cachedDateMs = Date.UTC(+date.slice(0, 4), +date.slice(5, 7) - 1, +date.slice(8, 10));
    cachedDate = date;
  }
  const hours = digitAt(text, 11) * 10 + digitAt(text, 12);
  const minutes = digitAt(text, 14) * 10 + digitAt(text, 15);
  const seconds = digitAt(text, 17) * 10 + digitAt(text, 18);
  const ms = cachedDateMs + ((hours * 60 + minutes) * 60 + seconds) * 1000 + Number(`0.${text.slice(20, 23)}`) * 1000;
  return Number.isFinite(ms) ? ms / 1000 : undefined;
}
const TIMESTAMP_DIGITS = [0, 1, 2, 3, 5, 6, 8, 9, 11, 12, 14, 15, 17, 18, 20, 21, 22];

interface Pending {
  at: number;
  seq: number;
  dispatch: Dispatch;
  fail?: string;
}

/**
 * Replays alerts (in batches, as readAlertBatches gives them); yields the events of each batch in
 * time order and returns the summary. `at` limits the replay to that time.
 */
export async function* replayTimeline(
  alerts: AsyncIterable<AlertRecord[]>,
  config: SimConfig,
  simOptions: SimOptions,
  options: TimelineOptions,
  at?: number,
): AsyncGenerator<TimelineItem[], TimelineSummary> {
  const execd = new ExecdTimeline((host) => (host === '000' ? options.managerRepeatedOffenders : options.agentRepeatedOffenders));
  const window = options.reorderWindow ?? 60;
  const heap = new MinHeap<Pending>((x, y) => x.at < y.at || (x.at === y.at && x.seq < y.seq));
  const groups = new Map<string, GroupSummary & { keys: Set<string>; active: number }>();
  const summary: TimelineSummary = { alerts: 0, untimed: 0, outsideWindow: 0, late: 0, groups: [], stillActive: [] };
  let seq = 0;
  let clock = -Infinity;
  let newest = -Infinity;
  let out: TimelineItem[] = [];

  const group = (command: string, host: string) => {
    const id = `${command}\0${host}`;
    let g = groups.get(id);
    if (!g) {
      g = { command, host, adds: 0, aborts: 0, deletes: 0, fails: 0, distinctKeys: 0, peakActive: 0, keys: new Set(), active: 0 };
      groups.set(id, g);
    }
    return g;
  };
  const onEvent = (event: TimelineEvent) => {
    const g = group(event.command, event.host);
    if (event.action === 'add') {
      g.adds++;
      if (event.timeout > 0) {
        g.active++;
        g.peakActive = Math.max(g.peakActive, g.active);
      }
    } else if (event.action === 'abort') g.aborts++;
    else {
      g.deletes++;
      g.active--;
    }
    g.keys.add(event.key);
    out.push({ type: 'event', event });
  };
  const run = (p: Pending) => {
    let time = p.at;
    if (time < clock) {
      summary.late++;
      time = clock;
    }
    clock = time;
    if (p.fail !== undefined) {
      execd.advance(time, onEvent);
      const d = p.dispatch;
      group(d.command, d.host).fails++;
      out.push({ type: 'fail', failure: { time: Math.floor(time), host: d.host, command: d.command, name: d.name, alert: d.alertId, rule: d.ruleId, reason: p.fail } });
      return;
    }
    p.dispatch.time = time;
    execd.receive(p.dispatch, onEvent);
  };
  const release = (upTo: number) => {
    for (let top = heap.peek(); top && top.at <= upTo; top = heap.peek()) run(heap.pop()!);
  };

  const take = () => {
    const items = out;
    out = [];
    return items;
  };

  for await (const batch of alerts) {
    for (const record of batch) replayAlert(record);
    if (out.length > 0) yield take();
  }
  release(Infinity);
  const end = at ?? summary.lastTime;
  if (end !== undefined) execd.advance(end, onEvent);
  if (out.length > 0) yield take();
  summary.at = end;
  summary.stillActive = execd.stillActive();
  summary.groups = [...groups.values()]
    .map(({ keys, active: _active, ...g }) => ({ ...g, distinctKeys: keys.size }))
    .sort((a, b) => a.command.localeCompare(b.command) || a.host.localeCompare(b.host));
  return summary;

  function replayAlert(record: AlertRecord): void {
    const time = parseAlertTime(record.alert.timestamp);
    if (time === undefined) {
      summary.untimed++;
      return;
    }
    if ((options.since !== undefined && time < options.since) || (options.until !== undefined && time > options.until) || (at !== undefined && time > at)) {
      summary.outsideWindow++;
      return;
    }
    summary.alerts++;
    summary.firstTime = Math.min(summary.firstTime ?? time, time);
    summary.lastTime = Math.max(summary.lastTime ?? time, time);
    const result = firedResponses(config, simOptions, record.alert);
    for (const r of result.fired) {
      if (!r.targets || !r.executable || !r.name) continue;
      const keys = config.target.legacy ? legacyKeys((r.payload as { argv?: string[] }).argv) : keysFor(r.executable, record.alert, options.keyMode);
      for (const host of r.targets) {
        const dispatch: Dispatch = {
          time,
          host,
          command: r.command,
          name: r.name,
          program: `active-response/bin/${r.executable}`,
          timeout: r.timeout ?? 0,
          keys: keys.kind === 'keys' ? keys.keys : null,
          alertId: result.id ?? String(record.index),
          ruleId: result.ruleId ?? '',
        };
        heap.push({ at: time, seq: seq++, dispatch, ...(keys.kind === 'fail' ? { fail: keys.reason } : {}) });
      }
    }
    newest = Math.max(newest, time);
    release(newest - window);
    execd.advance(Math.max(clock, newest - window), onEvent);
    if (clock < newest - window) clock = Math.max(clock, Math.floor(newest - window));
  }
}
