/**
 * `arctl simulate` alone: bin/arctl.js runs a command line that starts with `simulate` from this
 * bundle (dist/simulate-cli.js and its simulate-* chunks), which holds that command's code and nothing of the others. A timeline
 * replay's main thread shares two cores with its worker, and compiling the lint rules and the other
 * commands (two thirds of arctl's code) delayed the worker's first alert by about 20 ms; lint and
 * validate keep their own start-up bundle (dist/arctl.js) as it is. Same run, same help and messages
 * as src/cli.ts for such a command line (./index.ts registers simulate alone there too).
 */
import { runCli, runProcessWith } from './run-cli.ts';
import { register as registerSimulate } from './simulate-command.ts';

export function runProcess(): Promise<void> {
  return runProcessWith((argv, io) => runCli(argv, io, (program) => registerSimulate(program, () => import('./simulate.ts'))));
}
