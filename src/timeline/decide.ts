/**
 * The per-alert half of `--timeline`: when an alert happened and which messages analysisd would send
 * to which execd for it. Each alert is decided on its own; the replay (./replay.ts) keeps the
 * order-dependent state. Decisions are small plain data: they name a response by its index.
 */
import { absentProgram } from '../simulate/absent-program.ts';
import { oldAgentKeys, oldAgentMissing, oldAgentVersion } from '../simulate/old-agents.ts';
import { registrationContext, undeliveredAgent, unreachableAgent, type RegistrationContext } from '../simulate/unreachable.ts';
import { cutMessageReason, cutMessageTargets, firedResponses, responseProgram, type CutMessage } from '../simulate/engine.ts';
import { alertFacts } from '../simulate/alert.ts';
import { agentMessages, messagesByAgent, type AgentMessage } from '../simulate/payload.ts';
import { splitExtraArgs } from '../wazuh/programs.ts';
import { programAddressNote } from '../simulate/program-address.ts';
import { listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import type { AlertRecord } from '../simulate/input.ts';
import type { SimConfig, SimOptions, SimResponse } from '../simulate/model.ts';
import { managerHostOf } from './hosts.ts';
import { keysFor, legacyKeys, type KeyMode, type ScriptKeys } from './keys.ts';
import { parseAlertTime } from './time.ts';

/** One message to one host's execd. */
export interface DecidedDispatch {
  /** Index of the `<active-response>` in SimConfig.responses. */
  response: number;
  host: string;
  /** The check_keys answer, or null when the program gives none. */
  keys: string[] | null;
  /** Why the program reaches no execd entry (it exits before answering), when it does not. */
  fail?: string;
  /** What analysisd sends this agent (DecideOptions.messages, --agents with its version). */
  message?: AgentMessage;
  /** With `fail`: no program runs at all (nothing reaches the host's active-responses.log). */
  noRun?: boolean;
  /** What the event line alone would hide (simulate's programAddressNote: the address the program blocks). */
  note?: string;
}

/** An alert inside the time window, with what it sends. */
export interface Decision {
  /** Seconds since the epoch. */
  time: number;
  /** The alert's `id`, when it has one. */
  alertId?: string;
  /** Position among the alerts read (stands in for a missing id). */
  index: number;
  ruleId: string;
  dispatches: DecidedDispatch[];
}

/** An alert skipped for its timestamp: where it is, and what it holds instead of a time. */
export interface UntimedEntry {
  line: number;
  /** The timestamp as written (JSON text for a non-string), or undefined when the alert has none. */
  timestamp?: string;
}

/** The decisions of one batch of alerts, and what happened to the alerts that have none. */
export interface DecisionBatch {
  decisions: Decision[];
  /** Alerts without a readable timestamp. */
  untimed: number;
  /** The first of them (its line counts from the start of what was read). */
  firstUntimed?: UntimedEntry;
  /** Alerts outside --since / --until / --at. */
  outsideWindow: number;
  /** Alerts the line prefilter ruled out unparsed. */
  unparsed: number;
  /** Input bytes read so far (for progress), when known. */
  bytes?: number;
}

export interface DecideOptions {
  /** For custom programs: what their check_keys answer holds. */
  keyMode?: KeyMode;
  /** Seconds; alerts outside [since, until] and after `at` are not decided. */
  since?: number;
  until?: number;
  at?: number;
  /** Keep the message analysisd sends each agent --agents describes (simulate --timeline --payload). */
  messages?: boolean;
}

/** Decides one alert: 'untimed' when it has no readable timestamp, 'outside' when it is outside the window. */
export function decideAlert(record: AlertRecord, config: SimConfig, simOptions: SimOptions, options: DecideOptions): Decision | 'untimed' | 'outside' {
  const time = parseAlertTime(record.alert.timestamp);
  if (time === undefined) return 'untimed';
  if ((options.since !== undefined && time < options.since) || (options.until !== undefined && time > options.until) || (options.at !== undefined && time > options.at)) {
    return 'outside';
  }
  const result = firedResponses(config, simOptions, record.alert);
  const dispatches: DecidedDispatch[] = [];
  let managerHost: string | undefined;
  // What decides whether remoted delivers to an agent, read once an alert fires something.
  let registration: RegistrationContext | undefined;
  for (let i = 0; i < result.fired.length; i++) {
    const r = result.fired[i]!;
    if (!r.targets || !r.executable || !r.name) continue;
    const response = config.responses[result.indexes[i]!]!;
    const keys = config.target.legacy
      ? legacyKeys((r.payload as { argv?: string[] }).argv)
      : keysFor(responseProgram(config, response).program, record.alert, options.keyMode, () => splitExtraArgs(response.extraArgs));
    const agents = simOptions.agents;
    const targets = r.targets;
    // Each agent's message, looked up by target (a response at `all` has thousands).
    const messages = options.messages && agents && !config.target.legacy ? messagesByAgent(agentMessages(config, response, alertFacts(record.alert), record.alert, targets, agents), agents) : undefined;
    // The message of a huge alert (its text near 64 KB) may arrive cut: execd refuses it and runs nothing.
    const cut = config.target.legacy ? [] : cutMessageTargets(config, response, record.alert, targets, agents, record.chars);
    // The address a stock IP blocker acts on, when it is not the one analysisd checked against <white_list> (as simulate says).
    const note = config.target.legacy ? undefined : programAddressNote(config, response, () => alertFacts(record.alert).srcip, record.alert, targets, agents);
    const cutByTarget = cut.length > 0 ? new Map(cut.filter((c) => c.at !== 'continue').map((c) => [c.target, c])) : undefined;
    for (const target of targets) {
      // The manager-side responses of an alert another cluster node raised run on that node's execd.
      const host = target === '000' ? (managerHost ??= managerHostOf(record.alert, config.nodeName)) : target;
      const message = messages?.get(target);
      // A "continue" read cut leaves execd's state as it would be (the key is kept): not a fail here.
      const cutFor = cutByTarget?.get(target);
      // An agent below 4.2 under a 4.2+ manager: the legacy execd, its own scripts and keys (old-agents.ts).
      const oldVersion = config.target.legacy ? undefined : oldAgentVersion(response, target, agents);
      const hostKeys: ScriptKeys = oldVersion === undefined ? keys : { kind: 'keys', keys: oldAgentKeys(alertFacts(record.alert).srcip) };
      const { fail, noRun } = hostOutcome(response, target, agents, cutFor, hostKeys, (registration ??= registrationContext(record.alert, config.target.legacy)));
      // One object shape whatever a dispatch holds (absent fields undefined, not missing), as decodeMessage
      // builds them: spreads made a shape per combination, and the code reading them met several.
      dispatches.push({ response: result.indexes[i]!, host, keys: hostKeys.kind === 'keys' ? hostKeys.keys : null, fail, noRun: noRun ? true : undefined, message, note });
    }
  }
  return { time, alertId: result.id, index: record.index, ruleId: result.ruleId ?? '', dispatches };
}

/** What happens at a host that gets nothing, or whose program fails: nothing (RUNS) in the usual case. */
interface HostOutcome {
  fail: string | undefined;
  /** No program runs at all (nothing reaches the host's active-responses.log). */
  noRun: boolean;
}
const RUNS: HostOutcome = { fail: undefined, noRun: false };

/**
 * The first thing that stops `response` at `target`, in the order the host meets them: analysisd sends
 * nothing (an agent version it cannot read), execd refuses the message (cut in the queue), remoted finds no
 * agent under the id sent (registered as '1') or drops it (an agent not connected), execd has no such program (the host's platform, or a pre-4.2 agent's own
 * scripts), the program reads a line cut short (it runs and logs "Invalid input format"), the alert has
 * no key for check_keys.
 */
function hostOutcome(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, cutFor: CutMessage | undefined, hostKeys: ScriptKeys, registration: RegistrationContext): HostOutcome {
  const legacy = registration.legacy;
  const unread = unreadableVersion(target, agents);
  if (unread !== undefined) return { fail: unread, noRun: true };
  if (cutFor?.at === 'queue') return { fail: cutMessageReason(cutFor), noRun: true };
  const stopped = undeliveredAgent(response, target, agents, registration) ?? unreachableAgent(response, target, agents) ?? absentProgram(response, target, agents, legacy) ?? oldAgentMissing(response, target, agents, legacy);
  if (stopped !== undefined) return { fail: stopped, noRun: true };
  if (cutFor !== undefined) return { fail: cutMessageReason(cutFor), noRun: false };
  return hostKeys.kind === 'fail' ? { fail: hostKeys.reason, noRun: hostKeys.noRun === true } : RUNS;
}

/** Why analysisd sends `host` nothing: its version (from --agents) is one OS_Exec cannot read. */
function unreadableVersion(host: string, agents: readonly AgentInfo[] | undefined): string | undefined {
  if (!agents || host === '000') return undefined;
  const listed = listedAgent(agents, host);
  return listed?.format !== null ? undefined : `agent ${host} reports version '${listed.agent.version}', which analysisd cannot read ("Unable to read agent version."): it sends the agent nothing`;
}

/** Decides every alert of a batch. */
export function decideBatch(records: readonly AlertRecord[], config: SimConfig, simOptions: SimOptions, options: DecideOptions): DecisionBatch {
  const batch: DecisionBatch = { decisions: [], untimed: 0, outsideWindow: 0, unparsed: 0 };
  for (const record of records) decideInto(batch, record, config, simOptions, options);
  return batch;
}

/**
 * Dispatches one batch of decisions holds at most (a batch has one decision at least): a response at
 * `all` sends each alert to every active agent of --agents, and a chunk's alerts at 30,000 agents were
 * millions of dispatches at once, passed between threads as one JSON text.
 */
export const BATCH_DISPATCHES = 8192;

/** decideBatch in batches of at most BATCH_DISPATCHES dispatches (or one decision), in order. */
export function* decideBatches(records: readonly AlertRecord[], config: SimConfig, simOptions: SimOptions, options: DecideOptions): Generator<DecisionBatch> {
  let batch: DecisionBatch = { decisions: [], untimed: 0, outsideWindow: 0, unparsed: 0 };
  let dispatches = 0;
  for (const record of records) {
    const d = decideInto(batch, record, config, simOptions, options);
    if (d === undefined) continue;
    dispatches += d.dispatches.length;
    if (dispatches >= BATCH_DISPATCHES) {
      yield batch;
      batch = { decisions: [], untimed: 0, outsideWindow: 0, unparsed: 0 };
      dispatches = 0;
    }
  }
  if (batch.decisions.length > 0 || batch.untimed > 0 || batch.outsideWindow > 0) yield batch;
}

/** Decides one alert into `batch`: its decision, or a count of those without one (undefined then). */
function decideInto(batch: DecisionBatch, record: AlertRecord, config: SimConfig, simOptions: SimOptions, options: DecideOptions): Decision | undefined {
  const d = decideAlert(record, config, simOptions, options);
  if (d === 'untimed') {
    if (batch.untimed++ === 0) batch.firstUntimed = untimedEntry(record);
    return undefined;
  }
  if (d === 'outside') {
    batch.outsideWindow++;
    return undefined;
  }
  batch.decisions.push(d);
  return d;
}

/** Where an untimed alert is and what it holds (cut: a hostile timestamp may be megabytes long). */
export function untimedEntry(record: AlertRecord): UntimedEntry {
  const value = record.alert.timestamp;
  if (value === undefined) return { line: record.line };
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return { line: record.line, timestamp: text.length > 80 ? `${text.slice(0, 80)}...` : text };
}
