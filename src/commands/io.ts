/**
 * What one run of the CLI reads and writes besides files: standard streams, environment, working
 * directory. `main(argv, io)` runs a command with the process's (bin/arctl.js) or a test's; the
 * commands reach them through `currentRun()`. One run at a time in a process: the run in progress is
 * a module variable, not an AsyncLocalStorage, whose promise hooks on Node 20 slow every await of a lint.
 */
import type { RunResult } from './exit-code.ts';

/** A stream a run writes to: process.stdout / process.stderr, or a test's stand-in. */
export type OutputStream = NodeJS.WritableStream & { isTTY?: boolean };

export interface CliIo {
  stdout: OutputStream;
  stderr: OutputStream;
  /** Standard input as a stream (`simulate -`) and whether it is a terminal (prompts). */
  stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /**
   * Where `.arctl.json` is looked for and what report paths are relative to. File arguments are opened
   * as the process's file system calls do, relative to process.cwd(): keep the two the same.
   */
  cwd: string;
}

/** The process's own: stdin is opened only when a command asks for it. */
export function processIo(): CliIo {
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    get stdin() {
      return process.stdin;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}

/** One run's state: its io, what its command found, and whether its standard output failed. */
export interface RunState {
  io: CliIo;
  result: RunResult;
  /** The first error writing standard output other than a reader going away (EPIPE). */
  outputError?: NodeJS.ErrnoException;
  /** The reader of standard output went away (`| head`): what is left to print has no one to read it. */
  outputClosed: boolean;
  /** Files the command has written (named when standard output fails afterwards). */
  written: string[];
}

let active: RunState | undefined;
let outsideRun: RunState | undefined;

export function newRunState(io: CliIo): RunState {
  return { io, result: {}, outputClosed: false, written: [] };
}

/** Runs `body` as the run in progress (main awaits it; runs must not overlap in one process). */
export async function withRun<T>(state: RunState, body: () => Promise<T>): Promise<T> {
  if (active) throw new Error('arctl: main() is already running in this process');
  active = state;
  try {
    return await body();
  } finally {
    active = undefined;
  }
}

/** The run in progress; command code called outside `main` (unit tests) gets the process's streams. */
export function currentRun(): RunState {
  return active ?? (outsideRun ??= newRunState(processIo()));
}

/** Records what the command found, for the exit code (src/commands/exit-code.ts). */
export function reportResult(result: RunResult): void {
  Object.assign(currentRun().result, result);
}

/** Notes a file the command wrote. */
export function noteWritten(path: string): void {
  currentRun().written.push(path);
}
