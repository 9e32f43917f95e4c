/**
 * What `arctl add ...` does once its flags are parsed (add.ts registers them): prompts for what is
 * missing, previews, then writes the file with the new block under its lock, atomically.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { BlockSpec, CommandSpec } from '../add/blocks.ts';
import { alreadyThere, LintGateRefusal, planAdd, type AddPlan } from '../add/plan.ts';
import type { GateResult } from '../add/gate.ts';
import type { Diagnostic } from '../lint/types.ts';
import {
  buildActiveResponse,
  buildCommand,
  buildEmailAlerts,
  buildWhiteList,
  type Built,
  type RawActiveResponse,
  type RawCommand,
  type RawEmailAlerts,
  type RawWhiteList,
} from '../add/specs.ts';
import { commandTemplates, recipes } from '../add/templates.ts';
import { ConfigDocument } from '../document/document.ts';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { buildFileReport } from '../lint/report.ts';
import { stylish } from '../lint/formatters/stylish.ts';
import { buildConfigView } from '../document/views.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { withFileLock } from '../util/file-lock.ts';
import { checkOneStdinReader, readConfigInput, requireRegularFile } from '../util/read-input.ts';
import { unifiedDiff } from '../util/unified-diff.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { FileChoices, Prompter } from './add-prompts.ts';
import { colorEnabled, makeChalk, writeErr, writeOut, writeOutBytes } from './output.ts';
import { currentRun, noteWritten, type OutputStream } from './io.ts';
import { resolveCliSettings } from './settings.ts';

export interface CommonOptions {
  file: string;
  create?: boolean;
  dryRun?: boolean;
  backup?: boolean;
  input: boolean;
  yes?: boolean;
  targetVersion?: string;
  config?: string;
  arch?: ManagerArch;
  ruleset: string[];
  agents?: string;
}

type AnyCommand = Command<any, any, any>;

export async function addCommand(raw: RawCommand, opts: CommonOptions, cmd: AnyCommand, replace: boolean): Promise<void> {
  await runAdd(opts, cmd, async (target, prompter, choices) => {
    const templates = commandTemplates(target);
    const asked = prompter ? await (await import('./add-prompts.ts')).askCommand(prompter, raw, templates, target.legacy, choices) : raw;
    return buildCommand(asked, target, templates);
  }, replace);
}

export async function addActiveResponse(raw: RawActiveResponse, opts: CommonOptions, cmd: AnyCommand): Promise<void> {
  await runAdd(opts, cmd, async (target, prompter, choices) => {
    const asked = prompter ? await (await import('./add-prompts.ts')).askActiveResponse(prompter, raw, recipes(), choices) : raw;
    return buildActiveResponse(asked, recipes(), commandTemplates(target));
  });
}

export async function addWhiteList(raw: RawWhiteList, opts: CommonOptions, cmd: AnyCommand): Promise<void> {
  await runAdd(opts, cmd, async (_target, prompter) => {
    const asked = prompter ? await (await import('./add-prompts.ts')).askWhiteList(prompter, raw) : raw;
    return buildWhiteList(asked);
  });
}

export async function addEmailAlerts(raw: RawEmailAlerts, opts: CommonOptions, cmd: AnyCommand): Promise<void> {
  await runAdd(opts, cmd, async (_target, prompter) => {
    const asked = prompter ? await (await import('./add-prompts.ts')).askEmailAlerts(prompter, raw) : raw;
    return buildEmailAlerts(asked);
  });
}

type BuildSpec = (target: TargetVersion, prompter: Prompter | null, choices: FileChoices) => Promise<Built<BlockSpec>>;

async function runAdd(opts: CommonOptions, cmd: AnyCommand, build: BuildSpec, replace = false): Promise<void> {
  const stdin = opts.file === '-';
  checkOneStdinReader([['--file', opts.file], ['--config', opts.config], ['--agents', opts.agents]]);
  if (stdin && opts.backup) throw new InputError('--backup needs a file: --file - prints the new file on standard output');
  const { target, ...gate } = gateSettings(opts);
  // `--file -`: a filter, from standard input to standard output; no prompt can share standard input.
  const path = stdin ? '<stdin>' : opts.file;
  const current = stdin ? readConfigInput('-').bytes : readCurrent(path, Boolean(opts.create));
  const choices = fileChoices(path, current);
  const interactive = !stdin && Boolean(currentRun().io.stdin.isTTY) && opts.input !== false;
  const prompter = interactive ? await (await import('./add-prompts.ts')).inquirerPrompter() : null;

  const built = await build(target, prompter, choices);
  if (built.missing) {
    throw new InputError(`missing ${built.missing.join(', ')}${interactive ? '' : ' (give them on the command line; arctl asks for them only in a terminal without --no-input)'}`);
  }
  const spec = built.spec;
  const missingCommand: CommandSpec | undefined = built.extra?.missingCommand;
  const chalk = makeChalk(colorEnabled(Boolean(cmd.optsWithGlobals().color === false)));
  const errChalk = makeChalk(colorEnabled(Boolean(cmd.optsWithGlobals().color === false), currentRun().io.stderr));
  const plan = (bytes: Buffer | null): AddPlan => {
    try {
      return planAdd({ path, bytes, spec, target, replace, ...gate, rootIntoText: Boolean(opts.create), ...(missingCommand ? { missingCommand } : {}) });
    } catch (error) {
      if (!(error instanceof LintGateRefusal)) throw error;
      // The findings as lint shows them, then the one line that ends the run.
      writeErr(findingsText(error.gate, error.gate.newErrors, path, errChalk));
      throw new CheckFailedError(error.summary);
    }
  };

  if (stdin) {
    filterStdin(current as Buffer, plan(current), opts, chalk);
    return;
  }

  let previewed: Buffer | null = null;
  if (prompter && !opts.yes && !opts.dryRun) {
    const preview = plan(current);
    if (!preview.changed) {
      writeErr(`arctl: ${preview.message}\n`);
      return;
    }
    writeOut(`${chalk.bold('New block:')}\n${preview.inserted.replace(/\r\n/g, '\n')}\n\n${colorDiff(unifiedDiff(path, preview.before, preview.after), chalk)}`);
    if (preview.gate.newWarnings.length > 0) {
      writeOut(`\n${chalk.yellow.bold(`Lint warns about the new block${alreadyThere(preview.gate)}:`)}\n${findingsText(preview.gate, preview.gate.newWarnings, path, chalk)}`);
    }
    if (!(await prompter.confirm({ message: `Write ${path}?`, default: true }))) {
      writeErr('arctl: cancelled; nothing written\n');
      return;
    }
    previewed = preview.after;
  }

  await withFileLock(path, () => {
    // Re-read under the lock: another arctl may have written the file since we first read it.
    const fresh = readCurrent(path, Boolean(opts.create));
    const result = plan(fresh);
    if (!result.changed) {
      writeErr(`arctl: ${result.message}\n`);
      return;
    }
    const diff = colorDiff(unifiedDiff(path, result.before, result.after), chalk);
    if (opts.dryRun) {
      writeOut(diff);
      writeErr(`arctl: dry run: ${result.summary.join('; ')}; nothing written\n`);
      reportGate(result.gate, path, errChalk, { dryRun: true });
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
    reportGate(result.gate, path, errChalk, previewed?.equals(result.after) ? { warnings: false } : {});
  });
}

/** After the summary: the warnings the change brought (as lint shows them), and findings that were already there. */
function reportGate(gate: GateResult, path: string, chalk: ReturnType<typeof makeChalk>, { warnings = true, dryRun = false } = {}): void {
  if (warnings && gate.newWarnings.length > 0) {
    const n = gate.newWarnings.length;
    const what = `lint ${dryRun ? 'would warn' : 'warns'} about the new block (${n} warning${n === 1 ? '' : 's'})`;
    writeErr(`arctl: ${dryRun ? what : `written, but ${what}`}:\n${findingsText(gate, gate.newWarnings, path, chalk)}`);
  }
  const before = gate.preexisting.length;
  if (before > 0) writeErr(`arctl: ${before} finding${before === 1 ? ' was' : 's were'} already in the file, not caused by this change (arctl lint ${path} shows them)\n`);
}

/** Findings in lint's stylish layout, fitted to standard error's terminal. */
function findingsText(gate: GateResult, findings: Diagnostic[], path: string, chalk: ReturnType<typeof makeChalk>): string {
  const rules = ruleCatalogue();
  const report = buildFileReport(gate.after, findings, { filePath: path, displayPath: path, ranRuleIds: [] }, rules);
  const stderr = currentRun().io.stderr as OutputStream & { columns?: number };
  const width = stderr.isTTY && (stderr.columns ?? 0) > 0 ? stderr.columns : undefined;
  return stylish([report], { rules, color: chalk, cwd: currentRun().io.cwd, toolVersion: '', ...(width ? { width } : {}) });
}

/** `--file -`: the new file (or with --dry-run the diff) on standard output; unchanged input passes through. */
function filterStdin(input: Buffer, result: AddPlan, opts: CommonOptions, chalk: ReturnType<typeof makeChalk>): void {
  if (!result.changed) {
    if (!opts.dryRun) writeOutBytes(input);
    writeErr(`arctl: ${result.message}\n`);
  } else if (opts.dryRun) {
    writeOut(colorDiff(unifiedDiff('<stdin>', result.before, result.after), chalk));
    writeErr(`arctl: dry run: ${result.summary.join('; ')}; nothing written\n`);
  } else {
    writeOutBytes(result.after);
    writeErr(`arctl: <stdin>: ${result.summary.join('; ')}\n`);
  }
  if (result.changed) reportGate(result.gate, '<stdin>', chalk, { dryRun: Boolean(opts.dryRun) });
}

/**
 * What the lint gate is given: what `arctl lint` would use here (src/config/settings.ts: the .arctl.json,
 * --target-version, --arch, --ruleset, --agents, and the config file's arBin and rules).
 */
function gateSettings(opts: CommonOptions) {
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
  const { target, ruleSettings, arch, ruleset, agents, arBin, managerIps } = settings;
  return {
    target,
    ruleSettings,
    lintInputs: { managerIps, arch, ...(ruleset ? { ruleset: ruleset.rules } : {}), ...(agents ? { agents: agents.list } : {}), ...(arBin ? { arBin } : {}) },
  };
}

/** The file's bytes, or null when it does not exist and --create allows starting it. */
function readCurrent(path: string, create: boolean): Buffer | null {
  if (!existsSync(path)) {
    if (!create) throw new InputError(`${path}: no such file (use --create to start a new one)`);
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${path}: cannot create it: ${dir} is not a directory`);
    return null;
  }
  requireRegularFile(path);
  return readConfigInput(path).bytes;
}

function fileChoices(path: string, bytes: Buffer | null): FileChoices {
  if (bytes === null) return { commandNames: [], locations: [] };
  const doc = new ConfigDocument(path, bytes);
  const view = buildConfigView(doc);
  const commandNames = [...new Set(view.commands.map((c) => c.name?.text).filter((n): n is string => Boolean(n)))];
  const counts = new Map<string, number>();
  for (const ar of view.activeResponses) if (ar.location) counts.set(ar.location.text, (counts.get(ar.location.text) ?? 0) + 1);
  const locations = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  return { commandNames, locations };
}

function colorDiff(diff: string, chalk: ReturnType<typeof makeChalk>): string {
  return diff
    .split('\n')
    .map((line) => (line.startsWith('+') && !line.startsWith('+++') ? chalk.green(line) : line.startsWith('-') && !line.startsWith('---') ? chalk.red(line) : line.startsWith('@@') ? chalk.cyan(line) : line))
    .join('\n');
}
