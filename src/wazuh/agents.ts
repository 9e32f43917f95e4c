/** The registered agents and how Wazuh names an agent. */

export interface AgentInfo {
  /** Three-digit id, e.g. "001". */
  id: string;
  name: string;
  ip?: string;
  os?: string;
  version?: string;
  /** active | disconnected | never_connected | pending; client.keys entries count as active. */
  status: string;
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
