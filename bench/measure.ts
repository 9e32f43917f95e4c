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

/** Runs `command args` `runs` times (after one warm-up) and returns the median wall time. */
export function measure(command: string, args: string[], runs = 9, options: { cwd?: string; input?: Buffer; acceptExit?: number[] } = {}): Measurement {
  const accept = options.acceptExit ?? [0, 1];
  const times: number[] = [];
  let ok = true;
  let note: string | undefined;
  for (let i = 0; i <= runs; i++) {
    const start = process.hrtime.bigint();
    const r = spawnSync(command, args, { cwd: options.cwd, input: options.input, stdio: ['pipe', 'ignore', 'pipe'], maxBuffer: 1 << 30 });
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    if (r.status === null || !accept.includes(r.status)) {
      ok = false;
      note = `exit ${r.status}: ${String(r.stderr).split('\n')[0]}`;
    }
    if (i > 0) times.push(ms);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)], minMs: times[0], runs, ok, note };
}

/** Peak resident memory of one run, via GNU time when it is installed. */
export function peakRssMb(command: string, args: string[], cwd?: string): number | undefined {
  const r = spawnSync(TIME_BIN, ['-f', '%M', command, ...args], { cwd, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.error) return undefined;
  const lines = String(r.stderr).trim().split('\n');
  const kb = Number(lines[lines.length - 1]);
  return Number.isFinite(kb) ? kb / 1024 : undefined;
}
