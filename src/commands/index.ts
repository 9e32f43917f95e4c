/** Every command module, registered in the order `arctl --help` lists them. */
import type { Command } from '@commander-js/extra-typings';

export function registerAll(_program: Command): void {
  // Commands register here (validate, lint, rules, explain, add, simulate, hook, completion).
}
