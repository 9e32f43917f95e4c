/**
 * Zero-config on a Wazuh host, the command line's side: when to look for an installation (--root DIR,
 * or no input named and no ./ossec.conf while /var/ossec has one) and one line on standard error for
 * each input taken from it, so a user sees what was checked and which flag would change it.
 */
import { existsSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { findInstallation, type WazuhInstallation } from '../config/installation.ts';
import type { ResolvedSettings } from '../config/settings.ts';
import { DEFAULT_INSTALLATION_DIR, INSTALLATION_PATHS } from '../wazuh/installation-layout.ts';
import { writeErr } from './output.ts';

export const ROOT_FLAG_HELP = `a Wazuh installation (default ${DEFAULT_INSTALLATION_DIR} when no file is named and there is no ./ossec.conf): its ossec.conf and shared agent.conf, the rules its <ruleset> loads, client.keys, active-response/bin and version`;

/**
 * The installation a run reads: the one --root names, else /var/ossec when the command was given no
 * input (`namedInput`) and the working directory has no ossec.conf; undefined otherwise.
 */
export function hostInstallation(root: string | undefined, namedInput: boolean, cwd: string): WazuhInstallation | undefined {
  if (root !== undefined) return findInstallation(resolve(cwd, root));
  if (namedInput || existsSync(join(cwd, 'ossec.conf'))) return undefined;
  return existsSync(join(DEFAULT_INSTALLATION_DIR, INSTALLATION_PATHS.ossecConf)) ? findInstallation(DEFAULT_INSTALLATION_DIR) : undefined;
}

/** One line per input the run takes from the installation (inputs given by flag or .arctl.json are not named). */
export function reportInstallation(installation: WazuhInstallation, settings: ResolvedSettings, configFiles: readonly string[], alerts?: string): void {
  const at = (path: string) => relative(installation.root, path) || '.';
  const what = [installation.type, settings.sources.targetVersion === 'installation' && installation.version ? `${installation.version.text} (${at(installation.version.file)})` : undefined].filter(Boolean);
  const lines = [`Wazuh installation ${installation.root}${what.length > 0 ? `: ${what.join(' ')}` : ''}`];
  if (configFiles.length > 0) lines.push(`configuration: ${configFiles.map(at).join(', ')}`);
  if (settings.sources.ruleset === 'installation' && settings.ruleset && installation.ruleset) {
    const { selection } = installation.ruleset;
    const excluded = selection.excluded.length > 0 ? `; ${selection.excluded.length} excluded` : '';
    lines.push(`ruleset: ${settings.ruleset.rules.files.length} rules files as ${at(installation.ossecConf)} <ruleset> loads them (${selection.dirs.join(', ')}${excluded})`);
  }
  if (settings.sources.agents === 'installation' && settings.agents) lines.push(`agents: ${at(settings.agents.file)} (${settings.agents.list.length} registered)`);
  if (alerts !== undefined) lines.push(`alerts: ${at(alerts)}`);
  if (settings.sources.arBin === 'installation' && settings.arBin) lines.push(`active-response programs: ${at(settings.arBin.dir)} (${settings.arBin.files.size})`);
  writeErr(lines.map((line) => `arctl: ${line}\n`).join(''));
}
