/** Spawns the CLI under GNU time (when installed) to read its peak RSS; never blocks the event loop. */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { arctlBin } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

const TIME_BIN = '/usr/bin/time';
export const hasGnuTime = existsSync(TIME_BIN);
const MARK = 'arctl-test-peak-rss-kb=';

export interface MeasuredResult {
  status: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
  /** Peak resident memory in MB, when GNU time is installed. */
  peakRssMb?: number;
}

/**
 * Runs `arctl args`; the spawn timeout (generous: the machine may be loaded) bounds the time. With
 * `heapMb`, V8's heap is capped there (--max-old-space-size): what the run keeps alive must fit, whatever
 * the machine's memory. Uncapped, V8 lets garbage grow the heap to several times what is live before it
 * compacts (on a machine with gigabytes free), so peak RSS alone says little about what a run holds.
 */
export function runMeasured(args: string[], timeoutMs = 90_000, { heapMb }: { heapMb?: number } = {}): Promise<MeasuredResult> {
  const node = [process.execPath, ...(heapMb === undefined ? [] : [`--max-old-space-size=${heapMb}`]), arctlBin, ...args];
  const [command, argv] = hasGnuTime ? [TIME_BIN, ['-f', `${MARK}%M`, ...node]] : [node[0], node.slice(1)];
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'], timeout: timeoutMs, killSignal: 'SIGKILL' });
    let stdout = '';
    let stderr = '';
    // Keep only the start of huge outputs: a test failure should show them, not store them.
    child.stdout.on('data', (d: Buffer) => stdout.length < 1 << 20 && (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => stderr.length < 1 << 20 && (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      let peakRssMb: number | undefined;
      const at = stderr.lastIndexOf(MARK);
      if (at !== -1) {
        peakRssMb = Number(stderr.slice(at + MARK.length).trim()) / 1024;
        stderr = stderr.slice(0, at).replace(/Command exited with non-zero status \d+\n$/, '');
      }
      resolve({ status, signal, stdout, stderr, peakRssMb });
    });
  });
}
