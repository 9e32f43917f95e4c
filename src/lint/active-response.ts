/**
 * Facts about `<active-response>` blocks that several lint rules share: whether analysisd reads the
 * file at all, whether a block is disabled, which `<command>` its reference resolves to in Wazuh's
 * single ordered pass, and C atoi() for the options Wazuh reads with it (wazuh-semantics.md §2).
 */
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
export { removeElement, wholeLines } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import type { ActiveResponseView, CommandView, ConfigView, OptionValue } from '../document/views.ts';
import { atoi } from '../wazuh/c-number.ts';
import { loadAnalysisdConfig, type AnalysisdConfig, type LoadedResponse } from '../wazuh/load.ts';
import type { LocationFlags } from '../wazuh/location.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { parseRuleIdList } from '../wazuh/rules-id.ts';
import { osRegexCompiles } from '../wazuh/os-regex.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import type { FileRole, RuleContext } from './types.ts';

/** True when this file's `<command>` / `<active-response>` blocks are parsed by analysisd (a manager's ossec.conf). */
export function readByAnalysisd(config: ConfigView, role: FileRole): boolean {
  return role === 'ossec.conf' && config.kind === 'ossec_config' && !isAgentNodeConfig(config);
}

/** The options of an agent's own `<active-response>` block: execd's switch and the WPK certificate checks. */
const AGENT_RESPONSE_OPTIONS = new Set(['disabled', 'ca_store', 'ca_verification']);

/**
 * The options (as '<disabled>, <ca_store>') of an `<active-response>` written as an agent's block (Wazuh's agent templates:
 * `<disabled>`, `<ca_store>`, `<ca_verification>`, at least one of the certificate options, nothing else),
 * or undefined. In a manager's file analysisd reads it as a response to bind: (1230) at `<ca_verification>`
 * (src/config/active-response.c:137-141), else (1281) for the missing command and location (:157-166).
 */
export function agentResponseOptions(block: XmlElement): string | undefined {
  const names = block.children.filter((c) => !c.isVariable).map((c) => c.name);
  if (!names.some((n) => n === 'ca_store' || n === 'ca_verification')) return undefined;
  return names.every((n) => AGENT_RESPONSE_OPTIONS.has(n)) ? [...new Set(names)].map((n) => `<${n}>`).join(', ') : undefined;
}

/** Any `<disabled>yes</disabled>` child makes analysisd skip the block (a later `no` does not undo it). */
export function isDisabled(ar: ActiveResponseView): boolean {
  return ar.options.all('disabled').some((d) => d.text === 'yes');
}

/** Position of an `<active-response>` in the single pass over commands and responses. */
/** Block positions of responses and of commands by name, made once per configuration view. */
interface BlockIndex {
  responsePosition: Map<ActiveResponseView, number>;
  commandsByName: Map<string, { position: number; view: CommandView }[]>;
}

const blockIndexes = new WeakMap<ConfigView, BlockIndex>();

/** Rules ask about every response: an index keeps that linear in the number of blocks. */
function blockIndex(config: ConfigView): BlockIndex {
  let index = blockIndexes.get(config);
  if (index) return index;
  index = { responsePosition: new Map(), commandsByName: new Map() };
  config.blocks.forEach((block, position) => {
    if (block.type === 'active-response') index!.responsePosition.set(block.view, position);
    else if (block.type === 'command' && block.view.name) {
      const list = index!.commandsByName.get(block.view.name.text) ?? [];
      list.push({ position, view: block.view });
      index!.commandsByName.set(block.view.name.text, list);
    }
  });
  blockIndexes.set(config, index);
  return index;
}

/** The first `<command>` with exactly this name read before the response (the one analysisd binds). */
export function commandDefinedBefore(config: ConfigView, ar: ActiveResponseView, name: string): CommandView | undefined {
  const index = blockIndex(config);
  const at = index.responsePosition.get(ar) ?? -1;
  const first = index.commandsByName.get(name)?.[0];
  return first && first.position < at ? first.view : undefined;
}

/** The first `<command>` with exactly this name read after the response (too late for analysisd). */
export function commandDefinedAfter(config: ConfigView, ar: ActiveResponseView, name: string): CommandView | undefined {
  const index = blockIndex(config);
  const at = index.responsePosition.get(ar) ?? -1;
  return index.commandsByName.get(name)?.find((c) => c.position > at)?.view;
}

/** The command a response binds to, when its `<command>` names one defined before it. */
export function boundCommand(config: ConfigView, ar: ActiveResponseView): CommandView | undefined {
  const name = ar.command?.text;
  return name === undefined || name === '' ? undefined : commandDefinedBefore(config, ar, name);
}

/**
 * The commands an enabled `<active-response>` binds: only they reach ar.conf and execd. Any other
 * `<command>` is a dead definition (a problem in it can stop no response).
 */
export function usedCommands(config: ConfigView): Set<CommandView> {
  const used = new Set<CommandView>();
  for (const ar of config.activeResponses) {
    if (isDisabled(ar)) continue;
    const command = boundCommand(config, ar);
    if (command) used.add(command);
  }
  return used;
}

export { atoi };

/**
 * A manager's ossec.conf with no enabled <active-response>: analysisd runs no response from it, so the
 * global white list (used only by analysisd/alerts/exec.c) changes nothing yet. Read from the blocks,
 * not from the start-up model, which stops at the first refusal.
 */
export function noResponseToWhiteList(config: ConfigView, role: FileRole): boolean {
  return readByAnalysisd(config, role) && !config.activeResponses.some((ar) => !isDisabled(ar));
}

/** The timeout analysisd reads (atoi of the last `<timeout>`; 0 when absent). */
export function timeoutSeconds(ar: ActiveResponseView): number {
  return ar.timeout ? atoi(ar.timeout.text) : 0;
}

/** The level condition analysisd uses (0 = none): digits-only values, else the file is refused anyway. */
export function levelCondition(ar: ActiveResponseView): number {
  return ar.level && /^\d*$/.test(ar.level.text) ? atoi(ar.level.text) : 0;
}

/** Whether `<timeout_allowed>` of a command is `yes` (Wazuh's parser default is no). */
export function timeoutAllowed(cmd: CommandView): boolean {
  return cmd.timeoutAllowed?.text === 'yes';
}

/** 1-based line of an element's start tag. */
export function lineOf(doc: ConfigDocument, el: XmlElement): number {
  return doc.lineOf(el.range.start);
}

/** An edit replacing an option's value, or undefined when a comment inside the value would be lost. */
export function replaceValue(option: OptionValue, text: string): TextEdit | undefined {
  const el = option.element;
  if (el.contentHasComment || el.children.length > 0) return undefined;
  if (el.selfClosing) return undefined;
  return { start: el.contentRange.start, end: el.contentRange.end, text };
}

/**
 * An edit writing one element per value in place of an option that holds a list, each on a line of its own
 * (indented and ended as the option's line, as editors show it) when the option stood alone on its line.
 */
export function splitIntoElements(doc: ConfigDocument, option: OptionValue, values: readonly string[]): TextEdit | undefined {
  const el = option.element;
  if (el.selfClosing || el.contentHasComment || el.children.length > 0 || el.attributes.length > 0) return undefined;
  const indent = doc.indentOf(el.range.start);
  const separator = indent === null ? '' : doc.lineEnding(el.range.start) + indent;
  return { start: el.range.start, end: el.range.end, text: values.map((v) => `<${el.name}>${v}</${el.name}>`).join(separator) };
}

/** Where a finding about an option's value points: its content, or the element when the content is empty. */
export function valueRange(option: OptionValue): { start: number; end: number } {
  return elementValueRange(option.element);
}

/**
 * valueRange of any element (the start-up refusals and the agents' readers point at elements, not options): the
 * element itself when it holds elements, whose content is only the text after the last of them.
 */
export function elementValueRange(el: XmlElement): { start: number; end: number } {
  return el.contentRange.end > el.contentRange.start && el.children.length === 0 ? el.contentRange : el.range;
}

const models = new WeakMap<ConfigView, Map<string, AnalysisdConfig>>();

/** What analysisd loads from this file (src/wazuh/load.ts), computed once per lint run and target. */
export function analysisdModel(doc: ConfigDocument, config: ConfigView, target: TargetVersion): AnalysisdConfig {
  let byTarget = models.get(config);
  if (!byTarget) models.set(config, (byTarget = new Map()));
  let model = byTarget.get(target.text);
  if (!model) byTarget.set(target.text, (model = loadAnalysisdConfig(doc, config, target)));
  return model;
}

export interface AcceptedResponse {
  ar: ActiveResponseView;
  flags: LocationFlags;
  command: CommandView;
  loaded: LoadedResponse;
}

/** The responses analysisd accepts and binds to rules (status active in src/wazuh/load.ts), in config order. */
export function acceptedResponses(ctx: Pick<RuleContext, 'doc' | 'config' | 'target'>): AcceptedResponse[] {
  const { config } = ctx;
  return analysisdModel(ctx.doc, config, ctx.target).activeResponses.map((loaded) => ({
    ar: config.activeResponses[loaded.index],
    flags: loaded.location,
    command: config.commands[loaded.command!.index],
    loaded,
  }));
}

/** The conditions Rule_AddAR binds a response with (src/analysisd/rules.c): level (0 = none), group regex, id list. */
export interface Triggers {
  level: number;
  group: string | undefined;
  /** False when OSRegex_Compile refuses the group: OS_Regex then matches no rule (rules-group-format reports it). */
  groupCompiles: boolean;
  ruleIds: number[];
}

export function triggersOf(ar: ActiveResponseView): Triggers {
  const text = ar.rulesGroup?.text;
  const group = text === undefined || text === '' ? undefined : text;
  return {
    level: levelCondition(ar),
    group,
    groupCompiles: group === undefined || osRegexCompiles(group),
    ruleIds: ar.rulesId ? parseRuleIdList(ar.rulesId.text) : [],
  };
}

export function hasTrigger(t: Triggers): boolean {
  return t.level > 0 || t.group !== undefined || t.ruleIds.length > 0;
}

/** The group names a rules_group alternation lists (`sshd,|web,` -> sshd, web), lower-cased. */
export function groupNames(group: string): string[] {
  return group
    .split('|')
    .map((g) => g.trim().replace(/,+$/, '').toLowerCase())
    .filter(Boolean);
}
