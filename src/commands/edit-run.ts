/**
 * What `arctl set`, `remove`, `disable` and `enable` do once their flags are parsed (edit.ts registers
 * them): name the block (asking in a terminal when the flags fit several, never otherwise), plan the
 * change through the lint gate, preview it, then write it under the file's lock, atomically.
 */
import type { Command } from '@commander-js/extra-typings';
import { alignColumns, BLOCK_ELEMENT, canToggle, resolveAddress, type BlockAddress, type BlockKind, type Candidate } from '../add/address.ts';
import { planEdit, type EditOperation, type EditPlan } from '../add/edit-plan.ts';
import { setActiveResponseChanges, setEmailAlertsChanges, setGlobalChanges, type RawSetActiveResponse, type RawSetEmailAlerts, type RawSetGlobal } from '../add/edit-specs.ts';
import type { OptionChange } from '../add/option-edits.ts';
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import { InputError } from '../util/errors.ts';
import { printable } from '../util/printable.ts';
import type { Prompter } from '../add/kinds/kind.ts';
import { beginWrite, readExisting, writePlanned, type WriteOptions } from './write-plan.ts';
import { currentRun } from './io.ts';

export interface EditCommonOptions extends WriteOptions {
  input: boolean;
}

/** --command/--name/--to, --nth and --line as typed. */
export interface AddressFlags {
  name?: string;
  nth?: string;
  line?: string;
}

type AnyCommand = Command<any, any, any>;

export type SetTarget = { kind: 'active-response'; raw: RawSetActiveResponse } | { kind: 'email-alerts'; raw: RawSetEmailAlerts } | { kind: 'global'; raw: RawSetGlobal };

function positive(flag: string, text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new InputError(`${flag}: expected a whole number from 1, got '${printable(text)}'`);
  return Number(text);
}

function address(flags: AddressFlags): BlockAddress {
  const nth = positive('--nth', flags.nth);
  const line = positive('--line', flags.line);
  return { ...(flags.name !== undefined ? { name: flags.name } : {}), ...(nth !== undefined ? { nth } : {}), ...(line !== undefined ? { line } : {}) };
}

const SET_FLAGS: Record<SetTarget['kind'], string> = {
  'active-response': '--timeout, --location, --agent-id, --level, --rules-id, --rules-group (or their --no-, --add- and --remove- forms)',
  'email-alerts': '--add-to, --remove-to, --level, --rule-id, --group, --event-location, --format, --do-not-delay, --do-not-group (or their --no-, --add- and --remove- forms)',
  global: '--email-notification, --smtp-server, --email-from, --email-to (or --add-email-to, --remove-email-to), --email-maxperhour',
};

function changesOf(target: SetTarget): OptionChange[] {
  if (target.kind === 'active-response') return setActiveResponseChanges(target.raw);
  if (target.kind === 'email-alerts') return setEmailAlertsChanges(target.raw);
  return setGlobalChanges(target.raw);
}

export async function runSet(target: SetTarget, flags: AddressFlags, opts: EditCommonOptions, cmd: AnyCommand): Promise<void> {
  const at = address(flags);
  await runEdit(opts, cmd, async (prompter, bytes) => {
    let changes = changesOf(target);
    if (changes.length === 0 && !prompter) throw new InputError(`nothing to set: give at least one of ${SET_FLAGS[target.kind]}${interactiveNote(opts)}`);
    // In a terminal the block is picked first, then what to change in it.
    const chosen = prompter && target.kind !== 'global' ? await chooseBlock(prompter, bytes, target.kind, at) : at;
    if (changes.length === 0) changes = await (await import('./edit-prompts.ts')).askSetChange(prompter!, target.kind);
    return target.kind === 'global' ? { verb: 'set-global', changes } : { verb: 'set', kind: target.kind, address: chosen, changes };
  });
}

export async function runRemove(kind: BlockKind, flags: AddressFlags, opts: EditCommonOptions, cmd: AnyCommand): Promise<void> {
  const at = address(flags);
  await runEdit(opts, cmd, async () => ({ verb: 'remove', kind, address: at }));
}

export async function runRemoveWhiteList(entries: string[], opts: EditCommonOptions, cmd: AnyCommand): Promise<void> {
  await runEdit(opts, cmd, async (prompter, bytes) => {
    if (entries.length > 0) return { verb: 'remove-white-list', entries };
    if (!prompter) throw new InputError(`missing the entries to remove (give them as arguments${interactiveNote(opts)})`);
    const present = buildConfigView(new ConfigDocument('file', bytes)).globals.flatMap((g) => g.whiteList.map((w) => w.text));
    if (present.length === 0) throw new InputError('the file has no <white_list> entry to remove');
    const entry = await prompter.select({ message: 'Which <white_list> entry?', choices: [...new Set(present)].map((p) => ({ name: printable(p), value: p })) });
    return { verb: 'remove-white-list', entries: [entry] };
  });
}

export async function runToggle(verb: 'disable' | 'enable', flags: AddressFlags, opts: EditCommonOptions, cmd: AnyCommand, force = false): Promise<void> {
  const at = address(flags);
  await runEdit(opts, cmd, async () => (verb === 'enable' ? { verb, address: at, ...(force ? { force } : {}) } : { verb, address: at }));
}

/** Said after what to give when a value is missing and there is no terminal to ask in (as add says it). */
function interactiveNote(opts: EditCommonOptions): string {
  return opts.input === false || !currentRun().io.stdin.isTTY ? '; arctl asks for them only in a terminal without --no-input' : '';
}

/** In a terminal, an address that fits several blocks becomes a question (elsewhere planEdit refuses it, listing them). */
async function chooseBlock(prompter: Prompter, bytes: Buffer, kind: BlockKind, at: BlockAddress, prefer?: (c: Candidate) => boolean): Promise<BlockAddress> {
  const resolved = resolveAddress(new ConfigDocument('file', bytes), kind, at, prefer);
  if (!('several' in resolved)) return at;
  // Answered with the --nth that names the block alone: blocks written on one line share their line.
  // Each entry on one line of the terminal (the prompt cuts what is still longer).
  const columns = (currentRun().io.stdout as { columns?: number }).columns || 80;
  const names = alignColumns(
    resolved.several.map((c) => [`line ${c.line}`, ...c.columns]),
    undefined,
    columns - 4,
  );
  const nth = await prompter.select({
    message: `Which <${BLOCK_ELEMENT[kind]}>?`,
    choices: resolved.several.map((_, i) => ({ name: names[i]!, value: String(resolved.nths[i]) })),
  });
  const { line: _line, ...named } = at;
  return { ...named, nth: Number(nth) };
}

type BuildOperation = (prompter: Prompter | null, bytes: Buffer) => Promise<EditOperation>;

async function runEdit(opts: EditCommonOptions, cmd: AnyCommand, build: BuildOperation): Promise<void> {
  const { stdin, path, current, gate, prompter } = await beginWrite(opts, readExisting);
  let operation = await build(prompter, current!);
  if (prompter && 'address' in operation) {
    const kind = 'kind' in operation ? operation.kind : 'active-response';
    const prefer = operation.verb === 'disable' || operation.verb === 'enable' ? canToggle(operation.verb) : undefined;
    operation = { ...operation, address: await chooseBlock(prompter, current!, kind, operation.address, prefer) };
  }
  const plan = (bytes: Buffer | null): EditPlan => planEdit({ path, bytes: bytes!, operation, gate });
  await writePlanned({ path, stdin, current, read: () => readExisting(path), opts, cmd, prompter, plan, preview: (p, chalk) => chalk.bold(p.summary.join('\n')), subject: 'the change' });
}
