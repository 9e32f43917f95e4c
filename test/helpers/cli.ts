/**
 * Runs the CLI as a real process (the built bundle, the way users meet it) or in this process
 * (main() from src/cli.ts, much faster), and reads its JSON output.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess, type SpawnOptions, type SpawnSyncOptions } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { Readable, Writable } from 'node:stream';
import { delimiter, join } from 'node:path';
import type { Counts, ReportMessage } from '../../src/lint/report.ts';
import { projectRoot } from './paths.ts';
import { tempDir } from './temp.ts';

export const arctlBin = join(projectRoot, 'bin/arctl.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export type RunOptions = SpawnSyncOptions & { input?: string | Buffer };

export function runArctl(args: string[], options: RunOptions = {}): CliResult {
  const result = spawnSync(process.execPath, [arctlBin, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
    ...options,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}

/** A stand-in for a standard stream that keeps what is written. */
class Capture extends Writable {
  readonly chunks: Buffer[] = [];
  readonly isTTY = false;
  override _write(chunk: Buffer | string, _encoding: BufferEncoding, done: () => void): void {
    this.chunks.push(Buffer.from(chunk));
    done();
  }
  text(): string {
    return Buffer.concat(this.chunks).toString('utf8');
  }
}

/**
 * runArctl's result without a process: main(argv, io) of src/cli.ts with captured streams, the same
 * environment (NO_COLOR=1 and `env`) and working directory (the project root, or `cwd`: the process
 * changes to it for the run, so tests in one file must not run these concurrently). For what only a
 * real process shows (exit status of the process, signals, a terminal, standard input: arctl reads `-`
 * from descriptor 0), use runArctl.
 */
export async function runArctlInProcess(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<CliResult> {
  assert.ok(!args.includes('-'), 'standard input is read from descriptor 0: use runArctl');
  // Loaded on first use: most test files that import this helper spawn the CLI only.
  const { main } = await import('../../src/cli.ts');
  const stdout = new Capture();
  const stderr = new Capture();
  const cwd = options.cwd ?? projectRoot;
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    const stdin = Object.assign(Readable.from([]), { isTTY: false });
    const status = await main(args, { stdout, stderr, stdin, env: { ...process.env, NO_COLOR: '1', ...options.env }, cwd });
    return { status, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    process.chdir(previous);
  }
}

/** Starts the CLI without waiting for it, with runArctl's working directory and environment. */
export function spawnArctl(args: string[], options: SpawnOptions = {}): ChildProcess {
  return spawn(process.execPath, [arctlBin, ...args], { cwd: projectRoot, ...options, env: { ...process.env, NO_COLOR: '1', ...options.env } });
}

/** runArctl without blocking the event loop (for many runs in parallel). */
export function runArctlAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawnArctl(args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** Runs async jobs with at most `limit` at a time. */
export async function pool<T, R>(items: T[], limit: number, job: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  const workers = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) {
      const i = next++;
      results[i] = await job(items[i]);
    }
  });
  await Promise.all(workers);
  return results;
}

/**
 * A message of the ESLint-shaped report `lint` and `validate` print with --format json
 * (src/lint/formatters/json.ts): the report's message with ESLint's numeric severity (2 error,
 * 1 warning or info), its name in severityName, and no line hash.
 */
export type JsonReportMessage = Omit<ReportMessage, 'severity' | 'lineHash'> & { severity: 1 | 2; severityName: ReportMessage['severity'] };

/** One file of that report. */
export type JsonReportFile = { filePath: string; messages: JsonReportMessage[] } & Omit<Counts, 'fixableInfoCount'>;

/** `arctl lint --format json ARGS`: its exit status and the messages of every file; nothing may go to stderr. */
export function lintJson(args: string[], options: RunOptions = {}): { status: number | null; messages: JsonReportMessage[] } {
  const r = runArctl(['lint', '--format', 'json', ...args], options);
  assert.equal(r.stderr, '');
  const files = JSON.parse(r.stdout) as JsonReportFile[];
  return { status: r.status, messages: files.flatMap((f) => f.messages) };
}

/** One <active-response> block's verdict in `arctl simulate --format json`. */
export interface SimulatedResponse {
  block: number;
  line: number;
  command: string;
  fired: boolean;
  matchedBy?: string[];
  targets?: string[];
  name?: string;
  executable?: string;
  timeout?: number;
  payload?: { argv?: string[]; parameters?: { extra_args: string[]; program: string }; origin?: { name: string }; [key: string]: unknown };
  reason?: string;
  detail?: string;
}

/** The whole of `arctl simulate --format json`. */
export interface SimulateOutput {
  targetVersion: string;
  config: string;
  alerts: Array<{
    index: number;
    id: string;
    rule: { id: string; level: number };
    srcip?: string;
    responses: SimulatedResponse[];
    email: { sent: boolean; recipients: string[]; blocks: number[]; detail?: string };
  }>;
  summary: { alerts: number; responsesFired: number };
}

/** `arctl simulate ARGS --format json`, which must exit 0; `input` goes to its standard input. */
export function simulateJson(args: string[], input?: string | Buffer): SimulateOutput {
  const r = runArctl(['simulate', ...args, '--format', 'json'], input === undefined ? {} : { input });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as SimulateOutput;
}

/**
 * An environment whose PATH has an `arctl` that runs this checkout's CLI (as `npm install -g` would
 * give), for git hooks and scripts that look arctl up on PATH. The directory goes with the test.
 */
export function envWithArctlOnPath(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const dir = tempDir('arctl-path-');
  writeFileSync(join(dir, 'arctl'), `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(arctlBin)} "$@"\n`, { mode: 0o755 });
  return { ...env, NO_COLOR: '1', PATH: `${dir}${delimiter}${env.PATH ?? ''}` };
}
