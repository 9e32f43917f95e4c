/**
 * `.arctlignore`: files and directories that a directory argument of `lint` / `validate` leaves out, in
 * gitignore syntax (the `ignore` package, as ESLint and stylelint read their ignore files). The nearest one
 * walking up from the working directory, as `.arctl.json`; its patterns are relative to its directory.
 * Files named on the command line are never left out.
 */
import { dirname, relative, resolve, sep } from 'node:path';
import { lazyRequire } from '../util/lazy-require.ts';
import { readTextInput } from '../util/read-input.ts';
import { findNearestFile } from './arctl-config.ts';

/** Read only when a directory is searched and an ignore file exists. */
const ignoreFactory = lazyRequire<typeof import('ignore')>('ignore');

export const IGNORE_FILE_NAME = '.arctlignore';

/** Is this absolute path (a directory when `isDirectory`) left out? */
export type IgnorePredicate = (path: string, isDirectory: boolean) => boolean;

/**
 * The nearest `.arctlignore` in `startDir` or a parent, or undefined. Whatever has that name counts, as for
 * `.arctl.json`: a directory is returned for loadIgnoreFile to refuse when a directory search reads it,
 * instead of being passed over for a parent's file or none while the user believes theirs applies.
 */
export function findIgnoreFile(startDir: string): string | undefined {
  return findNearestFile(startDir, IGNORE_FILE_NAME);
}

/** The predicate of an ignore file's text; paths outside its directory are never left out. */
export function ignorePredicate(text: string, baseDir: string): IgnorePredicate {
  const matcher = ignoreFactory()().add(text);
  return (path, isDirectory) => {
    const rel = relative(baseDir, path);
    if (rel === '' || rel.startsWith('..') || rel.startsWith(sep) || /^[a-zA-Z]:/.test(rel)) return false;
    const posix = rel.split(sep).join('/');
    return matcher.ignores(isDirectory ? `${posix}/` : posix);
  };
}

/** Reads an ignore file (a usage error when it cannot be read). */
export function loadIgnoreFile(path: string): IgnorePredicate {
  return ignorePredicate(readTextInput(path, path), dirname(resolve(path)));
}
