/**
 * The sections read_main_elements (src/config/config.c, v4.14) knows inside `<ossec_config>`, as every
 * daemon's start-up reads them: anything else is `(1230): Invalid element in the configuration`, and so
 * is a section of the first list written without child elements (`<global/>`, `<command></command>`):
 * its branch tests `chld_node` first and falls through to the error.
 */

/** Sections read only when they have children; empty, they are (1230). */
const NEED_CHILDREN = [
  'global', 'email_alerts', 'database_output', 'syslog_output', 'integration', 'agentless', 'ruleset', 'alerts',
  'localfile', 'remote', 'client', 'anti_tampering', 'command', 'active-response', 'reports', 'labels', 'cluster',
  'socket', 'rule_test', 'agent-upgrade', 'task-manager', 'wdb', 'github', 'office365', 'ms-graph',
] as const;

/** Sections accepted with or without children (`<logging/>`, `<syscheck/>`, `<wodle name="x"/>`). */
const ANY_CONTENT = [
  'syscheck', 'rootcheck', 'client_buffer', 'wodle', 'sca', 'vulnerability-detection', 'vulnerability-detector',
  'indexer', 'gcp-pubsub', 'gcp-bucket', 'fluent-forward', 'auth', 'logging',
] as const;

const needChildren = new Set<string>(NEED_CHILDREN);
const anyContent = new Set<string>(ANY_CONTENT);

/** Every section name read_main_elements knows (case-sensitive, as strcmp compares). */
export const MAIN_SECTIONS: readonly string[] = [...NEED_CHILDREN, ...ANY_CONTENT];

/**
 * Sections of older read_main_elements (OSSEC 2.x, Wazuh 3.x) that 4.14 no longer has. Targets before
 * 4.14 are read with them known (and `<rules>` with or without children): the version spans of the
 * schema data say which of the 4.14 names an older release lacks.
 */
const LEGACY_NEED_CHILDREN = new Set(['analysis', 'mail', 'csyslog', 'logcollector', 'monitor', 'exec', 'integrator', 'download']);
const LEGACY_ANY_CONTENT = new Set(['rules', 'modules', 'database']);

/**
 * Whether read_main_elements accepts this section as written (known, and with children when it needs
 * them). `legacy`: the target is older than 4.14, whose table is the only one checked against the source.
 */
export function mainSectionAccepted(name: string, hasChildren: boolean, legacy = false): boolean {
  if (anyContent.has(name) || (needChildren.has(name) && hasChildren)) return true;
  return legacy && (LEGACY_ANY_CONTENT.has(name) || (LEGACY_NEED_CHILDREN.has(name) && hasChildren));
}

/** Whether the name is a section of 4.14's read_main_elements at all. */
export function isMainSection(name: string): boolean {
  return needChildren.has(name) || anyContent.has(name);
}
