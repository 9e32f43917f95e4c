/** Shared checks for the `arctl add` tests. */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { ConfigDocument } from '../../src/document/document.ts';
import { runRules } from '../../src/lint/engine.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { arctlBin, type CliResult } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

/** Asserts `after` is `before` with one run of bytes inserted, and returns that text. */
export function insertedText(before: Buffer, after: Buffer): string {
  assert.ok(after.length > before.length, 'the file grew');
  let p = 0;
  while (p < before.length && before[p] === after[p]) p++;
  const tail = before.length - p;
  assert.ok(after.subarray(after.length - tail).equals(before.subarray(p)), 'every byte outside the inserted text is unchanged');
  return after.subarray(p, after.length - tail).toString('utf8');
}

export function lintErrors(path: string, bytes: Buffer, target = '4.14'): number {
  return runRules(new ConfigDocument(path, bytes), { target: parseTargetVersion(target), managerIps: [] }).filter((d) => d.severity === 'error').length;
}

/** Spawns the CLI without blocking the event loop (for many runs in parallel). */
export function runArctlAsync(args: string[], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [arctlBin, ...args], { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
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
