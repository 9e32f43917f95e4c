/**
 * The arctl command line with every command (src/commands/index.ts registers what a command line can
 * reach). Importing this module does nothing; bin/arctl.js calls runProcess(), tests call main().
 * `arctl simulate` runs from a bundle of its own (src/commands/simulate-cli.ts), the same code with that command alone.
 */
import { buildProgram as buildProgramWith, runCli, runProcessWith } from './commands/run-cli.ts';
import { registerFor } from './commands/index.ts';
import { processIo, type CliIo } from './commands/io.ts';

export type { CliIo } from './commands/io.ts';

/** Runs `arctl ARGV` with these streams, environment and directory; resolves to the exit code. */
export function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runCli(argv, io, registerFor);
}

/** bin/arctl.js: runs the command line of this process and sets its exit code. */
export function runProcess(): Promise<void> {
  return runProcessWith(main);
}

/** The command tree (tests read its flags and choices): every command registered, or only what `argv` can reach. */
export function buildProgram(argv: readonly string[] = []) {
  return buildProgramWith(argv, registerFor);
}
