/** The arctl command line: global flags, command registration, and the one place exit codes are set. */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { ArctlError } from './util/errors.ts';
import { writeErr } from './commands/output.ts';
import { registerAll } from './commands/index.ts';
import { VERSION } from './version.ts';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('arctl')
    .description('Author, lint, validate and simulate the active-response parts of Wazuh ossec.conf')
    .version(VERSION, '-V, --version', 'print the arctl version')
    .option('--no-color', 'disable coloured output (also NO_COLOR=1 or FORCE_COLOR=0)')
    .option('--target-version <x.y>', 'the Wazuh version whose behaviour arctl reproduces (default 4.14; also after the command)')
    .showSuggestionAfterError(true)
    .exitOverride()
    .configureOutput({ writeErr: (s) => writeErr(s), writeOut: (s) => process.stdout.write(s) });
  registerAll(program);
  // A global option is parsed by the program wherever it stands (`arctl --target-version 3.13 lint`
  // or `arctl lint --target-version 3.13`); the command that runs gets it as its own.
  program.hook('preAction', (_program, command) => {
    const targetVersion = program.opts().targetVersion;
    if (targetVersion !== undefined) command.setOptionValue('targetVersion', targetVersion);
  });
  try {
    await program.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (error) {
    return exitCodeFor(error);
  }
}

function exitCodeFor(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // `arctl help` is exit 0; help shown because no (sub)command was given (`arctl`, `arctl add`) is a usage error.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2; // commander already printed its one-line message
  }
  if (error instanceof ArctlError) {
    writeErr(`arctl: ${error.message}\n`);
    return error.exitCode;
  }
  if (isPromptAbort(error)) {
    writeErr('arctl: interrupted\n');
    return 130;
  }
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`arctl: internal error: ${message.split('\n')[0]}${process.env.ARCTL_DEBUG ? '' : ' (set ARCTL_DEBUG=1 for details)'}\n`);
  if (process.env.ARCTL_DEBUG && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
  return 2;
}

function isPromptAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}

// `arctl ... | head`: the reader went away; what is left to print has no one to read it.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    writeErr(`arctl: internal error: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 2;
  },
);
