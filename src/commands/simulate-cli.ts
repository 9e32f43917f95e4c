/**
 * `arctl simulate` alone: bin/arctl.js runs a command line that starts with `simulate` from this
 * bundle (dist/simulate-cli.cjs), which holds that command's code and nothing of the others. A timeline
 * replay's main thread shares two cores with its worker, and compiling the lint rules and the other
 * commands (two thirds of arctl's code) delayed the worker's first alert by about 20 ms; lint and
 * validate keep their own start-up bundle (dist/arctl.cjs) as it is. Same run, same help and messages
 * as src/cli.ts for such a command line (./index.ts registers simulate alone there too).
 */
import { runCli, runProcessWith, type CliIo } from './run-cli.ts';
import { register as registerSimulate } from './simulate-command.ts';

/** Runs `arctl ARGV` (a command line that starts with `simulate`) with these streams; resolves to the exit code. */
export function main(argv: string[], io: CliIo): Promise<number> {
  return runCli(argv, io, (program) => registerSimulate(program, () => import('./simulate.ts')));
}

export function runProcess(): Promise<void> {
  return runProcessWith(main);
}
