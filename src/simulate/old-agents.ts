/**
 * Agents --agents says run Wazuh below 4.2, under a 4.2+ manager: analysisd sends them the legacy string
 * (src/analysisd/alerts/exec.c getActiveResponseInString) and their execd is the legacy one, which runs
 * the program with positional arguments and keys its timeout list on the program and the srcip argument
 * (v4.1.5 src/os_execd/execd.c: `command[0]` and `command[3]`), with no check_keys. Their
 * active-response/bin holds the pre-4.2 scripts (`firewall-drop.sh`...), not the 4.2+ programs.
 */
import { listedAgent, type AgentInfo } from '../wazuh/agents.ts';
import { isBuiltinRestartName, PRE_4_2_SCRIPT_NAMES } from '../wazuh/programs.ts';
import type { SimResponse } from './model.ts';

/** The version of agent `target` when --agents says it runs Wazuh below 4.2 (not the manager). */
export function oldAgentVersion(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined): string | undefined {
  if (!agents || response.location.server || target === '000' || target === 'all') return undefined;
  const listed = listedAgent(agents, target);
  return listed?.format === 'legacy' ? listed.agent.version : undefined;
}

/** Why agent `target`, below 4.2, has no such program: a 4.2+ stock name whose pre-4.2 file is another. */
export function oldAgentMissing(response: SimResponse, target: string, agents: readonly AgentInfo[] | undefined, managerBefore42: boolean): string | undefined {
  const script = PRE_4_2_SCRIPT_NAMES.get(response.executable);
  // restart-ossec0, and restart-wazuh0 from a 4.2 manager on, run the host's restart-ossec.sh / .cmd there (isBuiltinRestartName).
  if (script === undefined || isBuiltinRestartName(response.name, managerBefore42)) return undefined;
  const version = oldAgentVersion(response, target, agents);
  if (version === undefined) return undefined;
  // restart-wazuh, the one program of both platforms, was restart-ossec.cmd on Windows.
  const legacy = script === 'restart-ossec.sh' && listedAgent(agents!, target)?.platform === 'windows' ? 'restart-ossec.cmd' : script;
  return `agent ${target} runs '${version}' (before 4.2), whose active-response/bin has '${legacy}', not '${response.executable}': its execd runs nothing ("Active response command not present")`;
}

/** The key a legacy execd files the run under: the srcip argument analysisd wrote ('-' without one). */
export function oldAgentKeys(srcip: string | undefined): string[] {
  return [srcip === undefined ? '-' : srcip.startsWith('::ffff:') ? srcip.slice(7) : srcip];
}
