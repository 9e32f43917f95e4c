/**
 * The behavioural diff: every alert decided against both configurations in one pass, the
 * differences grouped by what changes (newly fires, stops firing, other targets...), for which
 * response, with counts per rule and agent and a few example alert ids. A side Wazuh refuses to
 * start with decides nothing: no response fires and no e-mail goes out.
 */
import { alertFacts } from '../simulate/alert.ts';
import { keylessProgramNote, runsModernProgram, sameTargets } from '../simulate/inert-program.ts';
import { absentProgram } from '../simulate/absent-program.ts';
import { unreachableAgent } from '../simulate/unreachable.ts';
import { programAddressNote } from '../simulate/program-address.ts';
import { emailFor, firedResponses, foreignShape, responseReason } from '../simulate/engine.ts';
import type { AlertRecord } from '../simulate/input.ts';
import type { EmailResult, ResponseResult, SimConfig, SimOptions, SimResponse } from '../simulate/model.ts';
import { buildLinePrefilter } from '../timeline/prefilter.ts';
import { normalizeSrcip } from '../wazuh/whitelist.ts';
import { CATEGORIES, type BehaviourDiff, type BehaviourGroup, type Category } from './model.ts';
import { timeoutText } from './phrases.ts';
import { responseView, type DiffSide, type ResponsePair, type StaticDiff } from './static.ts';

/** Rules and agents listed per group. */
const TOP = 5;
/** Distinct addresses counted per group before the count says "at least". */
const MAX_DISTINCT = 100_000;

interface GroupState {
  category: Category;
  subject: string;
  detail?: string;
  alerts: number;
  rules: Map<string, number>;
  agents: Map<string, number>;
  hosts: Set<string>;
  srcips: Set<string>;
  examples: string[];
  note?: string;
  /** simulate's programAddressNote for the first alert of the group that has one (HEAD fires), and how many have one. */
  addressNote?: string;
  addressExample?: string;
  addressAlerts: number;
  /** Alerts of a newly-fires / stops-firing group on which the side that fires runs a stock program that acts on nothing (actsOnNothing), and the first one's reason. */
  inertAlerts: number;
  inertReason?: string;
  inertExample?: string;
  /** The last list of several hosts added to `hosts`. */
  lastHosts?: readonly string[];
}

const NO_EMAIL: EmailResult = { sent: false, recipients: [], blocks: [] };

const sameList = (a: readonly string[] | undefined, b: readonly string[] | undefined) => (a ?? []).length === (b ?? []).length && (a ?? []).every((x, i) => x === b![i]);

/**
 * The line prefilter for both sides at once: a line passes when it could fire, on either side, a
 * response that can decide differently (every response when `diff.everyResponse`, else those of
 * changed pairs: an unchanged block decides the same on both sides). None (every line parsed) when
 * either side cannot be filtered or e-mail decisions may differ.
 */
export function diffPrefilter(base: SimConfig, head: SimConfig, options: SimOptions, diff: Pick<StaticDiff, 'pairs' | 'emailDiffers' | 'everyResponse'>): ((line: string) => boolean) | undefined {
  if (diff.emailDiffers) return undefined;
  const relevant = (config: SimConfig, side: 'base' | 'head'): SimConfig => {
    if (diff.everyResponse) return config;
    const keep = new Set(diff.pairs.filter((p) => p.changed).map((p) => p[side]));
    return { ...config, responses: config.responses.filter((_, i) => keep.has(i)) };
  };
  const sides = ([[base, 'base'], [head, 'head']] as const).filter(([c]) => c.refusal.length === 0).map(([c, side]) => relevant(c, side));
  const filters = sides.map((c) => buildLinePrefilter(c, options.rules !== undefined));
  if (filters.some((f) => f === undefined)) return undefined;
  const [a, b] = filters as Array<(line: string) => boolean>;
  // A line in a shape arctl does not read is parsed, so that the report can say so (BehaviourDiff.unread).
  if (!a) return (line) => FOREIGN_KEY.test(line);
  if (!b) return (line) => a(line) || FOREIGN_KEY.test(line);
  return (line) => a(line) || b(line) || FOREIGN_KEY.test(line);
}

/** The keys of OSSEC 2.x's alerts.json rule (sidid) and of flattened exports (rule_id, "rule.id"): see foreignShape. */
const FOREIGN_KEY = /"(?:sidid|rule_id|rule\.id)"/;

export class BehaviourAccumulator {
  private readonly groups = new Map<string, GroupState>();
  private readonly basePair: number[];
  private readonly headPair: number[];
  private readonly baseWhere: string[];
  private readonly headWhere: string[];
  alerts = 0;
  changedAlerts = 0;
  invalidSkipped = 0;
  readonly files: string[] = [];
  private readonly unread = { ossec2: 0, flattened: 0 };
  /** nothingElseRuns: per response, the list of several targets last asked about and the answer. */
  private readonly lastTargets = new Map<SimResponse, { targets: readonly string[]; answer: boolean }>();

  constructor(
    private readonly base: DiffSide,
    private readonly head: DiffSide,
    private readonly pairs: ResponsePair[],
    private readonly options: SimOptions,
    private readonly emailDiffers: boolean,
    private readonly maxExamples = 3,
  ) {
    this.basePair = new Array<number>(base.config.responses.length).fill(-1);
    this.headPair = new Array<number>(head.config.responses.length).fill(-1);
    pairs.forEach((p, i) => {
      if (p.base !== undefined) this.basePair[p.base] = i;
      if (p.head !== undefined) this.headPair[p.head] = i;
    });
    this.baseWhere = base.config.responses.map((r) => responseView(base.config, r).where);
    this.headWhere = head.config.responses.map((r) => responseView(head.config, r).where);
  }

  /** Alerts the line prefilter ruled out: the same (nothing) on both sides. */
  addUnparsed(count: number): void {
    this.alerts += count;
  }

  add(record: AlertRecord): void {
    this.alerts++;
    const alert = record.alert;
    // Without rule.id nothing fires on either side: said when it is a shape arctl does not read, not an event.
    const rule = alert.rule;
    if (typeof rule !== 'object' || rule === null || (rule as { id?: unknown }).id === undefined) {
      const shape = foreignShape(alert);
      if (shape !== undefined) this.unread[shape === 'ossec-2.x' ? 'ossec2' : 'flattened']++;
    }
    const b = this.fired(this.base.config, this.basePair, alert);
    const h = this.fired(this.head.config, this.headPair, alert);
    const be = this.emailDiffers ? this.email(this.base.config, alert) : NO_EMAIL;
    const he = this.emailDiffers ? this.email(this.head.config, alert) : NO_EMAIL;
    if (!this.differs(b, h, be, he, alert)) return;
    this.changedAlerts++;
    const facts = alertFacts(alert, false);
    const example = facts.id ?? `#${record.index}`;
    const srcip = facts.srcip !== undefined ? normalizeSrcip(facts.srcip) : undefined;
    const agent = facts.agentId !== undefined ? `${facts.agentId}${facts.agentName !== undefined ? ` ${facts.agentName}` : ''}` : '(no agent)';
    const note = (category: Category, subject: string, detail: string | undefined, hosts: readonly string[], remark?: string, fired?: { index: number; targets: readonly string[] }, inert?: string) => {
      const key = `${category}\0${subject}\0${detail ?? ''}`;
      let g = this.groups.get(key);
      if (!g) {
        g = { category, subject, ...(detail !== undefined ? { detail } : {}), alerts: 0, rules: new Map(), agents: new Map(), hosts: new Set(), srcips: new Set(), examples: [], ...(remark !== undefined ? { note: remark } : {}), addressAlerts: 0, inertAlerts: 0 };
        this.groups.set(key, g);
      }
      g.alerts++;
      if (inert !== undefined) {
        g.inertAlerts++;
        if (g.inertReason === undefined) {
          g.inertReason = inert;
          g.inertExample = example;
        }
      }
      const rule = facts.ruleIdText ?? '(none)';
      g.rules.set(rule, (g.rules.get(rule) ?? 0) + 1);
      g.agents.set(agent, (g.agents.get(agent) ?? 0) + 1);
      // Location all's hosts are a copy of one long list (every active agent --agents names) for each alert: added once.
      if (g.lastHosts === undefined || !sameTargets(g.lastHosts, hosts)) for (const host of hosts) g.hosts.add(host);
      if (hosts.length > 1) g.lastHosts = hosts;
      if (srcip !== undefined && g.srcips.size < MAX_DISTINCT) g.srcips.add(srcip);
      if (g.examples.length < this.maxExamples && !g.examples.includes(example)) g.examples.push(example);
      // What simulate says on the row and a count hides: the stock IP blocker HEAD runs acts on another address
      // than the one analysisd checked against <white_list> (a Windows alert's ipAddress, a leading-zero srcip).
      const head = this.head.config;
      const address = fired && !head.target.legacy ? programAddressNote(head, head.responses[fired.index]!, () => facts.srcip, alert, fired.targets, this.options.agents) : undefined;
      if (address !== undefined) {
        if (g.addressNote === undefined) {
          g.addressNote = address;
          g.addressExample = example;
        }
        g.addressAlerts++;
      }
    };
    // The white list is the reason only when it is what stops that side's block: analysisd checks it for a
    // block bound to the rule (src/analysisd/alerts/exec.c:43-49), so a block removed, or one that no longer
    // binds the rule, stops for that reason, whatever the white list holds.
    const whitelisted = (side: DiffSide, index: number | undefined) =>
      srcip !== undefined && index !== undefined && side.config.refusal.length === 0 && responseReason(side.config, this.options, alert, index) === 'whitelisted';
    for (let p = 0; p < this.pairs.length; p++) {
      const x = b.get(p);
      const y = h.get(p);
      const label = this.pairs[p]!.label;
      const copy = this.pairs[p]!.note;
      if (x && !y) {
        const inert = this.inertReason(this.base, this.pairs[p]!.base!, x.targets ?? [], alert);
        note(whitelisted(this.head, this.pairs[p]!.head) ? 'now-whitelisted' : 'stops-firing', label, undefined, x.targets ?? [], copy, undefined, inert);
      } else if (!x && y) {
        const inert = this.inertReason(this.head, this.pairs[p]!.head!, y.targets ?? [], alert);
        note(whitelisted(this.base, this.pairs[p]!.base) ? 'no-longer-whitelisted' : 'newly-fires', label, undefined, y.targets ?? [], copy, { index: this.pairs[p]!.head!, targets: y.targets ?? [] }, inert);
      } else if (x && y) {
        const pair = this.pairs[p]!;
        const fired = { index: pair.head!, targets: y.targets ?? [] };
        if (this.otherTargets(p, x, y, alert)) note('other-targets', label, `${this.baseWhere[pair.base!]} -> ${this.headWhere[pair.head!]}`, y.targets ?? [], undefined, fired);
        if (this.otherTimeout(p, x, y, alert)) note('other-timeout', label, `${timeoutText(x.timeout)} -> ${timeoutText(y.timeout)}`, y.targets ?? [], undefined, fired);
      }
    }
    if (be.sent && !he.sent) note('email-no-longer-sent', 'e-mail', be.recipients.join(', '), []);
    else if (!be.sent && he.sent) note('email-now-sent', 'e-mail', he.recipients.join(', '), []);
    else if (be.sent && he.sent && !sameList([...be.recipients].sort(), [...he.recipients].sort())) {
      const added = he.recipients.filter((r) => !be.recipients.includes(r));
      const removed = be.recipients.filter((r) => !he.recipients.includes(r));
      note('email-rerouted', 'e-mail', [...added.map((r) => `+${r}`), ...removed.map((r) => `-${r}`)].join(', '), []);
    }
  }

  /** The fired responses of one side by pair. */
  private fired(config: SimConfig, pairOf: number[], alert: Record<string, unknown>): Map<number, ResponseResult> {
    const out = new Map<number, ResponseResult>();
    if (config.refusal.length > 0) return out;
    const result = firedResponses(config, this.options, alert);
    for (let i = 0; i < result.fired.length; i++) out.set(pairOf[result.indexes[i]!]!, result.fired[i]!);
    return out;
  }

  private email(config: SimConfig, alert: Record<string, unknown>): EmailResult {
    return config.refusal.length > 0 ? NO_EMAIL : emailFor(config, this.options, alert);
  }

  private differs(b: Map<number, ResponseResult>, h: Map<number, ResponseResult>, be: EmailResult, he: EmailResult, alert: Record<string, unknown>): boolean {
    if (b.size !== h.size || be.sent !== he.sent || !sameList([...be.recipients].sort(), [...he.recipients].sort())) return true;
    for (const [p, x] of b) {
      const y = h.get(p);
      if (!y || this.otherTimeout(p, x, y, alert) || this.otherTargets(p, x, y, alert)) return true;
    }
    return false;
  }

  /**
   * The pair fires with another timeout, and some side's program acts on this alert (actsOnNothing): a program that
   * adds no key has no timeout to change.
   */
  private otherTimeout(p: number, x: ResponseResult, y: ResponseResult, alert: Record<string, unknown>): boolean {
    return x.timeout !== y.timeout && !this.neitherActs(p, x, y, alert);
  }

  /** The pair fires on other hosts, and some side's program acts on this alert: no host does anything otherwise. */
  private otherTargets(p: number, x: ResponseResult, y: ResponseResult, alert: Record<string, unknown>): boolean {
    return !sameList(x.targets, y.targets) && !this.neitherActs(p, x, y, alert);
  }

  private neitherActs(p: number, x: ResponseResult, y: ResponseResult, alert: Record<string, unknown>): boolean {
    const pair = this.pairs[p]!;
    return this.actsOnNothing(this.base, pair.base!, x.targets ?? [], alert) && this.actsOnNothing(this.head, pair.head!, y.targets ?? [], alert);
  }

  /**
   * A stock program that lacks its key (a blocker without srcip, Windows' "-") logs "Cannot read 'srcip'" and exits
   * before check_keys (keylessProgramNote, active_responses.c:256) on every host that runs it, and no target runs
   * anything else: each runs the 4.2+ program or nothing at all (the program absent there, an agent that gets
   * nothing). An agent below 4.2 runs its own script, which arctl does not read: it may act. Legacy sides are left as they were.
   */
  private actsOnNothing(side: DiffSide, index: number, targets: readonly string[], alert: Record<string, unknown>): boolean {
    return this.inertReason(side, index, targets, alert) !== undefined;
  }

  /** keylessProgramNote when the program acts on nothing on every target (actsOnNothing), else undefined. */
  private inertReason(side: DiffSide, index: number, targets: readonly string[], alert: Record<string, unknown>): string | undefined {
    if (side.config.target.legacy) return undefined;
    const response = side.config.responses[index]!;
    const agents = this.options.agents;
    const reason = keylessProgramNote(response, alert, targets, agents);
    if (reason === undefined) return undefined;
    return this.nothingElseRuns(side, index, targets) ? reason : undefined;
  }

  /**
   * Every target runs the 4.2+ program or nothing. Whatever the alert: the answer for the list last asked about
   * (per response) is kept, location all giving every alert a copy of one long list (every active agent).
   */
  private nothingElseRuns(side: DiffSide, index: number, targets: readonly string[]): boolean {
    const response = side.config.responses[index]!;
    const agents = this.options.agents;
    const ask = () => targets.every((t) => runsModernProgram(response, [t], agents) || absentProgram(response, t, agents, false) !== undefined || unreachableAgent(response, t, agents) !== undefined);
    if (targets.length < 2) return ask();
    const last = this.lastTargets.get(response);
    if (last !== undefined && sameTargets(last.targets, targets)) return last.answer;
    const answer = ask();
    this.lastTargets.set(response, { targets, answer });
    return answer;
  }

  result(): BehaviourDiff {
    const top = (m: Map<string, number>) => [...m].sort((x, y) => y[1] - x[1] || (x[0] < y[0] ? -1 : 1)).slice(0, TOP).map(([id, count]) => ({ id, count }));
    const order = (c: Category) => CATEGORIES.indexOf(c);
    const groups: BehaviourGroup[] = [...this.groups.values()]
      .sort((x, y) => order(x.category) - order(y.category) || y.alerts - x.alerts || (x.subject < y.subject ? -1 : x.subject > y.subject ? 1 : 0))
      .map((g) => ({
        category: g.category,
        subject: g.subject,
        ...(g.detail !== undefined ? { detail: g.detail } : {}),
        alerts: g.alerts,
        rules: top(g.rules),
        agents: top(g.agents),
        agentCount: g.hosts.size,
        ...(g.hosts.has('all') ? { everyAgent: true } : {}),
        ...(g.hosts.has('000') ? { manager: true } : {}),
        srcipCount: g.srcips.size,
        examples: g.examples,
        ...(g.note !== undefined || g.addressNote !== undefined || g.inertAlerts > 0 ? { note: groupNote(g) } : {}),
      }));
    const unread = this.unread.ossec2 + this.unread.flattened > 0 ? { unread: { ...this.unread } } : {};
    return { alerts: this.alerts, changedAlerts: this.changedAlerts, groups, invalidSkipped: this.invalidSkipped, files: this.files, ...unread };
  }
}

/** The group's note: the copy remark, then what the stock IP blocker does with the address of some of its alerts. */
function groupNote(g: GroupState): string {
  const n = g.addressAlerts;
  const which = g.alerts === 1 ? '' : `${n === g.alerts ? `all ${n}` : `${n} of the ${g.alerts}`} alerts ${n === 1 ? 'has' : 'have'} a note on the address the program blocks (arctl simulate shows each); the first, `;
  const address = g.addressNote === undefined ? undefined : `${which}alert ${g.addressExample}: ${g.addressNote}`;
  // The program still runs (analysisd sends the message, execd runs it), but blocks nothing: counted, and said.
  const n2 = g.inertAlerts;
  const before = g.category === 'stops-firing' || g.category === 'now-whitelisted' ? ' (so stopping it changes nothing there)' : '';
  const who = n2 === g.alerts ? (n2 === 1 ? 'the alert lacks' : n2 === 2 ? 'both alerts lack' : `all ${n2} alerts lack`) : `${n2} of the ${g.alerts} alerts lack`;
  const inert = n2 === 0 ? undefined : `${who} what the program acts on, so it blocks nothing for ${n2 === 1 ? 'it' : 'them'}${before}; ${n2 === 1 ? '' : 'the first, '}alert ${g.inertExample!}: ${g.inertReason!}`;
  return [g.note, address, inert].filter((n): n is string => n !== undefined).join('; ');
}
