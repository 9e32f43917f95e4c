/**
 * `arctl completion bash|zsh|fish`: prints a completion script built from the registered commands
 * (completion-model.ts). The scripts call `arctl completion --list NAME --file PATH` at completion time
 * for what only the file knows (the command names defined in it).
 */
import { Option, type Command } from '@commander-js/extra-typings';
import { renderCompletion, SHELLS, type Shell } from '../completion/completion.ts';
import { InputError } from '../util/errors.ts';
import { readConfigInput } from '../util/read-input.ts';
import { completeWith, describeCommand } from './completion-model.ts';
import { writeOut } from './output.ts';

/** What `--list` answers, one value a line; nothing when the file cannot be read (completion stays quiet). */
const LISTS: Record<string, (file: string) => Promise<string[]>> = {
  'command-names': async (file) => {
    const { fileChoices } = await import('../add/kinds/support.ts');
    try {
      return fileChoices(file, readConfigInput(file).bytes).commandNames;
    } catch {
      return [];
    }
  },
};

export function register(program: Command): void {
  const cmd = program
    .command('completion')
    .description('print a shell completion script (bash, zsh or fish)')
    .argument('[shell]', `one of ${SHELLS.join(', ')}`)
    .addOption(new Option('--list <name>', 'values completed at completion time').hideHelp())
    .addOption(new Option('--file <path>', 'the file --list reads').hideHelp().default('./ossec.conf'))
    .addHelpText('after', '\nExamples:\n  eval "$(arctl completion bash)"\n  arctl completion fish > ~/.config/fish/completions/arctl.fish')
    .action(async (shell, opts) => {
      if (opts.list !== undefined) {
        const list = LISTS[opts.list];
        if (!list) throw new InputError(`--list ${opts.list}: expected one of ${Object.keys(LISTS).join(', ')}`);
        const values = await list(opts.file);
        writeOut(values.map((v) => `${v}\n`).join(''));
        return;
      }
      if (shell === undefined) throw new InputError(`missing shell: expected one of ${SHELLS.join(', ')}`);
      if (!SHELLS.includes(shell as Shell)) throw new InputError(`unknown shell '${shell}': expected one of ${SHELLS.join(', ')}`);
      writeOut(renderCompletion(shell as Shell, await describeCommand(program)));
    });
  completeWith(cmd, '<args>', { kind: 'words', words: SHELLS });
}
