/**
 * analysisd's AR queue flags (wazuh-semantics.md §2a): ReadActiveResponses ORs REMOTE_AR (agents) and
 * LOCAL_AR (manager) into the global `ar_flag` for each accepted block, and a disabled block resets it
 * to 0. OS_Exec later drops a response whose queue was not opened, silently.
 */
import type { ActiveResponseView } from '../document/views.ts';
import type { LocationFlags } from '../wazuh/location.ts';
import type { ResponseOutcome } from './active-response.ts';

export type Queue = 'local' | 'remote';

/** The queue bits one accepted block sets (src/config/active-response.c). */
export function queuesSet(flags: LocationFlags): Set<Queue> {
  const out = new Set<Queue>();
  if (flags.server || flags.local) out.add('local');
  if (flags.all || flags.definedAgent || flags.local) out.add('remote');
  return out;
}

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
  outcomes: ReadonlyArray<{ ar: ActiveResponseView; outcome: ResponseOutcome }>,
): { wiper: ActiveResponseView; lost: Array<{ ar: ActiveResponseView; queue: Queue; where: string }> } | undefined {
  let lastDisabled = -1;
  outcomes.forEach((o, i) => {
    if (o.outcome.status === 'disabled') lastDisabled = i;
  });
  if (lastDisabled < 0) return undefined;
  const open = new Set<Queue>();
  for (const o of outcomes.slice(lastDisabled + 1)) {
    if (o.outcome.status === 'accepted') for (const q of queuesSet(o.outcome.flags)) open.add(q);
  }
  const lost: Array<{ ar: ActiveResponseView; queue: Queue; where: string }> = [];
  for (const o of outcomes.slice(0, lastDisabled)) {
    if (o.outcome.status !== 'accepted') continue;
    const need = queueNeeded(o.outcome.flags);
    if (!open.has(need.queue)) lost.push({ ar: o.ar, ...need });
  }
  return lost.length > 0 ? { wiper: outcomes[lastDisabled].ar, lost } : undefined;
}
