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

/** `arctl simulate`'s code, from the lazy chunk of every command's action (src/commands/simulate-cli.ts loads it alone). */
const simulateFromActions = () => import('./actions.ts');

/**
 * What a run registers when its command line starts with one of these words: editors and pre-commit
 * hooks run `lint` and `validate` on every save, and the flags of every other command (commander's
 * options, help texts) would add about 5 ms to each of those start-ups; a timeline replay's worker
 * waits for `simulate`'s start-up before it gets its simulation. Nothing of another command is
 * reachable from such a command line: commander dispatches on the first word, and prints the version
 * (then stops) for `--version` wherever more words follow.
 */
const REGISTERED_ALONE: Record<string, (program: Command) => void> = {
  lint: registerLint,
  validate: registerValidate,
  simulate: (program) => registerSimulate(program, simulateFromActions),
  '--version': () => {},
  '-V': () => {},
};

/** Registers what a run of `argv` can reach: what REGISTERED_ALONE says for its first word, else every command. */
export function registerFor(program: Command, argv: readonly string[]): void {
  const first = argv[0];
  if (first !== undefined && Object.hasOwn(REGISTERED_ALONE, first)) REGISTERED_ALONE[first]!(program);
  else registerAll(program);
}

function registerAll(program: Command): void {
  registerValidate(program);
  registerLint(program);
  registerRules(program);
  registerExplain(program);
  registerAdd(program);
  registerEdit(program);
  registerSimulate(program, simulateFromActions);
  registerDiff(program);
  registerScript(program);
  registerHook(program);
  registerLsp(program);
  registerCompletion(program);
}
