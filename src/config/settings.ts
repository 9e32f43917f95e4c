/**
 * Settings resolution, once for every command: the options a user gave (flags, or an editor's settings)
 * over the `.arctl.json` (the one named, else the nearest walking up from `cwd`) over the defaults.
 * Reads the files it names (the config file, rules directories, the ar bin directory, the agents list)
 * and nothing else. A refused value is a `SettingsError` carrying a code and its arguments; the caller
 * words it (`describeSettingsProblem`) under the names its user typed (`--target-version` on the command
 * line, `targetVersion` in a file).
 */
import { statSync } from 'node:fs';
import type { SeveritySetting } from '../util/severity.ts';
import { describeFsError } from '../util/read-input.ts';
import type { AgentInfo } from '../wazuh/agents.ts';
import { DEFAULT_MANAGER_ARCH, type ManagerArch } from '../wazuh/arch.ts';
import { loadRuleset, loadRulesetFiles, type Ruleset } from '../wazuh/ruleset.ts';
import { parseTargetVersion, TargetVersionError, type TargetVersion } from '../wazuh/version.ts';
import { findConfigFile, loadConfigFile, parseSeverity, type ArctlConfig } from './arctl-config.ts';
import { listArBin, readAgentsFile, parseManagerIp, type DuplicateKeyId } from './inputs.ts';
import { SettingsError, type SettingOrigin } from './problems.ts';
import type { WazuhInstallation } from './installation.ts';

export { describeSettingsProblem, SettingsError, type SettingName, type SettingOrigin, type SettingsProblem } from './problems.ts';

/** The settings a user can give as options: each wins over the `.arctl.json` key of the same name. */
export interface SettingOptions {
  targetVersion?: string;
  arch?: ManagerArch;
  /** `RULE-ID=SEVERITY` each (`--rule`), applied in order over the config file's `rules`. */
  rules?: readonly string[];
  ruleset?: readonly string[];
  arBin?: string;
  agents?: string;
  managerIps?: readonly string[];
}

/** The inputs beyond the config file that a command reads; each is loaded only when asked for. */
export type SettingInput = 'ruleset' | 'arBin' | 'agents';
export const ALL_SETTING_INPUTS: readonly SettingInput[] = ['ruleset', 'arBin', 'agents'];

export interface SettingsRequest {
  /** Where the search for the nearest `.arctl.json` starts. */
  cwd: string;
  /** This `.arctl.json` instead of the nearest one. */
  configFile?: string;
  options?: SettingOptions;
  /** Rule ids `rules` may name (the lint catalogue's). */
  knownRuleIds: readonly string[];
  /** Default: all of them. */
  inputs?: readonly SettingInput[];
  /**
   * A Wazuh installation found on this host or named by --root (./installation.ts): its version, rules
   * files, active-response programs and client.keys are the defaults under options and the config file.
   */
  installation?: WazuhInstallation;
}

/** Where a setting's value came from. */
export type SettingSource = 'option' | 'config' | 'installation' | 'default';

export interface ResolvedSettings {
  /** The `.arctl.json` read, if any. */
  configFile?: string;
  target: TargetVersion;
  arch: ManagerArch;
  /** Severity per rule id: the config file's `rules`, then the options' in order. */
  ruleSettings: Record<string, SeveritySetting>;
  managerIps: string[];
  /** The rules directories (an installation's `<rule_dir>`s) and what was read from them. */
  ruleset?: { dirs: string[]; rules: Ruleset };
  arBin?: { dir: string; files: Set<string> };
  /** `duplicates`: client.keys lines whose id an earlier line has (only when there are some). */
  agents?: { file: string; list: AgentInfo[]; duplicates?: DuplicateKeyId[] };
  /** Where each setting came from. */
  sources: Record<'targetVersion' | 'arch' | 'ruleset' | 'arBin' | 'agents', SettingSource>;
}

/**
 * The settings a run uses. Order of checks (and so which refusal a user sees first): the config file,
 * the target version, the rule severities, the ruleset, the manager IPs, the ar bin directory, the agents.
 */
export function resolveSettings(request: SettingsRequest): ResolvedSettings {
  const options = request.options ?? {};
  const inputs = request.inputs ?? ALL_SETTING_INPUTS;
  const configFile = request.configFile ?? findConfigFile(request.cwd);
  const config: ArctlConfig | undefined = configFile ? loadConfigFile(configFile, request.knownRuleIds) : undefined;
  const configOrigin: SettingOrigin = configFile ? { from: 'config', path: configFile } : { from: 'option' };
  const installation = request.installation;
  // A file named by an option, by the config file, or else found in the installation (`file` itself).
  const originOf = (option: unknown, fromConfig: unknown, file: string): SettingOrigin =>
    option !== undefined ? { from: 'option' } : fromConfig !== undefined ? configOrigin : { from: 'installation', path: file };
  const source = (option: unknown, fromConfig: unknown, fromInstallation?: unknown): SettingSource =>
    option !== undefined ? 'option' : fromConfig !== undefined ? 'config' : fromInstallation !== undefined ? 'installation' : 'default';

  const versionText = options.targetVersion ?? config?.targetVersion ?? installation?.version?.text;
  let target: TargetVersion;
  try {
    target = parseTargetVersion(versionText);
  } catch (error) {
    if (error instanceof TargetVersionError) {
      const origin: SettingOrigin =
        options.targetVersion !== undefined ? { from: 'option' } : config?.targetVersion !== undefined ? configOrigin : { from: 'installation', path: installation?.version?.file ?? '' };
      throw new SettingsError({ code: 'target-version', source: origin, error });
    }
    throw error;
  }

  const ruleSettings: Record<string, SeveritySetting> = { ...(config?.rules ?? {}) };
  for (const text of options.rules ?? []) {
    const [id, severity] = parseRuleSetting(text, request.knownRuleIds);
    ruleSettings[id] = severity;
  }

  const flagDirs = options.ruleset && options.ruleset.length > 0 ? [...options.ruleset] : undefined;
  const configDirs = config?.ruleset && config.ruleset.length > 0 ? config.ruleset : undefined;
  const rulesetDirs = flagDirs ?? configDirs;
  // An installation's rules: the files its analysisd loads, in that order (an empty list loads none).
  const installedRules = !rulesetDirs && installation?.ruleset && installation.ruleset.files.length > 0 ? installation.ruleset : undefined;
  const ruleset = !inputs.includes('ruleset')
    ? undefined
    : rulesetDirs
      ? { dirs: rulesetDirs, rules: loadRulesetOrFail(rulesetDirs, flagDirs ? { from: 'option' } : configOrigin) }
      : installedRules
        ? { dirs: installedRules.dirs, rules: loadRulesetFiles(installedRules.files) }
        : undefined;

  const managerIps = (options.managerIps ?? []).map(parseManagerIp);
  const arBinDir = options.arBin ?? config?.arBin ?? installation?.arBin;
  const agentsFile = options.agents ?? config?.agents ?? installation?.clientKeys;
  return {
    ...(configFile ? { configFile } : {}),
    target,
    arch: options.arch ?? config?.arch ?? DEFAULT_MANAGER_ARCH,
    ruleSettings,
    managerIps,
    ...(ruleset ? { ruleset } : {}),
    ...(inputs.includes('arBin') && arBinDir ? { arBin: listArBin(arBinDir, originOf(options.arBin, config?.arBin, arBinDir)) } : {}),
    ...(inputs.includes('agents') && agentsFile ? { agents: agentsSetting(agentsFile, originOf(options.agents, config?.agents, agentsFile)) } : {}),
    sources: {
      targetVersion: source(options.targetVersion, config?.targetVersion, installation?.version),
      arch: source(options.arch, config?.arch),
      ruleset: flagDirs ? 'option' : configDirs ? 'config' : installedRules ? 'installation' : 'default',
      arBin: source(options.arBin, config?.arBin, installation?.arBin),
      agents: source(options.agents, config?.agents, installation?.clientKeys),
    },
  };
}

/** `RULE-ID=SEVERITY` (`warn` accepted, as ESLint spells it). */
export function parseRuleSetting(text: string, knownRuleIds: readonly string[]): [string, SeveritySetting] {
  const eq = text.indexOf('=');
  if (eq <= 0) throw new SettingsError({ code: 'rule-option-malformed', text });
  const id = text.slice(0, eq).trim();
  const value = text.slice(eq + 1);
  const severity = parseSeverity(value);
  if (!knownRuleIds.includes(id)) throw new SettingsError({ code: 'rule-unknown', id, knownRuleIds });
  if (!severity) throw new SettingsError({ code: 'rule-severity-invalid', id, value });
  return [id, severity];
}

/** A rules directory that cannot be read is refused; problems inside rules files are not (they travel in the ruleset). */
function loadRulesetOrFail(dirs: string[], source: SettingOrigin): Ruleset {
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (error) {
      throw new SettingsError({ code: 'ruleset-unreadable', source, dir, reason: describeFsError(error) });
    }
    if (!isDir) throw new SettingsError({ code: 'ruleset-not-directory', source, dir });
  }
  const ruleset = loadRuleset(dirs);
  if (ruleset.files.length === 0) throw new SettingsError({ code: 'ruleset-empty', source, dirs });
  return ruleset;
}

/** The resolved settings as plain JSON data (`--print-config`): the `.arctl.json` keys, then where each came from. */
export function settingsAsJson(settings: ResolvedSettings, files: { ignoreFile?: string } = {}) {
  const { target } = settings;
  return {
    configFile: settings.configFile ?? null,
    ignoreFile: files.ignoreFile ?? null,
    targetVersion: target.text,
    targetRelease: `${target.major}.${target.minor}.${target.patch}`,
    arch: settings.arch,
    rules: Object.fromEntries(Object.entries(settings.ruleSettings).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
    ruleset: settings.ruleset ? { dirs: settings.ruleset.dirs, files: settings.ruleset.rules.files.length, rules: settings.ruleset.rules.rules.size } : null,
    arBin: settings.arBin ? { dir: settings.arBin.dir, files: settings.arBin.files.size } : null,
    agents: settings.agents ? { file: settings.agents.file, count: settings.agents.list.length } : null,
    managerIps: settings.managerIps,
    sources: settings.sources,
  };
}

function agentsSetting(file: string, origin: SettingOrigin): NonNullable<ResolvedSettings['agents']> {
  const { list, duplicates } = readAgentsFile(file, origin);
  return { file, list, ...(duplicates.length > 0 ? { duplicates } : {}) };
}
