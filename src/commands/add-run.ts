/**
 * What `arctl add ...` does once its flags are parsed (add.ts registers them): prompts for what is
 * missing, previews, then writes the file with the new block under its lock, atomically.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import type { BlockSpec, CommandSpec } from '../add/blocks.ts';
import { planAdd, type AddPlan } from '../add/plan.ts';
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
import type { ResolvedSettings } from '../config/settings.ts';
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { InputError } from '../util/errors.ts';
import { withFileLock } from '../util/file-lock.ts';
import { checkOneStdinReader, readConfigInput, requireRegularFile } from '../util/read-input.ts';
import { unifiedDiff } from '../util/unified-diff.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { FileChoices, Prompter } from './add-prompts.ts';
import { colorEnabled, makeChalk, writeErr, writeOut, writeOutBytes } from './output.ts';
import { currentRun, noteWritten } from './io.ts';
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
  checkOneStdinReader([['--file', opts.file], ['--config', opts.config]]);
  if (stdin && opts.backup) throw new InputError('--backup needs a file: --file - prints the new file on standard output');
  const settings = configSettings(opts);
  const target = settings.target;
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
  const plan = (bytes: Buffer | null): AddPlan =>
    planAdd({ path, bytes, spec, target, replace, ruleSettings: settings.ruleSettings, rootIntoText: Boolean(opts.create), ...(missingCommand ? { missingCommand } : {}) });

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
  });
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
}

/**
 * The settings add works with (src/config/settings.ts): target version (flag, else .arctl.json, else 4.14) and
 * the rule severities the lint gate uses.
 */
function configSettings(opts: CommonOptions): ResolvedSettings {
  return resolveCliSettings({
    cwd: currentRun().io.cwd,
    ...(opts.config !== undefined ? { configFile: opts.config } : {}),
    options: opts.targetVersion !== undefined ? { targetVersion: opts.targetVersion } : {},
    inputs: [],
  });
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
