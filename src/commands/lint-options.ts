/**
 * Flags shared by `arctl lint` and `arctl validate`, and turning them (plus .arctl.json) into
 * engine options. Flags win over the config file.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { engineOptions, lintSettingsOf } from '../api/lint-settings.ts';
import type { ResolvedSettings, SettingOptions } from '../config/settings.ts';
import type { LintDocumentOptions, LintMode } from '../lint/engine.ts';
import { FORMAT_NAMES, type FormatName } from '../lint/formatters/index.ts';
import { InputError } from '../util/errors.ts';
import type { RulesetLoadProblem } from '../wazuh/ruleset.ts';
import { MANAGER_ARCHES, type ManagerArch } from '../wazuh/arch.ts';
import type { WazuhInstallation } from '../config/installation.ts';
import { ROOT_FLAG_HELP } from './installation.ts';
import { SEVERITY_WORDS } from '../config/arctl-config.ts';
import { knownRuleIds } from '../lint/rule-ids.ts';
import { completeWith } from './completion-model.ts';
import { resolveCliSettings } from './settings.ts';
import { formatOption, TEXT_FORMAT } from './vocabulary.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) throw new InputError(`--max-warnings '${value}': expected a number of warnings (-1 = no limit)`);
  return Number(value);
}

/** Generic so commander's typed arguments survive the shared flags. */
export function addLintFlags<Args extends unknown[]>(cmd: Command<Args, {}, {}>) {
  const withFlags = cmd
    .addOption(formatOption(FORMAT_NAMES, { synonyms: { [TEXT_FORMAT]: 'stylish' } }))
    .option('-o, --output <file>', 'write the report to FILE instead of standard output')
    .option('--config <path>', 'use this .arctl.json instead of the nearest one')
    .option('--target-version <x.y[.z]>', 'Wazuh version whose behaviour to check against (default 4.14, its latest patch)')
    .addOption(new Option('--arch <build>', "the managers' build: x86_64 (default, signed char) or aarch64").choices(MANAGER_ARCHES))
    .option('--rule <id=severity>', 'set a rule to off|info|warning|error (repeatable)', collect, [] as string[])
    .option('--max-warnings <n>', 'exit 1 when there are more than N warnings', parseMaxWarnings)
    .option('--quiet', 'report errors only')
    .option('--stdin-filename <name>', 'name to use for input read from -')
    .option('--ruleset <dir>', 'Wazuh rules directory (repeatable; enables rule-id and group checks)', collect, [] as string[])
    .option('--ar-bin <dir>', 'active-response bin directory (enables executable checks)')
    .option('--agents <file>', 'client.keys or JSON list of agents (enables agent checks)')
    .option('--manager-ip <ip>', "one of the manager's IP addresses (repeatable)", collect, [] as string[])
    .option('--root <dir>', ROOT_FLAG_HELP)
    .option('--libxml2', "check the schema with libxml2 and the shipped XSD instead of arctl's own checks (same findings, slower)")
    .option('--print-config', 'print the resolved settings (.arctl.json, flags and defaults) as JSON and check nothing');
  completeWith(withFlags, '--rule', () => ({ kind: 'rule-setting', ids: knownRuleIds(), severities: SEVERITY_WORDS }));
  return withFlags;
}

export interface LintFlags {
  format: FormatName;
  output?: string;
  config?: string;
  targetVersion?: string;
  arch?: ManagerArch;
  rule: string[];
  maxWarnings?: number;
  quiet?: true;
  stdinFilename?: string;
  ruleset: string[];
  arBin?: string;
  agents?: string;
  managerIp: string[];
  root?: string;
  libxml2?: true;
  printConfig?: true;
}

export interface LintSettings {
  options: LintDocumentOptions;
  settings: ResolvedSettings;
  configFile?: string;
  /** Rules files Wazuh would refuse or arctl could not read: worth a note, not fatal. */
  rulesetProblems: RulesetLoadProblem[];
}

/**
 * Reads the config file and the input files the flags name (src/config/settings.ts), over what a Wazuh
 * installation provides, and builds the engine options.
 */
export function resolveLintSettings(flags: LintFlags, mode: LintMode, cwd: string, installation?: WazuhInstallation): LintSettings {
  const settings = resolveCliSettings({ cwd, ...(flags.config !== undefined ? { configFile: flags.config } : {}), options: settingOptionsOf(flags), ...(installation ? { installation } : {}) });
  return { options: lintOptionsOf(settings, mode, flags), settings, rulesetProblems: settings.ruleset?.rules.problems ?? [], ...(settings.configFile ? { configFile: settings.configFile } : {}) };
}

/** The flags that are settings, in the core's terms. */
function settingOptionsOf(flags: LintFlags): SettingOptions {
  return {
    rules: flags.rule,
    ruleset: flags.ruleset,
    managerIps: flags.managerIp,
    ...(flags.targetVersion !== undefined ? { targetVersion: flags.targetVersion } : {}),
    ...(flags.arch !== undefined ? { arch: flags.arch } : {}),
    ...(flags.arBin !== undefined ? { arBin: flags.arBin } : {}),
    ...(flags.agents !== undefined ? { agents: flags.agents } : {}),
  };
}

/** The lint engine's options for resolved settings, as the library lints with them. */
export function lintOptionsOf(settings: ResolvedSettings, mode: LintMode, flags: { libxml2?: true } = {}): LintDocumentOptions {
  return { ...engineOptions(lintSettingsOf(settings), mode), ...(flags.libxml2 ? { schemaEngine: 'libxml2' as const } : {}) };
}
