/**
 * Subcommands registered on first use: `arctl add`'s kinds (src/add/kinds/) carry their planning code
 * with their flags, so they are registered when `add` runs (or its help, or a completion script is
 * made), not at start-up, where `arctl lint` would pay for loading them.
 */
import type { Command } from '@commander-js/extra-typings';

type AnyCommand = Command<any, any, any>;

const loaders = new WeakMap<object, () => Promise<void>>();

/** `register` adds `parent`'s subcommands; it runs once, before `program` dispatches to `parent`. */
export function lazySubcommands(program: AnyCommand, parent: AnyCommand, register: () => Promise<void>): void {
  let loaded: Promise<void> | undefined;
  const load = () => (loaded ??= register());
  loaders.set(parent, load);
  program.hook('preSubcommand', async (_program, subcommand) => {
    if (subcommand === parent) await load();
  });
}

/** Registers the subcommands of `cmd` and of every command below it that are still waiting. */
export async function loadSubcommands(cmd: AnyCommand): Promise<void> {
  await loaders.get(cmd)?.();
  for (const sub of cmd.commands) await loadSubcommands(sub as AnyCommand);
}
