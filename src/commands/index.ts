/** Every command module, registered in the order `arctl --help` lists them. */
import type { Command } from '@commander-js/extra-typings';
import { register as registerCompletion } from './completion.ts';
import { register as registerHook } from './hook.ts';

export function registerAll(program: Command): void {
  registerHook(program);
  registerCompletion(program);
}
