/**
 * A run of the arctl command line: global flags, the commands given, and a run's end (messages and exit
 * code). Two entries use it: src/cli.ts (every command) and ./simulate-cli.ts (`arctl simulate` alone,
 * a bundle of its own). Importing this module does nothing.
 */
import { Command, CommanderError } from '@commander-js/extra-typings';
import { ArctlError } from '../util/errors.ts';
import { writeErr, writeOut } from './output.ts';
import { exitCode, isPromptAbort } from './exit-code.ts';
import { currentRun, newRunState, processIo, withRun, type CliIo, type RunState } from './io.ts';
import { describeFsError } from '../util/read-input.ts';
import { VERSION } from '../version.ts';

export type { CliIo } from './io.ts';

/** Adds the commands a run of `argv` can reach to the program (their flags, help and actions). */
export type RegisterCommands = (program: Command, argv: readonly string[]) => void;

/** Runs `arctl ARGV` with these streams, environment and directory, and these commands; resolves to the exit code. */
export function runCli(argv: string[], io: CliIo, register: RegisterCommands): Promise<number> {
  const run = newRunState(io);
  return withRun(run, async () => {
    const stop = watchStreams(run);
    let error: unknown;
    try {
      await buildProgram(argv, register).parseAsync(argv, { from: 'user' });
    } catch (caught) {
      error = caught;
    }
    if (error !== undefined) reportError(error);
    // A write's error arrives after the write returned (on the next tick for a file such as /dev/full).
    await new Promise((resolve) => setImmediate(resolve));
    stop();
    if (run.outputError) writeErr(`arctl: cannot write standard output: ${describeFsError(run.outputError)}${writtenNote(run)}\n`);
    return exitCode({ result: run.result, error, outputFailed: run.outputError !== undefined });
  });
}

/** bin/arctl.js: runs the command line of this process with `main` and sets its exit code. */
export async function runProcessWith(main: (argv: string[], io: CliIo) => Promise<number>): Promise<void> {
  // Errors after the run ended (a pipe that fails while the last bytes drain) have no one to tell but
  // the exit code; without a listener they would end the process with a stack trace.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code !== 'EPIPE' && !process.exitCode) process.exitCode = 2;
  });
  process.stderr.on('error', () => {});
  process.exitCode = await main(process.argv.slice(2), processIo());
  // The run is over: once its output is handed to the system, the process ends at once instead of freeing
  // its heaps (and a timeline worker's) page by page first, which a natural end waits for (50 ms after a
  // 150 MB timeline on a loaded two-core machine). Pipes are written asynchronously: what is still queued goes first.
  await Promise.all([flushed(process.stdout), flushed(process.stderr)]);
  process.exit();
}

/** Resolves once what was written to `stream` has been handed to the system, or the stream failed. */
function flushed(stream: NodeJS.WriteStream): Promise<void> {
  // Nothing queued: no write at all (a closed standard output must not turn a silent run into a failure).
  if (stream.writableLength === 0 || stream.destroyed) return Promise.resolve();
  // Writes complete in order: the callback of an empty one comes after everything before it.
  return new Promise((resolve) => stream.write('', () => resolve()));
}

/** The command tree (a new one per run; tests read its flags and choices) with the commands `register` adds for `argv`. */
export function buildProgram(argv: readonly string[], register: RegisterCommands) {
  const program = new Command('arctl')
    .description('Author, lint, validate and simulate the active-response parts of Wazuh ossec.conf')
    .version(VERSION, '-V, --version', 'print the arctl version')
    .option('--no-color', 'disable coloured output (also NO_COLOR=1 or FORCE_COLOR=0)')
    .option('--target-version <x.y>', 'the Wazuh version whose behaviour arctl reproduces (default 4.14; also after the command)')
    .showSuggestionAfterError(true)
    .exitOverride()
    // Commander's own usage errors start "error: "; arctl's every message starts "arctl: ".
    .configureOutput({ writeErr: (s) => writeErr(s), writeOut: (s) => writeOut(s), outputError: (s, write) => write(s.replace(/^error: /, 'arctl: ')) });
  register(program, argv);
  // A global option is parsed by the program wherever it stands (`arctl --target-version 3.13 lint`
  // or `arctl lint --target-version 3.13`); the command that runs gets it as its own.
  program.hook('preAction', (_program, command) => {
    const targetVersion = program.opts().targetVersion;
    if (targetVersion !== undefined) command.setOptionValue('targetVersion', targetVersion);
  });
  return program;
}

/**
 * Listens for failures of the run's streams: a reader of standard output that went away (`| head`)
 * ends the output quietly; any other failure (a full disk, a closed descriptor) is the run's to report.
 * A failing standard error has no one left to tell and must not change the exit code.
 */
function watchStreams(run: RunState): () => void {
  const { stdout, stderr } = run.io;
  const onStdoutError = (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') run.outputClosed = true;
    else run.outputError ??= error;
  };
  const onStderrError = () => {};
  stdout.on('error', onStdoutError);
  stderr.on('error', onStderrError);
  return () => {
    stdout.removeListener('error', onStdoutError);
    stderr.removeListener('error', onStderrError);
  };
}

/** `add` and `lint --fix` may have written files before their output failed: say so. */
function writtenNote(run: RunState): string {
  if (run.written.length === 0) return '';
  return `; ${run.written.join(', ')} ${run.written.length === 1 ? 'was' : 'were'} written`;
}

/** The one line a run that ended with an error prints (commander has printed its own already). */
function reportError(error: unknown): void {
  if (error instanceof CommanderError) return;
  if (error instanceof ArctlError) {
    writeErr(`arctl: ${error.message}\n`);
    return;
  }
  if (isPromptAbort(error)) {
    writeErr('arctl: interrupted\n');
    return;
  }
  const debug = Boolean(currentRun().io.env.ARCTL_DEBUG);
  const message = error instanceof Error ? error.message : String(error);
  writeErr(`arctl: internal error: ${message.split('\n')[0]}${debug ? '' : ' (set ARCTL_DEBUG=1 for details)'}\n`);
  if (debug && error instanceof Error && error.stack) writeErr(`${error.stack}\n`);
}
