/** `arctl completion bash|zsh|fish`: prints a completion script built from the registered commands. */
import type { Command } from '@commander-js/extra-typings';
import { type CompletionCommand, renderCompletion, SHELLS, type Shell } from '../completion/completion.ts';
import { InputError } from '../util/errors.ts';
import { writeOut } from './output.ts';

type AnyCommand = { name(): string; description(): string; options: readonly { long?: string; short?: string }[]; commands: readonly AnyCommand[] };

function describe(cmd: AnyCommand): CompletionCommand {
  return {
    name: cmd.name(),
    description: cmd.description(),
    options: [...cmd.options.flatMap((o) => [o.long, o.short].filter((x): x is string => Boolean(x))), '--help'],
    subcommands: cmd.commands.filter((c) => c.name() !== 'help').map(describe),
  };
}

export function register(program: Command): void {
  program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('<shell>', `one of ${SHELLS.join(', ')}`)
    .addHelpText('after', '\nExamples:\n  eval "$(arctl completion bash)"\n  arctl completion fish > ~/.config/fish/completions/arctl.fish')
    .action((shell) => {
      if (!SHELLS.includes(shell as Shell)) throw new InputError(`unknown shell '${shell}': expected one of ${SHELLS.join(', ')}`);
      writeOut(renderCompletion(shell as Shell, describe(program as unknown as AnyCommand)));
    });
}
