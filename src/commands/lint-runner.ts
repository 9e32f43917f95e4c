/**
 * Runs `arctl lint` / `arctl validate` over files: reads each one, lints it, applies --fix or
 * --fix-dry-run, formats the report, and returns what the exit code depends on (src/commands/exit-code.ts).
 */
import { resolve } from 'node:path';
import { expandInputs, type ExpandedInput } from '../config/config-files.ts';
import { findIgnoreFile, loadIgnoreFile, type IgnorePredicate } from '../config/ignore-file.ts';
import { settingsAsJson } from '../config/settings.ts';
import { ConfigDocument } from '../document/document.ts';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { knownRuleIds } from '../lint/rule-ids.ts';
import { lintDocument, ranRuleIds, type LintMode } from '../lint/engine.ts';
import { formatters } from '../lint/formatters/index.ts';
import { problemsText } from '../lint/formatters/stylish.ts';
import { buildFileReport, totalCounts, type FileReport } from '../lint/report.ts';
import type { Diagnostic } from '../lint/types.ts';
import { FIX_TYPES, takesSuggestion, type FixSelection, type FixType } from '../lint/fix.ts';
import { compareText } from '../util/compare.ts';
import { didYouMean } from '../util/suggest.ts';
import { ArctlError, InputError } from '../util/errors.ts';
import { checkContent, checkOneStdinReader, readConfigInput } from '../util/read-input.ts';
import { VERSION } from '../version.ts';
import { readerOptions } from '../wazuh/arch.ts';
import { hostInstallation, reportInstallation } from './installation.ts';
import { resolveLintSettings, type LintFlags } from './lint-options.ts';
import { tooManyWarnings, type RunResult } from './exit-code.ts';
import { colorEnabled, makeChalk, writeErr, writeOut } from './output.ts';
import { currentRun, type OutputStream } from './io.ts';
import { refuseOutputOverInput, writeReportFile } from './output-file.ts';

export const DEFAULT_FILE = 'ossec.conf';

export interface RunFlags extends LintFlags {
  fix?: true;
  fixDryRun?: true;
  fixSuggestions?: true;
  fixRule?: string[];
  fixType?: string[];
  noColor: boolean;
}

/** --fix-suggestions, --fix-rule and --fix-type as a selection of changes (usage errors when misspelt). */
export function fixSelection(flags: RunFlags): FixSelection {
  const list = (values: string[] | undefined) => (values ?? []).flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean);
  const rules = list(flags.fixRule);
  const types = list(flags.fixType);
  const given = [flags.fixSuggestions && '--fix-suggestions', rules.length > 0 && '--fix-rule', types.length > 0 && '--fix-type'].filter(Boolean);
  if (given.length > 0 && !flags.fix && !flags.fixDryRun) throw new InputError(`${given[0]} needs --fix or --fix-dry-run`);
  const known = knownRuleIds();
  for (const id of rules) if (!known.includes(id)) throw new InputError(`--fix-rule: unknown rule '${id}'${didYouMean(id, known)}`);
  for (const type of types) {
    if (!(FIX_TYPES as readonly string[]).includes(type)) throw new InputError(`--fix-type: '${type}' is not one of ${FIX_TYPES.join(', ')}${didYouMean(type, FIX_TYPES)}`);
  }
  return {
    ...(flags.fixSuggestions ? { suggestions: true } : {}),
    ...(rules.length > 0 ? { rules: new Set(rules) } : {}),
    ...(types.length > 0 ? { types: new Set(types as FixType[]) } : {}),
  };
}

/** Bytes to lint under a name, read elsewhere (a staged blob, for `arctl hook run`). */
export interface NamedBytes {
  path: string;
  bytes: Buffer;
}

/** `blobs`: lint these instead of files (paths are relative to the current directory, as reports show them). */
export async function runLint(files: string[], flags: RunFlags, mode: LintMode, blobs?: readonly NamedBytes[]): Promise<RunResult> {
  const cwd = currentRun().io.cwd;
  if (flags.fix && flags.fixDryRun) throw new InputError('--fix and --fix-dry-run cannot be used together');
  checkOneStdinReader([['FILE', files.includes('-') ? '-' : undefined], ['--config', flags.config], ['--agents', flags.agents]]);
  if (files.includes('-') && flags.fix) throw new InputError('--fix cannot write back to standard input; use --fix-dry-run to see the changes');
  const selection = fixSelection(flags);
  const installation = hostInstallation(flags.root, files.length > 0 || blobs !== undefined, cwd);
  const { options, settings, rulesetProblems } = resolveLintSettings(flags, mode, cwd, installation);
  const installedFiles = installation && files.length === 0 ? [installation.ossecConf, ...installation.agentConfs] : [];
  if (installation) reportInstallation(installation, settings, installedFiles);
  const ignoreFile = findIgnoreFile(cwd);
  if (flags.printConfig) {
    // The settings a directory search would use, so an ignore file it would refuse (a directory, unreadable) is refused here too.
    if (ignoreFile) loadIgnoreFile(ignoreFile);
    writeOut(`${JSON.stringify(settingsAsJson(settings, ignoreFile ? { ignoreFile } : {}), null, 2)}\n`);
    return {};
  }
  if (rulesetProblems.length > 0) {
    const first = rulesetProblems[0];
    // (1104) quotes a whole group piece of 2 KB or more: a note shows its start.
    const message = first.message.length > 300 ? `${first.message.slice(0, 300)}...` : first.message;
    writeErr(`arctl: note: ${rulesetProblems.length} problem(s) reading the ruleset, e.g. ${first.file}${first.line ? `:${first.line}` : ''}: ${message}\n`);
  }
  const rules = ruleCatalogue();
  const keep = (list: Diagnostic[]) => (flags.quiet ? list.filter((d) => d.severity === 'error') : list);
  const lint = async (doc: ConfigDocument) => keep(await lintDocument(doc, options));
  const reader = readerOptions(options.target, options.arch);
  const lintBytes = (path: string, bytes: Buffer) => lint(new ConfigDocument(path, bytes, reader));
  // --fix and --fix-dry-run only: the fixer, the diff and the locked atomic write load with them.
  const fixer = flags.fix || flags.fixDryRun ? await import('./actions.ts') : undefined;

  const reports: FileReport[] = [];
  const patches: string[] = [];
  let unreadable = false;
  // A directory stands for the configuration files below it (src/config/config-files.ts).
  const ignored = ignoreFile ? lazyIgnore(ignoreFile) : undefined;
  const inputs: Array<ExpandedInput | ({ kind: 'blob' } & NamedBytes)> = blobs
    ? blobs.map((b) => ({ kind: 'blob', ...b }))
    : files.length > 0
      ? expandInputs(files, cwd, ignored ? { ignored, ignoreFile } : {})
      : installedFiles.length > 0
        ? installedFiles.map((path) => ({ kind: 'file', path }))
        : [{ kind: 'file', path: DEFAULT_FILE }];
  if (flags.output !== undefined) refuseOutputOverInput(flags.output, inputs.filter((i) => i.kind !== 'problem').map((i) => i.path), cwd, 'the files to check');
  for (const expanded of inputs) {
    if (expanded.kind === 'problem') {
      writeErr(`arctl: ${expanded.message}\n`);
      unreadable = true;
      continue;
    }
    const target = expanded.path;
    let input;
    try {
      input = expanded.kind === 'blob' ? { path: target, bytes: checkContent(target, expanded.bytes) } : readConfigInput(target, flags.stdinFilename ?? '<stdin>');
    } catch (error) {
      if (!(error instanceof ArctlError)) throw error;
      const hint = files.length === 0 && !blobs && !installation ? ' (no FILE given: arctl reads ./ossec.conf, or a Wazuh installation with --root DIR)' : '';
      writeErr(`arctl: ${error.message}${hint}\n`);
      unreadable = true;
      continue;
    }
    let bytes = input.bytes;
    let fixedByRule: Map<string, number> | undefined;
    if (fixer && flags.fix) {
      const fixed = await fixer.fixInPlace(target, (b) => lintBytes(input.path, b), selection);
      bytes = fixed.bytes;
      fixedByRule = fixed.appliedByRule;
    } else if (fixer) {
      const fixed = await fixer.fixDryRun(input.path, bytes, (b) => lintBytes(input.path, b), selection, target === '-');
      if (fixed.patch) patches.push(fixed.patch);
      if (fixed.note) writeErr(fixed.note);
      bytes = fixed.bytes;
      fixedByRule = fixed.appliedByRule;
    }
    const doc = new ConfigDocument(input.path, bytes, reader);
    const diagnostics = await lint(doc);
    // Human output only: machine formats carry what remains, and their stderr stays clean for tools.
    if (fixedByRule && fixedByRule.size > 0 && flags.format === 'stylish') writeErr(`arctl: ${input.path}: ${fixedReport(fixedByRule, diagnostics, Boolean(flags.fixDryRun))}\n`);
    const filePath = target === '-' ? (flags.stdinFilename ? resolve(cwd, flags.stdinFilename) : '<stdin>') : resolve(cwd, target);
    reports.push(buildFileReport(doc, diagnostics, { filePath, displayPath: input.path, ranRuleIds: ranRuleIds(options) }, rules));
  }

  const counts = totalCounts(reports);
  const result: RunResult = { unreadable, errors: counts.errorCount, warnings: counts.warningCount, ...(flags.maxWarnings !== undefined ? { maxWarnings: flags.maxWarnings } : {}) };
  if (unreadable && flags.output) {
    // A report that misses a file is read by code scanning as that file's findings fixed (GitHub closes the
    // alerts an upload no longer holds): --output stays as it was, and the run ends with exit 2 as without it.
    writeErr(`arctl: --output ${flags.output} not written: an input could not be read, and a report without it would read as its findings fixed\n`);
    return result;
  }
  if (flags.fixDryRun) {
    emit(patches.join(''), flags.output);
    // Counted as the report counts them: a sum of errors and warnings short of the total read as a miscount.
    writeErr(`arctl: ${plural(patches.length, 'file')} would change; ${problemsText(counts).replace(' (', ' would remain (')}\n`);
  } else {
    const color = makeChalk(!flags.output && flags.format === 'stylish' && colorEnabled(flags.noColor));
    // Human output fits the terminal it goes to; a file or pipe gets the formatter's default width.
    const stdout = currentRun().io.stdout as OutputStream & { columns?: number };
    const width = !flags.output && stdout.isTTY && (stdout.columns ?? 0) > 0 ? stdout.columns : undefined;
    // The pre-commit hook (blobs: staged content) takes no --fix: it says which command fixes what it can.
    emit(formatters[flags.format](reports, { rules, color, cwd, toolVersion: VERSION, ...(width ? { width } : {}), ...(blobs ? { fixHints: false } : {}) }), flags.output);
    if (blobs && flags.format === 'stylish') writeErr(hookFixHint(reports));
  }
  if (tooManyWarnings(result) && !flags.fixDryRun) writeErr(`arctl: too many warnings: ${result.warnings}, more than --max-warnings ${flags.maxWarnings}\n`);
  return result;
}

/** The hook's word on fixes: `arctl lint --fix` on the files (in the working tree) that have fixable findings. */
function hookFixHint(reports: readonly FileReport[]): string {
  const fixable = reports.filter((r) => r.messages.some((m) => m.fix || m.rawFix));
  if (fixable.length === 0) return '';
  const n = fixable.reduce((sum, r) => sum + r.messages.filter((m) => m.fix || m.rawFix).length, 0);
  const paths = fixable.map((r) => (/^[\w./@%+=:,-]+$/.test(r.displayPath) ? r.displayPath : `'${r.displayPath.replace(/'/g, `'\\''`)}'`));
  return `arctl: ${n === 1 ? '1 of them is' : `${n} of them are`} fixable: arctl lint --fix ${paths.join(' ')} (in the working tree; then git add)\n`;
}

/** After fixing: what changed, per rule, and how many findings remain (the report below lists them). */
function fixedReport(byRule: Map<string, number>, remaining: readonly Diagnostic[], dryRun: boolean): string {
  const total = [...byRule.values()].reduce((a, b) => a + b, 0);
  const rules = [...byRule.entries()].sort(([a], [b]) => compareText(a, b)).map(([id, n]) => `${id} ${n}`);
  const suggestions = remaining.filter(takesSuggestion).length;
  const rest = suggestions > 0 ? `; ${plural(suggestions, 'suggestion')} left for --fix-suggestions` : '';
  // A dry run's closing line counts what would remain, over all files.
  if (dryRun) return `would fix ${plural(total, 'problem')} (${rules.join(', ')})${rest.replace('left for', 'would be left for')}`;
  return `fixed ${plural(total, 'problem')} (${rules.join(', ')}); ${plural(remaining.length, 'problem')} ${remaining.length === 1 ? 'remains' : 'remain'}${rest}`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

function emit(text: string, output: string | undefined): void {
  if (output) writeReportFile(output, text);
  else writeOut(text);
}

/** The ignore file's predicate, read when a directory search first asks (files named alone never do). */
function lazyIgnore(path: string): IgnorePredicate {
  let predicate: IgnorePredicate | undefined;
  return (file, isDirectory) => (predicate ??= loadIgnoreFile(path))(file, isDirectory);
}
