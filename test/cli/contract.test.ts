/**
 * cli.md's global contract, end to end: exit codes of help and usage errors, global flags in any
 * position, `-` for standard input wherever a command reads a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl } from '../helpers/cli.ts';

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
