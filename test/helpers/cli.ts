/** Runs the built CLI as a real process, the way users meet it. */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

export const arctlBin = join(projectRoot, 'bin/arctl.js');

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
}

export function runArctl(args: string[], options: SpawnSyncOptions & { input?: string | Buffer } = {}): CliResult {
  const result = spawnSync(process.execPath, [arctlBin, ...args], {
    cwd: projectRoot,
    encoding: 'utf8',
    timeout: 60_000,
    ...options,
    env: { ...process.env, NO_COLOR: '1', ...options.env },
  });
  return { status: result.status, stdout: String(result.stdout ?? ''), stderr: String(result.stderr ?? '') };
}
