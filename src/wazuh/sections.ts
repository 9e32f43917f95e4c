/**
 * The top-level sections of ossec.conf that Wazuh's read_main_elements knows (src/config/config.c), and in
 * which versions. A Wazuh fact used by the loader (src/wazuh/load.ts) and the schema (src/schema/).
 */
import type { VersionSpan } from './version.ts';

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
  section('cluster', { since: '3.0', approximate: true }),
  section('socket', { since: '3.3', approximate: true }),
  section('sca', { since: '3.9', approximate: true }),
  section('vulnerability-detector', { since: '3.11', deprecatedSince: '4.8', approximate: true }),
  section('vulnerability-detection', { since: '4.8' }),
  section('indexer', { since: '4.8' }),
  section('gcp-pubsub', { since: '3.12', approximate: true }),
  section('gcp-bucket', { since: '4.0', approximate: true }),
  section('rule_test', { since: '4.1', approximate: true }),
  section('agent-upgrade', { since: '4.1', approximate: true }),
  section('task-manager', { since: '4.1', approximate: true }),
  section('wdb', { since: '4.2', approximate: true }),
  section('fluent-forward', { since: '3.13', approximate: true }),
  section('github', { since: '4.3', approximate: true }),
  section('office365', { since: '4.3', approximate: true }),
  section('ms-graph', { since: '4.6', approximate: true }),
  section('anti_tampering', { since: '4.12', approximate: true }),
  // Wazuh 5.x agents (etc/ossec-agent.conf on main).
  section('agent', { since: '5.0' }),
];

const SECTION_NAMES = new Set(SECTIONS.map((s) => s.name));

/** Whether `name` is a top-level section Wazuh knows inside `<ossec_config>` / `<agent_config>`. */
export function isKnownSection(name: string): boolean {
  return SECTION_NAMES.has(name);
}
