/**
 * Location all hands every alert one list of targets: every active agent --agents names (hundreds of thousands
 * at most). What a note learns by walking that list depends on the response, the list and the agents, not on
 * the alert, so each note keeps its answer for the list last walked, per response, and an alert that brings
 * the same list (the same array, or one with the same targets) gets it without the walk. `key` names whatever
 * else the answer depends on (the target version, the alert's cluster node...): each key's answer is kept, up to
 * KEYS_KEPT of them. A single target is not kept: its walk is one look-up.
 */
import type { AgentInfo } from '../wazuh/agents.ts';
import type { SimResponse } from './model.ts';

interface Kept<T> {
  targets: readonly string[];
  agents: readonly AgentInfo[] | undefined;
  values: Map<string, T>;
}

/** Keys kept per response and list: a few cluster nodes at most in real alerts; past this, start again. */
const KEYS_KEPT = 64;

/** One note's answers, per response. */
export class TargetListMemo<T> {
  private readonly kept = new WeakMap<SimResponse, Kept<T>>();

  get(response: SimResponse, targets: readonly string[], agents: readonly AgentInfo[] | undefined, key: string, walk: () => T): T {
    if (targets.length < 2) return walk();
    let last = this.kept.get(response);
    if (last === undefined || last.agents !== agents || !sameTargets(last.targets, targets)) {
      last = { targets, agents, values: new Map() };
      this.kept.set(response, last);
    }
    if (last.values.has(key)) return last.values.get(key)!;
    const value = walk();
    if (last.values.size >= KEYS_KEPT) last.values.clear();
    last.values.set(key, value);
    return value;
  }
}

/** Whether two target lists hold the same targets in the same order (copies of one list compare element by element, fast). */
export function sameTargets(a: readonly string[], b: readonly string[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}
