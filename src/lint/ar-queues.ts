/**
 * analysisd's AR queue flags (wazuh-semantics.md §2a): ReadActiveResponses ORs REMOTE_AR (agents) and
 * LOCAL_AR (manager) into the global `ar_flag` for each accepted block, and a disabled block resets it
 * to 0; src/wazuh/load.ts computes the result (arQueues). OS_Exec later drops, silently, a response
 * whose queue was not opened.
 */
import type { AnalysisdConfig, LoadedResponse } from '../wazuh/load.ts';
import type { LocationFlags } from '../wazuh/location.ts';

export type Queue = 'local' | 'remote';

/** The queue OS_Exec needs to deliver the response (server wins; `local` from agents needs the agent queue). */
export function queueNeeded(flags: LocationFlags): { queue: Queue; where: string } {
  if (flags.server) return { queue: 'local', where: 'on the manager' };
  if (flags.all) return { queue: 'remote', where: 'on all agents' };
  if (flags.definedAgent) return { queue: 'remote', where: 'on the given agent' };
  return { queue: 'remote', where: 'on the agents' };
}

/**
 * The accepted responses placed before the last disabled block whose queue ends up closed, and that
 * last disabled block; undefined when nothing is lost.
 */
export function lostQueueResponses(
  model: AnalysisdConfig,
): { wiper: LoadedResponse; lost: Array<{ response: LoadedResponse; queue: Queue; where: string }> } | undefined {
  const wiper = model.responses.filter((r) => r.status === 'disabled').pop();
  if (!wiper) return undefined;
  const lost: Array<{ response: LoadedResponse; queue: Queue; where: string }> = [];
  for (const response of model.activeResponses) {
    if (response.index > wiper.index) break;
    const need = queueNeeded(response.location);
    if (!model.arQueues[need.queue]) lost.push({ response, ...need });
  }
  return lost.length > 0 ? { wiper, lost } : undefined;
}
