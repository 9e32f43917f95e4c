/** The exit code is one function of how a run ended (src/commands/exit-code.ts; cli.md "Exit codes"). */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CommanderError } from '@commander-js/extra-typings';
import { exitCode } from '../../src/commands/exit-code.ts';
import { CheckFailedError, InputError } from '../../src/util/errors.ts';

test('results: errors or too many warnings fail the check (1); an unreadable input is 2 and outranks them', () => {
  assert.equal(exitCode({ result: {} }), 0);
  assert.equal(exitCode({ result: { errors: 0, warnings: 3 } }), 0);
  assert.equal(exitCode({ result: { errors: 1 } }), 1);
  assert.equal(exitCode({ result: { errors: 0, warnings: 3, maxWarnings: 3 } }), 0);
  assert.equal(exitCode({ result: { errors: 0, warnings: 4, maxWarnings: 3 } }), 1);
  assert.equal(exitCode({ result: { errors: 0, warnings: 1, maxWarnings: 0 } }), 1);
  assert.equal(exitCode({ result: { errors: 0, warnings: 99, maxWarnings: -1 } }), 0, '-1: no limit');
  assert.equal(exitCode({ result: { failed: true } }), 1);
  assert.equal(exitCode({ result: { differs: true } }), 2, 'diff --exit-code');
  assert.equal(exitCode({ result: { errors: 5, unreadable: true } }), 2);
});

test('errors: usage and unreadable input 2, a failed check 1, help and version 0, an interrupted prompt 130, anything else 2', () => {
  assert.equal(exitCode({ result: {}, error: new InputError('bad flag') }), 2);
  assert.equal(exitCode({ result: {}, error: new CheckFailedError('assertion failed') }), 1);
  assert.equal(exitCode({ result: {}, error: new CommanderError(1, 'commander.unknownOption', 'x') }), 2);
  assert.equal(exitCode({ result: {}, error: new CommanderError(0, 'commander.helpDisplayed', '') }), 0);
  assert.equal(exitCode({ result: {}, error: new CommanderError(0, 'commander.version', '') }), 0);
  assert.equal(exitCode({ result: {}, error: new CommanderError(0, 'commander.help', '') }), 0, '`arctl help`');
  assert.equal(exitCode({ result: {}, error: new CommanderError(1, 'commander.help', '') }), 2, '`arctl` alone: usage');
  const abort = Object.assign(new Error('prompt closed'), { name: 'ExitPromptError' });
  assert.equal(exitCode({ result: {}, error: abort }), 130);
  assert.equal(exitCode({ result: {}, error: new TypeError('bug') }), 2);
  assert.equal(exitCode({ result: { errors: 3 }, error: new InputError('late') }), 2, 'the error ends the run, whatever was found before');
});

test('lost output is exit 2, whatever the command found or how it ended', () => {
  assert.equal(exitCode({ result: {}, outputFailed: true }), 2);
  assert.equal(exitCode({ result: { errors: 1 }, outputFailed: true }), 2);
  assert.equal(exitCode({ result: {}, error: new CheckFailedError('x'), outputFailed: true }), 2);
});
