/**
 * The semantic difference between two loaded configurations: responses paired by what they do (not
 * by their position or command name), the white list, e-mail routing, execd's switches and whether
 * Wazuh starts at all. Two files that differ only in names, order of unrelated blocks, spacing or
 * comments have no difference here.
 */
import type { SimConfig, SimEmailBlock, SimResponse } from '../simulate/model.ts';
import type { WazuhRule } from '../wazuh/ruleset-types.ts';
import type { LocationFlags } from '../wazuh/location.ts';
import { parseRuleIdList } from '../wazuh/rules-id.ts';
import { formatAgentId } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';
import { offenderTimeout } from '../wazuh/repeated-offenders.ts';
import { EXTRA_ARGS_REFUSAL, extraArgsProgramOutcome, programBaseName, splitExtraArgs } from '../wazuh/programs.ts';
import type { FieldChange, ResponseView, StaticChange } from './model.ts';
import { timeoutText } from './phrases.ts';

/** What else the static diff needs to know about a side beyond the engine's configuration. */
export interface DiffSide {
  config: SimConfig;
  whiteList: string[];
  /** The manager's <repeated_offenders> minutes execd uses (empty when none). */
  repeatedOffenders: number[];
  /**
   * Wazuh reads none of the file's entries: os_xml cannot read it ((1226)), or its root element is not
   * <ossec_config> ((1230)). Its refusal is the change; this says why nothing else is compared.
   */
  comparedNoFurther?: string;
}

/** A response paired across the two sides: either index may be missing (added / removed). */
export interface ResponsePair {
  label: string;
  base?: number;
  head?: number;
  /** The two sides' blocks differ in what they do (or one side has none). */
  changed?: boolean;
  /** Set on a response only one side has when it copies another of that side (see copyNote). */
  note?: string;
}

function where(r: SimResponse): string {
  const parts: string[] = [];
  if (r.location.server) parts.push('server');
  if (r.location.local) parts.push('local');
  if (r.location.definedAgent) parts.push(`defined-agent ${formatAgentId(atoi(r.agentId ?? ''))}`);
  if (r.location.all) parts.push('all');
  return parts.join('+') || (r.locationText === '' ? 'no location' : `'${r.locationText}'`);
}

function trigger(r: SimResponse): string {
  const parts: string[] = [];
  if (r.level) parts.push(`level >= ${r.level}`);
  // A set to analysisd: Rule_AddAR binds each rule whose id is in the list, whatever the order or repeats.
  if (r.rulesId !== undefined) parts.push(`rules_id ${[...new Set(parseRuleIdList(r.rulesId))].sort((a, b) => a - b).join(',')}`);
  if (r.rulesGroup !== undefined) parts.push(`rules_group ${r.rulesGroup}`);
  return parts.join(', ') || 'no trigger';
}

/** The ruleset's rules an active response binds (analysisd's Rule_AddAR; level-0 rules never bind): what --ruleset shows and compares. */
interface Bindings {
  /** The rules it runs on: bound, not no_ar. */
  ids: Set<number>;
  /** How many of those per rule level. */
  levels: Record<string, number>;
  /** Bound rules with no_ar, which never run it. */
  noAr: number;
}

function ruleBindings(config: SimConfig, r: SimResponse, rules: ReadonlyMap<number, WazuhRule>): Bindings {
  const bound: Bindings = { ids: new Set(), levels: {}, noAr: 0 };
  for (const rule of rules.values()) {
    if (rule.arLevel === 0) continue;
    if (!config.matchers.bind(r, { id: rule.id, level: rule.arLevel, groupString: rule.groupString }).bound) continue;
    if (rule.noAr) {
      bound.noAr++;
      continue;
    }
    bound.ids.add(rule.id);
    bound.levels[String(rule.level)] = (bound.levels[String(rule.level)] ?? 0) + 1;
  }
  return bound;
}

/** `bindings`: the rules it binds with --ruleset (an active response only). */
export function responseView(config: SimConfig, r: SimResponse, bindings?: Bindings): ResponseView {
  return {
    block: r.block,
    line: r.line,
    command: r.command,
    executable: r.executable,
    status: r.status,
    where: where(r),
    timeout: r.timeout,
    trigger: trigger(r),
    ...(r.extraArgs !== undefined ? { extraArgs: r.extraArgs } : {}),
    ...(config.target.legacy ? { expect: (['user', 'srcip', 'filename'] as const).filter((f) => r.expect[f]).join(',') || 'none' } : {}),
    ...(bindings ? { rules: { count: bindings.ids.size, levels: bindings.levels, noAr: bindings.noAr } } : {}),
  };
}

/** How a response is named in the report: what runs, on what, where. */
export function responseLabel(v: ResponseView): string {
  return `${v.executable || v.command || '(no command)'} [${v.trigger} -> ${v.where}]`;
}

/** `11 (levels 10x8, 14x3; 1 no_ar)`: the rules a response binds with --ruleset. */
const rulesText = (v: ResponseView) =>
  v.rules ? `${v.rules.count} (levels ${Object.entries(v.rules.levels).map(([l, n]) => `${l}x${n}`).join(', ') || 'none'}${v.rules.noAr ? `; ${v.rules.noAr} no_ar` : ''})` : '';

/** Everything that changes what the block does, command name excluded (execd runs the executable). */
const signature = (v: ResponseView) => JSON.stringify([v.status, v.executable, v.where, v.timeout, v.trigger, v.extraArgs ?? null, v.expect ?? null]);

/**
 * A block analysisd never loads and that cannot stop Wazuh: `<disabled>yes</disabled>`, a block
 * only carrying execd's <repeated_offenders>, an agent 0 response 4.x drops (config/active-response.c
 * ReadActiveResponses: each `goto end` before OSList_AddData). It has no executable, place or timeout
 * (the block is left before the command is looked up), so it does nothing and pairs by command name.
 */
const unloaded = (v: ResponseView) => v.status === 'disabled' || v.status === 'skipped' || v.status === 'dropped';

/** Not a running response: switched off, or refused (Wazuh stops at it, the refusal says why); only its status compares. */
const notRunning = (v: ResponseView) => v.status !== 'active';

/**
 * Pairs the responses of the two sides, most alike first: the same behaviour, then the same program
 * and trigger, then the same program and place, then the same program; then a block switched off
 * on one side by its command name and trigger, then by its command name; what is left is added or removed.
 */
export function pairResponses(base: ResponseView[], head: ResponseView[]): ResponsePair[] {
  const byName = (key: (v: ResponseView) => string) => (v: ResponseView, other: ResponseView) => (notRunning(v) || notRunning(other)) && v.command !== '' && key(v) === key(other);
  const keys: Array<(v: ResponseView, other: ResponseView) => boolean> = [
    ...[signature, (v: ResponseView) => `${v.executable}|${v.trigger}`, (v: ResponseView) => `${v.executable}|${v.where}`, (v: ResponseView) => v.executable].map(
      (key) => (v: ResponseView, other: ResponseView) => key(v) === key(other),
    ),
    byName((v) => `${v.command}|${v.trigger}`),
    byName((v) => v.command),
  ];
  const pairs: ResponsePair[] = [];
  const leftBase = new Set(base.map((_, i) => i));
  const leftHead = new Set(head.map((_, i) => i));
  for (const same of keys) {
    for (const b of [...leftBase]) {
      const h = [...leftHead].find((i) => same(base[b]!, head[i]!));
      if (h === undefined) continue;
      leftBase.delete(b);
      leftHead.delete(h);
      // A block switched off or refused is named as it runs on the side where it runs.
      pairs.push({ label: responseLabel(notRunning(head[h]!) && !notRunning(base[b]!) ? base[b]! : head[h]!), base: b, head: h });
    }
  }
  for (const b of leftBase) pairs.push({ label: responseLabel(base[b]!), base: b });
  for (const h of leftHead) pairs.push({ label: responseLabel(head[h]!), head: h });
  // Labels name a response uniquely within the report.
  const seen = new Map<string, number>();
  for (const p of pairs) {
    const n = (seen.get(p.label) ?? 0) + 1;
    seen.set(p.label, n);
    if (n > 1) p.label = `${p.label} #${n}`;
  }
  return pairs.sort((x, y) => (x.base ?? Infinity) - (y.base ?? Infinity) || (x.head ?? Infinity) - (y.head ?? Infinity));
}

function fieldChanges(b: ResponseView, h: ResponseView): FieldChange[] {
  const out: FieldChange[] = [];
  const add = (field: FieldChange['field'], x: string, y: string) => {
    if (x !== y) out.push({ field, base: x, head: y });
  };
  // Switched off on one side: the status says it all (the other fields were never read there).
  if (notRunning(b) || notRunning(h)) {
    add('status', b.status, h.status);
    return out;
  }
  add('status', b.status, h.status);
  add('executable', b.executable, h.executable);
  add('where', b.where, h.where);
  add('timeout', timeoutText(b.timeout), timeoutText(h.timeout));
  add('trigger', b.trigger, h.trigger);
  add('extra_args', b.extraArgs ?? '', h.extraArgs ?? '');
  add('expect', b.expect ?? '', h.expect ?? '');
  if (out.length > 0) add('command', b.command, h.command);
  add('rules', rulesText(b), rulesText(h));
  return out;
}

/**
 * Whether `other` fires on every alert `r` fires on ('all'), on none of them ('none'), or maybe on some.
 * With --ruleset, by the rules each binds; without, only what the triggers alone tell: the same trigger,
 * two rules_id lists, two levels (analysisd binds by level OR group OR rules_id, level AND group when both:
 * analysisd/rules.c:2398-2450 Rule_AddAR).
 */
function sharedAlerts(r: SimResponse, other: SimResponse, bound?: { mine: ReadonlySet<number>; theirs: ReadonlySet<number> }): 'all' | 'some' | 'none' {
  const cover = (mine: ReadonlySet<number>, theirs: ReadonlySet<number>) => {
    const shared = [...mine].filter((id) => theirs.has(id)).length;
    return shared === 0 ? 'none' : shared === mine.size ? 'all' : 'some';
  };
  if (bound) return cover(bound.mine, bound.theirs);
  if (trigger(r) === trigger(other)) return 'all';
  const idsOnly = (x: SimResponse) => (x.rulesId !== undefined && !x.level && x.rulesGroup === undefined ? new Set(parseRuleIdList(x.rulesId)) : undefined);
  const [mine, theirs] = [idsOnly(r), idsOnly(other)];
  if (mine && theirs) return cover(mine, theirs);
  const levelOnly = (x: SimResponse) => x.level && x.rulesId === undefined && x.rulesGroup === undefined;
  if (levelOnly(r) && levelOnly(other) && r.level! >= other.level!) return 'all';
  return 'some';
}

/**
 * A block on one side only that runs the same program on the same hosts as another block of that side, both
 * with a timeout: on an alert both fire on, execd gets the program's add twice for one key, and takes the
 * second as a repeat (os_execd/execd.c:387-399: the key is in its timeout list, the script is told to abort,
 * the timeout restarts with the second add's <timeout>, time_to_block), so the copy runs nothing more; with
 * <repeated_offenders> on that host the repeat counts as a second offence at once (execd.c:346-372) and
 * lengthens the block. analysisd sends a rule's responses in file order (Rule_AddAR walks the list as read),
 * so the later block's timeout is the one that lasts. The other block is one both sides have (`kept`): a copy
 * added beside, or removed from beside, a response that stays. Twins that come or go together (a side Wazuh
 * reads nothing of, a section pasted whole) are no copy of what stays; nor is a block whose trigger never
 * fires on an alert the other fires on (it blocks on alerts of its own). Agents whose execd is off run
 * neither, so only the manager's part of their hosts counts (agentsOffNote says the rest).
 */
function copyNote(config: SimConfig, views: ResponseView[], i: number, kept: ReadonlySet<number>, offenders: OffenderLists, bindings: ReadonlyArray<Bindings | undefined>): string | undefined {
  const v = views[i]!;
  if (v.status !== 'active' || v.timeout <= 0) return undefined;
  const hosts = runsOn(config.responses[i]!.location, offenders.agentsOff !== undefined);
  if (!hosts.manager && !hosts.agents) return undefined;
  let found: { other: ResponseView; shared: 'all' | 'some' } | undefined;
  for (const [j, o] of views.entries()) {
    if (j === i || !kept.has(j) || o.status !== 'active' || o.timeout <= 0 || o.executable !== v.executable || o.where !== v.where) continue;
    // With --ruleset both are active, so both have their bindings.
    const [mine, theirs] = [bindings[i], bindings[j]];
    const shared = sharedAlerts(config.responses[i]!, config.responses[j]!, mine && theirs ? { mine: mine.ids, theirs: theirs.ids } : undefined);
    // The twin that fires on every alert this one does, else the first that shares some.
    if (shared !== 'none' && (!found || shared === 'all')) found = { other: o, shared };
    if (shared === 'all') break;
  }
  if (!found) return undefined;
  const { other, shared } = found;
  // Sent after the other (later in the file), its timeout replaces the other's: the block lasts as long as it says.
  const later = v.line > other.line ? v : other;
  const byTimeout = v.line > other.line && v.timeout !== other.timeout ? `its ${timeoutText(v.timeout)}, not line ${other.line}'s ${timeoutText(other.timeout)}` : undefined;
  const lasts = offenderLasts(hosts, offenders, later, byTimeout) ?? (byTimeout !== undefined ? `, but the block then lasts ${byTimeout}` : '');
  const copy = `a copy of the response at line ${other.line}: it runs ${v.executable} on the same hosts${shared === 'all' ? ', on alerts that response fires on too,' : ''} and execd takes the second add of a key as a repeat (the script aborts, the timeout restarts)`;
  if (shared === 'all') return `${copy}, so it blocks nothing more${lasts}`;
  return `${copy}, so where both fire it blocks nothing more${lasts}; on alerts only it fires on (its trigger ${v.trigger}, line ${other.line}'s ${other.trigger}) it blocks as a response of its own`;
}

/** Where a response runs: `server` on the manager, `defined-agent` and `all` on agents, `local` on either; agents not when their execd is off. */
function runsOn(location: LocationFlags, agentsOff: boolean): { manager: boolean; agents: boolean } {
  const onAgents = location.local || location.all || location.definedAgent;
  return { manager: location.server || location.local, agents: onAgents && !agentsOff };
}

/** The <repeated_offenders> minutes of the hosts' execd: the manager's (the side's own file) and the agents' (--agent-config, if known). */
export interface OffenderLists {
  manager: readonly number[];
  agents?: readonly number[];
  /** --agent-config says the agents' execd does not run (see AgentsExecdOff). */
  agentsOff?: AgentsExecdOff;
}

/**
 * The agents' execd does not run (diff --agent-config): the first <disabled> under an <active-response> of their
 * ossec.conf is yes (execd logs (1350) and runs nothing), or a value ExecdConfig refuses (it exits at start):
 * os_execd/config.c ExecdConfig, os_execd/execd.c:570-577. `file:line` is that <disabled>.
 */
export interface AgentsExecdOff {
  file: string;
  line: number;
  refusedValue?: string;
}

/**
 * With <repeated_offenders> on the host, the copy's add is a repeated offence at once: the first add of a key puts
 * it in execd's offender table, the second finds it there and takes the list's first entry as its timeout
 * (os_execd/execd.c:346-372), whatever either block's <timeout> says; each later alert both fire on moves two
 * entries on. The manager's execd reads the manager's file, an agent's its own (os_execd/config.c ExecdConfig).
 * Undefined when no host it runs on has a list arctl knows.
 */
function offenderLasts(hosts: { manager: boolean; agents: boolean }, offenders: OffenderLists, later: ResponseView, byTimeout: string | undefined): string | undefined {
  const lists = [
    ...(hosts.manager && offenders.manager.length > 0 ? [{ host: 'the manager', from: '', minutes: offenders.manager }] : []),
    ...(hosts.agents && offenders.agents && offenders.agents.length > 0 ? [{ host: 'the agents', from: ', from --agent-config', minutes: offenders.agents }] : []),
  ];
  if (lists.length === 0) return undefined;
  const both = hosts.manager && hosts.agents;
  const said = lists.map((l) => `${timeoutText(offenderTimeout(l.minutes[0]!))}${both ? ` on ${l.host}` : ''} (list ${l.minutes.join(',')}${l.from})`).join(', ');
  const covered = !both || lists.length === 2;
  const other = lists[0]!.host === 'the manager' ? 'the agents' : 'the manager';
  const unknown = other === 'the agents' && offenders.agents === undefined ? ' unless their own <repeated_offenders> say otherwise (--agent-config reads them)' : '';
  const elsewhere = covered ? '' : `; on ${other}, ${byTimeout ?? `line ${later.line}'s ${timeoutText(later.timeout)}`}${unknown}`;
  return `, but the repeat counts as a second offence and the block lasts the first entry of the host's <repeated_offenders>, not line ${later.line}'s ${timeoutText(later.timeout)}: ${said}, later alerts taking the next entries${elsewhere}`;
}

/**
 * Each host's execd reads <repeated_offenders> from its own ossec.conf (os_execd/config.c ExecdConfig reads OSSECCONF
 * alone, not agent.conf): the side's list times repeats on the manager only; the agents' list is --agent-config's.
 */
function agentsOffenderNote(agents: readonly number[] | undefined, off: AgentsExecdOff | undefined): string {
  const only = 'it times repeats on the manager only: the agents\' execd';
  if (off) return `${only}, which reads the <repeated_offenders> of their own ossec.conf, does not run (--agent-config)`;
  if (agents === undefined) return `${only} reads the <repeated_offenders> of their own ossec.conf (--agent-config reads it)`;
  return `${only} reads the <repeated_offenders> of their own ossec.conf (${agents.join(',') || 'none'} in --agent-config's, the same on both sides)`;
}

/** What a response that runs on agents does when their execd is off (--agent-config); undefined for one that runs on the manager only. */
function agentsOffNote(location: LocationFlags, off: AgentsExecdOff): string | undefined {
  const { manager, agents } = runsOn(location, false);
  if (!agents) return undefined;
  const why =
    off.refusedValue === undefined
      ? `runs nothing (the first <disabled> of their ossec.conf, ${off.file}:${off.line}, is yes: (1350): Active response disabled.)`
      : `exits at start (the first <disabled> of their ossec.conf, ${off.file}:${off.line}, is '${off.refusedValue}', neither yes nor no)`;
  const runs = !manager ? 'runs nowhere' : location.server ? 'runs on the manager only' : "runs only for the manager's own alerts (local runs on the agent that sent the alert)";
  return `the agents' execd ${why}, so this response ${runs}`;
}

/**
 * maild mails by each alert's rule.mail (os_maild/os_maild_client.c:375; alerts.log's ' mail ' flag), which the
 * analysisd that wrote the alert set from its email_alert_level (analysisd/rules.c:2130, format/to_json.c:244).
 */
const ALERT_LEVEL_NOTE =
  "recorded alerts keep the rule.mail flag the analysisd that wrote them set, and maild mails by that flag: only alerts analysisd writes with the new level follow it, so alerts that carry rule.mail show no change";

function emailBlockText(block: SimEmailBlock): string {
  const criteria = [
    block.level ? `level >= ${block.level}` : '',
    block.ruleIds.length ? `rule_id ${block.ruleIds.join(',')}` : '',
    block.group ? `group ${block.group.text}` : '',
    block.eventLocation ? `event_location ${block.eventLocation.text}` : '',
  ].filter(Boolean);
  return `${block.recipients.join(', ')} when ${criteria.join(' and ') || 'no criterion'}${block.format === 'sms' ? ' (sms)' : ''}`;
}

function listChange(base: string[], head: string[]): { added: string[]; removed: string[] } {
  return { added: head.filter((x) => !base.includes(x)), removed: base.filter((x) => !head.includes(x)) };
}

function emailChanges(base: SimConfig, head: SimConfig): StaticChange[] {
  const out: StaticChange[] = [];
  const add = (field: string, b: string, h: string, note?: string) => {
    if (b !== h) out.push({ kind: 'email', field, base: b, head: h, ...(note !== undefined ? { note } : {}) });
  };
  add('email_notification', base.email.notification ? 'yes' : 'no', head.email.notification ? 'yes' : 'no');
  // Off on both sides, maild exits at start (os_maild/config.c:58-63, "Mail notifications are disabled"):
  // no e-mail is sent either way, whatever the recipients, level, source or <email_alerts> say.
  if (!base.email.notification && !head.email.notification) return out;
  add('email_to', [...base.email.recipients].sort().join(', '), [...head.email.recipients].sort().join(', '));
  add('email_alert_level', String(base.email.alertLevel), String(head.email.alertLevel), ALERT_LEVEL_NOTE);
  add('email_log_source', base.email.logSource, head.email.logSource);
  const blocks = listChange(base.email.blocks.map(emailBlockText), head.email.blocks.map(emailBlockText));
  for (const removed of blocks.removed) out.push({ kind: 'email', field: 'email_alerts', base: removed, head: '' });
  for (const added of blocks.added) out.push({ kind: 'email', field: 'email_alerts', base: '', head: added });
  return out;
}

export interface StaticDiff {
  changes: StaticChange[];
  pairs: ResponsePair[];
  /** Whether e-mail decisions can differ between the sides (otherwise the pass skips them). */
  emailDiffers: boolean;
  /**
   * Something that applies to every response changed (refusal, white list, execd, AR queues): any
   * response may decide differently. Otherwise only the responses of changed pairs can.
   */
  everyResponse: boolean;
}

/**
 * `agentRepeatedOffenders`: the agents' own <repeated_offenders> minutes (diff --agent-config), for the copy notes;
 * `agentsOff`: their execd does not run (the same --agent-config), said on each response that runs on agents.
 */
export function staticDiff(base: DiffSide, head: DiffSide, rules?: ReadonlyMap<number, WazuhRule>, agentRepeatedOffenders?: readonly number[], agentsOff?: AgentsExecdOff): StaticDiff {
  const agentLists = { ...(agentRepeatedOffenders ? { agents: agentRepeatedOffenders } : {}), ...(agentsOff ? { agentsOff } : {}) };
  const notes = (...found: Array<string | undefined>) => found.filter((n) => n !== undefined).join('; ') || undefined;
  // The response at index k of a side, by its location flags (not its view's `where` text).
  const offNote = (side: DiffSide, k: number | undefined) => {
    const r = k === undefined ? undefined : side.config.responses[k];
    return agentsOff && r && r.status === 'active' ? agentsOffNote(r.location, agentsOff) : undefined;
  };
  // A stock program that needs <extra_args> (wazuh-slack, kaspersky) sent none on that side: it exits there, doing nothing.
  const argsNote = (side: DiffSide, k: number | undefined, who: string) => {
    const r = k === undefined ? undefined : side.config.responses[k];
    if (!r || r.status !== 'active' || side.config.target.legacy || splitExtraArgs(r.extraArgs).length > 0) return undefined;
    const outcome = extraArgsProgramOutcome(r.executable);
    const program = programBaseName(r.executable);
    return outcome === undefined ? undefined : `${who} ${program} no extra_args: ${program} logs "${EXTRA_ARGS_REFUSAL}" and exits, ${outcome}`;
  };
  const refusals: StaticChange[] = [];
  for (const [side, s] of [['base', base], ['head', head]] as const) {
    if (s.config.refusal.length > 0) {
      refusals.push({ kind: 'refusal', side, messages: s.config.refusal, ...(s.comparedNoFurther !== undefined ? { note: s.comparedNoFurther } : {}) });
    }
  }
  // A side Wazuh reads nothing of has no responses, white list or e-mail to Wazuh, but they are still in the file:
  // listed as removed (or added, from it) they would be changes nobody made. Its refusal is the change.
  const unreadable = base.comparedNoFurther !== undefined || head.comparedNoFurther !== undefined;
  const changes: StaticChange[] = [];
  // Each active response's rules, found once: its view shows them, copy notes compare them.
  const bindingsOf = (side: DiffSide) => side.config.responses.map((r) => (rules && r.status === 'active' ? ruleBindings(side.config, r, rules) : undefined));
  const [baseBindings, headBindings] = [bindingsOf(base), bindingsOf(head)];
  const baseViews = base.config.responses.map((r, k) => responseView(base.config, r, baseBindings[k]));
  const headViews = head.config.responses.map((r, k) => responseView(head.config, r, headBindings[k]));
  const pairs = pairResponses(baseViews, headViews);
  const both = pairs.filter((p) => p.base !== undefined && p.head !== undefined);
  const keptBase = new Set(both.map((p) => p.base!));
  const keptHead = new Set(both.map((p) => p.head!));
  for (const p of pairs) {
    const b = p.base !== undefined ? baseViews[p.base]! : undefined;
    const h = p.head !== undefined ? headViews[p.head]! : undefined;
    // A block switched off on both sides, or on the one side it exists, does nothing either way.
    if ((!b || unloaded(b)) && (!h || unloaded(h))) {
      p.changed = false;
      continue;
    }
    p.changed = !b || !h || signature(b) !== signature(h);
    if (b && h) {
      const fields = fieldChanges(b, h);
      const bothArgless = argsNote(base, p.base, '') !== undefined && argsNote(head, p.head, '') !== undefined;
      const args = bothArgless ? argsNote(head, p.head, 'both sides send') : (argsNote(base, p.base, 'the base sends') ?? argsNote(head, p.head, 'the head sends'));
      const note = notes(offNote(head, p.head) ?? offNote(base, p.base), args);
      if (fields.length > 0) changes.push({ kind: 'response-changed', response: p.label, base: b, head: h, fields, ...(note !== undefined ? { note } : {}) });
    } else if (h) {
      const copy = copyNote(head.config, headViews, p.head!, keptHead, { manager: head.repeatedOffenders, ...agentLists }, headBindings);
      if (copy !== undefined) p.note = copy;
      const note = notes(offNote(head, p.head), copy, argsNote(head, p.head, 'this block sends'));
      changes.push({ kind: 'response-added', response: p.label, head: h, ...(note !== undefined ? { note } : {}) });
    } else if (b) {
      const copy = copyNote(base.config, baseViews, p.base!, keptBase, { manager: base.repeatedOffenders, ...agentLists }, baseBindings);
      if (copy !== undefined) p.note = copy;
      const note = notes(offNote(base, p.base), copy, argsNote(base, p.base, 'this block sends'));
      changes.push({ kind: 'response-removed', response: p.label, base: b, ...(note !== undefined ? { note } : {}) });
    }
  }
  const wl = listChange(base.whiteList, head.whiteList);
  if (wl.added.length > 0 || wl.removed.length > 0) changes.push({ kind: 'white-list', ...wl });
  const email = emailChanges(base.config, head.config);
  changes.push(...email);
  const responseKinds = changes.length;
  const execd = (field: string, b: string, h: string, note?: string) => {
    if (b !== h) changes.push({ kind: 'execd', field, base: b, head: h, ...(note !== undefined ? { note } : {}) });
  };
  execd("manager's execd", base.config.managerExecd.enabled ? 'enabled' : 'disabled', head.config.managerExecd.enabled ? 'enabled' : 'disabled');
  execd("manager's repeated_offenders", base.repeatedOffenders.join(',') || 'none', head.repeatedOffenders.join(',') || 'none', agentsOffenderNote(agentRepeatedOffenders, agentsOff));
  const queues = (c: SimConfig) => [c.queue.local ? 'manager' : '', c.queue.remote ? 'agents' : ''].filter(Boolean).join('+') || 'none';
  execd('AR queues opened', queues(base.config), queues(head.config));
  const refusedOne = (base.config.refusal.length > 0) !== (head.config.refusal.length > 0);
  const everyResponse = refusedOne || wl.added.length > 0 || wl.removed.length > 0 || changes.length > responseKinds;
  return { changes: unreadable ? refusals : [...refusals, ...changes], pairs, emailDiffers: email.length > 0 || refusedOne, everyResponse };
}
