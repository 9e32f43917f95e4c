/**
 * Flags shared by `arctl lint` and `arctl validate`, and turning them (plus .arctl.json) into
 * engine options. Flags win over the config file.
 */
import { statSync } from 'node:fs';
import { Option, type Command } from '@commander-js/extra-typings';
import { findConfigFile, loadConfigFile, type ArctlConfig } from '../config/arctl-config.ts';
import { listArBin, loadAgents, parseManagerIp, parseRuleOption } from '../config/inputs.ts';
import { knownRuleIds } from '../lint/catalogue.ts';
import type { LintDocumentOptions, LintMode } from '../lint/engine.ts';
import { FORMAT_NAMES, type FormatName } from '../lint/formatters/index.ts';
import type { SeveritySetting } from '../lint/types.ts';
import { InputError } from '../util/errors.ts';
import { describeFsError } from '../util/read-input.ts';
import { loadRuleset, type Ruleset, type RulesetLoadProblem } from '../wazuh/ruleset.ts';
import { parseTargetVersion, TargetVersionError } from '../wazuh/version.ts';
import { DEFAULT_MANAGER_ARCH, MANAGER_ARCHES, type ManagerArch } from '../wazuh/arch.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

function parseMaxWarnings(value: string): number {
  if (!/^-?\d+$/.test(value.trim()) || Number(value) < -1) throw new InputError(`--max-warnings '${value}': expected a number of warnings (-1 = no limit)`);
  return Number(value);
}

/** Generic so commander's typed arguments survive the shared flags. */
export function addLintFlags<Args extends unknown[]>(cmd: Command<Args, {}, {}>) {
  return cmd
    .addOption(new Option('-f, --format <name>', 'output format').choices(FORMAT_NAMES).default('stylish' as FormatName))
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
    .option('--libxml2', "check the schema with libxml2 and the shipped XSD instead of arctl's own checks (same findings, slower)");
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
  libxml2?: true;
}

export interface LintSettings {
  options: LintDocumentOptions;
  configFile?: string;
  /** Rules files Wazuh would refuse or arctl could not read: worth a note, not fatal. */
  rulesetProblems: RulesetLoadProblem[];
}

/** Reads the config file and the input files the flags name, and builds the engine options. */
export function resolveLintSettings(flags: LintFlags, mode: LintMode, cwd: string): LintSettings {
  const ids = knownRuleIds();
  const configPath = flags.config ?? findConfigFile(cwd);
  const config: ArctlConfig | undefined = configPath ? loadConfigFile(configPath, ids) : undefined;
  let target;
  try {
    target = parseTargetVersion(flags.targetVersion ?? config?.targetVersion);
  } catch (error) {
    if (error instanceof TargetVersionError) throw new InputError(flags.targetVersion ? error.message : `config ${configPath}: ${error.message.replace('--target-version', 'targetVersion')}`);
    throw error;
  }
  const ruleSettings: Record<string, SeveritySetting> = { ...(config?.rules ?? {}) };
  for (const text of flags.rule) {
    const [id, severity] = parseRuleOption(text, ids);
    ruleSettings[id] = severity;
  }
  const arBinDir = flags.arBin ?? config?.arBin;
  const agentsFile = flags.agents ?? config?.agents;
  const ruleset = rulesetFromFlagOrConfig(flags.ruleset, config?.ruleset, configPath);
  const options: LintDocumentOptions = {
    mode,
    target,
    arch: flags.arch ?? config?.arch ?? DEFAULT_MANAGER_ARCH,
    ruleSettings,
    managerIps: flags.managerIp.map(parseManagerIp),
    ...(flags.libxml2 ? { schemaEngine: 'libxml2' as const } : {}),
    ...(ruleset ? { ruleset } : {}),
    ...(arBinDir ? { arBin: listArBin(arBinDir) } : {}),
    ...(agentsFile ? { agents: loadAgents(agentsFile) } : {}),
  };
  return { options, rulesetProblems: ruleset?.problems ?? [], ...(configPath ? { configFile: configPath } : {}) };
}

/**
 * The rules of --ruleset, else of the .arctl.json's `ruleset` (undefined when neither gives one). A
 * bad directory is named after where it was given: the flag, or the config file's key.
 */
export function rulesetFromFlagOrConfig(flagDirs: string[] | undefined, configDirs: string[] | undefined, configPath: string | undefined): Ruleset | undefined {
  if (flagDirs && flagDirs.length > 0) return loadRulesetOrFail(flagDirs, '--ruleset');
  if (configDirs && configDirs.length > 0) return loadRulesetOrFail(configDirs, `config ${configPath}: ruleset`);
  return undefined;
}

/** A rules directory that cannot be read is a usage error; problems inside rules files are not. */
function loadRulesetOrFail(dirs: string[], source: string): Ruleset {
  for (const dir of dirs) {
    let isDir = false;
    try {
      isDir = statSync(dir).isDirectory();
    } catch (error) {
      throw new InputError(`${source} ${dir}: ${describeFsError(error)}`);
    }
    if (!isDir) throw new InputError(`${source} ${dir}: not a directory`);
  }
  const ruleset = loadRuleset(dirs);
  if (ruleset.files.length === 0) throw new InputError(`${source} ${dirs.join(', ')}: no *.xml rules files found`);
  return ruleset;
}
