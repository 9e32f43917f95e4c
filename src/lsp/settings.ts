/**
 * The settings an editor sends (initializationOptions, or the `arctl` section of its workspace
 * configuration), read into the library's setting options (src/config/settings.ts): each one stands for
 * the flag of the same name and, like a flag, wins over `.arctl.json`. A refused setting is worded with
 * the editor's names (`arctl.agents`), never the command line's.
 */
import { isAbsolute, resolve } from 'node:path';
import type { SettingName, SettingOptions } from '../config/settings.ts';
import { isObject } from '../util/is-object.ts';
import { isManagerArch, MANAGER_ARCHES, type ManagerArch } from '../wazuh/arch.ts';

export interface ClientSettings {
  /** --config: this .arctl.json instead of the nearest one. */
  config?: string;
  targetVersion?: string;
  /** --arch: the managers' build. */
  arch?: ManagerArch;
  ruleset?: string[];
  agents?: string;
  arBin?: string;
  managerIp?: string[];
  /** --rule id=severity, as an object. */
  rules?: Record<string, string>;
}

const PATH_KEYS = ['config', 'agents', 'arBin'] as const;

/** The editor setting that gives each of the library's settings. */
const CLIENT_KEY: Record<SettingName, keyof ClientSettings> = {
  targetVersion: 'targetVersion',
  rules: 'rules',
  ruleset: 'ruleset',
  agents: 'agents',
  arBin: 'arBin',
  managerIps: 'managerIp',
};

/** A setting as a user writes it in the editor's settings (`arctl.agents`); `describeSettingsProblem` words refusals with it. */
export function clientSettingName(name: SettingName): string {
  return `arctl.${CLIENT_KEY[name]}`;
}

/** The client's settings as the library's setting options (`config` is the request's `configFile`, not an option). */
export function settingOptionsOf(settings: ClientSettings): SettingOptions {
  return {
    rules: Object.entries(settings.rules ?? {}).map(([id, severity]) => `${id}=${severity}`),
    ruleset: settings.ruleset ?? [],
    managerIps: settings.managerIp ?? [],
    ...(settings.targetVersion ? { targetVersion: settings.targetVersion } : {}),
    ...(settings.arch ? { arch: settings.arch } : {}),
    ...(settings.agents ? { agents: settings.agents } : {}),
    ...(settings.arBin ? { arBin: settings.arBin } : {}),
  };
}

/**
 * Reads the settings object; `arctl: {...}` nesting is accepted too. Values of the wrong type are
 * reported, named as the editor names them (`arctl.ruleset`), and left out. Relative paths are resolved
 * against `base` (the workspace folder).
 */
export function parseClientSettings(raw: unknown, base: string): { settings: ClientSettings; problems: string[] } {
  const problems: string[] = [];
  const settings: ClientSettings = {};
  let obj = isObject(raw) ? raw : {};
  if (isObject(obj.arctl)) obj = obj.arctl;
  const path = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const list = (key: string): string[] | undefined => {
    const v = obj[key];
    if (v === undefined || v === null) return undefined;
    const items = typeof v === 'string' ? [v] : v;
    if (Array.isArray(items) && items.every((x) => typeof x === 'string' && x !== '')) return items as string[];
    problems.push(`arctl.${key} must be a string or a list of strings`);
    return undefined;
  };
  for (const key of ['targetVersion', ...PATH_KEYS] as const) {
    const v = obj[key];
    if (v === undefined || v === null || v === '') continue;
    if (typeof v !== 'string') problems.push(`arctl.${key} must be a string`);
    else settings[key] = key === 'targetVersion' ? v : path(v);
  }
  if (obj.arch !== undefined && obj.arch !== null && obj.arch !== '') {
    if (typeof obj.arch === 'string' && isManagerArch(obj.arch)) settings.arch = obj.arch;
    else problems.push(`arctl.arch must be one of ${MANAGER_ARCHES.join(', ')}`);
  }
  const ruleset = list('ruleset');
  if (ruleset) settings.ruleset = ruleset.map(path);
  const managerIp = list('managerIp');
  if (managerIp) settings.managerIp = managerIp;
  if (obj.rules !== undefined && obj.rules !== null) {
    if (isObject(obj.rules) && Object.values(obj.rules).every((v) => typeof v === 'string')) settings.rules = obj.rules as Record<string, string>;
    else problems.push('arctl.rules must be an object of rule id -> off | info | warning | error');
  }
  return { settings, problems };
}
