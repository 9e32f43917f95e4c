/**
 * Where a Wazuh installation keeps what arctl reads (paths relative to its directory, /var/ossec by
 * default), and how it states its version and role. From v4.14.7's installer (src/init/inst-functions.sh)
 * and wazuh-control (src/init/wazuh-server.sh, wazuh-client.sh), and 3.x's etc/ossec-init.conf.
 */

export const DEFAULT_INSTALLATION_DIR = '/var/ossec';

export const INSTALLATION_PATHS = {
  ossecConf: 'etc/ossec.conf',
  /** `ID NAME IP KEY` per registered agent (manager); on an agent, its own key. */
  clientKeys: 'etc/client.keys',
  /** The programs execd runs (manager and agent). */
  arBin: 'active-response/bin',
  /** The manager's alerts as JSON lines. */
  alertsJson: 'logs/alerts/alerts.json',
  /** One directory per agent group, each with the group's agent.conf. */
  sharedDir: 'etc/shared',
  /** 4.x installs (inst-functions.sh): {"version": "4.14.7", "stage": "rc1"}. */
  versionJson: 'VERSION.json',
  /** wazuh-control carries VERSION="v4.14.7" and TYPE="server" | "agent" | "local" near its top. */
  wazuhControl: 'bin/wazuh-control',
  /** Wazuh 3.x and OSSEC: VERSION="v3.13.6" and TYPE="server" in a shell-variable file. */
  ossecInitConf: 'etc/ossec-init.conf',
} as const;

/** server: a manager; local: a manager without remote agents; agent: an agent. */
export type InstallationType = 'server' | 'local' | 'agent';

/** The version in VERSION.json, or undefined when the text is not that file's shape. */
export function versionFromVersionJson(text: string): string | undefined {
  try {
    const parsed = JSON.parse(text) as { version?: unknown };
    return typeof parsed.version === 'string' && /^v?\d+\.\d+\.\d+$/.test(parsed.version.trim()) ? parsed.version.trim().replace(/^v/, '') : undefined;
  } catch {
    return undefined;
  }
}

/** VERSION="v4.14.7" and TYPE="server" of wazuh-control or ossec-init.conf (shell assignments, quotes optional). */
export function versionAndTypeFromShell(text: string): { version?: string; type?: InstallationType } {
  const version = /^VERSION="?v?(\d+\.\d+\.\d+)"?\s*$/m.exec(text)?.[1];
  const type = /^TYPE="?(server|local|agent)"?\s*$/m.exec(text)?.[1] as InstallationType | undefined;
  return { ...(version ? { version } : {}), ...(type ? { type } : {}) };
}
