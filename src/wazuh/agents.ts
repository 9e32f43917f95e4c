/** The registered agents and how Wazuh names an agent. */
import { atoi } from './c-number.ts';
import { expandIpv6 } from './ip.ts';
import { agentMessageFormat, type AgentMessageFormat } from './exec-message.ts';
import { osPlatform, type Platform } from './programs.ts';

export interface AgentInfo {
  /** Three-digit id, e.g. "001". */
  id: string;
  name: string;
  ip?: string;
  /**
   * The address client.keys registers the agent with (`ID NAME ADDRESS KEY`; the Wazuh API's registerIP), often
   * `any`: remoted writes it, not the address the agent connects from, into the location of every event of the
   * agent, `[id] (name) ADDRESS->` (src/remoted/secure.c:934-935). undefined when --agents does not give it.
   */
  keysAddress?: string;
  os?: string;
  version?: string;
  /** active | disconnected | never_connected | pending; client.keys entries count as active. */
  status: string;
  /**
   * The id as client.keys writes it, when that is not the three-digit form analysisd sends to (`1`, `0001`):
   * remoted finds an agent by this exact string (keys.c OS_IsAllowedID, an rbtree of the id strings), so a
   * response for such an agent never reaches it (see registeredAs).
   */
  keyId?: string;
  /**
   * The cluster node the agent reports to (the Wazuh API's node_name): only that node's remoted has heard
   * from it, so only responses analysisd raises there reach it (see unreachable.ts otherNodeAgent).
   */
  node?: string;
}

/**
 * The id string remoted knows agent `target` by, when it is not `target` itself: a 4.2+ analysisd sends every
 * agent-bound response to `%.3d` of the number (exec.c get_exec_msg) and remoted looks that string up as written
 * (sendmsg.c send_msg_with_key_control -> keys.c OS_IsAllowedID), so an agent registered as '1' or '0001' gets
 * nothing: "(1320): Agent '001' not found.". undefined when --agents does not say, or the ids agree.
 */
export function registeredAs(agents: readonly AgentInfo[], target: string): string | undefined {
  // client.keys may hold '1' and '001' both: remoted's id tree has each string, so '001' is found whatever comes first.
  if (agentIndex(agents).registered.has(target)) return undefined;
  return listedAgent(agents, target)?.agent.keyId;
}

/** Whether remoted finds an agent under the id string `sent` exactly as client.keys writes it (keys.c OS_IsAllowedID). */
export function isRegisteredId(agents: readonly AgentInfo[], sent: string): boolean {
  return agentIndex(agents).registered.has(sent);
}

/**
 * The agent an id names, as analysisd writes it for OS_Exec (src/analysisd/alerts/exec.c:
 * `snprintf(c_agent_id, OS_SIZE_16, "%.3d", atoi(ar->agent_id))`): printf `%.3d`, at least three digits,
 * the sign before them (`7` -> `007`, `1234` -> `1234`, `-5` -> `-005`). Lint and simulate both name
 * agents with it, so they agree on which agent a file means.
 */
export function formatAgentId(id: number): string {
  // The usual ids, 0-999, are made once: a timeline names the agent of every response that fires.
  if (id >= 0 && id < 1000 && Number.isInteger(id)) return (THREE_DIGIT_IDS[id] ??= String(id).padStart(3, '0'));
  const digits = String(Math.abs(id)).padStart(3, '0');
  return id < 0 ? `-${digits}` : digits;
}
const THREE_DIGIT_IDS: Array<string | undefined> = [];

/** What the checks made per dispatch read of one agent of --agents, worked out once per list. */
export interface ListedAgent {
  agent: AgentInfo;
  /**
   * The message format OS_Exec picks for the agent's version (src/analysisd/alerts/exec.c:238-253):
   * null when it cannot read the version ("Unable to read agent version."), undefined when none is given.
   */
  format: AgentMessageFormat | null | undefined;
  /** The agent's platform, from its os (undefined when the list gives none). */
  platform: Platform | undefined;
}

/** Per --agents list: its agents by id as analysisd names a target, and the targets of location all. */
interface AgentIndex {
  byTarget: Map<string, ListedAgent>;
  /** The active agents but the manager, as `all` reaches them (formatAgentId(atoi(id))). */
  activeTargets: readonly string[];
  /** Every id string as the list writes it (client.keys' own text: keyId, else the three-digit id). */
  registered: ReadonlySet<string>;
}
const agentIndexes = new WeakMap<readonly AgentInfo[], AgentIndex>();

/**
 * The list indexed once (simulate and every dispatch of a timeline look agents up in it). An agent is keyed
 * by `formatAgentId(atoi(id))`, the name analysisd gives a target: the version and os come from wazuh-db,
 * which OS_Exec asks by the number (`wdb_get_agent_info(atoi(...))`, exec.c:188-209), so '1', '001' and
 * '0001' in --agents all describe target 001 (padding to three digits would leave '0001' apart). The first
 * agent of an id wins, as in remoted's key tree (keys.c OS_AddKey: rbtree_insert keeps the first).
 */
function agentIndex(agents: readonly AgentInfo[]): AgentIndex {
  let index = agentIndexes.get(agents);
  if (!index) {
    const byTarget = new Map<string, ListedAgent>();
    const activeTargets: string[] = [];
    const registered = new Set<string>();
    for (const agent of agents) {
      registered.add(agent.keyId ?? agent.id);
      const number = atoi(agent.id);
      const target = formatAgentId(number);
      if (byTarget.has(target)) continue;
      byTarget.set(target, { agent, format: agent.version === undefined ? undefined : agentMessageFormat(agent.version), platform: osPlatform(agent.os) });
      if (agent.status === 'active' && number > 0) activeTargets.push(target);
    }
    index = { byTarget, activeTargets, registered };
    agentIndexes.set(agents, index);
  }
  return index;
}

/** The agent --agents describes under `target` (an id as analysisd writes it: '001'), or undefined. */
export function listedAgent(agents: readonly AgentInfo[], target: string): ListedAgent | undefined {
  return agentIndex(agents).byTarget.get(target);
}

/** The targets of a location-all response: the active agents of the list, the manager never among them. */
export function activeAgentTargets(agents: readonly AgentInfo[]): readonly string[] {
  return agentIndex(agents).activeTargets;
}

/**
 * The address in the `(name) ADDRESS->` location of an agent's events for client.keys' `written`: OS_IsValidIP's
 * copy of it (src/shared/validate_op.c:409-414; from 4.4 an IPv4-mapped address as IPv4, OS_GetIPv4FromIPv6, and
 * an IPv6 one expanded, OS_ExpandIPv6 at :482) without its `/mask` (src/os_crypto/shared/keys.c:86-89).
 * `canonical`: the manager is 4.4 or later.
 */
export function keysLocationAddress(written: string, canonical: boolean): string {
  let ip = written;
  if (canonical) {
    const mapped = /^::[fF]{4}:(\d{1,3}(?:\.\d{1,3}){3}(?:\/.*)?)$/.exec(ip);
    if (mapped) ip = mapped[1]!;
    else if (ip.includes(':')) ip = expandIpv6(ip.split('/')[0]!) ?? ip;
  }
  const slash = ip.indexOf('/');
  return slash >= 0 ? ip.slice(0, slash) : ip;
}
