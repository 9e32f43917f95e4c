/**
 * `arctl add command|active-response|white-list|email-alerts`: flags, prompts for what is missing,
 * preview, then a locked, atomic write of the file with the new block (see src/add/ for the core).
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
import { findConfigFile, loadConfigFile } from '../config/arctl-config.ts';
import { ConfigDocument } from '../document/document.ts';
import { knownRuleIds } from '../lint/catalogue.ts';
import type { SeveritySetting } from '../lint/types.ts';
import { buildConfigView } from '../document/views.ts';
import { removeStaleTempFiles, writeFileAtomic } from '../util/atomic-write.ts';
import { InputError } from '../util/errors.ts';
import { withFileLock } from '../util/file-lock.ts';
import { readConfigInput } from '../util/read-input.ts';
import { unifiedDiff } from '../util/unified-diff.ts';
import { parseTargetVersion, TargetVersionError, type TargetVersion } from '../wazuh/version.ts';
import type { FileChoices, Prompter } from './add-prompts.ts';
import { colorEnabled, makeChalk, writeErr, writeOut } from './output.ts';

interface CommonOptions {
  file: string;
  create?: boolean;
  dryRun?: boolean;
  backup?: boolean;
  input: boolean;
  yes?: boolean;
  targetVersion?: string;
  config?: string;
}

const collect = (value: string, previous: string[]) => [...previous, value];

/** Options every kind shares; added after the typed ones and read back untyped (see commonOf). */
function addCommonOptions(cmd: { option(flags: string, description: string, defaultValue?: string): unknown }): void {
  const c = cmd as Command;
  c.option('-f, --file <path>', 'the ossec.conf to edit', './ossec.conf')
    .option('--create', 'start a new file with one <ossec_config> root when it does not exist')
    .option('--dry-run', 'print the unified diff and write nothing')
    .option('--backup', 'keep the previous version as FILE.bak')
    .option('--no-input', 'never prompt; missing values are an error (exit 2)')
    .option('-y, --yes', 'write without asking for confirmation after the preview')
    .option('--target-version <x.y>', 'Wazuh version to write for (below 4.2: legacy names and <expect>; default 4.14 or the config file)')
    .option('--config <path>', 'the .arctl.json to use (default: the nearest one from the working directory)');
}

function commonOf(cmd: { opts(): unknown }): CommonOptions {
  return cmd.opts() as CommonOptions;
}

export function register(program: Command): void {
  const add = program
    .command('add')
    .description('add a <command>, <active-response>, <white_list> or <email_alerts> block to ossec.conf, safely')
    .addHelpText(
      'after',
      `
Examples:
  arctl add command --template firewall-drop
  arctl add active-response --recipe ssh-brute-force --dry-run
  arctl add active-response --command firewall-drop --location local --rules-id 5712,5763 --timeout 10m
  arctl add white-list 10.0.0.0/8 192.168.1.10
  arctl add email-alerts --to soc@example.com --level 12`,
    );

  const commandCmd = add
      .command('command')
      .description('add a <command> definition (or a stock one with --template)')
      .option('--template <name>', 'a stock command of the target version (see templates/commands.json)')
      .option('--name <name>', 'command name, referenced by <active-response><command>')
      .option('--executable <file>', 'file name inside active-response/bin')
      .option('--timeout-allowed', 'the response can be undone after a timeout')
      .option('--no-timeout-allowed', 'the response is never undone')
      .option('--extra-args <args>', 'extra arguments passed to the script')
      .option('--expect <fields>', 'legacy targets only: srcip, user, filename')
      .option('--replace', 'overwrite a command of the same name that has other content');
  addCommonOptions(commandCmd);
  commandCmd.action(async (opts, cmd) => {
    const raw: RawCommand = {
      template: opts.template,
      name: opts.name,
      executable: opts.executable,
      timeoutAllowed: opts.timeoutAllowed,
      extraArgs: opts.extraArgs,
      expect: opts.expect,
    };
    await runAdd(commonOf(cmd), cmd, async (target, prompter, choices) => {
      const templates = commandTemplates(target);
      const asked = prompter ? await (await import('./add-prompts.ts')).askCommand(prompter, raw, templates, target.legacy, choices) : raw;
      return buildCommand(asked, target, templates);
    }, Boolean(opts.replace));
  });

  const responseCmd = add
      .command('active-response')
      .description('add an <active-response> (or a ready-made one with --recipe)')
      .option('--recipe <name>', 'a ready-made response (see templates/recipes.json)')
      .option('--command <name>', 'a <command> defined in the file')
      .option('--location <where>', 'local, server, defined-agent or all')
      .option('--agent-id <id>', 'the agent for --location defined-agent')
      .option('--level <n>', 'fire on rules of this level or higher (1-16)')
      .option('--rules-id <ids>', 'fire on these rule ids (comma-separated)')
      .option('--rules-group <pattern>', 'fire on rules whose groups match (e.g. "sshd,|web,")')
      .option('--timeout <time>', 'undo after this long: seconds, or 10m, 1h, 1d')
      .option('--disabled', 'write the block disabled')
      .option('--repeated-offenders <minutes>', 'longer timeouts for repeat offenders, e.g. 30,60,120');
  addCommonOptions(responseCmd);
  responseCmd.action(async (opts, cmd) => {
    const raw: RawActiveResponse = {
      recipe: opts.recipe,
      command: opts.command,
      location: opts.location,
      agentId: opts.agentId,
      level: opts.level,
      rulesId: opts.rulesId,
      rulesGroup: opts.rulesGroup,
      timeout: opts.timeout,
      disabled: opts.disabled,
      repeatedOffenders: opts.repeatedOffenders,
    };
    await runAdd(commonOf(cmd), cmd, async (target, prompter, choices) => {
      const asked = prompter ? await (await import('./add-prompts.ts')).askActiveResponse(prompter, raw, recipes(), choices) : raw;
      return buildActiveResponse(asked, recipes(), commandTemplates(target));
    });
  });

  const whiteListCmd = add
      .command('white-list')
      .description('add <white_list> entries (IPs, CIDRs, patterns) to the first <global>')
      .argument('[entries...]', 'addresses, networks or patterns, one <white_list> each');
  addCommonOptions(whiteListCmd);
  whiteListCmd.action(async (entries, opts, cmd) => {
    const raw: RawWhiteList = { entries };
    await runAdd(commonOf(cmd), cmd, async (_target, prompter) => {
      const asked = prompter ? await (await import('./add-prompts.ts')).askWhiteList(prompter, raw) : raw;
      return buildWhiteList(asked);
    });
  });

  const emailCmd = add
      .command('email-alerts')
      .description('add an <email_alerts> block (granular e-mail)')
      .option('--to <address>', 'recipient (repeatable)', collect, [] as string[])
      .option('--level <n>', 'alerts of this level or higher (1-16)')
      .option('--rule-id <ids>', 'these rule ids (comma-separated)')
      .option('--group <pattern>', 'rules whose groups match')
      .option('--event-location <pattern>', 'alerts from matching agents/locations')
      .option('--format <format>', 'full, sms or default')
      .option('--do-not-delay', 'send at once')
      .option('--do-not-group', 'one e-mail per alert');
  addCommonOptions(emailCmd);
  emailCmd.action(async (opts, cmd) => {
    const raw: RawEmailAlerts = {
      to: opts.to,
      level: opts.level,
      ruleId: opts.ruleId,
      group: opts.group,
      eventLocation: opts.eventLocation,
      format: opts.format,
      doNotDelay: opts.doNotDelay,
      doNotGroup: opts.doNotGroup,
    };
    await runAdd(commonOf(cmd), cmd, async (_target, prompter) => {
      const asked = prompter ? await (await import('./add-prompts.ts')).askEmailAlerts(prompter, raw) : raw;
      return buildEmailAlerts(asked);
    });
  });
}

type BuildSpec = (target: TargetVersion, prompter: Prompter | null, choices: FileChoices) => Promise<Built<BlockSpec>>;

async function runAdd(opts: CommonOptions, cmd: Command<any, any, any>, build: BuildSpec, replace = false): Promise<void> {
  const settings = configSettings(opts);
  const target = settings.target;
  const path = opts.file;
  if (path === '-') throw new InputError('--file -: add edits a file in place; give its path');
  const current = readCurrent(path, Boolean(opts.create));
  const choices = fileChoices(path, current);
  const interactive = Boolean(process.stdin.isTTY) && opts.input !== false;
  const prompter = interactive ? await (await import('./add-prompts.ts')).inquirerPrompter() : null;

  const built = await build(target, prompter, choices);
  if (built.missing) {
    throw new InputError(`missing ${built.missing.join(', ')}${interactive ? '' : ' (give them as flags; arctl asks for them only in a terminal without --no-input)'}`);
  }
  const spec = built.spec;
  const missingCommand: CommandSpec | undefined = built.extra?.missingCommand;
  const chalk = makeChalk(colorEnabled(process.stdout, Boolean(cmd.optsWithGlobals().color === false)));
  const plan = (bytes: Buffer | null): AddPlan =>
    planAdd({ path, bytes, spec, target, replace, ruleSettings: settings.ruleSettings, ...(missingCommand ? { missingCommand } : {}) });

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
    if (opts.backup && fresh !== null) writeFileAtomic(`${path}.bak`, fresh);
    writeFileAtomic(path, result.after);
    // The confirmed preview already showed this diff, unless the file changed in between.
    if (!previewed?.equals(result.after)) writeOut(diff);
    writeErr(`arctl: ${path}: ${result.summary.join('; ')}${opts.backup && fresh !== null ? ` (previous version in ${path}.bak)` : ''}\n`);
  });
}

/** Target version (flag, else .arctl.json, else 4.14) and the rule severities the lint gate uses. */
function configSettings(opts: CommonOptions): { target: TargetVersion; ruleSettings: Record<string, SeveritySetting> } {
  const configPath = opts.config ?? findConfigFile(process.cwd());
  const config = configPath ? loadConfigFile(configPath, knownRuleIds()) : undefined;
  try {
    return { target: parseTargetVersion(opts.targetVersion ?? config?.targetVersion), ruleSettings: { ...(config?.rules ?? {}) } };
  } catch (error) {
    if (error instanceof TargetVersionError) {
      throw new InputError(opts.targetVersion ? error.message : `config ${configPath}: ${error.message.replace('--target-version', 'targetVersion')}`);
    }
    throw error;
  }
}

/** The file's bytes, or null when it does not exist and --create allows starting it. */
function readCurrent(path: string, create: boolean): Buffer | null {
  if (!existsSync(path)) {
    if (!create) throw new InputError(`${path}: no such file (use --create to start a new one)`);
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${path}: cannot create it: ${dir} is not a directory`);
    return null;
  }
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
