/** Which kind of node an ossec.conf configures: a manager (analysisd, maild, execd) or an agent (execd only). */
import type { ConfigView } from '../document/views.ts';
import { agentSystem } from './load-agent.ts';

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
 * Sections that make a file with an agent section a manager's: `<remote>` (a manager's wazuh-remoted exits without it,
 * "Remoted connection is not configured.", also under -t, src/remoted/main.c:158-161: no manager starts without it),
 * `<ruleset>` (analysisd's rules) and `<cluster>` (clusterd), the sections a manager's file is made of. No agent
 * daemon reads any of them (CREMOTE, CRULES and CCLUSTER are remoted's, analysisd's and clusterd's).
 */
const MANAGER_SECTIONS = ['remote', 'ruleset', 'cluster'];

/**
 * Sections only managers' daemons read, which agents' daemons pass over: `<auth>` (wazuh-authd's; on an agent
 * read_main_elements calls Read_Authd only for CAUTHD, src/config/config.c:238-241), and those an agent build skips
 * with "configuration is only set in the manager" (config.c:198, 214, 222, 273, 281: vulnerability-detection,
 * vulnerability-detector, indexer, task-manager, wdb). Agent files copied from a manager's carry them next to their
 * `<client>` (a Kubernetes agent's file with `<auth>` and `<vulnerability-detector>`): they do not make a manager's file.
 */
export const MANAGER_ONLY_SECTIONS: readonly string[] = ['auth', 'vulnerability-detection', 'vulnerability-detector', 'indexer', 'task-manager', 'wdb'];

/**
 * Alert and e-mail sections: read only with CGLOBAL, CMAIL and CALERTS (src/config/config.c:83-92, :125-128), the
 * modules of analysisd and wazuh-maild, so no agent daemon reads them (`<global>`'s `<white_list>` included).
 */
export const ALERT_SECTIONS: readonly string[] = ['global', 'email_alerts', 'alerts'];

/**
 * Sections agents pass over in a shared agent.conf: `<command>` (analysisd binds commands; an agent's execd runs
 * those of the ar.conf the manager shares, src/os_execd/exec.c ReadExecConfig), ALERT_SECTIONS and
 * MANAGER_ONLY_SECTIONS. ar-in-agent-conf warns about each; editor completion does not offer them there.
 */
export const AGENT_IGNORED_SECTIONS: readonly string[] = ['command', ...ALERT_SECTIONS, ...MANAGER_ONLY_SECTIONS];

/** Why agents pass over a section of AGENT_IGNORED_SECTIONS in a shared agent.conf (a clause), or undefined for a section they read. */
export function agentIgnoredReason(name: string): string | undefined {
  if (name === 'command') return "commands are bound by the manager's analysisd; an agent's execd runs those of the ar.conf the manager shares";
  if (ALERT_SECTIONS.includes(name)) return "alerts and e-mail are the manager's (analysisd, maild)";
  if (MANAGER_ONLY_SECTIONS.includes(name)) return "only the manager's daemons read it";
  return undefined;
}

/**
 * An agent's own ossec.conf: an agent section, or what a Windows agent's file reads (an eventchannel or eventlog
 * `<localfile>`, `C:\` and `%WINDIR%` paths: ./load-agent.ts agentSystem, only Windows' signs), and none of the
 * sections a manager's file is made of. Managers run on Linux only (the manager packages and the server install
 * type: a Windows host installs the agent), so a file that reads the Windows event log is an agent's even without
 * its `<client>`: Wazuh 2.0's Windows template (src/win32/ossec.conf at v2.0) has none, the agent's manager program
 * writes it when given the manager's address (set_ossec_server, src/win32/ui/common.c:389-414 at v2.0). Agents run no
 * analysisd, so their `<active-response>` blocks are read only by execd (disabled, repeated_offenders). A `<global>`
 * does not make a manager's file: every agent daemon knows the section and skips it (read_main_elements
 * calls Read_Global only for CGLOBAL or CMAIL, modules of analysisd and maild: src/config/config.c:83-86),
 * and old OSSEC agent configurations carry one next to their `<client>`; nor does a section of MANAGER_ONLY_SECTIONS;
 * no manager daemon reads `<client>` (CCLIENT is agentd's).
 */
export function isAgentNodeConfig(config: ConfigView): boolean {
  let agent = agentByConfig.get(config);
  if (agent === undefined) {
    const names = sectionNames(config);
    agent = !MANAGER_SECTIONS.some((name) => names.has(name)) && (hasAgentSection(config) || agentSystem(config).system === 'windows');
    agentByConfig.set(config, agent);
  }
  return agent;
}

/** Every lint rule asks: the answer is found once per configuration view. */
const agentByConfig = new WeakMap<ConfigView, boolean>();
