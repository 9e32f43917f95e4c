/**
 * The top-level sections of ossec.conf that Wazuh's read_main_elements knows (src/config/config.c), and in
 * which versions. A Wazuh fact used by the loader (src/wazuh/load.ts) and the schema (src/schema/).
 */
import { existsIn, type TargetVersion, type VersionSpan } from './version.ts';

export interface SectionSchema {
  name: string;
  versions: VersionSpan;
}

function section(name: string, versions: VersionSpan = {}): SectionSchema {
  return { name, versions };
}

/**
 * The children of `<ossec_config>` Wazuh's read_main_elements knows (any other name is fatal 1230).
 * Some are platform- or role-specific (Wazuh warns "only set in the manager" and goes on).
 * The spans without `approximate` are the first tag whose src/config/config.c compares the name (every v3.x and
 * v4.x tag read): cluster v3.0.0, socket v3.3.0, sca and fluent-forward v3.9.0, vulnerability-detector v3.11.0,
 * gcp-pubsub v3.13.0, rule_test, agent-upgrade and task-manager v4.1.0, gcp-bucket, github and office365 v4.3.0,
 * wdb v4.4.0, ms-graph v4.6.0, anti_tampering v4.10.0; before, each is (1230) in every daemon, agents' included.
 * client_buffer, labels, auth and logging are Wazuh v2.1.0's (OSSEC 2.x, which arctl's 2.x targets stand for, has
 * none): left approximate.
 */
export const SECTIONS: readonly SectionSchema[] = [
  section('global'),
  section('alerts'),
  section('email_alerts'),
  section('command'),
  section('active-response'),
  section('database_output'),
  section('syslog_output'),
  section('integration', { since: '1.0', approximate: true }),
  section('agentless'),
  section('syscheck'),
  section('rootcheck'),
  section('localfile'),
  section('remote'),
  section('client'),
  section('client_buffer', { since: '3.0', approximate: true }),
  section('reports'),
  section('rules', { removedIn: '3.0', approximate: true }),
  section('ruleset', { since: '3.0', approximate: true }),
  section('wodle', { since: '2.0', approximate: true }),
  section('labels', { since: '2.1', approximate: true }),
  section('auth', { since: '3.0', approximate: true }),
  section('logging', { since: '3.0', approximate: true }),
  section('cluster', { since: '3.0' }),
  section('socket', { since: '3.3' }),
  section('sca', { since: '3.9' }),
  section('vulnerability-detector', { since: '3.11', deprecatedSince: '4.8' }),
  section('vulnerability-detection', { since: '4.8' }),
  section('indexer', { since: '4.8' }),
  section('gcp-pubsub', { since: '3.13' }),
  section('gcp-bucket', { since: '4.3' }),
  section('rule_test', { since: '4.1' }),
  section('agent-upgrade', { since: '4.1' }),
  section('task-manager', { since: '4.1' }),
  section('wdb', { since: '4.4' }),
  section('fluent-forward', { since: '3.9' }),
  section('github', { since: '4.3' }),
  section('office365', { since: '4.3' }),
  section('ms-graph', { since: '4.6' }),
  section('anti_tampering', { since: '4.10' }),
  // Wazuh 5.x agents (etc/ossec-agent.conf on main).
  section('agent', { since: '5.0' }),
];

const SECTION_NAMES = new Set(SECTIONS.map((s) => s.name));

/** Whether `name` is a top-level section Wazuh knows inside `<ossec_config>` / `<agent_config>`. */
export function isKnownSection(name: string): boolean {
  return SECTION_NAMES.has(name);
}

/** Whether the target's read_main_elements knows the section (its span above); an unknown name never. */
export function sectionKnownAt(name: string, target: TargetVersion): boolean {
  const known = SECTIONS.find((s) => s.name === name);
  return known !== undefined && existsIn(known.versions, target);
}
