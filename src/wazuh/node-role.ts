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
 * An agent's own ossec.conf: an agent section and no section a manager needs (`<remote>` for remoted,
 * `<ruleset>` for analysisd). Agents run no analysisd, so their `<active-response>` blocks are read only by
 * execd (disabled, repeated_offenders). A `<global>` does not make a manager's file: every agent daemon
 * knows the section and skips it (read_main_elements calls Read_Global only for CGLOBAL or CMAIL, modules of
 * analysisd and maild: src/config/config.c:83-86), and old OSSEC agent configurations carry one next to
 * their `<client>`; no manager daemon reads `<client>` (CCLIENT is agentd's).
 */
export function isAgentNodeConfig(config: ConfigView): boolean {
  const names = sectionNames(config);
  return hasAgentSection(config) && !names.has('remote') && !names.has('ruleset');
}
