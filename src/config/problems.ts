/**
 * Why a setting or one of its inputs was refused, as a code with its arguments: the options and the
 * `.arctl.json` (./settings.ts, ./arctl-config.ts) and the files they name (./inputs.ts: the agents
 * list, the ar bin directory, the manager IPs). The caller words a problem (`describeSettingsProblem`)
 * under the names its user typed: `--agents` on the command line, `agents` in a file or an editor.
 */
import { InputError, type InputLocation } from '../util/errors.ts';
import { didYouMean } from '../util/suggest.ts';
import type { TargetVersionError } from '../wazuh/version.ts';
import { MANAGER_ARCHES } from '../wazuh/arch.ts';

/** What a refusal is about, by its setting name (the `.arctl.json` key; the CLI's flag names map from these). */
export type SettingName = 'targetVersion' | 'rules' | 'ruleset' | 'agents' | 'arBin' | 'managerIps';

/** The severities a rule can be set to, in `rules` and `--rule`. */
export const SEVERITY_WORDS = ['off', 'info', 'warning', 'error'] as const;

export type SettingsProblem =
  | { code: 'target-version'; source: SettingOrigin; error: TargetVersionError }
  | { code: 'rule-option-malformed'; text: string }
  | { code: 'rule-unknown'; id: string; knownRuleIds: readonly string[] }
  | { code: 'rule-severity-invalid'; id: string; value: string }
  | { code: 'ruleset-unreadable'; source: SettingOrigin; dir: string; reason: string }
  | { code: 'ruleset-not-directory'; source: SettingOrigin; dir: string }
  | { code: 'ruleset-empty'; source: SettingOrigin; dirs: string[] }
  | { code: 'agents-unreadable'; source: SettingOrigin; path: string; reason: string }
  /** `line` is 1-based. */
  | { code: 'agents-line-malformed'; source: SettingOrigin; path: string; line: number }
  /** `line` and `column` are 1-based. */
  | { code: 'agents-json-invalid'; source: SettingOrigin; path: string; line: number; column: number; reason: string }
  | { code: 'agents-json-not-array'; source: SettingOrigin; path: string }
  | { code: 'agents-entry-not-object'; source: SettingOrigin; path: string; index: number }
  | { code: 'agents-entry-id-invalid'; source: SettingOrigin; path: string; index: number }
  | { code: 'agents-entry-not-text'; source: SettingOrigin; path: string; index: number; key: string }
  | { code: 'ar-bin-not-directory'; source: SettingOrigin; dir: string }
  | { code: 'ar-bin-unreadable'; source: SettingOrigin; dir: string; reason: string }
  | { code: 'manager-ip-invalid'; text: string }
  | { code: 'config-unreadable'; path: string; reason: string }
  /** `line` and `column` are 1-based. */
  | { code: 'config-json-invalid'; path: string; line: number; column: number; reason: string; xml?: boolean }
  | { code: 'config-not-object'; path: string }
  | { code: 'config-key-unknown'; path: string; key: string; knownKeys: readonly string[] }
  | { code: 'config-value-empty'; path: string; key: string }
  | { code: 'config-arch-invalid'; path: string; value: string }
  | { code: 'config-ruleset-invalid'; path: string }
  | { code: 'config-rules-not-object'; path: string }
  | { code: 'config-rule-unknown'; path: string; id: string; knownRuleIds: readonly string[] }
  | { code: 'config-rule-severity-invalid'; path: string; id: string; value: unknown };

/** An option, the key of this config file, or the installation file that gave the value. */
export type SettingOrigin = { from: 'option' } | { from: 'config'; path: string } | { from: 'installation'; path: string };

/** A refused setting; its message names settings as `.arctl.json` does (callers word `problem` their own way). */
export class SettingsError extends InputError {
  constructor(readonly problem: SettingsProblem) {
    super(describeSettingsProblem(problem, (name) => name), settingsProblemLocation(problem));
  }
}

/** Where in its file a refused setting lies, when the problem says: a JSON syntax error's line and column, an agents line. */
function settingsProblemLocation(problem: SettingsProblem): InputLocation {
  if (problem.code === 'config-json-invalid' || problem.code === 'agents-json-invalid') return { file: problem.path, line: problem.line, column: problem.column };
  if (problem.code === 'agents-line-malformed') return { file: problem.path, line: problem.line };
  return {};
}

/**
 * One line for a refusal. `optionName` names an option as the user typed it (`--target-version` on the
 * command line); values from a config file are named `config PATH: key`.
 */
export function describeSettingsProblem(problem: SettingsProblem, optionName: (name: SettingName) => string): string {
  const where = (source: SettingOrigin, name: SettingName) => (source.from === 'option' ? optionName(name) : source.from === 'config' ? `config ${source.path}: ${name}` : source.path);
  // A file a setting names: the option, the config key (with the config file) or, from an installation, the file alone.
  const file = (source: SettingOrigin, name: SettingName, path: string) => (source.from === 'installation' ? path : `${where(source, name)} ${path}`);
  const agents = (problem: { source: SettingOrigin; path: string }) => file(problem.source, 'agents', problem.path);
  switch (problem.code) {
    case 'target-version':
      if (problem.source.from === 'installation') return `${problem.source.path}: ${problem.error.describe('the installed version')} (give ${optionName('targetVersion')} to check against a version arctl knows)`;
      return problem.source.from === 'option' ? problem.error.describe(optionName('targetVersion')) : `config ${problem.source.path}: ${problem.error.describe('targetVersion')}`;
    case 'rule-option-malformed':
      return `${optionName('rules')} '${problem.text}': expected RULE-ID=SEVERITY, e.g. ${optionName('rules')} trigger-too-broad=off`;
    case 'rule-unknown':
      return `${optionName('rules')}: unknown rule '${problem.id}'${didYouMean(problem.id, problem.knownRuleIds)}`;
    case 'rule-severity-invalid':
      return `${optionName('rules')} ${problem.id}: '${problem.value}' is not one of ${SEVERITY_WORDS.join(', ')}`;
    case 'ruleset-unreadable':
      return `${where(problem.source, 'ruleset')} ${problem.dir}: ${problem.reason}`;
    case 'ruleset-not-directory':
      return `${where(problem.source, 'ruleset')} ${problem.dir}: not a directory`;
    case 'ruleset-empty':
      return `${where(problem.source, 'ruleset')} ${problem.dirs.join(', ')}: no *.xml rules files found`;
    case 'agents-unreadable':
      return `${agents(problem)}: ${problem.reason}`;
    case 'agents-line-malformed':
      return `${agents(problem)}:${problem.line}: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`;
    case 'agents-json-invalid':
      return `${agents(problem)}:${problem.line}:${problem.column}: invalid JSON: ${problem.reason}`;
    case 'agents-json-not-array':
      return `${agents(problem)}: expected a JSON array of {id, name, ip, os, version, status}`;
    case 'agents-entry-not-object':
      return `${agents(problem)}: entry ${problem.index}: expected an object`;
    case 'agents-entry-id-invalid':
      return `${agents(problem)}: entry ${problem.index}: 'id' must be a numeric agent id such as "001"`;
    case 'agents-entry-not-text':
      return `${agents(problem)}: entry ${problem.index}: '${problem.key}' must be a string`;
    case 'ar-bin-not-directory':
      return `${file(problem.source, 'arBin', problem.dir)}: not a directory`;
    case 'ar-bin-unreadable':
      return `${file(problem.source, 'arBin', problem.dir)}: ${problem.reason}`;
    case 'manager-ip-invalid':
      return `${optionName('managerIps')} '${problem.text}': not an IP address`;
    case 'config-unreadable':
      return `config ${problem.path}: ${problem.reason}`;
    case 'config-json-invalid':
      return `config ${problem.path}:${problem.line}:${problem.column}: invalid JSON: ${problem.reason}${problem.xml ? " (this is XML: --config names arctl's own .arctl.json; the ossec.conf is the FILE argument, or --file where a command edits or simulates it)" : ''}`;
    case 'config-not-object':
      return `config ${problem.path}: expected a JSON object`;
    case 'config-key-unknown':
      return `config ${problem.path}: unknown key '${problem.key}'${didYouMean(problem.key, problem.knownKeys)} (known keys: ${problem.knownKeys.join(', ')})`;
    case 'config-value-empty':
      return `config ${problem.path}: '${problem.key}' must be a non-empty string`;
    case 'config-arch-invalid':
      return `config ${problem.path}: 'arch' ${JSON.stringify(problem.value)} is not one of ${MANAGER_ARCHES.join(', ')}`;
    case 'config-ruleset-invalid':
      return `config ${problem.path}: 'ruleset' must be a directory or a list of directories`;
    case 'config-rules-not-object':
      return `config ${problem.path}: 'rules' must be an object of rule id -> off | info | warning | error`;
    case 'config-rule-unknown':
      return `config ${problem.path}: rules: unknown rule '${problem.id}'${didYouMean(problem.id, problem.knownRuleIds)}`;
    case 'config-rule-severity-invalid':
      return `config ${problem.path}: rules.${problem.id}: ${JSON.stringify(problem.value)} is not one of ${SEVERITY_WORDS.join(', ')}`;
  }
}
