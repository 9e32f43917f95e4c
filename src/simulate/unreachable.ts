/**
 * A defined agent that --agents says is not connected. analysisd sends a defined-agent response whatever the
 * agent's state (unlike `all`, which reaches the active agents only), but remoted drops any message for an
 * agent it has not heard from within agents_disconnection_time, a never-connected one included
 * (src/remoted/sendmsg.c send_msg_with_key_control: "(1245): Sending message to disconnected agent '%s'.",
 * a debug line), so nothing runs there.
 */
import { formatAgentId, isRegisteredId, listedAgent, registeredAs, type AgentInfo } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';
import { alertAgentIdText, alertNode } from './alert.ts';
import type { SimResponse } from './model.ts';

const UNREACHABLE = new Set(['disconnected', 'never_connected']);

/** Why the agent `target` never gets `response` (remoted drops it), or undefined. */
export function unreachableAgent(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined): string | undefined {
  if (!agents || !response.location.definedAgent || response.location.server || target === '000' || target === 'all') return undefined;
  const status = listedAgent(agents, target)?.agent.status;
  if (status === undefined || !UNREACHABLE.has(status)) return undefined;
  const dropped = `remoted drops what it gets for an agent it has not heard from ("(1245): Sending message to disconnected agent '${target}'.")`;
  if (status === 'disconnected') return `agent ${target} is disconnected (--agents): ${dropped} and nothing runs`;
  // A 4.2+ analysisd reads the agent's version first (exec.c:225-236): a never-connected agent has none in wazuh-db.
  return `agent ${target} has never connected (--agents): nothing runs there (analysisd finds no version for it in wazuh-db, "Failed to get agent '${atoi(target)}' version.", and ${dropped})`;
}

/** What decides which agent string remoted is asked for. */
export interface RegistrationContext {
  /** Below 4.2: analysisd sends a defined agent's <agent_id> as written, and local responses by agent name. */
  legacy: boolean;
  /** The alert's agent.id as analysisd copied it from remoted's `[id]` location (a local response's agent). */
  alertAgentId?: string | undefined;
  /** The cluster node that raised the alert (its cluster.node, analysisd/format/to_json.c:66-73). */
  alertNode?: string | undefined;
}

/** What `alert` tells of the agent id string analysisd sends and the node it raised the alert on. */
export function registrationContext(alert: Record<string, unknown>, legacy: boolean): RegistrationContext {
  return { legacy, alertAgentId: alertAgentIdText(alert), alertNode: alertNode(alert) };
}

/**
 * What of `context` undeliveredAgent reads for `response`, as one string (two contexts with the same key get the
 * same answers): the alert's agent id matters to a local response only (unregisteredAgent).
 */
export function registrationKey(response: SimResponse, context: RegistrationContext): string {
  const alertId = response.location.definedAgent || response.location.all ? undefined : context.alertAgentId;
  return JSON.stringify([context.legacy, alertId ?? null, context.alertNode ?? null]);
}

/** Why remoted never delivers `response` to `target`: it knows the agent by another id string, or another node has it. */
export function undeliveredAgent(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, context: RegistrationContext): string | undefined {
  return unregisteredAgent(response, target, agents, context) ?? otherNodeAgent(response, target, agents, context.alertNode);
}

/**
 * An agent of a cluster that reports to another node than the one that raised the alert. Each node's analysisd
 * hands its responses to its own remoted (ARQUEUE, src/remoted/ar-forward.c), which sends only to agents it has
 * heard from within agents_disconnection_time (sendmsg.c:90-96: keyentries[]->rcvd, set only by the agent's own
 * messages to this node, secure.c:669-814): an agent connected to another node is "disconnected" there.
 * A local response goes back to the node the agent's event came through, so only defined-agent and all.
 */
export function otherNodeAgent(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, alertNode: string | undefined): string | undefined {
  if (!agents || alertNode === undefined || !(response.location.definedAgent || response.location.all) || response.location.server || target === '000' || target === 'all') return undefined;
  const node = listedAgent(agents, target)?.agent.node;
  if (node === undefined || node === alertNode) return undefined;
  return `agent ${target} reports to node ${node} (--agents node_name), but node ${alertNode} raised this alert (its cluster.node), and that node's remoted has not heard from the agent: it drops the response ("(1245): Sending message to disconnected agent '${target}'.") and nothing runs`;
}

/**
 * Why remoted finds no agent for `response` sent to `target`: it looks the id string up as written
 * (keys.c OS_IsAllowedID; src/remoted/sendmsg.c:79-86 logs "(1320): Agent '%s' not found."), while a 4.2+
 * analysisd always sends to `%.3d` of the number (src/analysisd/alerts/exec.c:112,202, get_exec_msg).
 * An agent client.keys registers as '1' or '0001' therefore gets nothing; its alerts carry agent.id '1'
 * as remoted wrote it, so even without --agents a local response to such an alert goes nowhere. Below 4.2,
 * a local response is found by agent name and `all` by remoted's own keys; a defined agent's <agent_id> is
 * sent as written and must be the registered string itself (v4.1.0 exec.c:120-137, ar-forward.c SPECIFIC_AGENT).
 */
export function unregisteredAgent(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, context: RegistrationContext): string | undefined {
  if (response.location.server || target === 'all') return undefined;
  const notFound = (sent: string) => `remoted looks agents up by the id string as registered (keys.c OS_IsAllowedID), logs "(1320): Agent '${sent}' not found." and nothing runs`;
  if (context.legacy) {
    if (!response.location.definedAgent || response.agentId === undefined) return undefined;
    const sent = response.agentId;
    const listed = agents ? listedAgent(agents, target)?.agent : undefined;
    const registered = listed ? (listed.keyId ?? listed.id) : undefined;
    if (agents && isRegisteredId(agents, sent)) return undefined;
    if (registered !== undefined) {
      return sent === registered ? undefined : `below 4.2 analysisd sends <agent_id> '${sent}' as written, but --agents registers agent ${target} as '${registered}': ${notFound(sent)}`;
    }
    if (sent === target) return undefined;
    return `below 4.2 analysisd sends <agent_id> '${sent}' as written, and agents are registered with three digits ('${target}') unless client.keys says otherwise: ${notFound(sent)}`;
  }
  const alertId = response.location.definedAgent || response.location.all ? undefined : context.alertAgentId;
  if (alertId !== undefined && alertId !== formatAgentId(atoi(alertId))) {
    return `the alert's agent.id '${alertId}' is the id remoted registered the agent under, but analysisd sends the response to '${target}' (%.3d): ${notFound(target)}`;
  }
  if (target === '000' || !agents) return undefined;
  const keyId = registeredAs(agents, target);
  return keyId === undefined ? undefined : `client.keys (--agents) registers agent ${target} as '${keyId}', but analysisd sends the response to '${target}' (%.3d): ${notFound(target)}`;
}
