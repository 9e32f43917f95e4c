/**
 * The data files in templates/ (shipped in the npm package, read at run time): Wazuh's stock
 * `<command>` definitions per target version and the ready-made responses (recipes).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TargetVersion } from '../wazuh/version.ts';
import type { ActiveResponseSpec, CommandSpec } from './blocks.ts';
import type { Location } from './values.ts';

export interface CommandTemplate {
  name: string;
  executable: string;
  timeoutAllowed?: boolean;
  expect?: string;
  description: string;
}

export interface RecipeTrigger {
  id: number;
  level: number;
  /** A group the rule carries (checked against the ruleset in tests). */
  group: string;
  description: string;
}

export interface Recipe {
  name: string;
  description: string;
  command: string;
  location: Location;
  timeout: number;
  triggers: RecipeTrigger[];
}

/** The templates/ folder: beside dist/ in the package, beside src/ in a checkout. */
export function templatesDir(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = join(dir, 'templates');
    if (existsSync(join(candidate, 'commands.json'))) return candidate;
    dir = dirname(dir);
  }
  throw new Error('templates/ folder not found next to the arctl installation');
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(templatesDir(), file), 'utf8')) as T;
}

/** Stock commands of the target version: legacy `.sh`/`.cmd` names with `<expect>` below 4.2. */
export function commandTemplates(target: TargetVersion): CommandTemplate[] {
  const all = readJson<{ modern: CommandTemplate[]; legacy: CommandTemplate[] }>('commands.json');
  return target.legacy ? all.legacy : all.modern;
}

export function recipes(): Recipe[] {
  return readJson<{ recipes: Recipe[] }>('recipes.json').recipes;
}

export function commandSpecFromTemplate(t: CommandTemplate): CommandSpec {
  return {
    kind: 'command',
    name: t.name,
    executable: t.executable,
    ...(t.expect !== undefined ? { expect: t.expect } : {}),
    ...(t.timeoutAllowed !== undefined ? { timeoutAllowed: t.timeoutAllowed } : {}),
  };
}

export function activeResponseFromRecipe(r: Recipe): ActiveResponseSpec {
  return {
    kind: 'active-response',
    command: r.command,
    location: r.location,
    rulesId: r.triggers.map((t) => t.id).join(','),
    timeout: r.timeout,
  };
}
