/**
 * Daemon names in rule messages. A template names a daemon Wazuh renamed in 4.2 with a placeholder
 * (`{{maild}}`, `{{analysisd}}`, ...): the engine puts the target's name in the finding's data
 * (`ossec-maild` before 4.2, `wazuh-maild` from it: src/wazuh/load-log.ts daemonName), and the message is
 * formatted late from it like any other value. Daemons Wazuh named (wazuh-modulesd, wazuh-db, ...) are written out.
 */
import { daemonName, type WazuhDaemon } from '../wazuh/load-log.ts';
import type { TargetVersion } from '../wazuh/version.ts';

/** The placeholders and the daemon each names. */
export const DAEMON_PLACEHOLDERS: Readonly<Record<string, WazuhDaemon>> = {
  analysisd: 'wazuh-analysisd',
  maild: 'wazuh-maild',
  execd: 'wazuh-execd',
  agentd: 'wazuh-agentd',
  syscheckd: 'wazuh-syscheckd',
  logcollector: 'wazuh-logcollector',
  authd: 'wazuh-authd',
  remoted: 'wazuh-remoted',
  integratord: 'wazuh-integratord',
  csyslogd: 'wazuh-csyslogd',
  agentlessd: 'wazuh-agentlessd',
  monitord: 'wazuh-monitord',
  control: 'wazuh-control',
};

const PLACEHOLDER = /\{\{\s*(\w+)\s*\}\}/g;

/** The daemon names `templates` name by placeholder, as the target calls them: data for the finding. */
export function daemonData(templates: readonly (string | undefined)[], target: TargetVersion): Record<string, string> {
  const out: Record<string, string> = {};
  for (const template of templates) {
    for (const [, key] of (template ?? '').matchAll(PLACEHOLDER)) {
      const daemon = Object.hasOwn(DAEMON_PLACEHOLDERS, key!) ? DAEMON_PLACEHOLDERS[key!] : undefined;
      if (daemon) out[key!] = daemonName(daemon, target);
    }
  }
  return out;
}

/** Whether a template names a renamed daemon (the docs say how the name follows the target). */
export function namesRenamedDaemon(template: string): boolean {
  return [...template.matchAll(PLACEHOLDER)].some(([, key]) => Object.hasOwn(DAEMON_PLACEHOLDERS, key!));
}

/** A template as the docs show it: daemon placeholders written as the current names (wazuh-maild). */
export function withCurrentDaemonNames(template: string): string {
  return template.replace(PLACEHOLDER, (whole, key: string) => (Object.hasOwn(DAEMON_PLACEHOLDERS, key) ? DAEMON_PLACEHOLDERS[key]! : whole));
}

/** A text a rule builds for its data with daemon placeholders, the names filled in as the target calls them. */
export function withDaemonNames(text: string, target: TargetVersion): string {
  const names = daemonData([text], target);
  return text.replace(PLACEHOLDER, (whole, key: string) => names[key] ?? whole);
}
