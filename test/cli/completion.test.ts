import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { runArctl } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

test('arctl completion bash prints a script bash accepts, completing commands and their options', () => {
  const r = runArctl(['completion', 'bash']);
  assert.equal(r.status, 0, r.stderr);
  const script = tempFile('arctl.bash', r.stdout);
  const check = spawnSync('bash', ['-c', `source ${script}; COMP_WORDS=(arctl ho); COMP_CWORD=1; _arctl_complete; echo "\${COMPREPLY[@]}"; COMP_WORDS=(arctl hook ''); COMP_CWORD=2; _arctl_complete; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const [first, second] = check.stdout.trim().split('\n');
  assert.equal(first, 'hook');
  assert.match(second, /\binstall\b.*\buninstall\b/);
});

test('arctl completion zsh and fish print scripts; an unknown shell is a usage error', () => {
  const zsh = runArctl(['completion', 'zsh']);
  assert.equal(zsh.status, 0);
  assert.match(zsh.stdout, /^#compdef arctl/);
  const fish = runArctl(['completion', 'fish']);
  assert.equal(fish.status, 0);
  assert.match(fish.stdout, /complete -c arctl .* -a hook/);
  const bad = runArctl(['completion', 'tcsh']);
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /unknown shell 'tcsh'/);
  assert.doesNotMatch(bad.stderr, /\n\s+at /);
});

test('arctl completion bash completes `script test` and its flags', () => {
  const r = runArctl(['completion', 'bash']);
  const script = tempFile('arctl.bash', r.stdout);
  const check = spawnSync('bash', ['-c', `source ${script}; COMP_WORDS=(arctl scr); COMP_CWORD=1; _arctl_complete; echo "\${COMPREPLY[@]}"; COMP_WORDS=(arctl script test --re); COMP_CWORD=3; _arctl_complete; echo "\${COMPREPLY[@]}"`], { encoding: 'utf8' });
  assert.equal(check.status, 0, check.stderr);
  const [first, second] = check.stdout.trim().split('\n');
  assert.equal(first, 'script');
  assert.match(second!, /--reply-timeout/);
  assert.match(second!, /--repeated-offenders/);
});
