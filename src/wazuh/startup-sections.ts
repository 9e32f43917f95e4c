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
 * OSSEC's sections that no Wazuh release reads: OSSEC 2.x's read_main_elements has `osrules = "rules"`,
 * every Wazuh tag from v2.0 to v4.14.7 `osrules = "ruleset"` (src/config/config.c:27 at v4.14.7), so
 * `<rules>` is (1230) from Wazuh 2.0 on. arctl's 2.x targets stand for OSSEC 2.x, which reads it (with or
 * without children). Each maps to the Wazuh section that took its place.
 */
export const OSSEC_SECTIONS: ReadonlyMap<string, string> = new Map([['rules', 'ruleset']]);

/**
 * What to say after Wazuh's (1230) for an OSSEC section: where Wazuh reads that instead. Wazuh's <ruleset>
 * takes <rule_include>, <rule_dir>, <decoder_include>, <decoder_dir>... and refuses OSSEC's <include>
 * (src/config/rules-config.c:99-105 and :239, the same names since v2.0).
 */
export function ossecSectionHint(name: string): string {
  return ` <${name}> is OSSEC's section: Wazuh reads its rule and decoder files from <${OSSEC_SECTIONS.get(name) ?? name}> (<rule_include>, <rule_dir>, <decoder_dir>; not <include>).`;
}

/**
 * What to say after Wazuh's (1230) for OSSEC's `<include>` written inside `<ruleset>` (OSSEC's `<rules><include>`
 * carried over): Read_Rules knows rule_include, rule_dir, list, decoder_include, decoder_dir, rule_exclude and
 * decoder_exclude (src/config/rules-config.c:99-105, the same names since Wazuh v2.0) and stops at any other
 * element with XML_INVELEM (:239-242). Undefined for any other element.
 */
export function ossecRulesetOptionHint(name: string, parent: string | undefined): string | undefined {
  if (name !== 'include' || parent !== OSSEC_SECTIONS.get('rules')) return undefined;
  return ` <include> is OSSEC's <rules> syntax: Wazuh's <${parent}> reads a rule file from <rule_include> (a folder from <rule_dir>, decoders from <decoder_include> and <decoder_dir>).`;
}

/**
 * Whether read_main_elements accepts this section as written (known, and with children when it needs
 * them). `ossec`: the target is OSSEC 2.x (arctl's 2.x targets), which also reads OSSEC_SECTIONS.
 */
export function mainSectionAccepted(name: string, hasChildren: boolean, ossec = false): boolean {
  if (anyContent.has(name) || (needChildren.has(name) && hasChildren)) return true;
  return ossec && OSSEC_SECTIONS.has(name);
}

/** Whether the name is a section of 4.14's read_main_elements at all. */
export function isMainSection(name: string): boolean {
  return needChildren.has(name) || anyContent.has(name);
}
