/** The registered agents a configuration is judged against (client.keys or the API's agent list). */

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
