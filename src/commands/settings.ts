/**
 * The command line's side of settings resolution (src/config/settings.ts): the same request for every
 * command, and refusals worded with the flags a user types.
 */
import { describeSettingsProblem, resolveSettings, SettingsError, type ResolvedSettings, type SettingName, type SettingsRequest } from '../config/settings.ts';
import { knownRuleIds } from '../lint/rule-ids.ts';
import type { DuplicateKeyId } from '../config/inputs.ts';
import { InputError } from '../util/errors.ts';
import { writeErr } from './output.ts';

const FLAG_OF: Record<SettingName, string> = {
  targetVersion: '--target-version',
  rules: '--rule',
  ruleset: '--ruleset',
  agents: '--agents',
  arBin: '--ar-bin',
  managerIps: '--manager-ip',
};

export function flagOf(name: SettingName): string {
  return FLAG_OF[name];
}

/** resolveSettings with the lint catalogue's rule ids; a refusal is one line naming the flag or the config key. */
export function resolveCliSettings(request: Omit<SettingsRequest, 'knownRuleIds'>): ResolvedSettings {
  try {
    const settings = resolveSettings({ ...request, knownRuleIds: knownRuleIds() });
    for (const d of settings.agents?.duplicates ?? []) writeErr(duplicateKeyIdNote(settings.agents!.file, d));
    return settings;
  } catch (error) {
    if (error instanceof SettingsError) throw new InputError(describeSettingsProblem(error.problem, flagOf));
    throw error;
  }
}

/** Said on standard error for each client.keys line whose id an earlier line has: Wazuh keeps the first (DuplicateKeyId). */
export function duplicateKeyIdNote(file: string, d: DuplicateKeyId): string {
  return `arctl: ${file}:${d.line}: agent id ${d.id} is on line ${d.firstLine} too: Wazuh's key store keeps the first line of an id (remoted finds agent ${d.id} as '${d.firstName}'), so this line's '${d.name}' gets nothing sent to ${d.id}; arctl reads it so too\n`;
}
