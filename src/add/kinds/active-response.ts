/** `arctl add active-response`: an `<active-response>`, or a ready-made one (`--recipe`) with its stock command. */
import type { ConfigDocument } from '../../document/document.ts';
import type { ConfigView } from '../../document/views.ts';
import { fileRole } from '../../lint/engine.ts';
import { printable } from '../../util/printable.ts';
import { scaledDistance, suggestOne } from '../../util/suggest.ts';
import { CheckFailedError, InputError } from '../../util/errors.ts';
import { CANONICAL_LOCATIONS } from '../../wazuh/location.ts';
import { offenderMinutes } from '../../wazuh/repeated-offenders.ts';
import { blockSignature, serializeBlock, type XmlBlock } from '../blocks.ts';
import { placeActiveResponse, placeCommandAndResponse } from '../placement.ts';
import { activeResponseFromRecipe, commandSpecFromTemplate, commandTemplates, recipes, type CommandTemplate, type Recipe } from '../templates.ts';
import {
  LOCATIONS,
  asValidator,
  checkAgentId,
  checkCommandReference,
  checkGroupPattern,
  checkLevel,
  checkLocation,
  checkRepeatedOffenders,
  checkRuleIds,
  checkTimeout,
  type Location,
} from '../values.ts';
import { commandBlock, type CommandSpec } from './command.ts';
import type { AddKind, Built, Choice, EditStep, FileChoices, PlanContext, Prompter } from './kind.ts';
import { elementSignature, findCommand, inOssecConfig, lineOf, need, optional, optionalValidator, orUndefined, refuseOnAgent, MANAGER_READS } from './support.ts';

export interface ActiveResponseSpec {
  kind: 'active-response';
  command: string;
  location: Location;
  agentId?: string;
  rulesId?: string;
  rulesGroup?: string;
  level?: string;
  /** Seconds. */
  timeout?: number;
  /** Minutes for repeat offenders: planned as a block of its own, since execd reads one list per host. */
  repeatedOffenders?: string;
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

export function activeResponseBlock(spec: ActiveResponseSpec): XmlBlock {
  const children: XmlBlock['children'] = [];
  children.push({ name: 'command', text: spec.command }, { name: 'location', text: spec.location });
  if (spec.agentId !== undefined) children.push({ name: 'agent_id', text: spec.agentId });
  if (spec.rulesId !== undefined) children.push({ name: 'rules_id', text: spec.rulesId });
  if (spec.rulesGroup !== undefined) children.push({ name: 'rules_group', text: spec.rulesGroup });
  if (spec.level !== undefined) children.push({ name: 'level', text: spec.level });
  if (spec.timeout !== undefined) children.push({ name: 'timeout', text: String(spec.timeout) });
  return { name: 'active-response', children };
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

function planActiveResponse(spec: ActiveResponseSpec, context: PlanContext): EditStep {
  const { path, doc, config, unit } = context;
  refuseOnAgent(path, config, ...MANAGER_READS['active-response']);
  const block = activeResponseBlock(spec);
  const signature = blockSignature(block);
  const offenders = planRepeatedOffenders(path, doc, config, spec, unit);
  const same = config.activeResponses.find((a) => inOssecConfig(a.element) && elementSignature(a.element) === signature);
  if (same && offenders.lines.length === 0) {
    return { unchanged: `${path}: an identical <active-response> is already at line ${lineOf(doc, same.element)}${offenders.note}; nothing written` };
  }
  if (same) return { edit: placeActiveResponse(doc, config, offenders.lines), summary: [`added ${offenders.summary}`] };
  const lines = [...offenders.lines, ...serializeBlock(block, unit)];
  const command = findCommand(config, spec.command);
  const supplied = !command && context.missingCommand?.name === spec.command ? context.missingCommand : undefined;
  if (!command && !supplied) {
    const known = [...new Set(config.commands.filter((c) => inOssecConfig(c.element) && c.name).map((c) => c.name!.text))];
    const near = suggestOne(spec.command, known, { maxDistance: scaledDistance(spec.command) });
    // A stock command (host-deny, route-null...) is one flag away: name that flag.
    const stock = commandTemplates(context.target).some((t) => t.name === spec.command);
    const addIt = stock ? `arctl add command --template ${spec.command}` : 'arctl add command';
    throw new CheckFailedError(
      `${path}: no <command> named '${spec.command}' is defined${near ? ` (did you mean '${near}'?)` : ''}, so Wazuh would refuse the response (error 1303); ` +
        `add it first with ${addIt}${known.length ? `; defined: ${known.join(', ')}` : ''}; nothing written`,
    );
  }
  if (spec.timeout !== undefined) {
    const allowed = command ? command.timeoutAllowed?.text === 'yes' : supplied!.timeoutAllowed === true;
    if (!allowed) {
      const where = command ? ` (line ${lineOf(doc, command.element)})` : '';
      throw new CheckFailedError(
        `${path}: command '${spec.command}'${where} does not have <timeout_allowed>yes</timeout_allowed>, so Wazuh would ignore the timeout (1305) and never undo the response; leave out --timeout or allow it on the command; nothing written`,
      );
    }
  }
  if (supplied) {
    const commandLines = serializeBlock(commandBlock(supplied), unit);
    return {
      edit: placeCommandAndResponse(doc, config, supplied.name, [...commandLines, ...lines]),
      summary: [`added <command> '${supplied.name}'${offenders.lines.length ? `, ${offenders.summary}` : ''} and an <active-response> using it${offenders.note}`],
    };
  }
  return { edit: placeActiveResponse(doc, config, lines), summary: [`added ${offenders.lines.length ? `${offenders.summary} and an ` : ''}<active-response> for '${spec.command}'${offenders.note}`] };
}

/**
 * `--repeated-offenders` goes where execd reads it: execd takes the first `<repeated_offenders>` of the
 * `<active-response>` blocks of its host's own ossec.conf, one list for every response it runs
 * (src/os_execd/config.c ExecdConfig), and analysisd skips a block that holds only it. So the list gets a
 * block of its own; a file that already has a first list keeps it (the same list: nothing to add;
 * another: refused, since a second one would be ignored).
 */
function planRepeatedOffenders(path: string, doc: ConfigDocument, config: ConfigView, spec: ActiveResponseSpec, unit: string): { lines: string[]; note: string; summary: string } {
  const none = { lines: [], note: '', summary: '' };
  if (spec.repeatedOffenders === undefined) return none;
  if (fileRole(doc) === 'agent.conf') {
    throw new CheckFailedError(
      `${path}: --repeated-offenders: execd reads <repeated_offenders> only from its host's own ossec.conf, never from a shared agent.conf: add it to each agent's ossec.conf; nothing written`,
    );
  }
  const first = config.activeResponses
    .filter((a) => a.element.parent?.parent === null)
    .map((a) => a.options.all('repeated_offenders')[0])
    .find((o) => o !== undefined);
  if (first) {
    const line = lineOf(doc, first.element);
    if (offenderMinutes(first.text).join(',') === offenderMinutes(spec.repeatedOffenders).join(',')) {
      return { ...none, note: ` (execd already reads <repeated_offenders>${first.text}</repeated_offenders> at line ${line})` };
    }
    throw new CheckFailedError(
      `${path}:${line}: --repeated-offenders: execd reads only the first <repeated_offenders> of the file, one list for every response of the host, and this file's is '${first.text}': a second list would be ignored; change that one instead; nothing written`,
    );
  }
  return {
    lines: serializeBlock({ name: 'active-response', children: [{ name: 'repeated_offenders', text: spec.repeatedOffenders }] }, unit),
    note: '',
    summary: `<repeated_offenders>${spec.repeatedOffenders}</repeated_offenders> in an <active-response> of its own (execd reads one list for every response of the host)`,
  };
}

const text = (value: unknown) => value as string | undefined;

export const activeResponseKind: AddKind<'active-response', RawActiveResponse, ActiveResponseSpec> = {
  name: 'active-response',
  element: 'active-response',
  description: 'add an <active-response> (or a ready-made one with --recipe)',
  flags: [
    { flags: '--recipe <name>', description: 'a ready-made response (see templates/recipes.json)' },
    { flags: '--command <name>', description: 'a <command> defined in the file' },
    { flags: '--location <where>', description: 'local, server, defined-agent or all' },
    { flags: '--agent-id <id>', description: 'the agent for --location defined-agent' },
    { flags: '--level <n>', description: 'fire on rules of this level or higher (1-16)' },
    { flags: '--rules-id <ids>', description: 'fire on these rule ids (comma-separated)' },
    { flags: '--rules-group <pattern>', description: 'fire on rules whose groups match (e.g. "sshd,|web,")' },
    { flags: '--timeout <time>', description: 'undo after this long: seconds, or 10m, 1h, 1d' },
    { flags: '--disabled', description: 'refused: <disabled> turns off every response of the host, not this one (use arctl disable)' },
    { flags: '--repeated-offenders <minutes>', description: 'longer timeouts for repeat offenders, e.g. 30,60,120' },
  ],
  examples: {
    own: [
      'arctl add active-response --recipe ssh-brute-force',
      'arctl add active-response --command firewall-drop --location local --rules-id 5712,5763 --timeout 10m',
      'arctl add active-response --command host-deny --location defined-agent --agent-id 003 --level 12 --timeout 1h',
    ],
    overview: [
      'arctl add active-response --recipe ssh-brute-force --dry-run',
      'arctl add active-response --command firewall-drop --location local --rules-id 5712,5763 --timeout 10m',
    ],
  },
  completion: {
    '--recipe': { words: () => recipes().map((r) => r.name) },
    '--command': { fromFile: 'command-names' },
    '--location': { words: () => CANONICAL_LOCATIONS },
  },
  raw: (o) => ({
    recipe: text(o.recipe),
    command: text(o.command),
    location: text(o.location),
    agentId: text(o.agentId),
    level: text(o.level),
    rulesId: text(o.rulesId),
    rulesGroup: text(o.rulesGroup),
    timeout: text(o.timeout),
    disabled: o.disabled as boolean | undefined,
    repeatedOffenders: text(o.repeatedOffenders),
  }),
  ask: (p, raw, { file }) => askActiveResponse(p, raw, recipes(), file),
  build: (raw, { target }) => buildActiveResponse(raw, recipes(), commandTemplates(target)),
  plan: planActiveResponse,
};
