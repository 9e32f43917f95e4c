/** Errors that end a command with a known exit code and one clear line (no stack trace). */
export class ArctlError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

/** Where in its input an input error lies, when it lies in one place (the line of an alert that is not one). */
export interface InputLocation {
  /** The file as the message names it (`<stdin>` for standard input). */
  file?: string;
  /** 1-based. */
  line?: number;
  /** 1-based, in characters of the line (UTF-16 code units, as the message's FILE:LINE:COLUMN counts them). */
  column?: number;
}

/** Usage errors, unreadable or unsupported input: exit 2. */
export class InputError extends ArctlError {
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;

  constructor(message: string, where: InputLocation = {}) {
    super(message, 2);
    if (where.file !== undefined) this.file = where.file;
    if (where.line !== undefined) this.line = where.line;
    if (where.column !== undefined) this.column = where.column;
  }
}

/** A check that failed (lint errors, refused write, failed assertion): exit 1. */
export class CheckFailedError extends ArctlError {
  constructor(message: string) {
    super(message, 1);
  }
}
