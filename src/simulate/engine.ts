/**
 * Decides, for one alert, what analysisd does with every `<active-response>` block (wazuh-semantics.md
 * §3-4) and what maild does with the alert (§5.3). Pure and per alert, so a timeline can drive it
 * alert by alert.
 */
import { alertFacts, type AlertFacts } from './alert.ts';
import { activeAgentTargets, formatAgentId, listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';
import { isObject } from '../util/is-object.ts';
import { catchAllOsMatchAlternatives } from '../wazuh/os-match.ts';
import { execdProgram, execdTimeout, isBuiltinRestartName, LEGACY_SCRIPT_RENAMES } from '../wazuh/programs.ts';
import { catchAllOsRegexAlternatives, compileOsRegexDetailed, osRegexCompiles } from '../wazuh/os-regex.ts';
import { describeOsRegexRefusal } from '../wazuh/os-regex-refusal.ts';
import { absentProgram, absentProgramHosts, absentText } from './absent-program.ts';
import { oldAgentMissing, oldAgentVersion } from './old-agents.ts';
import { registrationContext, registrationKey, undeliveredAgent, unreachableAgent, type RegistrationContext } from './unreachable.ts';
import { TargetListMemo } from './target-memo.ts';
import { argslessProgramNote, inertProgramNote, keylessProgramNote } from './inert-program.ts';
import { programAddressNote } from './program-address.ts';
import { evaluateEmail, isMailed } from './email.ts';
import { agentMessages, analysisdJsonMessage, buildPayload, execdLine, legacyAddressNote } from './payload.ts';
import { AR_QUEUE_MESSAGE_MAX, CONTINUE_LINE_EXTRA, escapeFor42Agents, EXECD_QUEUE_MESSAGE_MAX, PROGRAM_LINE_MAX } from '../wazuh/exec-message.ts';
import type { WazuhRule } from '../wazuh/ruleset-types.ts';
import type { AlertResult, EmailResult, MatchKind, Reason, ResponseResult, SimConfig, SimOptions, SimResponse } from './model.ts';

/** analysisd's crafted-field checks (src/analysisd/analysisd.c: OS_PRegex before OS_Exec). */
const VALID_USER = /^[a-zA-Z._0-9@?-]*$/;
const VALID_IP = /^[a-zA-Z.:_0-9-]*$/;

export interface RuleView {
  id: number;
  /** The level binding compares (arLevel: 0 for accuracy="0" rules). */
  level: number;
  groupString: string;
  noAr: boolean;
  /** The --ruleset definition, when the rule is in it. */
  definition?: WazuhRule;
  source: 'ruleset' | 'alert';
  /** The rule has compliance tokens, whose position in the group string alerts.json loses. */
  orderLost: boolean;
  /** The alert carries no rule.level and no --ruleset gives it: `level` 0 is a stand-in. */
  levelMissing?: boolean;
}

function ruleView(facts: AlertFacts, options: SimOptions): RuleView | undefined {
  if (facts.ruleId === undefined) return undefined;
  const known = options.rules?.get(facts.ruleId);
  if (known) return { id: facts.ruleId, level: known.arLevel, groupString: known.groupString, noAr: known.noAr, definition: known, source: 'ruleset', orderLost: false };
  const rebuilt = facts.rebuiltGroupString;
  return {
    id: facts.ruleId,
    level: facts.ruleLevel ?? 0,
    ...(facts.ruleLevel === undefined ? { levelMissing: true } : {}),
    groupString: rebuilt,
    noAr: false,
    source: 'alert',
    // An empty rebuilt string has nothing to reorder (and is what brief callers get).
    orderLost: rebuilt !== '' && rebuilt !== facts.groups.map((g) => `${g},`).join(''),
  };
}

/**
 * A rules_group pattern whose result can depend on where the compliance tokens sat: a comma followed
 * by more text in the same alternative, or an end anchor.
 */
export function orderSensitive(pattern: string): boolean {
  return pattern.split('|').some((alt) => /,[^,]/.test(alt) || alt.endsWith('$'));
}

export function simulateAlert(config: SimConfig, options: SimOptions, alert: Record<string, unknown>, index: number, line?: number): AlertResult {
  const facts = alertFacts(alert);
  const rule = ruleView(facts, options);
  const responses = config.responses.map((response) => evaluateResponse(config, options, response, facts, rule, alert, false));
  const mailed = isMailed(config.email, facts, rule, alert);
  return {
    index,
    ...(line !== undefined ? { line } : {}),
    id: facts.id,
    timestamp: facts.timestamp,
    rule: { id: facts.ruleIdText, level: rule?.definition?.level ?? facts.ruleLevel, groups: facts.groups },
    agent: { id: facts.agentId, name: facts.agentName },
    srcip: facts.srcip,
    ruleSource: rule?.source ?? 'alert',
    ...(facts.ruleIdText === undefined ? foreignShapeField(alert) : {}),
    responses,
    email: evaluateEmail(config.email, config.target, facts, mailed, alert, rule),
  };
}

/** simulateAlert's e-mail verdict alone, for callers that decide the responses with firedResponses. */
export function emailFor(config: SimConfig, options: SimOptions, alert: Record<string, unknown>): EmailResult {
  const facts = alertFacts(alert);
  const rule = ruleView(facts, options);
  return evaluateEmail(config.email, config.target, facts, isMailed(config.email, facts, rule, alert), alert, rule);
}

/** What `--timeline` needs of an alert: its id and rule, and the responses that fired. */
export interface FiredResponses {
  id?: string;
  ruleId?: string;
  fired: ResponseResult[];
  /** The position in SimConfig.responses of each fired response. */
  indexes: number[];
}

/**
 * The responses one alert fires, decided exactly as simulateAlert decides them, without what only a
 * report needs (why the others did not fire, the e-mail verdict, 4.2+ payloads): the timeline's
 * per-alert step on files of millions of alerts.
 */
export function firedResponses(config: SimConfig, options: SimOptions, alert: Record<string, unknown>): FiredResponses {
  // The group string only matters to rules_group patterns (binding, and the order-lost warning).
  const facts = alertFacts(alert, matchesGroups(config));
  const rule = ruleView(facts, options);
  const fired: ResponseResult[] = [];
  const indexes: number[] = [];
  const responses = config.responses;
  for (let index = 0; index < responses.length; index++) {
    const result = evaluateResponse(config, options, responses[index]!, facts, rule, alert, true);
    if (result.fired) {
      fired.push(result);
      indexes.push(index);
    }
  }
  return { id: facts.id, ruleId: facts.ruleIdText, fired, indexes };
}

/**
 * Why the response at `index` does not fire on `alert`, decided as firedResponses decides it (its reason:
 * 'whitelisted', 'no-match'...), or undefined when it fires.
 */
export function responseReason(config: SimConfig, options: SimOptions, alert: Record<string, unknown>, index: number): Reason | undefined {
  const facts = alertFacts(alert, matchesGroups(config));
  const result = evaluateResponse(config, options, config.responses[index]!, facts, ruleView(facts, options), alert, true);
  return result.fired ? undefined : result.reason;
}

const groupMatching = new WeakMap<SimConfig, boolean>();

function matchesGroups(config: SimConfig): boolean {
  let matches = groupMatching.get(config);
  if (matches === undefined) {
    matches = config.responses.some((r) => r.rulesGroup !== undefined);
    groupMatching.set(config, matches);
  }
  return matches;
}

function notFired(response: SimResponse, reason: Reason, detail: string, extra: Partial<ResponseResult> = {}): ResponseResult {
  return { block: response.block, line: response.line, command: response.command, fired: false, ...extra, reason, detail };
}

function evaluateResponse(
  config: SimConfig,
  options: SimOptions,
  response: SimResponse,
  facts: AlertFacts,
  rule: RuleView | undefined,
  alert: Record<string, unknown>,
  /** Only whether it fires matters: no detail text, and no payload unless the legacy key needs its argv. */
  brief: boolean,
): ResponseResult {
  if (response.status === 'disabled') return notFired(response, 'disabled', 'the block has <disabled>yes</disabled>: analysisd skips it');
  if (response.status === 'rejected') {
    const why = response.commandRefused
      ? `Wazuh refuses the configuration at its <command> '${response.command}' and never reads this block`
      : `Wazuh refuses the configuration because of this block: ${response.statusMessage ?? 'invalid block'}`;
    return notFired(response, 'rejected', why);
  }
  if (response.status === 'dropped') return notFired(response, 'rejected', `analysisd discards this block: ${response.statusMessage ?? 'invalid block'}`);
  if (response.status === 'skipped') return notFired(response, 'no-trigger', 'a block without command or location that only carries <repeated_offenders>: execd reads it, analysisd binds it to nothing');
  if (!response.level && response.rulesGroup === undefined && response.rulesId === undefined) {
    return notFired(response, 'no-trigger', 'the block has no <level>, <rules_group> or <rules_id>: it is bound to no rule');
  }
  if (!rule) return notFired(response, 'no-match', brief ? '' : noRuleIdDetail(alert));
  if (!READS_A_NUMBER.test(facts.ruleIdText!)) return notFired(response, 'no-match', brief ? '' : notARuleIdDetail(facts.ruleIdText!));
  if (rule.levelMissing) {
    return notFired(response, 'rule-excluded', `the alert has no rule.level, so arctl cannot tell whether analysisd binds rule ${rule.id} (it binds no response to level 0): add the level to the alert or give --ruleset DIR to read it from the rules`);
  }
  if (rule.level === 0) return notFired(response, 'rule-excluded', `rule ${rule.id} has level 0${rule.definition && rule.definition.level !== 0 ? ' for active response (accuracy="0")' : ''}: analysisd binds no active response to it`);
  if (rule.noAr) return notFired(response, 'rule-excluded', `rule ${rule.id} has <options>no_ar</options> in --ruleset`);

  const binding = config.matchers.bind(response, rule);
  const approximate = response.rulesGroup !== undefined && rule.source === 'alert' && orderSensitive(response.rulesGroup) && rule.orderLost ? { approximate: true } : {};
  if (!binding.bound) return notFired(response, 'no-match', brief ? '' : noMatchDetail(response, rule), approximate);
  const bound = { matchedBy: binding.matchedBy, ...approximate };

  const legacy = config.target.legacy;
  const expect = response.expect;
  const userCrafted = facts.dstuser !== undefined && !VALID_USER.test(facts.dstuser);
  const ipCrafted = facts.srcip !== undefined && !VALID_IP.test(facts.srcip);
  // 4.2+ checks dstuser and srcip on every alert; below 4.2 only what the command's <expect> names.
  if (userCrafted && (!legacy || expect.user)) {
    return notFired(response, 'invalid-user', `data.dstuser '${facts.dstuser}' fails ^[a-zA-Z._0-9@?-]*$: analysisd logs (1272) "Invalid username" and skips the response`, bound);
  }
  if (ipCrafted && (!legacy || expect.srcip)) {
    return notFired(response, 'invalid-srcip', `data.srcip '${facts.srcip}' fails ^[a-zA-Z.:_0-9-]*$: analysisd logs (1271) "Invalid IP Address" and skips the response`, bound);
  }
  if (legacy) {
    const missing = [
      expect.user && facts.dstuser === undefined ? 'dstuser' : undefined,
      expect.srcip && facts.srcip === undefined ? 'srcip' : undefined,
      expect.filename && facts.filename === undefined ? 'filename' : undefined,
    ].filter((f): f is string => f !== undefined);
    if (missing.length > 0) {
      return notFired(response, 'missing-field', `the command's <expect> needs ${missing.join(' and ')}, which the alert does not have (target ${config.target.text} < 4.2)`, bound);
    }
  }
  // The white list is consulted whenever the alert has a srcip (below 4.2: only when <expect> has srcip).
  const ip = facts.srcip?.startsWith('::ffff:') ? facts.srcip.slice(7) : facts.srcip;
  if (ip !== undefined && (!legacy || expect.srcip)) {
    // whitelistHit removes the `::ffff:` prefix itself, once, as get_ip does (not twice).
    const hit = config.matchers.whitelistHit(facts.srcip!);
    if (hit !== undefined) {
      const catchAll = brief ? undefined : catchAllDetail(hit, catchAllOsMatchAlternatives, 'every srcip');
      return notFired(response, 'whitelisted', `srcip ${ip} is in <white_list> (${catchAll ?? hit}): analysisd skips every response for it`, bound);
    }
  }

  const dispatch = dispatchTargets(config, options, response, facts);
  if ('reason' in dispatch) return notFired(response, dispatch.reason, dispatch.detail, bound);
  const messages = !brief && options.agents && !legacy ? agentMessages(config, response, facts, alert, dispatch.targets, options.agents) : undefined;
  // What a 4.2+ execd runs (the JSON payload is theirs): a restart-wazuh0 runs the stock restart-wazuh, whatever its <executable>.
  const program = hostProgram(config, response, dispatch.targets[0]!, options.agents, false);
  // Only for a response that fires (and not for brief callers, the timeline): what its row alone would hide.
  const notes = brief
    ? []
    : [
        binding.matchedBy.includes('rules_group') ? catchAllDetail(response.rulesGroup!, catchAllOsRegexAlternatives, 'any group string') : undefined,
        // A pre-4.2 script name is missing on 4.2+ hosts only: agents --agents says are older have it.
        legacy || allBelow42(response, dispatch.targets, options.agents) ? undefined : missingProgramNote(program),
        stockRestartNote(config, response, dispatch.targets, options.agents),
        arNameNote(config, response),
        unregisteredNote(response, dispatch.targets, options, registrationContext(alert, legacy)) ??
          (dispatch.targets.length === 1 ? unreachableAgent(response, dispatch.targets[0]!, options.agents) : undefined),
        absentProgramNote(response, dispatch.targets, options, legacy),
        legacy ? undefined : inertProgramNote(response, alert, dispatch.targets, options.agents),
        legacy ? undefined : programAddressNote(config, response, () => facts.srcip, alert, dispatch.targets, options.agents),
        legacy ? undefined : keylessProgramNote(response, alert, dispatch.targets, options.agents),
        legacy ? undefined : argslessProgramNote(response, dispatch.targets, options.agents),
        oldAgentsNote(response, dispatch.targets, options, legacy),
        legacy ? undefined : cutMessageNote(config, response, alert, dispatch.targets, options),
        legacy || messages?.some((g) => g.format === 'legacy') ? legacyAddressNote(facts, alert, options.agents) : undefined,
      ].filter((n): n is string => n !== undefined);
  return {
    block: response.block,
    line: response.line,
    command: response.command,
    fired: true,
    ...bound,
    ...(notes.length > 0 ? { detail: notes.join('; ') } : {}),
    targets: dispatch.targets,
    name: response.name,
    executable: response.executable,
    timeout: response.timeout,
    ...(brief && !legacy ? {} : { payload: buildPayload(config, program === response.executable ? response : { ...response, executable: program }, facts, alert, options.agents) }),
    ...(messages ? { agentMessages: messages } : {}),
  };
}

/**
 * A JSON message too long to arrive whole (analysisd cuts it at OS_MAXSTR, the queue readers a byte or two
 * sooner): execd refuses the cut text, "(1315): Invalid JSON message", and runs nothing. Per target: the
 * manager's execd reads the message alone, remoted the AR queue's header and message; an agent below 4.2
 * gets the short legacy string instead, one of 4.2.0-4.2.4 the longer escaped JSON. A message that arrives
 * whole can still make a line longer than the program reads (execd adds parameters.program): the program
 * stops with "Invalid input format" before check_keys, or, a few bytes shorter, at execd's "continue".
 */
function cutMessageNote(config: SimConfig, response: SimResponse, alert: Record<string, unknown>, targets: readonly string[], options: SimOptions): string | undefined {
  // A host without the program (absentProgramNote) reads no line: only the queue's cut concerns it.
  const cut = cutMessageTargets(config, response, alert, targets, options.agents).filter((c) => c.at === 'queue' || absentProgram(response, c.target, options.agents, config.target.legacy) === undefined);
  if (cut.length === 0) return undefined;
  const where = (c: CutMessage) => `${c.target === 'all' ? 'every agent' : c.target === '000' ? 'the manager' : `agent ${c.target}`} (${c.bytes} bytes)`;
  const parts: string[] = [];
  const queue = cut.filter((c) => c.at === 'queue');
  if (queue.length > 0) {
    parts.push(`execd runs nothing for this alert: the message analysisd sends ${queue.map(where).join(', ')} is over the ${queue.every((c) => c.onManager) ? EXECD_QUEUE_MESSAGE_MAX : AR_QUEUE_MESSAGE_MAX} bytes its queue carries whole (OS_MAXSTR), so it arrives cut and execd refuses it: (1315): Invalid JSON message`);
  }
  const program = cut.filter((c) => c.at === 'program');
  if (program.length > 0) parts.push(`${response.executable} does nothing for this alert on ${program.map(where).join(', ')}: ${programCutText(program[0]!.bytes)}`);
  const later = cut.filter((c) => c.at === 'continue');
  if (later.length > 0) parts.push(`${response.executable} does nothing for this alert on ${later.map(where).join(', ')}: ${continueCutText(later[0]!.bytes)}`);
  return parts.join('; ');
}

function programCutText(bytes: number): string {
  return `the line execd writes the program (${bytes} bytes) is longer than the ${PROGRAM_LINE_MAX} it reads (fgets into OS_MAXSTR), so it logs "Invalid input format" and exits before check_keys: execd keeps nothing`;
}

function continueCutText(bytes: number): string {
  return `execd keeps its key, but after the ${bytes}-byte line execd writes the program, its read of the "continue" that follows (fgets into OS_MAXSTR, ${PROGRAM_LINE_MAX} bytes) is cut, so it logs "Invalid input format" and exits`;
}

/** Why nothing happens for a response when its message is cut (the timeline's fail reason). */
export function cutMessageReason(target: CutMessage): string {
  if (target.at !== 'queue') return target.at === 'program' ? programCutText(target.bytes) : continueCutText(target.bytes);
  return `the message analysisd sends (${target.bytes} bytes) is over the ${target.onManager ? EXECD_QUEUE_MESSAGE_MAX : AR_QUEUE_MESSAGE_MAX} bytes its queue carries whole (OS_MAXSTR): it arrives cut and execd refuses it, (1315): Invalid JSON message`;
}

/**
 * A target whose message is cut: `queue`, on its way to execd (execd runs nothing); `program`, in the
 * program's read of the line execd writes it (the program runs and stops, execd keeps nothing);
 * `continue`, in the program's read of execd's "continue" (execd keeps the key, the program does nothing).
 * `bytes`: the queue message with its header, or the line execd writes the program.
 */
export interface CutMessage {
  target: string;
  bytes: number;
  onManager: boolean;
  at: 'queue' | 'program' | 'continue';
}

/**
 * The targets whose JSON message is too long to arrive whole. `chars`: the length of the alert's text when
 * the caller knows it (a cheap bound); otherwise the alert is printed once to measure it.
 */
export function cutMessageTargets(
  config: SimConfig,
  response: SimResponse,
  alert: Record<string, unknown>,
  targets: readonly string[],
  /** --agents: the agents' versions pick their messages' formats. */
  agents: readonly AgentInfo[] | undefined,
  chars?: number,
): CutMessage[] {
  // Alerts are far below the limit: print the message only when the alert could bring it near (the rest of
  // the message is the node name, the response name, the program's path and at most 2047 bytes of extra_args).
  if ((chars ?? alertTextLength(alert)) * 3 + 3 * (config.nodeName.length + response.name.length + response.executable.length + 2047) + 192 < AR_QUEUE_MESSAGE_MAX) return [];
  const json = analysisdJsonMessage(config, response, alert);
  const jsonBytes = Buffer.byteLength(json, 'utf8');
  let lineBytes: number | undefined;
  const cut: CutMessage[] = [];
  for (const target of targets) {
    const onManager = response.location.server || target === '000';
    // An agent --agents describes gets the message its version picks: none when analysisd cannot read the
    // version (or arctl is not told it), the short legacy one below 4.2.
    const listed = agents && !onManager ? listedAgent(agents, target) : undefined;
    const format = listed ? listed.format ?? null : undefined;
    if (format === 'legacy' || format === null) continue;
    const bytes = format === 'json-escaped' ? Buffer.byteLength(escapeFor42Agents(json), 'utf8') : jsonBytes;
    // get_exec_msg's header: `(local_source) [] NRN 001 `.
    const total = onManager ? bytes : bytes + 23 + target.length;
    if (total > (onManager ? EXECD_QUEUE_MESSAGE_MAX : AR_QUEUE_MESSAGE_MAX)) {
      cut.push({ target, bytes: total, onManager, at: 'queue' });
      continue;
    }
    // 4.2.0-4.2.4 agents unescape what they get: their lines are not measured here. A pre-4.2 script name
    // is no program on a 4.2+ host: execd writes nothing (missingProgramNote).
    if (format === 'json-escaped' || LEGACY_SCRIPT_RENAMES.has(response.executable)) continue;
    lineBytes ??= Buffer.byteLength(execdLine(config, response, alert), 'utf8');
    // fgets keeps OS_MAXSTR - 1 characters: a longer line is cut; one of exactly that length leaves its
    // newline for the read of "continue", which then gets an empty line.
    if (lineBytes > PROGRAM_LINE_MAX) cut.push({ target, bytes: lineBytes, onManager, at: 'program' });
    else if (lineBytes === PROGRAM_LINE_MAX || lineBytes + CONTINUE_LINE_EXTRA > PROGRAM_LINE_MAX) cut.push({ target, bytes: lineBytes, onManager, at: 'continue' });
  }
  return cut;
}

const alertTextLengths = new WeakMap<Record<string, unknown>, number>();

/** JSON.stringify(alert).length, once per alert (every fired response asks). */
function alertTextLength(alert: Record<string, unknown>): number {
  let length = alertTextLengths.get(alert);
  if (length === undefined) {
    length = JSON.stringify(alert).length;
    alertTextLengths.set(alert, length);
  }
  return length;
}

/*
 * The notes below walk the targets: location all gives every alert one list of every active agent --agents
 * names, so each keeps its answer for that list (target-memo.ts) and an alert costs a walk of none of them.
 */

/** Every target is an agent --agents says runs Wazuh below 4.2 (it has the pre-4.2 scripts). */
function allBelow42(response: SimResponse, targets: readonly string[], agents: SimOptions['agents']): boolean {
  return allBelow42Answers.get(response, targets, agents, '', () => targets.every((t) => oldAgentVersion(response, t, agents) !== undefined));
}
const allBelow42Answers = new TargetListMemo<boolean>();

/** A platform-only stock program sent where the other platform runs: those hosts run nothing (absent-program.ts). */
function absentProgramNote(response: SimResponse, targets: readonly string[], options: SimOptions, managerBefore42: boolean): string | undefined {
  return absentProgramNotes.get(response, targets, options.agents, String(managerBefore42), () => absentProgramWalk(response, targets, options, managerBefore42));
}
const absentProgramNotes = new TargetListMemo<string | undefined>();

function absentProgramWalk(response: SimResponse, targets: readonly string[], options: SimOptions, managerBefore42: boolean): string | undefined {
  const hosts = absentProgramHosts(response, targets, options.agents, managerBefore42);
  if (hosts.length === 0) return undefined;
  const named = hosts.length > 3 ? `${hosts.slice(0, 3).join(', ')} and ${hosts.length - 3} more` : hosts.join(', ');
  return absentText(response.executable, named);
}

/** The targets remoted never delivers to (unreachable.ts: another id string, another cluster node): one note for them all. */
function unregisteredNote(response: SimResponse, targets: readonly string[], options: SimOptions, context: RegistrationContext): string | undefined {
  return unregisteredNotes.get(response, targets, options.agents, registrationKey(response, context), () => unregisteredWalk(response, targets, options, context));
}
const unregisteredNotes = new TargetListMemo<string | undefined>();

function unregisteredWalk(response: SimResponse, targets: readonly string[], options: SimOptions, context: RegistrationContext): string | undefined {
  const lost = targets.map((t) => undeliveredAgent(response, t, options.agents, context)).filter((m): m is string => m !== undefined);
  if (lost.length === 0) return undefined;
  return lost.length === 1 ? lost[0] : `${lost[0]} (and ${lost.length - 1} more agent(s) remoted does not reach so)`;
}

/** A 4.2+ stock program sent to agents --agents says run Wazuh below 4.2: they have the pre-4.2 script only. */
function oldAgentsNote(response: SimResponse, targets: readonly string[], options: SimOptions, managerBefore42: boolean): string | undefined {
  return oldAgentsNotes.get(response, targets, options.agents, String(managerBefore42), () => oldAgentsWalk(response, targets, options, managerBefore42));
}
const oldAgentsNotes = new TargetListMemo<string | undefined>();

function oldAgentsWalk(response: SimResponse, targets: readonly string[], options: SimOptions, managerBefore42: boolean): string | undefined {
  const missing = targets.map((t) => oldAgentMissing(response, t, options.agents, managerBefore42)).filter((m): m is string => m !== undefined);
  if (missing.length === 0) return undefined;
  return missing.length === 1 ? missing[0] : `${missing[0]} (and ${missing.length - 1} more agent(s) below 4.2)`;
}

/**
 * The program execd runs for `response` at `target` (src/wazuh/programs.ts execdProgram): the host's platform
 * and version decide a restart name's; `knownVersion` false: as if the agent ran 4.2+ whatever --agents says.
 */
export function hostProgram(config: SimConfig, response: SimResponse, target: string, agents: SimOptions['agents'], knownVersion = true): string {
  const earlier = sameNameBefore(config, response);
  if (earlier.length === 0 && !isBuiltinRestartName(response.name, config.target.legacy)) return response.executable;
  const onManager = response.location.server || target === '000';
  const platform = onManager || !agents ? undefined : listedAgent(agents, target)?.platform;
  const before42 = config.target.legacy || (knownVersion && !onManager && oldAgentVersion(response, target, agents) !== undefined);
  return execdProgram(response.name, response.executable, config.target.legacy, { platform, before42 }, earlier.map((r) => r.executable));
}

/** The program and timeout execd keeps for `response`'s AR name whatever the host (a host of unknown platform): see hostProgram. */
export function responseProgram(config: SimConfig, response: SimResponse): { program: string; timeout: number } {
  const earlier = sameNameBefore(config, response);
  return {
    program: execdProgram(response.name, response.executable, config.target.legacy, {}, earlier.map((r) => r.executable)),
    timeout: execdTimeout(response.name, response.timeout, config.target.legacy, earlier.map((r) => r.timeout)),
  };
}

/**
 * The loaded responses whose ar.conf line has `response`'s AR name and comes before its own (analysisd writes a
 * line per loaded block, in file order: config/active-response.c:240-259), when one of them names another
 * program or timeout: execd keeps the first line of a name (os_execd/exec.c ReadExecConfig, GetCommandbyName).
 */
function sameNameBefore(config: SimConfig, response: SimResponse): readonly SimResponse[] {
  let byResponse = sameNames.get(config);
  if (byResponse === undefined) {
    byResponse = new Map();
    const firstOf = new Map<string, SimResponse[]>();
    for (const r of config.responses) {
      if (r.status !== 'active') continue;
      const before = firstOf.get(r.name);
      if (before === undefined) firstOf.set(r.name, [r]);
      else {
        if (before.some((b) => b.executable !== r.executable || b.timeout !== r.timeout)) byResponse.set(r, [...before]);
        before.push(r);
      }
    }
    sameNames.set(config, byResponse);
  }
  return byResponse.get(response) ?? [];
}
const sameNames = new WeakMap<SimConfig, Map<SimResponse, SimResponse[]>>();

/** A response whose AR name an earlier ar.conf line has, with another program or timeout: what execd runs instead. */
function arNameNote(config: SimConfig, response: SimResponse): string | undefined {
  const first = sameNameBefore(config, response)[0];
  if (first === undefined || isBuiltinRestartName(response.name, config.target.legacy)) return undefined;
  const { program, timeout } = responseProgram(config, response);
  const differs = [program !== response.executable ? `'${program}'` : undefined, timeout !== response.timeout ? `timeout ${timeout === 0 ? 'none' : `${timeout}s`}` : undefined].filter((d): d is string => d !== undefined);
  if (differs.length === 0) return undefined;
  return `ar.conf names it '${response.name}', as it names the block at line ${first.line} (command '${first.command}'), whose line comes first: execd runs that line's ${differs.join(' with ')} (os_execd/exec.c:125-143 ReadExecConfig, GetCommandbyName), not ${program !== response.executable ? `'${response.executable}'` : `timeout ${response.timeout === 0 ? 'none' : `${response.timeout}s`}`}; rename one command so the names differ`;
}

/** A restart-wazuh command with timeout 0 and its own <executable>: execd runs the stock restart program instead. */
function stockRestartNote(config: SimConfig, response: SimResponse, targets: readonly string[], agents: SimOptions['agents']): string | undefined {
  if (!isBuiltinRestartName(response.name, config.target.legacy) || STOCK_RESTART_PROGRAMS.has(response.executable)) return undefined;
  const programs = hostPrograms.get(response, targets, agents, String(config.target.legacy), () => [...new Set(targets.map((t) => hostProgram(config, response, t, agents)))]);
  const runs = programs.filter((p) => p !== response.executable);
  if (runs.length === 0) return undefined;
  return `execd runs its stock ${runs.map((p) => `'${p}'`).join(' / ')}, not '${response.executable}': ar.conf maps ${response.name} first to the stock restart programs (analysisd/active-response.c:51-53) and execd takes the first its host has (exec.c ReadExecConfig, GetCommandbyName); name the command otherwise to run your own program`;
}
/** The programs the hosts of a target list run for a restart name (stockRestartNote). */
const hostPrograms = new TargetListMemo<string[]>();
const STOCK_RESTART_PROGRAMS = new Set(['restart-ossec.sh', 'restart-ossec.cmd', 'restart-wazuh', 'restart-wazuh.exe']);

/** A stock pre-4.2 script name: analysisd sends the response, but a 4.2+ execd finds no such program. */
function missingProgramNote(executable: string): string | undefined {
  if (!LEGACY_SCRIPT_RENAMES.has(executable)) return undefined;
  const modern = LEGACY_SCRIPT_RENAMES.get(executable);
  return `execd runs nothing: 4.2+ hosts have no '${executable}'${modern ? `, only '${modern}'` : ' unless you install it'}`;
}

/** Why a pattern matched whatever it was given: `'web|attack|', whose empty alternative matches any group string`. */
function catchAllDetail(pattern: string, find: (pattern: string) => string[], what: string): string | undefined {
  const found = find(pattern);
  if (found.length === 0) return undefined;
  return `'${pattern}', whose ${found.includes('') ? 'empty' : `'${found[0]}'`} alternative matches ${what}`;
}

/**
 * An alert without rule.id. OSSEC 2.9's JSON output (jsonout_output) names the rule `rule.sidid`, its
 * groups `rule.group` and its time `TimeStamp` (milliseconds): arctl reads Wazuh's alerts.json, and
 * alerts.log, whose form OSSEC and Wazuh share. A flattened export (`rule_id`, `"rule.id"` at the top) is
 * no Wazuh alert either.
 */
function noRuleIdDetail(alert: Record<string, unknown>): string {
  const shape = foreignShape(alert);
  if (shape === 'ossec-2.x') {
    return "the alert has no rule.id: its rule.sidid is OSSEC 2.x's alerts.json, which arctl does not read (Wazuh's alerts.json and the alerts.log of both do)";
  }
  if (shape !== undefined) {
    return `the alert has no rule object: its top-level '${shape.key}' is a flattened export (a SIEM's or a script's), which arctl does not read; ${READ_WAZUH_ALERTS}`;
  }
  // A _bulk request's action line ({"index": {"_index": ...}}): the document is the next line.
  const keys = Object.keys(alert);
  if (keys.length === 1 && ['index', 'create', 'update', 'delete'].includes(keys[0]!) && isObject(alert[keys[0]!])) {
    return `this is a _bulk action line ({"${keys[0]}": ...}), not an alert: the document it indexes is the next line`;
  }
  // An archives.json event (<logall_json>) that matched no rule: analysisd wrote it, but raised no alert.
  if (alert.rule === undefined && (alert.full_log !== undefined || alert.decoder !== undefined)) {
    return 'the event has no rule: analysisd matched none (an archives.json event, as <logall_json> writes every event), so it raised no alert and ran no response';
  }
  return 'the alert has no rule.id';
}

/** A rule.id atoi reads a number from: Wazuh writes the matched rule's id with "%d" (src/analysisd/format/to_json.c:91-94). */
const READS_A_NUMBER = /^\s*[+-]?\d/;

/**
 * A rule.id with no number in it ('v2-sshd-success-after-failures'): no Wazuh alert has one, another tool's does
 * (Elastic Security's detection alerts name their rule so); arctl would otherwise read it as rule 0.
 */
function notARuleIdDetail(ruleId: string): string {
  return `rule.id '${ruleId}' is not a number: Wazuh's alerts carry the numeric id of the rule analysisd matched, so this is another tool's alert (a SIEM's detection, a script's); ${READ_WAZUH_ALERTS}`;
}

function foreignShapeField(alert: Record<string, unknown>): Pick<AlertResult, 'foreignShape'> {
  const shape = foreignShape(alert);
  return shape === undefined ? {} : { foreignShape: shape === 'ossec-2.x' ? shape : 'flattened' };
}

/** What to give arctl instead of an alert in a shape it does not read (simulate's rows and summary, diff's note). */
export const READ_WAZUH_ALERTS = 'give it the alerts as Wazuh wrote them (alerts.json, alerts.log) or as the indexer stores them';

/** The shape of an alert without rule.id that Wazuh never writes (see noRuleIdDetail), if it is one. */
export function foreignShape(alert: Record<string, unknown>): 'ossec-2.x' | { key: string } | undefined {
  const rule = alert.rule;
  if (isObject(rule) && rule.id === undefined && rule.sidid !== undefined) return 'ossec-2.x';
  const flat = ['rule.id', 'rule_id'].find((key) => key in alert);
  return flat !== undefined && !isObject(rule) ? { key: flat } : undefined;
}

function noMatchDetail(response: SimResponse, rule: RuleView): string {
  const parts: string[] = [];
  const groups = `'${rule.groupString}'${rule.source === 'alert' ? ' (rebuilt from the alert)' : ''}`;
  // Compiled once per run (cached); only a refused pattern is compiled again, to say what was refused.
  const refusal = response.rulesGroup !== undefined && !osRegexCompiles(response.rulesGroup) ? compileOsRegexDetailed(response.rulesGroup) : undefined;
  if (refusal && !refusal.ok) {
    // OS_Regex answers "no match" for every rule: the level, if any, cannot help (both must match).
    parts.push(`rules_group '${response.rulesGroup}' is not a pattern OS_Regex compiles (${describeOsRegexRefusal(response.rulesGroup!, refusal)}), so it matches no rule`);
  } else if (response.level && response.rulesGroup !== undefined) {
    parts.push(`needs rule level >= ${response.level} AND rules_group '${response.rulesGroup}' matching ${groups} (rule level ${rule.level})`);
  } else {
    if (response.level) parts.push(`rule level ${rule.level} is below ${response.level}`);
    if (response.rulesGroup !== undefined) parts.push(`rules_group '${response.rulesGroup}' does not match ${groups}`);
  }
  if (response.rulesId !== undefined) parts.push(`rule ${rule.id} is not in rules_id '${response.rulesId}'`);
  return parts.join('; ');
}

type Dispatch = { targets: readonly string[] } | { reason: Reason; detail: string };

/** OS_Exec's location chain (src/analysisd/alerts/exec.c): server, or local for agent 000, runs on the manager. */
function dispatchTargets(config: SimConfig, options: SimOptions, response: SimResponse, facts: AlertFacts): Dispatch {
  const flags = response.location;
  const fromManager = facts.agentId === '000' || (facts.agentId === undefined && facts.location !== undefined && !facts.location.startsWith('('));
  if (flags.server || (flags.local && fromManager)) {
    if (!config.queue.local) {
      return { reason: 'queue-disabled', detail: 'analysisd did not open the manager\'s execd queue: a <disabled>yes</disabled> block placed after the enabled server/local blocks wiped the flag, so the response is dropped silently' };
    }
    if (!config.managerExecd.enabled) {
      return { reason: 'execd-disabled', detail: `the manager's execd reads only the first <disabled> under an <active-response> (line ${config.managerExecd.line}), which is yes: it logs (1350): Active response disabled. and runs nothing on the manager` };
    }
    return { targets: ['000'] };
  }
  if (!config.queue.remote) {
    return { reason: 'queue-disabled', detail: 'analysisd did not open the agents\' AR queue: a <disabled>yes</disabled> block placed after the enabled agent-bound blocks wiped the flag, so the response is dropped silently' };
  }
  if (options.agentsExecdOff) {
    const { file, line, refusedValue } = options.agentsExecdOff;
    const outcome =
      refusedValue === undefined
        ? 'which is yes: it logs (1350): Active response disabled. and runs nothing on the agents'
        : `which is '${refusedValue}', neither yes nor no: it logs (1235): Invalid value for element 'disabled': ${refusedValue}. and exits at start, running nothing on the agents`;
    return { reason: 'execd-disabled', detail: `the agents' execd reads only the first <disabled> under an <active-response> of their ossec.conf (${file}:${line}), ${outcome}` };
  }
  if (flags.all) {
    if (!options.agents) return { targets: ['all'] };
    const active = activeAgentTargets(options.agents);
    if (active.length === 0) return { reason: 'no-target', detail: 'location all: no agent in --agents is active (the manager is never included)' };
    // The indexed list itself, shared by every alert and never changed (results hold targets read-only):
    // a copy per alert made a response at `all` cost alerts x agents in memory and time.
    return { targets: active };
  }
  if (flags.definedAgent) {
    const number = atoi(response.agentId ?? '');
    // Read only with atoi (the reader discards 0 alone): no agent has a negative id (OS_Exec, src/analysisd/alerts/exec.c:188-212).
    if (number < 0) {
      const logged = config.target.legacy ? 'remoted finds no such agent' : number === -1 ? 'analysisd logs "Unable to get agent ID." (-1 is OS_INVALID)' : `analysisd logs "Failed to get agent '${number}' information from Wazuh DB."`;
      return { reason: 'no-target', detail: `agent_id '${response.agentId}' reads as ${number}, and no agent has a negative id: ${logged} and nothing runs` };
    }
    const id = formatAgentId(number);
    if (options.agents && !listedAgent(options.agents, id)) {
      // Below 4.2 analysisd asks wazuh-db nothing: remoted gets the <agent_id> text and finds no such agent (v4.1.0 exec.c:120-137).
      const logged = config.target.legacy
        ? `remoted logs "(1320): Agent '${response.agentId}' not found." and nothing runs`
        : `analysisd logs "Failed to get agent '${atoi(id)}' information from Wazuh DB." and sends nothing`;
      return { reason: 'no-target', detail: `agent ${id} is not in --agents: ${logged}` };
    }
    return { targets: [id] };
  }
  if (facts.agentId === undefined) {
    // An alerts.log alert whose agent --agents could not name keeps analysisd's `(name) ip->` location (./input.ts);
    // a JSON record with agent.name alone lost its id on the way (analysisd always writes agent.id into alerts.json).
    const fromTextLog = facts.agentName !== undefined && facts.location?.startsWith(`(${facts.agentName}) `) === true;
    const detail =
      facts.agentName === undefined
        ? 'location local: the alert has no agent.id, so there is no originating agent'
        : fromTextLog
          ? `location local: the alert names agent '${facts.agentName}' but not its id (alerts.log does not carry it: --agents maps names to ids)`
          : `location local: the alert names agent '${facts.agentName}' but has no agent.id, which analysisd always writes into alerts.json: the record lost it (an indexer search whose _source lists fields without agent.id, an export that keeps agent.name alone), so arctl cannot tell which agent it was`;
    return { reason: 'no-target', detail };
  }
  return { targets: [formatAgentId(atoi(facts.agentId))] };
}

export type { MatchKind };
