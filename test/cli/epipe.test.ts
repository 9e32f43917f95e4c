/** A reader that closes the pipe early (`| head`) must not turn into a Node stack trace. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { arctlBin } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

test('arctl lint --format sarif piped into `head -c 10`: no EPIPE error, no stack trace', () => {
  // The SARIF report (every rule's metadata) is larger than a pipe buffer, so writes go on after head exits.
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${arctlBin}" lint --format sarif examples/broken.ossec.conf | head -c 10; echo " $?"`], {
    cwd: projectRoot,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 60_000,
  });
  assert.equal(result.stdout, '{\n  "$sche 0\n');
  assert.doesNotMatch(result.stderr, /EPIPE|Unhandled 'error' event|\n\s+at /, result.stderr);
  assert.equal(result.stderr, '');
});
