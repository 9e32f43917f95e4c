/**
 * The data files in templates/: Wazuh's stock `<command>` definitions per target version and the
 * ready-made responses (recipes). Imported, so the bundles carry them (the single-file arctl.mjs has
 * no templates/ folder beside it).
 */
import commandsJson from '../../templates/commands.json' with { type: 'json' };
import recipesJson from '../../templates/recipes.json' with { type: 'json' };
import type { TargetVersion } from '../wazuh/version.ts';
import type { ActiveResponseSpec } from './kinds/active-response.ts';
import type { CommandSpec } from './kinds/command.ts';
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

/** Stock commands of the target version: legacy `.sh`/`.cmd` names with `<expect>` below 4.2. */
export function commandTemplates(target: TargetVersion): CommandTemplate[] {
  const all = commandsJson as { modern: CommandTemplate[]; legacy: CommandTemplate[] };
  return target.legacy ? all.legacy : all.modern;
}

export function recipes(): Recipe[] {
  return (recipesJson as { recipes: Recipe[] }).recipes;
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
