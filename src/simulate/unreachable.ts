/**
 * A defined agent that --agents says is not connected. analysisd sends a defined-agent response whatever the
 * agent's state (unlike `all`, which reaches the active agents only), but remoted drops any message for an
 * agent it has not heard from within agents_disconnection_time, a never-connected one included
 * (src/remoted/sendmsg.c send_msg_with_key_control: "(1245): Sending message to disconnected agent '%s'.",
 * a debug line), so nothing runs there.
 */
import { listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import { atoi } from '../wazuh/c-number.ts';
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
