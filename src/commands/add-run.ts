/**
 * What `arctl add ...` does once its flags are parsed (add.ts registers them): prompts for what is
 * missing, then previews and writes the file with the new block under its lock, atomically
 * (write-plan.ts, shared with set, remove, disable and enable).
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
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { InputError } from '../util/errors.ts';
import { readConfigInput, requireRegularFile } from '../util/read-input.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import type { FileChoices, Prompter } from './add-prompts.ts';
import { beginWrite, writePlanned } from './write-plan.ts';

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
  const { stdin, path, current, gate, prompter } = await beginWrite(opts, (file) => readCurrent(file, Boolean(opts.create)));
  const target = gate.target;
  const choices = fileChoices(path, current);
  const interactive = prompter !== null;

  const built = await build(target, prompter, choices);
  if (built.missing) {
    throw new InputError(`missing ${built.missing.join(', ')}${interactive ? '' : ' (give them on the command line; arctl asks for them only in a terminal without --no-input)'}`);
  }
  const spec = built.spec;
  const missingCommand: CommandSpec | undefined = built.extra?.missingCommand;
  const { target: _target, ruleSettings, ...lintInputs } = gate;
  const plan = (bytes: Buffer | null): AddPlan =>
    planAdd({ path, bytes, spec, target, replace, ...(ruleSettings ? { ruleSettings } : {}), lintInputs, rootIntoText: Boolean(opts.create), ...(missingCommand ? { missingCommand } : {}) });
  await writePlanned({
    path,
    stdin,
    current,
    read: () => readCurrent(path, Boolean(opts.create)),
    opts,
    cmd,
    prompter,
    plan,
    preview: (p, chalk) => `${chalk.bold('New block:')}\n${p.inserted.replace(/\r\n/g, '\n')}`,
    subject: 'the new block',
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

/** What the file offers to choose from: its command names, its locations by use (prompts and completion). */
export function fileChoices(path: string, bytes: Buffer | null): FileChoices {
  if (bytes === null) return { commandNames: [], locations: [] };
  const doc = new ConfigDocument(path, bytes);
  const view = buildConfigView(doc);
  const commandNames = [...new Set(view.commands.map((c) => c.name?.text).filter((n): n is string => Boolean(n)))];
  const counts = new Map<string, number>();
  for (const ar of view.activeResponses) if (ar.location) counts.set(ar.location.text, (counts.get(ar.location.text) ?? 0) + 1);
  const locations = [...counts.entries()].sort((a, b) => b[1] - a[1]).map(([l]) => l);
  return { commandNames, locations };
}
