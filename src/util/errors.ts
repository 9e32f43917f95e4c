/** Errors that end a command with a known exit code and one clear line (no stack trace). */
export class ArctlError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Usage errors, unreadable or unsupported input: exit 2. */
export class InputError extends ArctlError {
  constructor(message: string) {
    super(message, 2);
  }
}

/** A check that failed (lint errors, refused write, failed assertion): exit 1. */
export class CheckFailedError extends ArctlError {
  constructor(message: string) {
    super(message, 1);
  }
}
