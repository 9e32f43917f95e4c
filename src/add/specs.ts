/**
 * From raw option values (flags or prompt answers, all text) to a checked block spec, or the list of
 * required values still missing. Invalid values are an InputError naming the flag (exit 2).
 */
import { InputError } from '../util/errors.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { ActiveResponseSpec, CommandSpec, EmailAlertsSpec, WhiteListSpec } from './blocks.ts';
import { activeResponseFromRecipe, commandSpecFromTemplate, type CommandTemplate, type Recipe } from './templates.ts';
import {
  checkAgentId,
  checkCommandName,
  checkCommandReference,
  checkAddressList,
  checkEmailFormat,
  checkEventLocation,
  checkExecutable,
  checkExpect,
  checkExtraArgs,
  checkGroupPattern,
  checkLevel,
  checkLocation,
  checkRepeatedOffenders,
  checkRuleIds,
  checkTimeout,
  checkWhiteListEntries,
  type Check,
} from './values.ts';

export interface RawCommand {
  template?: string;
  name?: string;
  executable?: string;
  timeoutAllowed?: boolean;
  extraArgs?: string;
  expect?: string;
}

export interface RawActiveResponse {
  recipe?: string;
  command?: string;
  location?: string;
  agentId?: string;
  level?: string;
  rulesId?: string;
  rulesGroup?: string;
  timeout?: string;
  disabled?: boolean;
  repeatedOffenders?: string;
}

export interface RawWhiteList {
  entries: string[];
}

/** What the flags or prompts give for email-alerts: the spec before it is checked. */
export type RawEmailAlerts = Omit<EmailAlertsSpec, 'kind'>;

export type Built<T> = { spec: T; missing?: undefined; extra?: { missingCommand?: CommandSpec } } | { missing: string[]; spec?: undefined; extra?: undefined };

function need<T>(flag: string, check: Check<T>): T {
  if (!check.ok) throw new InputError(`${flag}: ${check.error}`);
  return check.value;
}

function optional<T>(flag: string, text: string | undefined, check: (t: string) => Check<T>): T | undefined {
  return text === undefined ? undefined : need(flag, check(text));
}

export function buildCommand(raw: RawCommand, target: TargetVersion, templates: CommandTemplate[]): Built<CommandSpec> {
  if (raw.expect !== undefined && !target.legacy) {
    throw new InputError(`--expect: <expect> is ignored since Wazuh 4.2 (target ${target.text}); it only applies with --target-version below 4.2`);
  }
  if (raw.template !== undefined) {
    const t = templates.find((c) => c.name === raw.template);
    if (!t) {
      throw new InputError(`--template: no stock command '${raw.template}' for Wazuh ${target.text}; available: ${templates.map((c) => c.name).join(', ')}`);
    }
    const spec = commandSpecFromTemplate(t);
    // Flags given beside --template refine the stock definition.
    if (raw.name !== undefined) spec.name = need('--name', checkCommandName(raw.name));
    if (raw.executable !== undefined) spec.executable = need('--executable', checkExecutable(raw.executable));
    if (raw.timeoutAllowed !== undefined) spec.timeoutAllowed = raw.timeoutAllowed;
    if (raw.extraArgs !== undefined) spec.extraArgs = need('--extra-args', checkExtraArgs(raw.extraArgs));
    if (raw.expect !== undefined) spec.expect = need('--expect', checkExpect(raw.expect));
    return { spec };
  }
  const missing = [raw.name === undefined && '--name', raw.executable === undefined && '--executable'].filter((m): m is string => Boolean(m));
  if (missing.length > 0) return { missing };
  return {
    spec: {
      kind: 'command',
      name: need('--name', checkCommandName(raw.name!)),
      executable: need('--executable', checkExecutable(raw.executable!)),
      ...(raw.expect !== undefined ? { expect: need('--expect', checkExpect(raw.expect)) } : {}),
      ...(raw.extraArgs !== undefined ? { extraArgs: need('--extra-args', checkExtraArgs(raw.extraArgs)) } : {}),
      ...(raw.timeoutAllowed !== undefined ? { timeoutAllowed: raw.timeoutAllowed } : {}),
    },
  };
}

export function buildActiveResponse(raw: RawActiveResponse, recipes: Recipe[], templates: CommandTemplate[]): Built<ActiveResponseSpec> {
  if (raw.disabled) throw new InputError(DISABLED_REFUSAL);
  let base: Partial<ActiveResponseSpec> = {};
  let missingCommand: CommandSpec | undefined;
  if (raw.recipe !== undefined) {
    const recipe = recipes.find((r) => r.name === raw.recipe);
    if (!recipe) throw new InputError(`--recipe: no recipe '${raw.recipe}'; available: ${recipes.map((r) => r.name).join(', ')}`);
    base = activeResponseFromRecipe(recipe);
    const t = templates.find((c) => c.name === recipe.command);
    if (t) missingCommand = commandSpecFromTemplate(t);
  }
  const command = raw.command !== undefined ? need('--command', checkCommandReference(raw.command)) : base.command;
  const location = raw.location !== undefined ? need('--location', checkLocation(raw.location)) : base.location;
  const agentId = optional('--agent-id', raw.agentId, checkAgentId);
  const level = optional('--level', raw.level, checkLevel) ?? base.level;
  const rulesId = optional('--rules-id', raw.rulesId, checkRuleIds) ?? base.rulesId;
  const rulesGroup = optional('--rules-group', raw.rulesGroup, (t) => checkGroupPattern('rules_group', t)) ?? base.rulesGroup;
  const timeout = optional('--timeout', raw.timeout, checkTimeout) ?? base.timeout;
  const repeatedOffenders = optional('--repeated-offenders', raw.repeatedOffenders, checkRepeatedOffenders);
  const missing: string[] = [];
  if (command === undefined) missing.push('--command');
  if (location === undefined) missing.push('--location');
  if (location === 'defined-agent' && agentId === undefined) missing.push('--agent-id');
  if (level === undefined && rulesId === undefined && rulesGroup === undefined) missing.push('one of --level, --rules-id, --rules-group');
  if (missing.length > 0) return { missing };
  if (agentId !== undefined && location !== 'defined-agent') {
    throw new InputError(`--agent-id: only used with --location defined-agent (Wazuh ignores it for '${location}')`);
  }
  const spec: ActiveResponseSpec = {
    kind: 'active-response',
    command: command!,
    location: location!,
    ...(agentId !== undefined ? { agentId } : {}),
    ...(rulesId !== undefined ? { rulesId } : {}),
    ...(rulesGroup !== undefined ? { rulesGroup } : {}),
    ...(level !== undefined ? { level } : {}),
    ...(timeout !== undefined ? { timeout } : {}),
    ...(repeatedOffenders !== undefined ? { repeatedOffenders } : {}),
  };
  return { spec, extra: missingCommand && missingCommand.name === spec.command ? { missingCommand } : {} };
}

/**
 * Why add never writes `<disabled>yes</disabled>` (src/config/active-response.c ReadActiveResponses,
 * src/analysisd/analysisd.c, src/os_execd/config.c ExecdConfig; wazuh-semantics.md 2 and 2a).
 */
export const DISABLED_REFUSAL =
  "--disabled: Wazuh has no switch for one response: a <disabled>yes</disabled> in any <active-response> sets analysisd's ar_flag to -1 and then 0, " +
  'dropping the queues of every response read before it (added at the end of the file, that is every response of the manager), ' +
  'and the first <disabled> of the file turns execd off on that host. To switch one response off, use arctl disable (it comments the block out); nothing written';

export function buildWhiteList(raw: RawWhiteList): Built<WhiteListSpec> {
  if (raw.entries.length === 0) return { missing: ['at least one address or network'] };
  return { spec: { kind: 'white-list', entries: raw.entries.flatMap((e) => need('white-list', checkWhiteListEntries(e))) } };
}

export function buildEmailAlerts(raw: RawEmailAlerts): Built<EmailAlertsSpec> {
  const to = raw.to.flatMap((t) => need('--to', checkAddressList(t)));
  const level = optional('--level', raw.level, checkLevel);
  const ruleId = optional('--rule-id', raw.ruleId, checkRuleIds);
  const group = optional('--group', raw.group, (t) => checkGroupPattern('group', t));
  const eventLocation = optional('--event-location', raw.eventLocation, checkEventLocation);
  const format = optional('--format', raw.format, checkEmailFormat);
  const missing: string[] = [];
  if (to.length === 0) missing.push('--to');
  // Without a criterion Wazuh refuses the block (1264); the delivery flags alone would mail every alert.
  if ([level, ruleId, group, eventLocation].every((v) => v === undefined)) missing.push('one of --level, --rule-id, --group, --event-location');
  if (missing.length > 0) return { missing };
  return {
    spec: {
      kind: 'email-alerts',
      to,
      ...(level !== undefined ? { level } : {}),
      ...(ruleId !== undefined ? { ruleId } : {}),
      ...(group !== undefined ? { group } : {}),
      ...(eventLocation !== undefined ? { eventLocation } : {}),
      ...(format !== undefined ? { format } : {}),
      ...(raw.doNotDelay ? { doNotDelay: true } : {}),
      ...(raw.doNotGroup ? { doNotGroup: true } : {}),
    },
  };
}
