/**
 * Which files are Wazuh configuration files arctl understands, by name, and turning the FILE arguments
 * of `lint` / `validate` into files: a directory stands for the configuration files below it.
 * Reads the file system; prints nothing (the command reports the problems it returns).
 */
import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { compareText } from '../util/compare.ts';
import { describeFsError } from '../util/read-input.ts';
import type { IgnorePredicate } from './ignore-file.ts';

/**
 * The names Wazuh reads (and arctl lints): `ossec.conf`, a shared `agent.conf`, and `*.ossec.conf` for
 * copies kept under another name in a repository. An extended regular expression (grep -E) that is also
 * valid JavaScript, matched against a `/`-separated path: the git pre-commit hook greps staged paths
 * with it, and .pre-commit-hooks.yaml repeats it (a test holds the two equal).
 */
export const CONFIG_FILE_PATTERN = String.raw`(^|/)(ossec\.conf|agent\.conf|[^/]*\.ossec\.conf)$`;
const configFileRegExp = new RegExp(CONFIG_FILE_PATTERN);

/** The names in words, for messages. */
export const CONFIG_FILE_NAMES = 'ossec.conf, agent.conf or *.ossec.conf';

export function isConfigFilePath(path: string): boolean {
  return configFileRegExp.test(path);
}

/** Directories a search never enters: version-control data and installed packages, not configuration. */
const SKIPPED_DIRECTORIES = new Set(['.git', 'node_modules']);

/** One input to lint, or why an argument (or a directory below one) yields none. */
export type ExpandedInput = { kind: 'file'; path: string } | { kind: 'problem'; path: string; message: string };

/**
 * The inputs the arguments stand for, in argument order, each file once (the first spelling wins):
 * a directory expands, recursively and in code-unit order of names, to the configuration files below it
 * (see CONFIG_FILE_PATTERN); anything else, `-` included, is kept as given for the reader to judge.
 * Symbolic links are followed, each directory is searched once (so a link loop ends), and a directory
 * that cannot be read is a problem while the others are still searched.
 */
export function expandInputs(args: string[], cwd: string, options: { ignored?: IgnorePredicate; ignoreFile?: string } = {}): ExpandedInput[] {
  const out: ExpandedInput[] = [];
  const seen = new Set<string>();
  const add = (input: ExpandedInput) => {
    const key = input.kind === 'file' && input.path !== '-' ? resolve(cwd, input.path) : `${input.kind}:${input.path}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(input);
  };
  for (const arg of args) {
    const stats = arg === '-' ? undefined : statOrUndefined(resolve(cwd, arg));
    if (stats?.isDirectory()) {
      const left = { count: 0 };
      const found = searchDirectory(arg, stats, cwd, options.ignored, left);
      const leftOut = left.count > 0 && options.ignoreFile ? `; ${options.ignoreFile} leaves out ${left.count} file${left.count === 1 ? '' : 's'} or director${left.count === 1 ? 'y' : 'ies'} here` : '';
      if (found.length === 0) add({ kind: 'problem', path: arg, message: `${arg}: no ${CONFIG_FILE_NAMES} file in this directory or below it (name a file to lint it under another name${leftOut})` });
      found.forEach(add);
    } else if (!stats && arg !== '-' && /[*?[\]{}]/.test(arg)) {
      add({ kind: 'problem', path: arg, message: `${arg}: no such file; arctl does not expand patterns: leave it unquoted for the shell to expand, or name a directory to lint the ${CONFIG_FILE_NAMES} files in it` });
    } else {
      add({ kind: 'file', path: arg });
    }
  }
  return out;
}

/**
 * The configuration files below `dir` and the subdirectories that could not be read, in search order;
 * what `ignored` leaves out (a directory with all below it) is counted in `left`.
 */
function searchDirectory(dir: string, dirStats: Stats, cwd: string, ignored: IgnorePredicate | undefined, left: { count: number }): ExpandedInput[] {
  const found: ExpandedInput[] = [];
  const visited = new Set<string>();
  const visit = (path: string, stats: Stats) => {
    const id = `${stats.dev}:${stats.ino}`;
    if (visited.has(id)) return;
    visited.add(id);
    let entries: Dirent[];
    try {
      entries = readdirSync(resolve(cwd, path), { withFileTypes: true });
    } catch (error) {
      found.push({ kind: 'problem', path, message: `${path}: ${describeFsError(error)}; the files in this directory were not checked` });
      return;
    }
    entries.sort((a, b) => compareText(a.name, b.name));
    for (const entry of entries) {
      const child = join(path, entry.name);
      const isLink = entry.isSymbolicLink();
      if (!isLink && !entry.isDirectory() && !entry.isFile()) continue;
      const leftOut = (isDirectory: boolean) => {
        const out = ignored?.(resolve(cwd, child), isDirectory) ?? false;
        if (out) left.count++;
        return out;
      };
      if (!isLink && entry.isFile()) {
        if (isConfigFilePath(entry.name) && !leftOut(false)) found.push({ kind: 'file', path: child });
        continue;
      }
      const target = statOrUndefined(resolve(cwd, child));
      if (target?.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name) && !leftOut(true)) visit(child, target);
      } else if (isConfigFilePath(entry.name) && (target === undefined || target.isFile()) && !leftOut(false)) {
        // A dangling link is kept: Wazuh could not read that file either, and the reader says why.
        found.push({ kind: 'file', path: child });
      }
    }
  };
  visit(dir, dirStats);
  return found;
}

function statOrUndefined(path: string): Stats | undefined {
  try {
    return statSync(path);
  } catch {
    return undefined;
  }
}
