/**
 * The README's library examples run as written and print what the README says. `import ... from
 * 'arctl'` resolves to this checkout's built library (dist/index.js) through package.json's exports:
 * Node resolves a package's own name from inside it. test/cli/package.slow.test.ts runs it again against
 * the installed tarball.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { projectRoot } from '../helpers/paths.ts';
import { libraryExamples } from '../helpers/readme.ts';

test('the README library examples run and print the output they show', () => {
  const examples = libraryExamples();
  assert.ok(examples.length >= 2, 'the lint/simulate example and the log comparison');
  for (const { code, output } of examples) {
    const run = spawnSync(process.execPath, ['--input-type=module'], { cwd: projectRoot, input: code, encoding: 'utf8', timeout: 60_000 });
    assert.equal(run.stderr, '');
    assert.equal(run.status, 0);
    assert.equal(run.stdout, output);
  }
});
