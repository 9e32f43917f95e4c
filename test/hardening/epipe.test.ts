/** `arctl ... | head`: when the reader goes away, arctl stops quietly (no EPIPE crash, no blame on the input). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { generateAlertLines } from '../../bench/generate.ts';
import { spawnArctl } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

/** Reads the first chunk of stdout, then closes the pipe, as `head -1` does. */
function readFirstThenClose(args: string[]): Promise<{ status: number | null; stderr: string; first: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnArctl(args, { stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    let first = '';
    let stderr = '';
    child.stdout!.once('data', (d: Buffer) => {
      first = d.toString();
      child.stdout!.destroy();
    });
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stderr, first }));
  });
}

test('a closed stdout pipe ends arctl quietly: --help and simulate --timeline', { timeout: 240_000 }, async () => {
  const dir = tempDir('arctl-epipe-');
  const alerts = join(dir, 'alerts.json');
  writeFileSync(alerts, generateAlertLines(0, 20_000));
  for (const args of [['--help'], ['simulate', '--timeline', '--file', join(projectRoot, 'examples/ossec.conf'), alerts]]) {
    const r = await readFirstThenClose(args);
    assert.ok(r.first.length > 0, `${args[0]}: printed something first`);
    assert.equal(r.stderr, '', `${args[0]}: nothing on stderr`);
    assert.equal(r.status, 0, `${args[0]}: exit 0`);
  }
});
