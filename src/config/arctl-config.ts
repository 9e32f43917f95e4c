/**
 * `.arctl.json`: the nearest one walking up from the working directory, or --config PATH.
 * Unknown keys and rule ids are usage errors naming the key. Paths are relative to the file.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { SeveritySetting } from '../util/severity.ts';
import { InputError } from '../util/errors.ts';
import { readTextInput } from '../util/read-input.ts';
import { didYouMean } from '../util/suggest.ts';
import { isManagerArch, MANAGER_ARCHES, type ManagerArch } from '../wazuh/arch.ts';

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
export const SEVERITY_WORDS = ['off', 'info', 'warning', 'error'] as const;

/** The nearest `.arctl.json` in `startDir` or a parent, or undefined. */
export function findConfigFile(startDir: string): string | undefined {
  return findNearestFile(startDir, CONFIG_FILE_NAME);
}

/** The nearest regular file of this name in `startDir` or a parent, or undefined. */
export function findNearestFile(startDir: string, fileName: string): string | undefined {
  let dir = resolve(startDir);
  for (;;) {
    const candidate = join(dir, fileName);
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
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
  const text = readTextInput(path, `config ${path}`);
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError(`config ${path}: invalid JSON: ${(error as Error).message}`);
  }
  return parseConfig(raw, path, knownRuleIds);
}

export function parseConfig(raw: unknown, path: string, knownRuleIds: readonly string[]): ArctlConfig {
  const fail = (what: string) => new InputError(`config ${path}: ${what}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw fail('expected a JSON object');
  const obj = raw as Record<string, unknown>;
  for (const key of Object.keys(obj)) {
    if (!(KEYS as readonly string[]).includes(key)) throw fail(`unknown key '${key}'${didYouMean(key, KEYS)} (known keys: ${KEYS.join(', ')})`);
  }
  const base = dirname(resolve(path));
  const config: ArctlConfig = { path, rules: {} };
  const str = (key: string): string => {
    const v = obj[key];
    if (typeof v !== 'string' || v.trim() === '') throw fail(`'${key}' must be a non-empty string`);
    return v;
  };
  if (obj.targetVersion !== undefined) config.targetVersion = str('targetVersion');
  if (obj.arch !== undefined) {
    const arch = str('arch');
    if (!isManagerArch(arch)) throw fail(`'arch' ${JSON.stringify(arch)} is not one of ${MANAGER_ARCHES.join(', ')}`);
    config.arch = arch;
  }
  if (obj.arBin !== undefined) config.arBin = resolve(base, str('arBin'));
  if (obj.agents !== undefined) config.agents = resolve(base, str('agents'));
  if (obj.ruleset !== undefined) {
    const list = typeof obj.ruleset === 'string' ? [obj.ruleset] : obj.ruleset;
    if (!Array.isArray(list) || list.some((d) => typeof d !== 'string' || d === '')) throw fail("'ruleset' must be a directory or a list of directories");
    config.ruleset = (list as string[]).map((d) => resolve(base, d));
  }
  if (obj.rules !== undefined) {
    if (typeof obj.rules !== 'object' || obj.rules === null || Array.isArray(obj.rules)) throw fail("'rules' must be an object of rule id -> off | info | warning | error");
    for (const [id, value] of Object.entries(obj.rules as Record<string, unknown>)) {
      if (!knownRuleIds.includes(id)) throw fail(`rules: unknown rule '${id}'${didYouMean(id, knownRuleIds)}`);
      const severity = typeof value === 'string' ? parseSeverity(value) : undefined;
      if (!severity) throw fail(`rules.${id}: ${JSON.stringify(value)} is not one of ${SEVERITY_WORDS.join(', ')}`);
      config.rules[id] = severity;
    }
  }
  return config;
}
