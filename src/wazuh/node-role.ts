/** Which kind of node an ossec.conf configures: a manager (analysisd, maild, execd) or an agent (execd only). */
import type { ConfigView } from '../document/views.ts';

/** Every lint rule asks about the node: the section names are collected once per configuration view. */
const sectionNamesByConfig = new WeakMap<ConfigView, Set<string>>();

function sectionNames(config: ConfigView): Set<string> {
  let names = sectionNamesByConfig.get(config);
  if (!names) sectionNamesByConfig.set(config, (names = new Set(config.roots.flatMap((r) => r.children.map((c) => c.name)))));
  return names;
}

/** A root has an agent's connection section: `<client>` (5.x: `<agent>`). */
export function hasAgentSection(config: ConfigView): boolean {
  const names = sectionNames(config);
  return names.has('client') || names.has('agent');
}

/**
 * An agent's own ossec.conf: an agent section and no manager-only block. Agents run no analysisd, so their
 * `<active-response>` blocks are read only by execd (disabled, repeated_offenders).
 */
export function isAgentNodeConfig(config: ConfigView): boolean {
  const names = sectionNames(config);
  return hasAgentSection(config) && !names.has('global') && !names.has('remote') && !names.has('ruleset');
}
