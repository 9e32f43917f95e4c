/**
 * The command line's side of settings resolution (src/config/settings.ts): the same request for every
 * command, and refusals worded with the flags a user types.
 */
import { describeSettingsProblem, resolveSettings, SettingsError, type ResolvedSettings, type SettingName, type SettingsRequest } from '../config/settings.ts';
import { knownRuleIds } from '../lint/catalogue.ts';
import { InputError } from '../util/errors.ts';

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
    return resolveSettings({ ...request, knownRuleIds: knownRuleIds() });
  } catch (error) {
    if (error instanceof SettingsError) throw new InputError(describeSettingsProblem(error.problem, flagOf));
    throw error;
  }
}
