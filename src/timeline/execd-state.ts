/**
 * execd's timeout list, replayed: what a host's wazuh-execd does with each active-response message
 * (src/os_execd/execd.c ExecdStart, v4.14.x). Per host:
 * - the script answers check_keys: the entry key is basename(program) + "-" + each key (srcip, user);
 *   a script that never answers (stateless) is run and forgotten;
 * - timeout 0: always run ("continue"), never added to the list, never deleted;
 * - timeout > 0: repeated offenders (when configured on that host) replace the timeout on the 2nd,
 *   3rd... sighting of a key by the minutes list, the last value reused, the counter never reset;
 *   a key already in the list is not run again: its time of addition is reset to now and its timeout
 *   updated ("abort"); otherwise it is run and added;
 * - an entry is deleted (the program runs again with "delete") at the first one-second tick where
 *   now - added > timeout, strictly greater, before any message received at that time; execd also
 *   checks right after each message, so a negative timeout deletes at the second it was set;
 * - entries due at the same tick are deleted in list order: the order they were first added (an abort
 *   does not move an entry; ExecdTimeoutRun walks OSList from its first node, OSList_AddData appends).
 * A pre-4.2 execd (a manager below 4.2, an agent --agents says is) differs for a key already listed: see
 * receiveLegacy. Times are whole seconds, as execd's time(0).
 */

import { MinHeap } from '../util/min-heap.ts';
import { compareText } from '../util/compare.ts';
import { execdKey, programBasename } from '../wazuh/execd.ts';
import { offenderTimeout } from '../wazuh/repeated-offenders.ts';
import type { AgentMessage } from '../simulate/payload.ts';
import { isManagerHost } from './hosts.ts';

export { execdKey, programBasename };

export interface Dispatch {
  /** Seconds since the epoch (fractions are dropped, as execd's time(0)). */
  time: number;
  /** Agent id ("000" = the manager) that runs the response. */
  host: string;
  /** The <command> name and the AR name sent (command + timeout). */
  command: string;
  name: string;
  /** active-response/bin/<executable>. */
  program: string;
  timeout: number;
  /** The keys the script answers with (check_keys), or null when it does not answer. */
  keys: string[] | null;
  alertId: string;
  ruleId: string;
  /** What analysisd sent this agent, when asked for (simulate --timeline --payload with --agents). */
  message?: AgentMessage;
  /** What the event line alone would hide (DecidedDispatch.note). */
  note?: string;
}

export type TimelineAction = 'add' | 'abort' | 'delete';

export interface TimelineEvent {
  time: number;
  host: string;
  action: TimelineAction;
  command: string;
  name: string;
  /** execd's key (basename-key...), or the program basename for stateless scripts. */
  key: string;
  alert: string;
  rule: string;
  /** Seconds the entry stays (after repeated-offender replacement); 0 = never undone. */
  timeout: number;
  /** How many times this key was seen before on this host (0 = first offence). */
  offense: number;
  /** For deletes: when the entry was added (last reset). */
  addedAt?: number;
  /** For adds and aborts on an agent: what analysisd sent it (with --payload and --agents). */
  message?: AgentMessage;
  /** For adds and aborts: what the line alone would hide (the address a stock IP blocker acts on). */
  note?: string;
}

/** An entry still in a timeout list, with the time it would be deleted and the alert that added it. */
export interface ActiveEntry {
  host: string;
  key: string;
  command: string;
  name: string;
  addedAt: number;
  timeout: number;
  expiresAt: number;
  alert: string;
  rule: string;
  offense: number;
}

/**
 * An entry of a timeout list. Classes, not object literals, for entries and their places in the
 * expiry heap: they live long, and a literal's allocation site is then switched to old-space
 * allocation, which deoptimizes every function the literal was inlined into (receive, advance and the
 * replay's callers), compiled again by TurboFan.
 */
class Entry<D extends Dispatch> {
  constructor(
    readonly dispatch: D,
    readonly key: string,
    /** Its key in `active` (host + NUL + key), kept: its expiry looks it up again. */
    readonly id: string,
    public addedAt: number,
    public timeout: number,
    public offense: number,
    /** Deadline bucket this entry is filed under (lazy deletion in the heap). */
    public expiresAt: number,
    /** Its place in execd's list (order of first addition): deletes due at one tick run in this order. */
    readonly seq: number,
  ) {}
}

/** An entry's place in the expiry heap, at the time it was filed under. */
class Expiry<D extends Dispatch> {
  constructor(
    readonly at: number,
    readonly entry: Entry<D>,
  ) {}
}

/**
 * The tick that deletes an entry set at `t` (ExecdTimeoutRun: curr_time - time_of_addition > time_to_block):
 * t + timeout + 1, but not before the check execd runs right after the message, at `t` itself.
 */
function expiryOf(t: number, timeout: number): number {
  return timeout < 0 ? t : t + timeout + 1;
}

/** The event of a message received (one object shape for all: the replay makes millions of them). */
function received(d: Dispatch, time: number, action: TimelineAction, key: string, timeout: number, offense: number): TimelineEvent {
  const event: TimelineEvent = { time, host: d.host, command: d.command, name: d.name, alert: d.alertId, rule: d.ruleId, action, key, timeout, offense };
  if (d.message) event.message = d.message;
  if (d.note) event.note = d.note;
  return event;
}

/** `D`: the caller's dispatches, given back with each event they cause (a delete's is the one that added the entry). */
export class ExecdTimeline<D extends Dispatch = Dispatch> {
  /** Active entries by host + NUL + key. */
  private readonly active = new Map<string, Entry<D>>();
  /** Sightings per host + NUL + key on hosts with repeated_offenders (never reset, as in execd). */
  private readonly offenses = new Map<string, number>();
  /** Entries by expiry time; entries reset since are skipped when popped. */
  private readonly heap = new MinHeap<Expiry<D>>((a, b) => a.at < b.at || (a.at === b.at && a.entry.seq < b.entry.seq));
  private added = 0;
  private now = -Infinity;
  private readonly basenames = new Map<string, string>();

  /**
   * @param repeatedOffenders minutes list per host (from the first <repeated_offenders> of that host's
   *   ossec.conf); a host without one has no repeated-offender handling.
   * @param legacyExecd whether a host runs the pre-4.2 execd (receiveLegacy): a manager below 4.2, an agent
   *   --agents says is below 4.2.
   */
  constructor(
    private readonly repeatedOffenders: (host: string) => number[] | undefined,
    private readonly legacyExecd: (host: string) => boolean = () => false,
  ) {}

  /** Number of entries currently in the timeout lists of all hosts. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Runs every delete due up to and including `time` (execd's one-second ticks). */
  advance(time: number, emit: (e: TimelineEvent, d: D) => void): void {
    const t = Math.floor(time);
    for (;;) {
      const top = this.heap.peek();
      if (!top || top.at > t) break;
      this.heap.pop();
      const entry = top.entry;
      if (this.active.get(entry.id) !== entry || entry.expiresAt !== top.at) continue; // reset or replaced since
      this.active.delete(entry.id);
      emit({
        time: top.at,
        host: entry.dispatch.host,
        action: 'delete',
        command: entry.dispatch.command,
        name: entry.dispatch.name,
        key: entry.key,
        alert: entry.dispatch.alertId,
        rule: entry.dispatch.ruleId,
        timeout: entry.timeout,
        offense: entry.offense,
        addedAt: entry.addedAt,
      }, entry.dispatch);
    }
    if (t > this.now) this.now = t;
  }

  /** One message reaching a host's execd at `d.time`. Deletes due by then are emitted first. */
  receive(d: D, emit: (e: TimelineEvent, d: D) => void): void {
    const t = Math.floor(d.time);
    this.advance(t, emit);
    const basename = this.basenameOf(d.program);
    if (d.keys === null) {
      // No check_keys answer: execd runs it and keeps nothing.
      emit(received(d, t, 'add', basename, 0, 0), d);
      return;
    }
    const key = execdKey(d.program, d.keys, basename);
    if (this.legacyExecd(d.host)) {
      this.receiveLegacy(d, t, key, emit);
      return;
    }
    if (d.timeout === 0) {
      emit(received(d, t, 'add', key, 0, 0), d);
      return;
    }
    const id = `${d.host}\0${key}`;
    let timeout = d.timeout;
    let offense = 0;
    const minutes = this.repeatedOffenders(d.host);
    if (minutes && minutes.length > 0) {
      // execd's counter stops at the list length (the last value is reused); `offense` counts on.
      offense = this.offenses.get(id) ?? 0;
      this.offenses.set(id, offense + 1);
      if (offense > 0) timeout = offenderTimeout(minutes[Math.min(offense, minutes.length) - 1]!);
    }
    const existing = this.active.get(id);
    if (existing) {
      existing.addedAt = t;
      existing.timeout = timeout;
      existing.offense = offense;
      existing.expiresAt = expiryOf(t, timeout);
      this.heap.push(new Expiry(existing.expiresAt, existing));
      emit(received(d, t, 'abort', key, timeout, offense), d);
      return;
    }
    const entry = new Entry(d, key, id, t, timeout, offense, expiryOf(t, timeout), this.added++);
    this.active.set(id, entry);
    this.heap.push(new Expiry(entry.expiresAt, entry));
    emit(received(d, t, 'add', key, timeout, offense), d);
  }

  /**
   * A message at a pre-4.2 execd (v4.1.5 src/os_execd/execd.c:517-650, as in 3.x), keyed on the program and its
   * srcip argument (`d.keys`, '-' without one). A key already in the list is not run again, whatever the
   * message's timeout (0 too): the entry's time of addition is reset, and its timeout changes only when repeated
   * offenders count it (the srcip argument not '-', :535-567), never to the message's own. Otherwise as 4.2+:
   * timeout 0 runs and keeps nothing, else the entry is added with the message's (or the repeat count's) timeout.
   */
  private receiveLegacy(d: D, t: number, key: string, emit: (e: TimelineEvent, d: D) => void): void {
    const id = `${d.host}\0${key}`;
    const minutes = this.repeatedOffenders(d.host);
    const counting = minutes !== undefined && minutes.length > 0;
    const existing = this.active.get(id);
    if (existing) {
      existing.addedAt = t;
      const seen = this.offenses.get(id);
      if (counting && seen !== undefined && !(d.keys![0] ?? '-').startsWith('-')) {
        this.offenses.set(id, seen + 1);
        existing.timeout = offenderTimeout(minutes[Math.min(seen, minutes.length) - 1]!);
        existing.offense = seen;
      }
      existing.expiresAt = expiryOf(t, existing.timeout);
      this.heap.push(new Expiry(existing.expiresAt, existing));
      emit(received(d, t, 'abort', key, existing.timeout, existing.offense), d);
      return;
    }
    if (d.timeout === 0) {
      emit(received(d, t, 'add', key, 0, 0), d);
      return;
    }
    let timeout = d.timeout;
    let offense = 0;
    if (counting) {
      offense = this.offenses.get(id) ?? 0;
      this.offenses.set(id, offense + 1);
      if (offense > 0) timeout = offenderTimeout(minutes[Math.min(offense, minutes.length) - 1]!);
    }
    const entry = new Entry(d, key, id, t, timeout, offense, expiryOf(t, timeout), this.added++);
    this.active.set(id, entry);
    this.heap.push(new Expiry(entry.expiresAt, entry));
    emit(received(d, t, 'add', key, timeout, offense), d);
  }

  /**
   * The execd of `host` stops and starts again at `time` (a stock restart program ran there: programs.ts
   * restartsExecd): ExecdShutdown runs the delete of every entry of that host's list at once, in list order,
   * each event carrying `note`, and the new execd counts no repeat from before. `all` (every agent, without
   * --agents) restarts every agent's execd.
   */
  restart(host: string, time: number, note: string, emit: (e: TimelineEvent, d: D) => void): void {
    const t = Math.floor(time);
    this.advance(t, emit);
    const agents = host === 'all';
    const onHost = (h: string) => h === host || (agents && !isManagerHost(h));
    const entries = [...this.active.values()].filter((e) => onHost(e.dispatch.host)).sort((a, b) => a.seq - b.seq);
    for (const entry of entries) {
      this.active.delete(entry.id);
      emit({
        time: t,
        host: entry.dispatch.host,
        action: 'delete',
        command: entry.dispatch.command,
        name: entry.dispatch.name,
        key: entry.key,
        alert: entry.dispatch.alertId,
        rule: entry.dispatch.ruleId,
        timeout: entry.timeout,
        offense: entry.offense,
        addedAt: entry.addedAt,
        note,
      }, entry.dispatch);
    }
    for (const id of [...this.offenses.keys()]) if (onHost(id.slice(0, id.indexOf('\0')))) this.offenses.delete(id);
  }

  /** programBasename, once per program (a replay sends the same few programs thousands of times). */
  private basenameOf(program: string): string {
    let basename = this.basenames.get(program);
    if (basename === undefined) this.basenames.set(program, (basename = programBasename(program)));
    return basename;
  }

  /** Entries still in the lists, with the time each would be deleted. */
  stillActive(): ActiveEntry[] {
    return [...this.active.values()]
      .map((e) => ({ host: e.dispatch.host, key: e.key, command: e.dispatch.command, name: e.dispatch.name, addedAt: e.addedAt, timeout: e.timeout, expiresAt: e.expiresAt, alert: e.dispatch.alertId, rule: e.dispatch.ruleId, offense: e.offense }))
      .sort((a, b) => a.expiresAt - b.expiresAt || compareText(a.key, b.key));
  }
}
