/** Every command module, registered in the order `arctl --help` lists them. */
import type { Command } from '@commander-js/extra-typings';
import { register as registerAdd } from './add.ts';
import { register as registerCompletion } from './completion.ts';
import { register as registerDiff } from './diff.ts';
import { register as registerEdit } from './edit.ts';
import { registerExplain } from './explain.ts';
import { register as registerHook } from './hook.ts';
import { registerLint } from './lint.ts';
import { register as registerLsp } from './lsp.ts';
import { registerRules } from './rules.ts';
import { register as registerScript } from './script.ts';
import { register as registerSimulate } from './simulate-command.ts';
import { registerValidate } from './validate.ts';

export function registerAll(program: Command): void {
  registerValidate(program);
  registerLint(program);
  registerRules(program);
  registerExplain(program);
  registerAdd(program);
  registerEdit(program);
  registerSimulate(program);
  registerDiff(program);
  registerScript(program);
  registerHook(program);
  registerLsp(program);
  registerCompletion(program);
}
