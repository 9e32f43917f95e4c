/** What the agent list (--agents) says about the fleet's Wazuh versions. */
import type { AgentInfo } from '../types.ts';

/** Major/minor of an agent version such as "Wazuh v4.1.5", "v3.13.6" or "4.7.2"; undefined when unknown. */
export function agentVersion(agent: AgentInfo): { major: number; minor: number } | undefined {
  const m = /(\d+)\.(\d+)/.exec(agent.version ?? '');
  return m ? { major: Number(m[1]), minor: Number(m[2]) } : undefined;
}

/** Agents that still get the legacy (pre-4.2, expect-driven) active-response message. */
export function legacyAgents(agents: readonly AgentInfo[] | undefined): AgentInfo[] {
  return (agents ?? []).filter((a) => {
    const v = agentVersion(a);
    return v !== undefined && (v.major < 4 || (v.major === 4 && v.minor < 2));
  });
}
