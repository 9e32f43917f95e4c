/** Timing helpers for `npm run bench`: wall time of real processes, and their peak RSS. */
import { spawnSync } from 'node:child_process';

export interface Measurement {
  medianMs: number;
  minMs: number;
  runs: number;
  peakRssMb?: number;
  ok: boolean;
  note?: string;
}

const TIME_BIN = '/usr/bin/time';

export interface RunOptions {
  cwd?: string;
  input?: Buffer;
  acceptExit?: number[];
  /** The environment (default: this process's). */
  env?: NodeJS.ProcessEnv;
}

/** Runs `command args` `runs` times (after one warm-up) and returns the median wall time. */
export function measure(command: string, args: string[], runs = 9, options: RunOptions = {}): Measurement {
  return measureInterleaved([{ command, args, options }], runs)[0];
}

/**
 * Like `measure` for several commands, run in turn (a, b, c, a, b, c, ...) after one warm-up round:
 * load that comes and goes on the machine then hits every command alike, which keeps the ratios
 * between them meaningful on a busy machine.
 */
export function measureInterleaved(jobs: { command: string; args: string[]; options?: RunOptions }[], runs: number): Measurement[] {
  const times: number[][] = jobs.map(() => []);
  const failures: (string | undefined)[] = jobs.map(() => undefined);
  for (let i = 0; i <= runs; i++) {
    jobs.forEach(({ command, args, options = {} }, j) => {
      const start = process.hrtime.bigint();
      const r = spawnSync(command, args, { cwd: options.cwd, input: options.input, env: options.env, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
      const ms = Number(process.hrtime.bigint() - start) / 1e6;
      if (r.status === null || !(options.acceptExit ?? [0, 1]).includes(r.status)) failures[j] = `exit ${r.status}: ${String(r.stderr).split('\n')[0]}`;
      if (i > 0) times[j].push(ms);
    });
  }
  return times.map((list, j) => {
    list.sort((a, b) => a - b);
    const failure = failures[j];
    return { medianMs: list[Math.floor(list.length / 2)], minMs: list[0], runs, ok: failure === undefined, ...(failure ? { note: failure } : {}) };
  });
}

/** Peak resident memory of one run, via GNU time when it is installed. */
export function peakRssMb(command: string, args: string[], cwd?: string): number | undefined {
  const r = spawnSync(TIME_BIN, ['-f', '%M', command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.error) return undefined;
  const lines = String(r.stderr).trim().split('\n');
  const kb = Number(lines[lines.length - 1]);
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}
