/**
 * cli.md's global contract, end to end: exit codes of help and usage errors, global flags in any
 * position, `-` for standard input wherever a command reads a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

test('a command group run without its subcommand is a usage error (exit 2, help on stderr); asked-for help is exit 0', () => {
  for (const args of [[], ['add'], ['hook']]) {
    const r = runArctl(args);
    assert.equal(r.status, 2, `arctl ${args.join(' ')}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: arctl/m);
  }
  for (const args of [['--help'], ['help'], ['help', 'lint'], ['add', '--help'], ['add', 'help'], ['hook', '--help'], ['lint', '--help'], ['--version']]) {
    const r = runArctl(args);
    assert.equal(r.status, 0, `arctl ${args.join(' ')}: ${r.stderr}`);
    assert.notEqual(r.stdout, '');
  }
});

test('--target-version is global: before the command it applies to lint, validate, simulate and add alike', () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const alerts = join(projectRoot, 'examples/alerts.json');
  const lintAfter = runArctl(['lint', conf, '--format', 'json', '--target-version', '3.13']);
  const lintBefore = runArctl(['--target-version', '3.13', 'lint', conf, '--format', 'json']);
  assert.equal(lintBefore.stderr, '');
  assert.equal(lintBefore.status, lintAfter.status);
  assert.equal(lintBefore.stdout, lintAfter.stdout);
  assert.notEqual(lintBefore.stdout, runArctl(['lint', conf, '--format', 'json']).stdout, 'the version changes the findings');

  const validate = runArctl(['--target-version=3.13', 'validate', conf, '--format', 'json']);
  assert.equal(validate.stdout, runArctl(['validate', conf, '--format', 'json', '--target-version', '3.13']).stdout);

  const sim = runArctl(['--target-version', '3.13', 'simulate', alerts, '--config', conf, '--format', 'json']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.equal(JSON.parse(sim.stdout).targetVersion, '3.13');

  const add = runArctl(['--target-version', '3.13', 'add', 'command', '--template', 'firewall-drop', '--replace', '--file', conf, '--dry-run']);
  assert.match(add.stdout, /<executable>firewall-drop\.sh<\/executable>/);

  const refused = runArctl(['--target-version', '5.0', 'lint', conf]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /5\.0 is not supported yet/);
});
