/**
 * The exit code of a run, from what happened and nothing else (cli.md "Exit codes"): 0 success,
 * 1 the check failed, 2 usage error, unreadable input, failed output or internal error, 130 interrupted.
 */
import { CommanderError } from '@commander-js/extra-typings';
import { ArctlError } from '../util/errors.ts';

/** What a command found, as far as the exit code is concerned. */
export interface RunResult {
  /** An input could not be read at all (exit 2, after the others were checked). */
  unreadable?: boolean;
  /** Errors found: lint / validate findings of severity error. */
  errors?: number;
  warnings?: number;
  /** `--max-warnings`: more warnings than this fail the check; -1 or unset: no limit. */
  maxWarnings?: number;
  /** A check without counts failed (`script test`: the program does not behave as execd expects). */
  failed?: boolean;
  /** `diff --exit-code`: the two configurations differ (exit 2; an error is then exit 1, as diff.ts words it). */
  differs?: boolean;
}

/** How a run ended: its command's result, the error it ended with, and whether its output was lost. */
export interface RunOutcome {
  result: RunResult;
  error?: unknown;
  /** Standard output could not be written (a full disk, a closed descriptor); a reader that went away is not this. */
  outputFailed?: boolean;
}

export function tooManyWarnings(result: RunResult): boolean {
  return result.maxWarnings !== undefined && result.maxWarnings >= 0 && (result.warnings ?? 0) > result.maxWarnings;
}

export function exitCode(outcome: RunOutcome): number {
  if (outcome.outputFailed) return 2;
  if (outcome.error !== undefined) return errorExitCode(outcome.error);
  const result = outcome.result;
  if (result.unreadable || result.differs) return 2;
  return result.failed || (result.errors ?? 0) > 0 || tooManyWarnings(result) ? 1 : 0;
}

function errorExitCode(error: unknown): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // `arctl help` is exit 0; help shown because no (sub)command was given (`arctl`, `arctl add`) is a usage error.
    if (error.code === 'commander.help') return error.exitCode === 0 ? 0 : 2;
    return 2;
  }
  if (error instanceof ArctlError) return error.exitCode;
  if (isPromptAbort(error)) return 130;
  return 2;
}

export function isPromptAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === 'ExitPromptError' || error.name === 'AbortPromptError');
}
