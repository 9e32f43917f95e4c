/**
 * Interactive questions for `arctl add`, asked only for values the flags left out. Choices come from
 * the file (defined command names, locations in use) and the templates; answers are validated as
 * they are typed with the same checks as the flags. @inquirer/prompts is loaded on first use.
 */
import { printable } from '../util/printable.ts';
import { isBlockingProgram } from '../wazuh/programs.ts';
import { PassThrough } from 'node:stream';
import type { RawActiveResponse, RawCommand, RawEmailAlerts, RawWhiteList } from '../add/specs.ts';
import type { CommandTemplate, Recipe } from '../add/templates.ts';
import {
  LOCATIONS,
  asValidator,
  checkAgentId,
  checkCommandName,
  checkAddressList,
  checkExecutable,
  checkExpect,
  checkExtraArgs,
  checkGroupPattern,
  checkLevel,
  checkRuleIds,
  checkTimeout,
  checkWhiteListEntries,
  type Check,
} from '../add/values.ts';

export interface Choice<T extends string> {
  name: string;
  value: T;
  description?: string;
}

/** The few prompt kinds the flows use; tests drive the real prompts through injected streams. */
export interface Prompter {
  input(options: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(options: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function inquirerPrompter(streams: PromptStreams = {}): Promise<Prompter> {
  const prompts = await import('@inquirer/prompts');
  // Each prompt ends its output when done; give it a fresh pipe so a given stream outlives it.
  const context = () => {
    if (!streams.output) return { ...streams };
    const output = new PassThrough();
    output.pipe(streams.output, { end: false });
    return { ...streams, output };
  };
  return {
    input: (options) => prompts.input(options, context()),
    select: <T extends string>(options: { message: string; choices: Choice<T>[]; default?: T }) => prompts.select<T>(options, context()),
    confirm: (options) => prompts.confirm(options, context()),
  };
}

/** What the file offers as choices. */
export interface FileChoices {
  commandNames: string[];
  /** Location values used in the file, most used first. */
  locations: string[];
}

/** Optional text: empty answer = left out; otherwise validated with `check`. */
function optionalValidator<T>(check: (text: string) => Check<T>): (value: string) => true | string {
  const validate = asValidator(check);
  return (value) => (value.trim() === '' ? true : validate(value.trim()));
}

const orUndefined = (text: string) => (text.trim() === '' ? undefined : text.trim());

export async function askCommand(p: Prompter, raw: RawCommand, templates: CommandTemplate[], legacy: boolean, file: FileChoices): Promise<RawCommand> {
  const out = { ...raw };
  if (out.template === undefined && out.name === undefined) {
    const choices: Choice<string>[] = templates.map((t) => ({
      name: `${t.name}${file.commandNames.includes(t.name) ? ' (already defined)' : ''}`,
      value: `template:${t.name}`,
      description: `${t.description}: executable ${t.executable}`,
    }));
    choices.push({ name: 'custom command…', value: 'custom', description: 'Name your own script in active-response/bin' });
    const picked = await p.select({ message: 'Which command?', choices });
    if (picked.startsWith('template:')) return { ...out, template: picked.slice('template:'.length) };
  }
  if (out.template !== undefined) return out;
  out.name ??= await p.input({
    message: 'Command name',
    validate: (v) => {
      const r = asValidator(checkCommandName)(v);
      if (r !== true) return r;
      return file.commandNames.includes(v) ? `'${v}' is already defined in this file (use --replace to overwrite it)` : true;
    },
  });
  out.executable ??= await p.input({ message: 'Executable (file name in active-response/bin)', default: out.name, validate: asValidator(checkExecutable) });
  // Yes only for a program that undoes its action when execd calls it again with "delete" (the stock blockers).
  out.timeoutAllowed ??= await p.confirm({
    message: 'timeout_allowed: does the program undo its action on "delete"?',
    default: isBlockingProgram(out.executable, out.name),
  });
  if (out.extraArgs === undefined) {
    out.extraArgs = orUndefined(await p.input({ message: 'Extra arguments (empty for none)', validate: optionalValidator(checkExtraArgs) }));
  }
  if (legacy && out.expect === undefined) {
    out.expect = (await p.input({ message: 'expect (srcip, user, filename; comma-separated, empty for none)', default: 'srcip', validate: asValidator(checkExpect) })).trim();
  }
  return out;
}

export async function askActiveResponse(p: Prompter, raw: RawActiveResponse, recipes: Recipe[], file: FileChoices): Promise<RawActiveResponse> {
  const out = { ...raw };
  if (out.recipe === undefined && out.command === undefined) {
    const choices: Choice<string>[] = recipes.map((r) => ({ name: `recipe: ${r.name}`, value: `recipe:${r.name}`, description: r.description }));
    // Names come from the file: shown escaped, so a control sequence in one cannot drive the terminal.
    for (const name of file.commandNames) choices.push({ name: `command: ${printable(name)}`, value: `command:${name}`, description: 'defined in this file' });
    if (choices.length === 0) return out;
    const picked = await p.select({ message: 'Respond with which recipe or command?', choices });
    if (picked.startsWith('recipe:')) return { ...out, recipe: picked.slice('recipe:'.length) };
    out.command = picked.slice('command:'.length);
  }
  if (out.recipe !== undefined) return out;
  if (out.location === undefined) {
    const used = file.locations.filter((l) => (LOCATIONS as readonly string[]).includes(l));
    const order = [...new Set([...used, ...LOCATIONS])];
    const help: Record<string, string> = {
      local: 'on the agent that generated the alert',
      server: 'on the Wazuh manager',
      'defined-agent': 'on one agent chosen by id',
      all: 'on every active agent (not the manager)',
    };
    out.location = await p.select({
      message: 'Where should it run?',
      choices: order.map((l) => ({ name: `${printable(l)}${used.includes(l) ? ' (used in this file)' : ''}`, value: l, description: help[l] })),
      default: order[0],
    });
  }
  if (out.location === 'defined-agent' && out.agentId === undefined) {
    out.agentId = await p.input({ message: 'Agent id', validate: asValidator(checkAgentId) });
  }
  if (out.level === undefined && out.rulesId === undefined && out.rulesGroup === undefined) {
    for (let again = false; ; again = true) {
      const why = again ? 'A response without rule ids, groups or level never fires.\n' : '';
      out.rulesId = orUndefined(await p.input({ message: `${why}Rule ids that trigger it (comma-separated, empty to skip)`, validate: optionalValidator(checkRuleIds) }));
      out.rulesGroup = orUndefined(await p.input({ message: 'Rule groups that trigger it (e.g. sshd,|web, empty to skip)', validate: optionalValidator((t) => checkGroupPattern('rules_group', t)) }));
      out.level = orUndefined(await p.input({ message: 'Minimum rule level 1-16 (empty to skip)', validate: optionalValidator(checkLevel) }));
      if (out.rulesId !== undefined || out.rulesGroup !== undefined || out.level !== undefined) break;
    }
  }
  if (out.timeout === undefined) {
    out.timeout = orUndefined(await p.input({ message: 'Undo after (seconds, or 10m, 1h; empty = never)', validate: optionalValidator(checkTimeout) }));
  }
  return out;
}

export async function askWhiteList(p: Prompter, raw: RawWhiteList): Promise<RawWhiteList> {
  if (raw.entries.length > 0) return raw;
  // The arguments' parser: `10.0.0.1, 10.0.0.2` is two entries.
  return { entries: [await p.input({ message: 'Addresses or networks to never block', validate: asValidator(checkWhiteListEntries) })] };
}

export async function askEmailAlerts(p: Prompter, raw: RawEmailAlerts): Promise<RawEmailAlerts> {
  const out = { ...raw, to: [...raw.to] };
  if (out.to.length === 0) {
    // The flag's parser: `a, b` is two recipients, `SOC <soc@example.com>` one.
    out.to = [await p.input({ message: 'Send to (one or more addresses)', validate: asValidator(checkAddressList) })];
  }
  if ([out.level, out.ruleId, out.group, out.eventLocation].every((v) => v === undefined)) {
    for (let again = false; ; again = true) {
      const why = again ? 'Wazuh refuses <email_alerts> without level, rule ids or group (error 1264).\n' : '';
      out.level = orUndefined(await p.input({ message: `${why}Minimum alert level 1-16 (empty to skip)`, validate: optionalValidator(checkLevel) }));
      out.ruleId = orUndefined(await p.input({ message: 'Rule ids (comma-separated, empty to skip)', validate: optionalValidator(checkRuleIds) }));
      out.group = orUndefined(await p.input({ message: 'Rule group pattern (empty to skip)', validate: optionalValidator((t) => checkGroupPattern('group', t)) }));
      if ([out.level, out.ruleId, out.group].some((v) => v !== undefined)) break;
    }
  }
  return out;
}
