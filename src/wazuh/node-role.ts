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
 * Sections only managers' daemons read: `<remote>` (remoted), `<ruleset>` (analysisd), `<cluster>`
 * (clusterd), `<auth>` (authd), and those an agent build skips with "configuration is only set in the
 * manager" (src/config/config.c:192-223, 267-282: vulnerability-detection, vulnerability-detector, indexer,
 * task-manager, wdb).
 */
const MANAGER_SECTIONS = ['remote', 'ruleset', 'cluster', 'auth', 'vulnerability-detection', 'vulnerability-detector', 'indexer', 'task-manager', 'wdb'];

/**
 * An agent's own ossec.conf: an agent section and no section only a manager reads. Agents run no analysisd,
 * so their `<active-response>` blocks are read only by execd (disabled, repeated_offenders). A `<global>`
 * does not make a manager's file: every agent daemon knows the section and skips it (read_main_elements
 * calls Read_Global only for CGLOBAL or CMAIL, modules of analysisd and maild: src/config/config.c:83-86),
 * and old OSSEC agent configurations carry one next to their `<client>`; no manager daemon reads `<client>`
 * (CCLIENT is agentd's).
 */
export function isAgentNodeConfig(config: ConfigView): boolean {
  const names = sectionNames(config);
  return hasAgentSection(config) && !MANAGER_SECTIONS.some((name) => names.has(name));
}
