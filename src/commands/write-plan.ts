/**
 * The write side every editing command shares (`add`, `set`, `remove`, `disable`, `enable`): a plan
 * (from the file's bytes to new bytes, gated by lint) is previewed as a git-style diff, confirmed in a
 * terminal, and written under the file's lock after planning again on what the file holds then, so a
 * concurrent writer's change is never lost; `--dry-run` prints the diff, `--file -` is a filter.
 */
import { existsSync, statSync } from 'node:fs';
import type { Command } from '@commander-js/extra-typings';
import { offsetBefore, type GateResult, type GateSettings } from '../add/gate.ts';
import { alreadyThere, LintGateRefusal } from '../add/plan.ts';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { stylish } from '../lint/formatters/stylish.ts';
import { buildFileReport } from '../lint/report.ts';
import type { Diagnostic } from '../lint/types.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { withFileLock } from '../util/file-lock.ts';
import { checkOneStdinReader, readConfigInput, requireRegularFile } from '../util/read-input.ts';
import { forReading, readableDiff, unifiedDiff } from '../util/unified-diff.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { Prompter } from '../add/kinds/kind.ts';
import { currentRun, noteWritten, type OutputStream } from './io.ts';
import { lintOptionsOf } from './lint-options.ts';
import { resolveCliSettings } from './settings.ts';
import { colorEnabled, makeChalk, writeErr, writeOut, writeOutBytes } from './output.ts';

/** The flags every editing command shares. */
export interface WriteOptions {
  file: string;
  dryRun?: boolean;
  backup?: boolean;
  yes?: boolean;
  targetVersion?: string;
  config?: string;
  arch?: ManagerArch;
  ruleset?: string[];
  agents?: string;
}

/** What a planner decides: nothing to do (and why), or the new bytes and the gate's verdict. */
export type WritePlan = { changed: false; message: string } | { changed: true; before: Buffer; after: Buffer; summary: string[]; gate: GateResult };

/** The file's bytes; null when it does not exist yet (`add --create`). */
type Bytes = Buffer | null;

export type Chalk = ReturnType<typeof makeChalk>;

/** The existing file's bytes (a regular file; a missing one is a usage error). */
export function readExisting(path: string): Buffer {
  if (!existsSync(path)) throw new InputError(`${path}: no such file`);
  requireRegularFile(path);
  return readConfigInput(path).bytes;
}

/**
 * What the lint gate is given: what `arctl lint` would use here (src/config/settings.ts: the .arctl.json,
 * --target-version, --arch, --ruleset, --agents, and the config file's arBin and rules).
 */
export function gateSettings(opts: WriteOptions): GateSettings {
  const settings = resolveCliSettings({
    cwd: currentRun().io.cwd,
    ...(opts.config !== undefined ? { configFile: opts.config } : {}),
    options: {
      ...(opts.targetVersion !== undefined ? { targetVersion: opts.targetVersion } : {}),
      ...(opts.arch !== undefined ? { arch: opts.arch } : {}),
      ...(opts.ruleset && opts.ruleset.length > 0 ? { ruleset: opts.ruleset } : {}),
      ...(opts.agents !== undefined ? { agents: opts.agents } : {}),
    },
  });
  const { mode: _mode, schemaEngine: _engine, ...gate } = lintOptionsOf(settings, 'lint');
  return gate;
}

/** Where an editing run starts: the file (or standard input), the gate's settings, and a prompter in a terminal. */
export interface WriteStart {
  stdin: boolean;
  path: string;
  current: Bytes;
  gate: GateSettings;
  /** Set in a terminal without --no-input (never with `--file -`, whose standard input is the file). */
  prompter: Prompter | null;
}

export async function beginWrite(opts: WriteOptions & { input: boolean }, read: (path: string) => Bytes): Promise<WriteStart> {
  const stdin = opts.file === '-';
  checkOneStdinReader([['--file', opts.file], ['--config', opts.config], ['--agents', opts.agents]]);
  if (stdin && opts.backup) throw new InputError('--backup needs a file: --file - prints the new file on standard output');
  const gate = gateSettings(opts);
  const path = stdin ? '<stdin>' : opts.file;
  const current = stdin ? readConfigInput('-').bytes : read(path);
  const interactive = !stdin && Boolean(currentRun().io.stdin.isTTY) && opts.input !== false;
  const prompter = interactive ? await (await import('./add-prompts.ts')).inquirerPrompter() : null;
  return { stdin, path, current, gate, prompter };
}

export interface WriteRequest<P extends WritePlan> {
  path: string;
  /** `--file -`: read standard input, print the new file (or the diff) on standard output. */
  stdin: boolean;
  /** The file as first read (standard input's bytes with `stdin`). */
  current: Bytes;
  /** Reads the file again, under its lock. */
  read: () => Bytes;
  opts: WriteOptions;
  cmd: Command<any, any, any>;
  /** Set in a terminal: the diff is shown and confirmed before writing. */
  prompter: Prompter | null;
  plan: (bytes: Bytes) => P;
  /** Text shown above the diff in the confirmation preview. */
  preview: (plan: Extract<P, { changed: true }>, chalk: Chalk) => string;
  /** What lint's new warnings are about, in messages: 'the new block', 'the change'. */
  subject: string;
}

export async function writePlanned<P extends WritePlan>(request: WriteRequest<P>): Promise<void> {
  const { path, opts, cmd, prompter } = request;
  const noColor = Boolean(cmd.optsWithGlobals().color === false);
  const chalk = makeChalk(colorEnabled(noColor));
  const errChalk = makeChalk(colorEnabled(noColor, currentRun().io.stderr));
  const plan = (bytes: Bytes): P => {
    try {
      return request.plan(bytes);
    } catch (error) {
      if (!(error instanceof LintGateRefusal)) throw error;
      // The findings as lint shows them, at their lines in the file as it is (nothing was written), then the one line that ends the run.
      writeErr(findingsText(error.gate, error.gate.newErrors, path, errChalk, { asItIs: true }));
      throw new CheckFailedError(error.summary);
    }
  };

  const subject = request.subject;
  if (request.stdin) {
    filterStdin(request.current!, plan(request.current), opts, chalk, errChalk, subject);
    return;
  }

  // Planned (and linted) before the lock, so the lock is held only to re-read and write; planned again
  // under it only when another writer changed the file meanwhile.
  const early = plan(request.current);
  let previewed: Buffer | null = null;
  if (prompter && !opts.yes && !opts.dryRun) {
    const preview = early;
    if (!preview.changed) {
      writeErr(`arctl: ${preview.message}\n`);
      return;
    }
    writeOut(`${request.preview(preview as Extract<P, { changed: true }>, chalk)}\n\n${colorDiff(unifiedDiff(path, preview.before, preview.after), chalk)}`);
    if (preview.gate.newErrors.length > 0) {
      writeOut(`\n${chalk.red.bold(`Lint flags errors in ${subject} (--force writes them)${alreadyThere(preview.gate)}:`)}\n${findingsText(preview.gate, preview.gate.newErrors, path, chalk)}`);
    }
    if (preview.gate.newWarnings.length > 0) {
      writeOut(`\n${chalk.yellow.bold(`Lint warns about ${subject}${alreadyThere(preview.gate)}:`)}\n${findingsText(preview.gate, preview.gate.newWarnings, path, chalk)}`);
    }
    if (!(await prompter.confirm({ message: `Write ${path}?`, default: true }))) {
      writeErr('arctl: cancelled; nothing written\n');
      return;
    }
    previewed = preview.after;
  }

  await withFileLock(path, () => {
    // Re-read under the lock: another arctl may have written the file since it was first read.
    const fresh = request.read();
    const current = request.current;
    const unchanged = fresh === null ? current === null : current !== null && fresh.equals(current);
    const result = unchanged ? early : plan(fresh);
    if (!result.changed) {
      writeErr(`arctl: ${result.message}\n`);
      return;
    }
    const readable = readableDiff(path, result.before, result.after);
    const diff = colorDiff(readable.text, chalk);
    if (opts.dryRun) {
      writeOut(diff);
      writeErr(`arctl: dry run: ${result.summary.join('; ')}; nothing written\n${forReading(readable.caveats, `the same command with --file - < ${path} and no --dry-run prints the new file byte for byte`)}`);
      reportGate(result.gate, path, errChalk, { subject, written: false });
      return;
    }
    removeStaleTempFiles(path);
    // The backup holds the same content: it gets the file's mode, and a link planted at FILE.bak is replaced, not followed.
    if (opts.backup && fresh !== null) writeFileAtomic(`${path}.bak`, fresh, { replaceLink: true, newFileMode: statSync(path).mode & 0o777 });
    writeFileAtomic(path, result.after);
    noteWritten(path);
    // The confirmed preview already showed this diff, unless the file changed in between.
    if (!previewed?.equals(result.after)) writeOut(diff);
    writeErr(`arctl: ${path}: ${result.summary.join('; ')}${opts.backup && fresh !== null ? ` (previous version in ${path}.bak)` : ''}\n`);
    // The preview showed the warnings before the confirmation; repeat them only when it did not.
    reportGate(result.gate, path, errChalk, { subject, written: true, warnings: !previewed?.equals(result.after) });
  });
}

/** After the summary: the warnings the change brought (as lint shows them), and how many findings were already there. */
function reportGate(gate: GateResult, path: string, chalk: Chalk, { subject, written, warnings = true }: { subject: string; written: boolean; warnings?: boolean }): void {
  // Only a forced plan (enable --force) carries errors this far.
  if (warnings && gate.newErrors.length > 0) {
    const n = gate.newErrors.length;
    const what = `lint ${written ? 'flags' : 'would flag'} ${n} error${n === 1 ? '' : 's'} in ${subject}`;
    writeErr(`arctl: ${written ? `written with --force, but ${what}` : `with --force, ${what}`}:\n${findingsText(gate, gate.newErrors, path, chalk)}`);
  }
  if (warnings && gate.newWarnings.length > 0) {
    const n = gate.newWarnings.length;
    const what = `lint ${written ? 'warns' : 'would warn'} about ${subject} (${n} warning${n === 1 ? '' : 's'})`;
    writeErr(`arctl: ${written ? `written, but ${what}` : what}:\n${findingsText(gate, gate.newWarnings, path, chalk)}`);
  }
  const before = gate.preexisting.length;
  if (before > 0) writeErr(`arctl: ${before} finding${before === 1 ? ' was' : 's were'} already in the file, not caused by this change (arctl lint ${path} shows them)\n`);
}

/**
 * Findings in lint's stylish layout, fitted to standard error's terminal. They are found in the new file;
 * with `asItIs` (a refused change: the file keeps its bytes) those outside the changed text are shown at
 * their lines in the file as it is, where the user looks for them, and only those in the text the change
 * brings keep their lines in the new file (as its diff numbers them).
 */
function findingsText(gate: GateResult, findings: Diagnostic[], path: string, chalk: Chalk, { asItIs = false } = {}): string {
  const rules = ruleCatalogue();
  const file = { filePath: path, displayPath: path, ranRuleIds: [] };
  const report = buildFileReport(gate.after, asItIs ? findings.filter((d) => offsetBefore(d.range.start, gate.region) === undefined) : findings, file, rules);
  if (asItIs) {
    const moved = findings.flatMap((d): Diagnostic[] => {
      const start = offsetBefore(d.range.start, gate.region);
      if (start === undefined) return [];
      const { fix: _fix, suggestions: _suggestions, ...rest } = d;
      return [{ ...rest, range: { start, end: Math.max(start, offsetBefore(d.range.end, gate.region) ?? start) } }];
    });
    report.messages.push(...buildFileReport(gate.before, moved, file, rules).messages);
    report.messages.sort((a, b) => a.line - b.line || a.column - b.column);
  }
  const stderr = currentRun().io.stderr as OutputStream & { columns?: number };
  const width = stderr.isTTY && (stderr.columns ?? 0) > 0 ? stderr.columns : undefined;
  return stylish([report], { rules, color: chalk, cwd: currentRun().io.cwd, toolVersion: '', fixHints: false, ...(width ? { width } : {}) });
}

/** `--file -`: the new file (or with --dry-run the diff) on standard output; unchanged input passes through. */
function filterStdin(input: Buffer, result: WritePlan, opts: WriteOptions, chalk: Chalk, errChalk: Chalk, subject: string): void {
  if (!result.changed) {
    if (!opts.dryRun) writeOutBytes(input);
    writeErr(`arctl: ${result.message}\n`);
    return;
  }
  if (opts.dryRun) {
    const readable = readableDiff('<stdin>', result.before, result.after);
    writeOut(colorDiff(readable.text, chalk));
    writeErr(`arctl: dry run: ${result.summary.join('; ')}; nothing written\n${forReading(readable.caveats, 'without --dry-run, --file - prints the new file byte for byte')}`);
  } else {
    writeOutBytes(result.after);
    writeErr(`arctl: <stdin>: ${result.summary.join('; ')}\n`);
  }
  reportGate(result.gate, '<stdin>', errChalk, { subject, written: !opts.dryRun });
}

export function colorDiff(diff: string, chalk: Chalk): string {
  return diff
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? chalk.green(line) : line.startsWith('-') && !line.startsWith('---') ? chalk.red(line) : line.startsWith('@@') ? chalk.cyan(line) : line))
    .join('\n');
}
