/**
 * What the script receives. 4.2+: the one JSON line execd writes to its stdin (analysisd's
 * getActiveResponseInJSON, src/analysisd/ar_json.c, rewritten by execd: command "add", origin.module
 * its ARGV0, parameters.program added), keys in cJSON's insertion order. Legacy (< 4.2): the
 * positional argv execd builds from the space-separated message (getActiveResponseInString).
 *
 * origin.module is the writer's ARGV0 (ar_json.c:48 `cJSON_AddStringToObject(_object, "module", ARGV0)`,
 * execd.c:278 replaces it with its own), named through daemonName like every daemon arctl names. Only
 * daemons of 4.2 and later write these JSON messages, and 4.2.0 is the release that renamed them
 * (execd.h:15 and ar_json.c:16 say "wazuh-execd" and "wazuh-analysisd" at v4.2.0 as at v4.14.7; v4.1.5
 * has no ar_json.c): the module is wazuh-execd / wazuh-analysisd for every target that has one.
 */
import type { AlertFacts } from './alert.ts';
import { formatAgentId, keysLocationAddress, listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import { readFromAlertsLog } from '../wazuh/alerts-log.ts';
import { atoi } from '../wazuh/c-number.ts';
import { daemonName } from '../wazuh/load-log.ts';
import { versionAtLeast } from '../wazuh/version.ts';
import { cjsonPrintUnformatted } from '../wazuh/cjson.ts';
import { cutBytes, escapeFor42Agents, EXEC_MESSAGE_MAX, legacyAgentMessage, type AgentMessageFormat, type LegacyMessageFields } from '../wazuh/exec-message.ts';
import type { SimConfig, SimResponse } from './model.ts';
import { TargetListMemo } from './target-memo.ts';
import { splitExtraArgs } from '../wazuh/programs.ts';

export interface ExecdJsonPayload {
  version: 1;
  /** module: the writer's name (wazuh-execd). */
  origin: { name: string; module: string };
  command: 'add';
  parameters: { extra_args: string[]; alert: Record<string, unknown>; program: string };
}

export interface LegacyPayload {
  argv: string[];
}

export function programPath(executable: string): string {
  return `active-response/bin/${executable}`;
}

/** Only the target and node name of the configuration matter (`arctl script test` builds them without an ossec.conf). */
export type PayloadConfig = Pick<SimConfig, 'target' | 'nodeName'>;
export type PayloadResponse = Pick<SimResponse, 'executable' | 'extraArgs' | 'expect'> & { name?: string };

export function buildPayload(config: PayloadConfig, response: PayloadResponse, facts: AlertFacts, alert: Record<string, unknown>, agents?: readonly AgentInfo[]): ExecdJsonPayload | LegacyPayload {
  if (config.target.legacy) return { argv: legacyArgv(response, facts, analysisdLocation(facts, alert, agents, false).text) };
  return execdPayload(config, response, alert);
}

/** The 4.2+ line execd writes the program first (execd.c ExecdRun: the message rewritten). */
function execdPayload(config: PayloadConfig, response: Pick<PayloadResponse, 'executable' | 'extraArgs'>, alert: Record<string, unknown>): ExecdJsonPayload {
  return {
    version: 1,
    origin: { name: config.nodeName, module: daemonName('wazuh-execd', config.target) },
    command: 'add',
    parameters: { extra_args: splitExtraArgs(response.extraArgs), alert, program: programPath(response.executable) },
  };
}

/** That line as execd prints it (cJSON_PrintUnformatted), without its newline. */
export function execdLine(config: PayloadConfig, response: Pick<PayloadResponse, 'executable' | 'extraArgs'>, alert: Record<string, unknown>): string {
  return cjsonPrintUnformatted(execdPayload(config, response, alert));
}

/**
 * The program's argv below 4.2: analysisd's message `<name> <user|-> <srcip|-> <alert id> <rule id> <location>
 * <filename|-> <extra_args|->`, filename and extra_args through os_shell_escape, cut at 1023 bytes (v4.1.0
 * src/analysisd/alerts/exec.c:65-100, as getActiveResponseInString still builds it); user, srcip and filename
 * only when the command's <expect> names them. execd drops the name, puts the program and `add` first and
 * splits the rest at every space, an empty argument between two spaces included, into at most 29 arguments
 * (v4.1.0 src/os_execd/execd.c:366-495, MAX_ARGS 32), passed to the program as they are (execv, no shell):
 * the escapes' backslashes reach it.
 */
function legacyArgv(response: PayloadResponse, facts: AlertFacts, location: string): string[] {
  const message = legacyAgentMessage(legacyFields(response.name ?? response.executable, facts, location, response.extraArgs?.trim() ? response.extraArgs : undefined, response.expect));
  const space = message.indexOf(' ');
  const args: string[] = [];
  let rest = space < 0 ? '' : message.slice(space + 1);
  while (rest !== '' && args.length < LEGACY_MAX_ARGS) {
    const next = rest.indexOf(' ');
    args.push(next < 0 ? rest : rest.slice(0, next));
    rest = next < 0 ? '' : rest.slice(next + 1);
  }
  return [programPath(response.executable), 'add', ...args];
}
/**
 * getActiveResponseInString's fields (src/analysisd/alerts/exec.c): the srcip as get_ip leaves it (without
 * `::ffff:`), the rule id as `%d` prints sigid. `expect` (a pre-4.2 manager): user, srcip and filename only
 * when the command's <expect> names them.
 */
function legacyFields(name: string, facts: AlertFacts, location: string, extraArgs: string | undefined, expect?: SimResponse['expect']): LegacyMessageFields {
  const ip = facts.srcip?.startsWith('::ffff:') ? facts.srcip.slice(7) : facts.srcip;
  return {
    name,
    ...((!expect || expect.user) && facts.dstuser !== undefined ? { user: facts.dstuser } : {}),
    ...((!expect || expect.srcip) && ip !== undefined ? { ip } : {}),
    alertId: facts.id ?? '-',
    ruleId: String(facts.ruleId ?? '-'),
    location,
    ...((!expect || expect.filename) && facts.filename !== undefined ? { filename: facts.filename } : {}),
    ...(extraArgs !== undefined ? { extraArgs } : {}),
  };
}

/** execd's argv slots after the program and `add` (cmd_args[2] to [MAX_ARGS - 2]). */
const LEGACY_MAX_ARGS = 29;

/** What analysisd sends one agent for a fired response (the agent's version picks the format). */
export interface AgentMessage {
  agent: string;
  /** The version --agents gives for the agent (null: none given). */
  version: string | null;
  /** null: analysisd cannot read the version and sends nothing to this agent. */
  format: AgentMessageFormat | null;
  message: string | null;
}

/**
 * The target agents that get one same message for a fired response. The message depends on the alert and
 * the format the agent's version picks, not on the agent: a response at `all` sends thousands of agents a
 * few distinct messages, each said once with the agents that get it.
 */
export interface AgentMessageGroup {
  /** In target order. */
  agents: string[];
  format: AgentMessageFormat | null;
  /** null: see `unsent`. */
  message: string | null;
  /** Why there is no message: --agents gives no version for these agents, or one analysisd cannot read ("Unable to read agent version."), so it sends them nothing. */
  unsent?: 'no-version' | 'unreadable-version';
}

/**
 * OS_Exec's message per target agent (src/analysisd/alerts/exec.c): the legacy string for agents older
 * than 4.2, the JSON message (escaped for 4.2.0-4.2.4) otherwise, grouped by message. Only for targets
 * --agents describes.
 */
export function agentMessages(config: SimConfig, response: SimResponse, facts: AlertFacts, alert: Record<string, unknown>, targets: readonly string[], agents: readonly AgentInfo[]): AgentMessageGroup[] {
  let json: string | undefined;
  return targetFormats.get(response, targets, agents, '', () => formatGroups(targets, agents)).map(({ agents: members, format, unsent }) => {
    let message: string | null = null;
    if (format === 'legacy') {
      message = legacyAgentMessage(legacyFields(response.name, facts, analysisdLocation(facts, alert, agents, versionAtLeast(config.target, 4, 4)).text, response.extraArgs));
    } else if (format !== null) {
      // strncpy into the OS_MAXSTR buffer, after the escape.
      json ??= analysisdJsonMessage(config, response, alert);
      message = cutBytes(format === 'json-escaped' ? escapeFor42Agents(json) : json, EXEC_MESSAGE_MAX);
    }
    // The agents list is the kept one, shared by the alerts of one target list (results hold it read-only).
    return { agents: members, format, message, ...(unsent ? { unsent } : {}) };
  });
}

/** The listed targets grouped by the message format their version picks, groups in the order of their first target. */
type FormatGroup = { agents: string[]; format: AgentMessageFormat | null; unsent?: AgentMessageGroup['unsent'] };
function formatGroups(targets: readonly string[], agents: readonly AgentInfo[]): FormatGroup[] {
  const groups = new Map<string, FormatGroup>();
  for (const target of targets) {
    const listed = listedAgent(agents, target);
    if (!listed) continue;
    const format = listed.format ?? null;
    const unsent = format !== null ? undefined : listed.agent.version === undefined ? 'no-version' : 'unreadable-version';
    const key = format ?? unsent!;
    let group = groups.get(key);
    if (!group) {
      group = { agents: [], format, ...(unsent ? { unsent } : {}) };
      groups.set(key, group);
    }
    group.agents.push(target);
  }
  return [...groups.values()];
}
/** Per response, the groups of the target list last seen (location all: every alert brings the same list). */
const targetFormats = new TargetListMemo<FormatGroup[]>();

/** Each agent's own message, from the groups (the timeline shows it under the agent's event). */
export function messagesByAgent(groups: readonly AgentMessageGroup[], agents: readonly AgentInfo[]): Map<string, AgentMessage> {
  const out = new Map<string, AgentMessage>();
  for (const g of groups) {
    for (const agent of g.agents) out.set(agent, { agent, version: listedAgent(agents, agent)?.agent.version ?? null, format: g.format, message: g.message });
  }
  return out;
}

/**
 * getActiveResponseInJSON's message (src/analysisd/ar_json.c) before it is cut: printed with cJSON (numbers
 * as print_number writes them), origin.name from get_node_name.
 */
export function analysisdJsonMessage(config: PayloadConfig, response: Pick<SimResponse, 'name' | 'extraArgs'>, alert: Record<string, unknown>): string {
  return cjsonPrintUnformatted({
    version: 1,
    origin: { name: config.nodeName, module: daemonName('wazuh-analysisd', config.target) },
    command: response.name,
    parameters: { extra_args: splitExtraArgs(response.extraArgs), alert },
  });
}

/**
 * analysisd's lf->location, which the legacy message carries whole: an agent's event has remoted's
 * `(name) ADDRESS->` prefix with the agent's client.keys address (src/remoted/secure.c:934-935), which
 * alerts.json strips (keeping in agent.ip the address the agent reports, json_extended.c:484-501); an
 * agentless device's event its `(script) user@host->`. alerts.log writes lf->location whole (log.c:140-142).
 * `addressUnknown`: the alert comes from alerts.json with an agent.ip and --agents does not give the agent's
 * client.keys address: arctl writes agent.ip, which is that address only when analysisd had no _agent_ip
 * for the agent; authd registers agents as `any` unless told otherwise (authd-config.c:78).
 */
function analysisdLocation(facts: AlertFacts, alert: Record<string, unknown>, agents: readonly AgentInfo[] | undefined, canonical: boolean): { text: string; addressUnknown: boolean } {
  if (facts.agentlessPrefix !== undefined && facts.location !== undefined) return { text: `${facts.agentlessPrefix}->${facts.location}`, addressUnknown: false };
  if (facts.agentId === undefined || facts.agentId === '000' || facts.location === undefined) return { text: facts.location ?? '-', addressUnknown: false };
  const prefix = (address: string) => `(${facts.agentName ?? ''}) ${address}->${facts.location}`;
  if (readFromAlertsLog(alert)) return { text: prefix(facts.agentIp ?? 'any'), addressUnknown: false };
  const written = agents ? listedAgent(agents, formatAgentId(atoi(facts.agentId)))?.agent.keysAddress : undefined;
  if (written !== undefined) return { text: prefix(keysLocationAddress(written, canonical)), addressUnknown: false };
  // agent.ip is the location's own address when analysisd had no _agent_ip label for the agent
  // (W_JSON_ParseAgentIP), and `any` was left out of it: exact then, a guess otherwise.
  return { text: prefix(facts.agentIp ?? 'any'), addressUnknown: facts.agentIp !== undefined };
}

/**
 * Said of a fired response whose legacy message (a pre-4.2 manager's argv, or what a 4.2+ manager sends an
 * agent older than 4.2) carries an agent address arctl does not know.
 */
export function legacyAddressNote(facts: AlertFacts, alert: Record<string, unknown>, agents: readonly AgentInfo[] | undefined): string | undefined {
  const location = analysisdLocation(facts, alert, agents, false);
  if (!location.addressUnknown) return undefined;
  return `the legacy message's location carries agent ${facts.agentId}'s client.keys address (often 'any'), which alerts.json does not give: arctl wrote agent.ip ${facts.agentIp}, the address the agent reports${agents ? ` (--agents gives no client.keys address for agent ${facts.agentId})` : '; give --agents client.keys for the exact message'}`;
}
