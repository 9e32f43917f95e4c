/** arctl as an install left it (a global prefix, a project's node_modules, the single file): does it run? */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

const version = (JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { version: string }).version;

/** arctl as installed runs: its version, a clean example (exit 0) and a broken one (exit 1, findings). */
export function assertArctlWorks(arctl: string[], env: NodeJS.ProcessEnv = process.env): void {
  const run = (args: string[]) => spawnSync(arctl[0], [...arctl.slice(1), ...args], { encoding: 'utf8', env: { ...env, NO_COLOR: '1' } });
  const shown = run(['--version']);
  assert.equal(shown.status, 0, `arctl --version:\n${shown.stdout}\n${shown.stderr}`);
  assert.equal(shown.stdout.trim(), version);
  const clean = run(['lint', join(projectRoot, 'examples/ossec.conf')]);
  assert.equal(clean.status, 0, `lint of the clean example:\n${clean.stdout}\n${clean.stderr}`);
  const broken = run(['lint', '--format', 'json', join(projectRoot, 'examples/broken.ossec.conf')]);
  assert.equal(broken.status, 1, broken.stderr);
  assert.ok((JSON.parse(broken.stdout) as Array<{ errorCount: number }>)[0].errorCount > 0);
}
