/**
 * The completion model (src/completion/scripts.ts) derived from the registered commands, so completion
 * cannot drift from what the commands accept: every command path, its visible flags, and for each value
 * the choices commander checks, or what the command registered with `completeWith` (recipes, templates,
 * rule ids, command names from the file). Hidden flags (deprecated spellings) are not offered.
 */
import type { Command, Option } from '@commander-js/extra-typings';
import type { CompletionCommand, CompletionOption, ValueSource } from '../completion/completion.ts';
import { loadSubcommands } from './lazy-subcommands.ts';

type AnyCommand = Command<any, any, any>;
type Provider = () => ValueSource | Promise<ValueSource>;

/** Registered sources: per command, by flag (`--recipe`) or `<args>` for its positional arguments. */
const registered = new WeakMap<object, Map<string, Provider>>();

/** What a command's flag (or, with `<args>`, its arguments) completes to; loaded only when a script is made. */
export function completeWith(cmd: object, flag: string, source: ValueSource | Provider): void {
  const map = registered.get(cmd) ?? new Map<string, Provider>();
  map.set(flag, typeof source === 'function' ? source : () => source);
  registered.set(cmd, map);
}

/** A value's placeholder in the flag (`--ruleset <dir>`) says what it is when nothing else does. */
function fromPlaceholder(flags: string): ValueSource {
  const placeholder = /[<[]([\w.-]+)(?:\.\.\.)?[>\]]/.exec(flags)?.[1] ?? '';
  if (/^dir/.test(placeholder)) return { kind: 'dirs' };
  if (/^(file|path)s?$/.test(placeholder)) return { kind: 'files' };
  return { kind: 'none' };
}

async function describeOption(cmd: AnyCommand, option: Option<any, any, any, any, any, any>): Promise<CompletionOption> {
  const out: CompletionOption = { description: option.description };
  if (option.long) out.long = option.long;
  if (option.short) out.short = option.short;
  if (option.required || option.optional) {
    const provider = registered.get(cmd)?.get(option.long ?? option.short ?? '');
    out.value = provider ? await provider() : option.argChoices ? { kind: 'words', words: option.argChoices } : fromPlaceholder(option.flags);
  }
  return out;
}

export async function describeCommand(cmd: AnyCommand): Promise<CompletionCommand> {
  await loadSubcommands(cmd);
  const visible = cmd.options.filter((o) => !o.hidden);
  const options = await Promise.all(visible.map((o) => describeOption(cmd, o)));
  options.push({ long: '--help', short: '-h', description: 'display help for command' });
  const subcommands = await Promise.all(
    cmd.commands.filter((c) => c.name() !== 'help' && !(c as unknown as { _hidden: boolean })._hidden).map((c) => describeCommand(c as AnyCommand)),
  );
  const args = registered.get(cmd)?.get('<args>');
  const described: CompletionCommand = { name: cmd.name(), description: cmd.description(), options, subcommands };
  if (args) described.args = await args();
  else if (cmd.registeredArguments.some((a) => /file|alerts|base|head/.test(a.name()))) described.args = { kind: 'files' };
  return described;
}
