/**
 * `simulate --timeline ALERTS --compare active-responses.log`: the replay next to what one host's
 * programs logged. Both sides become occurrences (time, action, execd key, alert); they are paired per
 * key, and what is left over is a difference with the most likely cause arctl can name.
 *
 * Pairing, in passes over what is still unpaired (the nearest in time first):
 * 1. same action, key and alert, within the tolerance; 2. same action and key within the tolerance;
 * 3. same action, key and alert at any distance (a timing difference); 4. same program and alert but
 * another action (add where the replay has abort, a failed run where it has an add, ...).
 */
import { hostName, isManagerHost } from '../timeline/hosts.ts';
import { simulateAlert } from '../simulate/engine.ts';
import type { SimConfig, SimOptions } from '../simulate/model.ts';
import type { TimelineEvent } from '../timeline/execd-state.ts';
import { keysFor, type KeyMode } from '../timeline/keys.ts';
import type { TimelineFailure, TimelineItem } from '../timeline/replay.ts';
import { execdKey, programBasename } from '../wazuh/execd.ts';
import { alertTimeOf, type LogClock } from './clock.ts';
import type { ArLog, LoggedAction, LoggedRun } from './read-log.ts';
import { compareText } from '../util/compare.ts';
import { firstIndexAtLeast } from '../util/sorted.ts';

export type ComparedKind = 'matched' | 'missing' | 'unexplained' | 'failed' | 'timing' | 'changed';

/** One occurrence of the replay or the log, or a pair of them. */
export interface ComparedItem {
  kind: ComparedKind;
  /** The <command> names that run this program (the program's name when no block does). */
  command: string;
  /** execd's key (the timeline's); a run that stopped before answering check_keys has the program's name. */
  key: string;
  host: string;
  /** The replay's action (the log's for an unexplained run). */
  action: LoggedAction;
  /** The log's action, when it is another one ('changed'). */
  loggedAction?: LoggedAction;
  /** UTC seconds: the replay's time (the log's for an unexplained run). */
  time: number;
  logTime?: number;
  logLine?: number;
  /** logTime - time. */
  delta?: number;
  alert?: string;
  rule?: string;
  /** Why it differs, as far as arctl can tell. */
  cause?: string;
}

export interface ComparisonOptions {
  /** Seconds the two sides may differ and still be the same occurrence. */
  tolerance: number;
  /** The agent id the log is from ("000": the manager); inferred when undefined. */
  host?: string;
  /** What the timeline replayed: its first and last alert times (UTC seconds). */
  alertsFrom?: number;
  alertsTo?: number;
  /** For custom programs: what they key on (as the replay used it). */
  keyMode?: KeyMode;
}

export interface Comparison {
  host: string;
  /** flag: given; inferred: the host whose replayed responses the log holds most of; alerts: the log's alerts' agent. */
  hostSource: 'flag' | 'inferred' | 'alerts' | 'default';
  clock: LogClock;
  tolerance: number;
  /** The log has no line at all: the alerts' span is compared. */
  logEmpty: boolean;
  /** UTC span compared (the log's, within the alerts' for new runs). */
  from?: number;
  to?: number;
  /** Everything, in time order within each command and key. */
  items: ComparedItem[];
  counts: Record<ComparedKind, number>;
  /** The replay's occurrences on that host outside the log's span, and logged runs outside the alerts' span: not compared. */
  replayOutside: number;
  logOutside: number;
  /** Lines of the log in neither known shape, and the first of them. */
  unread: number;
  firstUnread?: number;
}

/** The simulation the replay ran: unexplained runs are checked against it. */
export interface ComparisonContext {
  config: SimConfig;
  simOptions: SimOptions;
}

interface Side {
  time: number;
  action: LoggedAction;
  key: string;
  base: string;
  alert?: string;
  rule?: string;
}

interface Expected extends Side {
  host: string;
  command: string;
  reason?: string;
  /** Seconds the entry stays (events). */
  timeout?: number;
  /** A failure where no program runs: nothing of it is in the log. */
  noRun?: boolean;
}

interface Logged extends Side {
  run: LoggedRun;
}

function expectedFrom(items: readonly TimelineItem[], config: SimConfig): Expected[] {
  const executableOf = new Map(config.responses.map((r) => [r.command, r.executable] as const));
  return items.map((item) => {
    if (item.type === 'event') {
      const e: TimelineEvent = item.event;
      const base = programBasename(`active-response/bin/${executableOf.get(e.command) ?? e.command}`);
      return { time: e.time, action: e.action, key: e.key, base, host: e.host, command: e.command, alert: e.alert, rule: e.rule, timeout: e.timeout };
    }
    const f: TimelineFailure = item.failure;
    const base = programBasename(`active-response/bin/${executableOf.get(f.command) ?? f.command}`);
    return { time: f.time, action: 'fail' as const, key: base, base, host: f.host, command: f.command, alert: f.alert, rule: f.rule, reason: f.reason, ...(f.noRun ? { noRun: true } : {}) };
  });
}

/** The key execd filed a logged run under (a delete's: its add's, else what the program would answer). */
function loggedFrom(log: ArLog, clock: LogClock, keyMode: KeyMode | undefined): Logged[] {
  const keyOfAdd = new Map<string, string>();
  return log.runs.map((run) => {
    const base = programBasename(run.program);
    let key = base;
    if (run.action === 'add' || run.action === 'abort') {
      if (run.keys !== undefined) key = execdKey(run.program, run.keys);
      if (run.alertId !== undefined) keyOfAdd.set(`${base}\0${run.alertId}`, key);
    } else if (run.action === 'delete') {
      const known = run.alertId !== undefined ? keyOfAdd.get(`${base}\0${run.alertId}`) : undefined;
      if (known !== undefined) key = known;
      else if (run.keys !== undefined) key = execdKey(run.program, run.keys);
      else if (run.alert) {
        const keys = keysFor(base, run.alert, keyMode);
        if (keys.kind === 'keys') key = execdKey(run.program, keys.keys);
      }
    }
    return { run, time: run.localTime - clock.offset, action: run.action, key, base, ...(run.alertId !== undefined ? { alert: run.alertId } : {}), ...(run.ruleId !== undefined ? { rule: run.ruleId } : {}) };
  });
}

function emptyCounts(): Record<ComparedKind, number> {
  return { matched: 0, missing: 0, unexplained: 0, failed: 0, timing: 0, changed: 0 };
}

/** The most frequent agent id of the alerts the log's runs received. */
function alertsAgent(log: ArLog): string | undefined {
  const votes = new Map<string, number>();
  for (const run of log.runs) {
    const agent = run.alert?.agent;
    const id = agent !== null && typeof agent === 'object' ? (agent as Record<string, unknown>).id : undefined;
    if (typeof id === 'string') votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  return [...votes].sort((a, b) => b[1] - a[1])[0]?.[0];
}

/** The host whose replayed occurrences the log holds most of (same action and key within the tolerance). */
function inferHost(expected: readonly Expected[], logged: readonly Logged[], tolerance: number): string | undefined {
  const byKey = new Map<string, number[]>();
  for (const l of logged) {
    const k = `${l.action}\0${l.key}`;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(l.time);
  }
  const score = new Map<string, number>();
  for (const e of expected) {
    const times = byKey.get(`${e.action}\0${e.key}`);
    if (times?.some((t) => Math.abs(t - e.time) <= tolerance)) score.set(e.host, (score.get(e.host) ?? 0) + 1);
  }
  return [...score].sort((a, b) => b[1] - a[1] || compareText(a[0], b[0]))[0]?.[0];
}

/**
 * Replayed runs a comparison keeps at most to infer the log's host (without --log-host it keeps every
 * host's): a response at `all` with a long --agents list replays each alert on every agent.
 */
export const COMPARED_ITEMS_MAX = 2_000_000;

export function compareWithLog(replayed: readonly TimelineItem[], log: ArLog, clock: LogClock, context: ComparisonContext, options: ComparisonOptions): Comparison {
  const tolerance = options.tolerance;
  const allExpected = expectedFrom(replayed, context.config);
  const allLogged = loggedFrom(log, clock, options.keyMode);
  let host = options.host;
  let hostSource: Comparison['hostSource'] = 'flag';
  if (host === undefined) {
    host = inferHost(allExpected, allLogged, tolerance);
    hostSource = 'inferred';
    if (host === undefined) {
      host = alertsAgent(log);
      hostSource = 'alerts';
    }
    if (host === undefined) {
      host = '000';
      hostSource = 'default';
    }
  }
  // An empty log covers the alerts' span: every response replayed there is missing (execd ran nothing).
  const from = log.firstLocal !== undefined ? log.firstLocal - clock.offset : options.alertsFrom;
  const to = log.lastLocal !== undefined ? log.lastLocal - clock.offset : options.alertsTo;

  // Occurrences outside the log's span are not compared, but one may still be a logged run's late or early twin.
  const outside = new Set<Expected>();
  const expected: Expected[] = [];
  // What runs no program leaves nothing to compare, but explains a logged run of it.
  const silent = allExpected.filter((e) => e.host === host && e.noRun);
  for (const e of allExpected) {
    if (e.host !== host || e.noRun) continue;
    if (from === undefined || to === undefined || e.time < from - tolerance || e.time > to + tolerance) outside.add(e);
    expected.push(e);
  }
  let logOutside = 0;
  const logged: Logged[] = [];
  const alertsFrom = options.alertsFrom ?? Infinity;
  const alertsTo = options.alertsTo ?? -Infinity;
  for (const l of allLogged) {
    // A delete is compared while its add's alert is within the alerts' span; a new run while it is.
    const when = l.action === 'delete' ? (alertTimeOf(l.run) ?? l.time) : l.time;
    if (when < alertsFrom - tolerance || (l.action !== 'delete' && when > alertsTo + tolerance)) logOutside++;
    else logged.push(l);
  }

  const items: ComparedItem[] = [];
  const commandsOf = commandNames(context.config);
  const pairedE = new Set<Expected>();
  const pairedL = new Set<Logged>();
  const byKey = group(logged, (l) => `${l.action}\0${l.key}`);
  const byAlert = group(logged, (l) => `${l.base}\0${l.alert ?? ''}`);
  const sorted = [...expected].sort((a, b) => a.time - b.time);
  const pass = (candidates: (e: Expected) => Logged[] | undefined, accept: (e: Expected, l: Logged) => boolean, pair: (e: Expected, l: Logged) => void) => {
    for (const e of sorted) {
      if (pairedE.has(e)) continue;
      let best: Logged | undefined;
      for (const l of candidates(e) ?? []) {
        if (pairedL.has(l) || !accept(e, l)) continue;
        if (!best || Math.abs(l.time - e.time) < Math.abs(best.time - e.time)) best = l;
      }
      if (best) {
        pairedE.add(e);
        pairedL.add(best);
        pair(e, best);
      }
    }
  };
  const within = (e: Expected, l: Logged) => Math.abs(l.time - e.time) <= tolerance;
  const matched = (e: Expected, l: Logged) => {
    const failed = l.run.error !== undefined && e.action !== 'fail';
    items.push(pairItem(failed ? 'failed' : 'matched', e, l, failed ? `the program failed: "${l.run.error}" (log line ${errorLine(l)})` : undefined));
  };
  pass((e) => byKey.get(`${e.action}\0${e.key}`), (e, l) => within(e, l) && l.alert === e.alert, matched);
  pass((e) => byKey.get(`${e.action}\0${e.key}`), within, matched);
  pass(
    (e) => byKey.get(`${e.action}\0${e.key}`),
    (e, l) => l.alert === e.alert,
    (e, l) => items.push(pairItem('timing', e, l, timingCause(e, l, logged, pairedL))),
  );
  pass(
    (e) => byAlert.get(`${e.base}\0${e.alert ?? ''}`),
    (e, l) => l.action !== e.action,
    (e, l) => items.push({ ...pairItem('changed', e, l, changedCause(e, l)), loggedAction: l.action }),
  );

  const missingAll = sorted.filter((e) => !pairedE.has(e) && !outside.has(e));
  const replayOutside = sorted.filter((e) => !pairedE.has(e) && outside.has(e)).length;
  // Deletes follow adds: only runs analysisd sends count towards an offline window.
  const timeline = { logTimes: logged.map((l) => l.time).sort((a, b) => a - b), missingTimes: missingAll.filter((m) => m.action !== 'delete').map((m) => m.time) };
  for (const e of missingAll) {
    items.push({ kind: 'missing', command: e.command, key: e.key, host, action: e.action, time: e.time, ...(e.alert !== undefined ? { alert: e.alert } : {}), ...(e.rule !== undefined ? { rule: e.rule } : {}), cause: missingCause(e, host, logged, log, timeline, tolerance) });
  }
  for (const l of logged) {
    if (pairedL.has(l)) continue;
    items.push({
      kind: 'unexplained',
      command: commandsOf.get(l.base) ?? l.base,
      key: l.key,
      host,
      action: l.action,
      time: l.time,
      logTime: l.time,
      logLine: l.run.line,
      ...(l.alert !== undefined ? { alert: l.alert } : {}),
      ...(l.rule !== undefined ? { rule: l.rule } : {}),
      cause: unexplainedCause(l, host, context, expected, silent, options),
    });
  }
  items.sort((a, b) => compareText(a.command, b.command) || compareText(a.key, b.key) || a.time - b.time || (a.logLine ?? 0) - (b.logLine ?? 0));
  const counts = emptyCounts();
  for (const item of items) counts[item.kind]++;
  return {
    host,
    hostSource,
    clock,
    tolerance,
    logEmpty: log.firstLocal === undefined,
    ...(from !== undefined ? { from } : {}),
    ...(to !== undefined ? { to } : {}),
    items,
    counts,
    replayOutside,
    logOutside,
    unread: log.unread,
    ...(log.firstUnread !== undefined ? { firstUnread: log.firstUnread } : {}),
  };
}

function group<T>(values: readonly T[], keyOf: (v: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const v of values) {
    const k = keyOf(v);
    if (!map.has(k)) map.set(k, []);
    map.get(k)!.push(v);
  }
  return map;
}

/** Program basename -> the <command> names that run it, joined. */
function commandNames(config: SimConfig): Map<string, string> {
  const names = new Map<string, Set<string>>();
  for (const r of config.responses) {
    if (!r.command || !r.executable) continue;
    const base = programBasename(`active-response/bin/${r.executable}`);
    if (!names.has(base)) names.set(base, new Set());
    names.get(base)!.add(r.command);
  }
  return new Map([...names].map(([base, set]) => [base, [...set].join(',')]));
}

function pairItem(kind: ComparedKind, e: Expected, l: Logged, cause: string | undefined): ComparedItem {
  return {
    kind,
    command: e.command,
    key: e.key,
    host: e.host,
    action: e.action,
    time: e.time,
    logTime: l.time,
    logLine: l.run.line,
    delta: l.time - e.time,
    ...(e.alert !== undefined ? { alert: e.alert } : {}),
    ...(e.rule !== undefined ? { rule: e.rule } : {}),
    ...(cause !== undefined ? { cause } : {}),
  };
}

function errorLine(l: Logged): number {
  return l.run.errorLine ?? l.run.line;
}

function timingCause(e: Expected, l: Logged, logged: readonly Logged[], paired: ReadonlySet<Logged>): string {
  const late = l.time > e.time;
  const by = `${Math.abs(l.time - e.time)}s ${late ? 'later' : 'earlier'} than the replay`;
  if (e.action === 'delete') {
    // How long the entry lived on the host, from its last add or abort in the log (execd deletes one second past the timeout).
    const start = logged.reduce<Logged | undefined>((best, x) => (x.key === e.key && (x.action === 'add' || x.action === 'abort') && x.time <= l.time && (!best || x.time > best.time) ? x : best), undefined);
    const lived = start ? l.time - start.time - 1 : undefined;
    if (lived !== undefined && e.timeout !== undefined && Math.abs(lived - e.timeout) > 1) {
      return `${by}: the entry lived ${lived}s on the host (from log line ${start!.run.line}), ${e.timeout}s in the replay: the running configuration's <timeout> (or <repeated_offenders>) differs from this file`;
    }
    if (late) {
      // An abort the replay does not have restarts the entry's timer.
      const reset = logged.find((x) => x !== l && x.key === e.key && x.action === 'abort' && x.time < l.time && x.time > e.time - 86400 && !paired.has(x));
      if (reset) return `${by}: an abort the replay does not have (log line ${reset.run.line}) restarted the entry's timer`;
      return `${by}: the entry's timer restarted on the host (an alert not in the alerts file hit the same key) or execd was busy`;
    }
    const sameSecond = logged.filter((x) => x.action === 'delete' && x.time === l.time).length;
    if (sameSecond > 1) return `${by}: ${sameSecond} deletes ran in the same second, as when execd stops (restart or shutdown) and runs every pending delete at once`;
    return `${by}: execd ran the delete early (it stops and runs every pending delete on restart or shutdown)`;
  }
  return `${by}: the message took that long to reach execd (agent queue, reconnection) or the host's clock is off (--tolerance ${Math.abs(l.time - e.time) + 1} accepts it)`;
}

function changedCause(e: Expected, l: Logged): string {
  if (l.action === 'fail') return `the program failed before answering check_keys: "${l.run.error ?? 'no answer'}" (a missing field in the alert the host received?)`;
  if (e.action === 'fail') return `the replay expected the program to stop (${e.reason ?? 'no key'}) but the host's run went on: the alert the host received had the field the alerts file lacks (missing field)`;
  if (e.action === 'add' && l.action === 'abort') return 'execd answered abort: the key was already active on the host, added by an alert the replay does not have (before the alerts file starts, or not in it)';
  if (e.action === 'abort' && l.action === 'add') return 'execd ran it as new: the key was no longer active on the host (execd restarted, or the earlier add did not reach it)';
  return `the log has ${l.action} where the replay has ${e.action}`;
}


/** Sorted times of the compared log runs and of the missing occurrences. */
interface MissingContext {
  logTimes: number[];
  missingTimes: number[];
}


function missingCause(e: Expected, host: string, logged: readonly Logged[], log: ArLog, times: MissingContext, tolerance: number): string {
  if (log.runs.length === 0) {
    return `the log has no run at all: execd is disabled on ${hostName(host)} (<disabled>yes</disabled> first under <active-response> in its own ossec.conf; --agent-config simulates it), or the log is another host's`;
  }
  if (e.action === 'delete') {
    const added = logged.some((l) => l.key === e.key && (l.action === 'add' || l.action === 'abort') && l.time <= e.time);
    if (!added) return 'the log has no add for this key before it: the add did not reach execd either';
    return "the entry was gone from execd's list before its timeout: execd restarted (the list is lost) or a delete the replay does not have removed it";
  }
  // Other expected runs missing with no log entry between them: the host was unreachable for that time.
  const { logTimes, missingTimes } = times;
  const before = logTimes[firstIndexAtLeast(logTimes, e.time - tolerance) - 1];
  const afterIndex = firstIndexAtLeast(logTimes, e.time + tolerance + 1);
  const after = afterIndex < logTimes.length ? logTimes[afterIndex] : undefined;
  const gapStart = before === undefined ? 0 : firstIndexAtLeast(missingTimes, before + 1);
  const gapEnd = after === undefined ? missingTimes.length : firstIndexAtLeast(missingTimes, after);
  if (!isManagerHost(host) && gapEnd - gapStart > 1) {
    return `agent offline window: ${gapEnd - gapStart} responses the replay sends between ${iso(missingTimes[gapStart]!)} and ${iso(missingTimes[gapEnd - 1]!)} are all missing and the log has no run in between (agent disconnected: analysisd drops messages for an agent that is not active)`;
  }
  if (e.action === 'fail') return `the replay expected a failed run (${e.reason ?? 'no key'}); the log has no run for this alert`;
  return `no run for alert ${e.alert ?? '?'} in the log: the message did not reach ${hostName(host)}'s execd (${isManagerHost(host) ? 'execd not running' : 'agent disconnected'}), or the running configuration does not fire it (its <white_list>, rules or blocks differ from this file)`;
}

function iso(seconds: number): string {
  return new Date(Math.floor(seconds) * 1000).toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, '');
}

/** Why the log has a run the replay does not: what this configuration decides for the alert the host received. */
function unexplainedCause(l: Logged, host: string, context: ComparisonContext, expected: readonly Expected[], silent: readonly Expected[], options: ComparisonOptions): string {
  const unrun = silent.find((e) => e.base === l.base && e.alert === l.alert);
  if (unrun) return `the replay expected no run at all (${unrun.reason ?? 'no program'}): the host's version or programs differ from what --agents and the configuration say`;
  if (l.action === 'delete') {
    return expected.some((e) => e.key === l.key)
      ? 'the replay deleted this key at another time or not at all (an abort it does not have, or an add before the alerts file starts)'
      : 'a delete of an entry the replay never added (added by an alert not in the alerts file, or before it starts)';
  }
  const raised = alertTimeOf(l.run);
  if (raised !== undefined && options.alertsFrom !== undefined && options.alertsTo !== undefined && (raised < options.alertsFrom || raised > options.alertsTo)) {
    return `alert ${l.alert ?? '?'} was raised at ${iso(raised)}, outside the alerts file (${iso(options.alertsFrom)} to ${iso(options.alertsTo)})`;
  }
  if (!l.run.alert) {
    return `alert ${l.alert ?? '?'} (rule ${l.rule ?? '?'}) is not in the alerts file, or this configuration does not run ${l.base} for it (the legacy log line carries no alert to check)`;
  }
  const result = simulateAlert(context.config, context.simOptions, l.run.alert, 0);
  const mine = result.responses.filter((r) => {
    const response = context.config.responses[r.block];
    return response !== undefined && programBasename(`active-response/bin/${response.executable}`) === l.base;
  });
  if (mine.length === 0) return `no <active-response> of this configuration runs ${l.base}: the running configuration differs, or it was run by hand or through the API`;
  const fired = mine.filter((r) => r.fired);
  if (fired.some((r) => r.targets?.includes(host) || r.targets?.includes('all'))) {
    return `this configuration fires it on ${hostName(host)} for alert ${l.alert ?? '?'}, which is not in the alerts file (another manager or cluster node raised it, or the file is incomplete)`;
  }
  if (fired.length > 0) return `this configuration sends it to ${fired.flatMap((r) => r.targets ?? []).join(', ')}, not to ${hostName(host)}: the running configuration's <location> differs`;
  const first = mine.find((r) => r.reason !== 'no-match') ?? mine[0]!;
  const reason = first.reason ?? 'no-match';
  const what =
    reason === 'whitelisted'
      ? 'white list'
      : reason === 'execd-disabled'
        ? 'execd disabled'
        : reason === 'no-match'
          ? 'rules'
          : reason === 'missing-field'
            ? 'missing field'
            : reason;
  return `this configuration does not fire it (${what}: ${first.detail ?? reason}): the running configuration differs from this file`;
}
