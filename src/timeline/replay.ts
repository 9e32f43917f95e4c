/**
 * `simulate --timeline`: replays the decided alerts (./decide.ts) in timestamp order through each
 * host's execd timeout list. Streaming: only the small dispatches of fired responses are buffered,
 * for the reorder window; memory follows the active keys, not the input size.
 *
 * Out-of-order input (alerts.json interleaves agents, clocks drift): dispatches wait in a min-heap
 * until the newest alert time seen is `reorderWindow` seconds past them, then run in time order. A
 * dispatch older than what already ran (later than the window allows) runs at the current time and
 * is counted as late.
 */
import { isBuiltinRestartName, restartsExecd } from '../wazuh/programs.ts';
import { listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import { hostProgram, responseProgram } from '../simulate/engine.ts';
import { hostName, isManagerHost } from './hosts.ts';
import { HostsDenyFiles } from './hosts-deny-files.ts';
import { HOST_DENY_PROGRAM, hostsDenyLine } from '../wazuh/hosts-deny.ts';
import type { SimConfig } from '../simulate/model.ts';
import type { AgentMessage } from '../simulate/payload.ts';
import { MinHeap } from '../util/min-heap.ts';
import { InputError } from '../util/errors.ts';
import { isoTime } from './render.ts';
import { compareText } from '../util/compare.ts';
import type { Decision, DecisionBatch, UntimedEntry } from './decide.ts';
import { ExecdTimeline, type ActiveEntry, type Dispatch, type TimelineEvent } from './execd-state.ts';

/** The path end of the 4.2+ host-deny program, as the replay names programs (active-response/bin/...). */
const HOST_DENY_FILE = `/${HOST_DENY_PROGRAM}`;


export interface TimelineOptions {
  /** Minutes lists: the manager's (from the simulated ossec.conf) and the agents' (--agent-config). */
  managerRepeatedOffenders?: number[];
  agentRepeatedOffenders?: number[];
  /** Seconds an alert may arrive after a later one and still be replayed in order. */
  reorderWindow?: number;
  /**
   * --agents: an agent's platform and version decide which stock restart program a restart-wazuh0 runs there
   * (restart-wazuh.exe on Windows, restart-ossec.sh below 4.2: execdProgram), and execd keys it by that
   * program's basename (src/os_execd/execd.c:318).
   */
  agents?: readonly AgentInfo[];
  /** Keys the replay may remember before it stops (default REPLAY_KEYS_MAX). */
  keysMax?: number;
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
  /** No program runs at all (the host's active-responses.log has nothing of it). */
  noRun?: boolean;
}

/** Dispatches replayed between two steps of replayTimelineInto, at most (and a batch's last, whatever their number). */
const DISPATCHES_PER_STEP = 8192;

/**
 * Keys a replay remembers at most, over all hosts (TimelineReplay.remembered and its waiting dispatches):
 * execd's state is per host, so a response at `all` with 30,000 agents keeps each key 30,000 times, and
 * the replay grew as alerts x agents until V8 aborted (5 GB). At the bound: 0.6 GB on one thread, 1.2 GB with
 * worker threads and --payload (30,000 agents).
 */
export const REPLAY_KEYS_MAX = 2_000_000;

export type TimelineItem = { type: 'event'; event: TimelineEvent } | { type: 'fail'; failure: TimelineFailure };

/** Where a replay's events and failures go, in time order, as they happen. */
export interface TimelineSink {
  event(event: TimelineEvent): void;
  fail(failure: TimelineFailure): void;
}

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
  /** The first of them, by line in the input. */
  firstUntimed?: UntimedEntry;
  /** Alerts outside --since / --until. */
  outsideWindow: number;
  /** Dispatches that arrived later than the reorder window allows. */
  late: number;
  /** Alerts no response could fire on, skipped without parsing (when the line prefilter ran). */
  unparsed?: number;
  firstTime?: number;
  lastTime?: number;
  /** The time the still-active list refers to. */
  at?: number;
  groups: GroupSummary[];
  stillActive: ActiveEntry[];
}

/**
 * A group's counts while the replay runs. A class, not an object literal: a literal's allocation site
 * is switched to old-space allocation once its objects are seen to live long (these live to the end),
 * and that switch deoptimizes every function the literal was inlined into (group, onEvent, advance,
 * receive, replayDecision), which TurboFan then compiles again. Fields in GroupSummary's order.
 */
class GroupState implements GroupSummary {
  command: string;
  host: string;
  adds = 0;
  aborts = 0;
  deletes = 0;
  fails = 0;
  distinctKeys = 0;
  peakActive = 0;
  keys = new Set<string>();
  active = 0;

  constructor(command: string, host: string) {
    this.command = command;
    this.host = host;
  }
}

/**
 * A fired response, waiting in the reorder heap and then execd's dispatch (its entry keeps it as long
 * as the entry lives): one object for both, with its group, looked up once, not for each event it
 * causes. A class, for the reason GroupState is.
 */
class Pending implements Dispatch {
  constructor(
    readonly at: number,
    readonly seq: number,
    public time: number,
    readonly host: string,
    readonly command: string,
    readonly name: string,
    readonly program: string,
    readonly timeout: number,
    readonly keys: string[] | null,
    readonly alertId: string,
    readonly ruleId: string,
    readonly message: AgentMessage | undefined,
    readonly fail: string | undefined,
    readonly noRun: boolean | undefined,
    readonly note: string | undefined,
    readonly group: GroupState,
  ) {}
}

/**
 * Replays decided alerts, batch by batch; yields the events of each batch in time order and returns
 * the summary. `at` (the decisions already leave out later alerts) is the time the still-active
 * list refers to. `filtered`: the decisions come through the line prefilter (the summary says so).
 */
export async function* replayTimeline(
  batches: AsyncIterable<DecisionBatch>,
  config: SimConfig,
  options: TimelineOptions,
  at?: number,
  filtered = false,
): AsyncGenerator<TimelineItem[], TimelineSummary> {
  const replay = new TimelineReplay(config, options, filtered);
  for await (const batch of batches) {
    const items = replay.add(batch);
    if (items.length > 0) yield items;
  }
  const items = replay.finish(at);
  if (items.length > 0) yield items;
  return replay.summary;
}

/**
 * replayTimeline with the events and failures given to `sink` as they happen (no item objects, no
 * arrays of them); yields after each batch, so the caller can write out what the sink holds.
 */
export async function* replayTimelineInto(
  sink: TimelineSink,
  batches: AsyncIterable<DecisionBatch>,
  config: SimConfig,
  options: TimelineOptions,
  at?: number,
  filtered = false,
): AsyncGenerator<void, TimelineSummary> {
  const replay = new TimelineReplay(config, options, filtered, sink);
  for await (const batch of batches) {
    replay.count(batch);
    // A response at `all` sends each alert to every active agent: the sink is emptied every few
    // thousand dispatches, not once a batch (160 alerts x 30,000 agents were 600 MB of lines held).
    let dispatches = 0;
    for (const decision of batch.decisions) {
      replay.replay(decision);
      dispatches += decision.dispatches.length;
      if (dispatches >= DISPATCHES_PER_STEP) {
        dispatches = 0;
        yield;
      }
    }
    yield;
  }
  replay.finish(at);
  return replay.summary;
}

/**
 * The replay as a state machine, fed batch by batch (several replays can then share one reading of
 * the alerts, as `arctl diff --timeline` does): `add` returns the items a batch releases, `finish`
 * the rest, after which `summary` is complete.
 */
export class TimelineReplay {
  readonly summary: TimelineSummary;
  private readonly execd: ExecdTimeline<Pending>;
  private readonly window: number;
  private readonly heap = new MinHeap<Pending>((x, y) => x.at < y.at || (x.at === y.at && x.seq < y.seq));
  private readonly groups: GroupState[] = [];
  /** Groups by host, by response index (responses of one command share theirs). */
  private readonly hostGroups: Array<Map<string, GroupState>>;
  private seq = 0;
  /** Each response's program path, by response index (built once, not per dispatch). */
  private readonly programs: string[];
  /** Each response's timeout as execd keeps it, by response index. */
  private readonly timeouts: number[];
  /** By response index, for a restart-wazuh0 with --agents: its program path by host (TimelineOptions.agents). */
  private readonly hostPrograms: Array<Map<string, string> | undefined>;
  private readonly agents: readonly AgentInfo[] | undefined;
  private clock = -Infinity;
  private newest = -Infinity;
  /** Distinct keys the groups remember, over all hosts: at least execd's entries and repeat counters. */
  private remembered = 0;
  private readonly keysMax: number;
  /** What add and finish return: the items the default sink collected. */
  private out: TimelineItem[] = [];
  private readonly sink: TimelineSink;
  /** `p`: the dispatch the event comes of (for a delete, the one that added the entry), whose group is the event's. */
  private readonly onEvent = (event: TimelineEvent, p: Pending): void => {
    const g = p.group;
    if (event.action === 'add') {
      g.adds++;
      // Listed unless stateless (timeout 0): a negative timeout (repeated offenders wrapped in C int) is listed and deleted at once.
      if (event.timeout !== 0) {
        g.active++;
        g.peakActive = Math.max(g.peakActive, g.active);
      }
    } else if (event.action === 'abort') g.aborts++;
    else {
      g.deletes++;
      g.active--;
    }
    // A delete's key came with the add of its entry, in the same group.
    if (event.action !== 'delete' && g.keys.size !== g.keys.add(event.key).size) this.remembered++;
    if (event.action !== 'abort' && p.keys !== null && p.keys.length > 0 && p.program.endsWith(HOST_DENY_FILE)) this.hostsDenyNote(event, p.keys[0]!);
    this.sink.event(event);
  };
  private readonly hostsDeny = new HostsDenyFiles();

  /** What host-deny does to hosts.deny beyond the event (src/wazuh/hosts-deny.ts): added to the event's note. */
  private hostsDenyNote(event: TimelineEvent, srcip: string): void {
    let note: string | undefined;
    if (event.action === 'add') {
      const holder = this.hostsDeny.add(event.host, srcip);
      if (holder !== undefined) note = `host-deny writes nothing: the hosts.deny line of ${holder} (${hostsDenyLine(holder)}) already holds '${srcip}' as text ("IP ${srcip} already exists"), so ${srcip} is not blocked`;
    } else {
      const others = this.hostsDeny.remove(event.host, srcip);
      if (others.length > 0) note = `host-deny removes every hosts.deny line that holds '${srcip}' as text: ${others.map(hostsDenyLine).join(', ')} too, so ${others.join(', ')} ${others.length === 1 ? 'is' : 'are'} no longer blocked`;
    }
    if (note !== undefined) event.note = event.note === undefined ? note : `${event.note}; ${note}`;
  }

  /** `sink`: where events and failures go; by default they are collected as items, returned by add and finish. */
  constructor(
    private readonly config: SimConfig,
    options: TimelineOptions,
    private readonly filtered = false,
    sink?: TimelineSink,
  ) {
    this.sink = sink ?? { event: (event) => this.out.push({ type: 'event', event }), fail: (failure) => this.out.push({ type: 'fail', failure }) };
    // The pre-4.2 execd: every host under a manager below 4.2, and the agents --agents says are below 4.2.
    const agentList = options.agents;
    this.execd = new ExecdTimeline(
      (host) => (isManagerHost(host) ? options.managerRepeatedOffenders : options.agentRepeatedOffenders),
      (host) => config.target.legacy || (agentList !== undefined && !isManagerHost(host) && host !== 'all' && listedAgent(agentList, host)?.format === 'legacy'),
    );
    this.window = options.reorderWindow ?? 60;
    this.keysMax = options.keysMax ?? REPLAY_KEYS_MAX;
    // A restart-wazuh0 runs the stock restart program, whatever its <executable> (execdProgram).
    this.programs = config.responses.map((r) => `active-response/bin/${responseProgram(config, r).program}`);
    // execd's timeout for a name is its first ar.conf line's (another command's, when two names collide).
    this.timeouts = config.responses.map((r) => responseProgram(config, r).timeout);
    this.agents = options.agents;
    this.hostPrograms = config.responses.map((r) => (options.agents && isBuiltinRestartName(r.name, config.target.legacy) ? new Map() : undefined));
    const byCommand = new Map<string, Map<string, GroupState>>();
    this.hostGroups = config.responses.map((r) => {
      let hosts = byCommand.get(r.command);
      if (!hosts) byCommand.set(r.command, (hosts = new Map()));
      return hosts;
    });
    this.summary = { alerts: 0, untimed: 0, outsideWindow: 0, late: 0, ...(filtered ? { unparsed: 0 } : {}), groups: [], stillActive: [] };
  }

  /** Takes a batch of decisions; returns the items they release, in time order (none with a sink of the caller's). */
  add(batch: DecisionBatch): TimelineItem[] {
    this.count(batch);
    for (const decision of batch.decisions) this.replayDecision(decision);
    return this.take();
  }

  /** A batch's counts of alerts that have no decision (add's first half: then `replay` each decision). */
  count(batch: DecisionBatch): void {
    const summary = this.summary;
    if (summary.untimed === 0 && batch.firstUntimed) summary.firstUntimed = batch.firstUntimed;
    summary.untimed += batch.untimed;
    summary.outsideWindow += batch.outsideWindow;
    if (this.filtered) {
      // Alerts ruled out unparsed were still read: they count among the alerts, firing nothing.
      summary.unparsed! += batch.unparsed;
      summary.alerts += batch.unparsed;
    }
  }

  /** One decision of a batch whose counts were taken (with a sink of the caller's, which gets its events). */
  replay(decision: Decision): void {
    this.replayDecision(decision);
  }

  /** Runs what is pending and advances execd to `at` (default: the last alert's time); completes the summary. */
  finish(at?: number): TimelineItem[] {
    const summary = this.summary;
    this.release(Infinity);
    const end = at ?? summary.lastTime;
    if (end !== undefined) this.execd.advance(end, this.onEvent);
    summary.at = end;
    summary.stillActive = this.execd.stillActive();
    summary.groups = this.groups
      .map(({ keys, active: _active, ...g }) => ({ ...g, distinctKeys: keys.size }))
      .sort((a, b) => compareText(a.command, b.command) || compareText(a.host, b.host));
    return this.take();
  }

  private take(): TimelineItem[] {
    // A copy, and `out` emptied: `out` stays one array whose elements are objects. A new `[]` starts as
    // an array of small integers, and the optimized push that meets one is deoptimized ("not a Smi").
    const items = this.out.slice();
    this.out.length = 0;
    return items;
  }

  private group(response: number, host: string): GroupState {
    const hosts = this.hostGroups[response]!;
    let g = hosts.get(host);
    if (!g) {
      g = new GroupState(this.config.responses[response]!.command, host);
      hosts.set(host, g);
      this.groups.push(g);
    }
    return g;
  }

  private run(p: Pending): void {
    let time = p.at;
    if (time < this.clock) {
      this.summary.late++;
      time = this.clock;
    }
    this.clock = time;
    if (p.fail !== undefined) {
      this.execd.advance(time, this.onEvent);
      p.group.fails++;
      this.sink.fail({ time: Math.floor(time), host: p.host, command: p.command, name: p.name, alert: p.alertId, rule: p.ruleId, reason: p.fail, ...(p.noRun ? { noRun: true } : {}) });
      return;
    }
    p.time = time;
    this.execd.receive(p, this.onEvent);
    // A stock restart program restarts the host's Wazuh: its execd runs every pending delete as it stops.
    if (this.restartsExecd(p.program)) {
      const note = `${p.command} (alert ${p.alertId}) restarted Wazuh ${p.host === 'all' ? 'on every agent' : `on ${hostName(p.host)}`}: execd runs the delete of every entry of its list as it stops ("(1314): Shutdown received. Deleting responses."), and starts again with none and no repeat counts`;
      this.execd.restart(p.host, time, note, this.onEvent);
    }
  }

  /** restartsExecd, once per program path (a replay runs the same few programs millions of times). */
  private restartsExecd(program: string): boolean {
    let restarts = this.restartPrograms.get(program);
    if (restarts === undefined) this.restartPrograms.set(program, (restarts = restartsExecd(program)));
    return restarts;
  }
  private readonly restartPrograms = new Map<string, boolean>();

  private release(upTo: number): void {
    for (let top = this.heap.peek(); top && top.at <= upTo; top = this.heap.peek()) this.run(this.heap.pop()!);
  }

  /** The program response `index` runs at `host`: the host's own restart program for a restart-wazuh0 (--agents). */
  private programOf(index: number, host: string): string {
    const byHost = this.hostPrograms[index];
    if (byHost === undefined) return this.programs[index]!;
    let program = byHost.get(host);
    if (program === undefined) {
      const target = isManagerHost(host) ? '000' : host;
      byHost.set(host, (program = `active-response/bin/${hostProgram(this.config, this.config.responses[index]!, target, this.agents)}`));
    }
    return program;
  }

  private replayDecision(decision: Decision): void {
    const summary = this.summary;
    const time = decision.time;
    summary.alerts++;
    summary.firstTime = Math.min(summary.firstTime ?? time, time);
    summary.lastTime = Math.max(summary.lastTime ?? time, time);
    for (const d of decision.dispatches) {
      const response = this.config.responses[d.response]!;
      const alertId = decision.alertId ?? String(decision.index);
      const group = this.group(d.response, d.host);
      this.heap.push(new Pending(time, this.seq++, time, d.host, response.command, response.name, this.programOf(d.response, d.host), this.timeouts[d.response]!, d.keys, alertId, decision.ruleId, d.message, d.fail, d.noRun, d.note, group));
    }
    const window = this.window;
    this.newest = Math.max(this.newest, time);
    this.release(this.newest - window);
    this.execd.advance(Math.max(this.clock, this.newest - window), this.onEvent);
    if (this.clock < this.newest - window) this.clock = Math.max(this.clock, Math.floor(this.newest - window));
    if (this.remembered + this.heap.size > this.keysMax) throw this.tooManyKeys(decision);
  }

  /** The replay stops (exit 2) rather than hold more than REPLAY_KEYS_MAX keys: say where, and what grew. */
  private tooManyKeys(decision: Decision): InputError {
    const hosts = this.groups.reduce((set, g) => set.add(g.host), new Set<string>()).size;
    return new InputError(
      `the replay stops at the alert of ${isoTime(decision.time)}${decision.alertId !== undefined ? ` (id ${decision.alertId})` : ''}: it would remember more than ${this.keysMax.toLocaleString('en-US')} keys (execd's timeout lists, repeat counts and distinct keys of ${hosts.toLocaleString('en-US')} host${hosts === 1 ? '' : 's'}, and the responses waiting for the reorder window); each host keeps its own, and a response at 'all' reaches every active agent of --agents: replay fewer agents or fewer alerts`,
    );
  }
}
