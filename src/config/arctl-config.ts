/**
 * `.arctl.json`: the nearest one walking up from the working directory, or --config PATH.
 * Unknown keys and rule ids are SettingsErrors naming the key (./problems.ts). Paths are relative to the file.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SeveritySetting } from '../util/severity.ts';
import { isManagerArch, type ManagerArch } from '../wazuh/arch.ts';
import { readSettingsFile } from './inputs.ts';
import { JsonTextError, parseJsonText } from '../util/json-text.ts';
import { SettingsError, SEVERITY_WORDS } from './problems.ts';

export { SEVERITY_WORDS };

export const CONFIG_FILE_NAME = '.arctl.json';

export interface ArctlConfig {
  path: string;
  targetVersion?: string;
  rules: Record<string, SeveritySetting>;
  /** Absolute directories. */
  ruleset?: string[];
  arBin?: string;
  agents?: string;
  /** The managers' build: x86_64 (default) or aarch64. */
  arch?: ManagerArch;
}

const KEYS = ['targetVersion', 'rules', 'ruleset', 'arBin', 'agents', 'arch'] as const;

/**
 * The nearest `.arctl.json` in `startDir` or a parent, or undefined. Whatever has that name counts: a
 * directory (or other non-file) is returned for loadConfigFile to refuse, as --config refuses it, instead
 * of being passed over for a parent's file or none while the user believes their settings apply.
 */
export function findConfigFile(startDir: string): string | undefined {
  return findNearestFile(startDir, CONFIG_FILE_NAME);
}

/**
 * The nearest path of this name in `startDir` or a parent, or undefined: anything of that name, a directory
 * included, for the caller's reading to refuse rather than pass over.
 */
export function findNearestFile(startDir: string, fileName: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, fileName);
    if (existsSync(candidate)) return candidate;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/** `warn` is accepted as ESLint spells it. */
export function parseSeverity(word: string): SeveritySetting | undefined {
  const w = word.trim().toLowerCase();
  if (w === 'warn') return 'warning';
  return (SEVERITY_WORDS as readonly string[]).includes(w) ? (w as SeveritySetting) : undefined;
}

export function loadConfigFile(path: string, knownRuleIds: readonly string[]): ArctlConfig {
  const text = readSettingsFile(path, (reason) => ({ code: 'config-unreadable', path, reason }));
  let raw: unknown;
  try {
    raw = parseJsonText(text);
  } catch (error) {
    if (!(error instanceof JsonTextError)) throw error;
    // An ossec.conf given to --config (where simulate once took it, and where other tools take theirs) is named as such.
    const xml = /^\s*</.test(text);
    throw new SettingsError({ code: 'config-json-invalid', path, line: error.line, column: error.column, reason: error.reason, ...(xml ? { xml } : {}) });
  }
  return parseConfig(raw, path, knownRuleIds);
}

export function parseConfig(raw: unknown, path: string, knownRuleIds: readonly string[]): ArctlConfig {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new SettingsError({ code: 'config-not-object', path });
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(KEYS as readonly string[]).includes(key)) throw new SettingsError({ code: 'config-key-unknown', path, key, knownKeys: KEYS });
  }
  const base = dirname(resolve(path));
  const config: ArctlConfig = { path, rules: {} };
  const str = (key: string): string => {
    const v = obj[key];
    if (typeof v !== 'string' || v.trim() === '') throw new SettingsError({ code: 'config-value-empty', path, key });
    return v;
  };
  if (obj.targetVersion !== undefined) config.targetVersion = str('targetVersion');
  if (obj.arch !== undefined) {
    const arch = str('arch');
    if (!isManagerArch(arch)) throw new SettingsError({ code: 'config-arch-invalid', path, value: arch });
    config.arch = arch;
  }
  if (obj.arBin !== undefined) config.arBin = resolve(base, str('arBin'));
  if (obj.agents !== undefined) config.agents = resolve(base, str('agents'));
  if (obj.ruleset !== undefined) {
    const list = typeof obj.ruleset === 'string' ? [obj.ruleset] : obj.ruleset;
    if (!Array.isArray(list) || list.some((d) => typeof d !== 'string' || d === '')) throw new SettingsError({ code: 'config-ruleset-invalid', path });
    config.ruleset = (list as string[]).map((d) => resolve(base, d));
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw new SettingsError({ code: 'config-rules-not-object', path });
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!knownRuleIds.includes(id)) throw new SettingsError({ code: 'config-rule-unknown', path, id, knownRuleIds });
      const severity = typeof value === 'string' ? parseSeverity(value) : undefined;
      if (!severity) throw new SettingsError({ code: 'config-rule-severity-invalid', path, id, value });
      config.rules[id] = severity;
    }
  }
  return config;
}
