/**
 * `arctl add KIND`: flags, prompts for what is missing, preview, then a locked, atomic write of the
 * file with the new block. Each kind (its flags, help, completion values, questions, checks and
 * planning) is a file in src/add/kinds/; this registers every kind of the registry as a subcommand when
 * `add` runs (lazy-subcommands.ts). What a command does is add-run.ts, loaded through actions.ts.
 */
import { Option, type Command } from '@commander-js/extra-typings';
import type { AnyAddKind } from '../add/kinds/index.ts';
import { MANAGER_ARCHES } from '../wazuh/arch.ts';
import type { CommonOptions } from './add-run.ts';
import { addDeprecatedAlias } from './vocabulary.ts';
import { completeWith } from './completion-model.ts';
import { lazySubcommands } from './lazy-subcommands.ts';
import { listKindsWhenUnknown } from './unknown-kind.ts';

const collect = (value: string, previous: string[]) => [...previous, value];

/**
 * Options every kind shares (and `set`, `remove`, `disable`, `enable`, without --create); added after
 * the typed ones and read back untyped (see commonOf).
 */
export function addCommonOptions(cmd: { option(flags: string, description: string, defaultValue?: string): unknown }, { create = true } = {}): void {
  const c = cmd as Command;
  c.option('--file <path>', 'the ossec.conf to edit (-: read standard input, print the new file)', './ossec.conf');
  if (create) c.option('--create', 'start a new file with one <ossec_config> root when it does not exist (or add a root to a file that has none)');
  c.option('--dry-run', 'print the unified diff and write nothing')
    .option('--backup', 'keep the previous version as FILE.bak')
    .option('--no-input', 'never prompt; missing values are an error (exit 2)')
    .option('-y, --yes', 'write without asking for confirmation after the preview')
    .option('--target-version <x.y>', 'Wazuh version to write for (below 4.2: legacy names and <expect>; default 4.14 or the config file)')
    .option('--config <path>', 'the .arctl.json to use (default: the nearest one from the working directory)')
    .addOption(new Option('--arch <build>', "the managers' build the lint gate checks for: x86_64 (default, signed char) or aarch64").choices(MANAGER_ARCHES))
    .option('--ruleset <dir>', 'Wazuh rules directory for the lint gate (repeatable; as arctl lint --ruleset)', collect, [] as string[])
    .option('--agents <file>', 'client.keys or JSON list of agents for the lint gate (as arctl lint --agents)');
  addDeprecatedAlias(c, { flags: '-f <path>', key: 'f', used: `${commandPath(c)} -f`, for: '--file', forKey: 'file', why: '-f is --format in every command' });
}

/** `add white-list`, `set active-response`: the words that run a command, the program's name left out. */
function commandPath(cmd: { name(): string; parent: unknown }): string {
  const words: string[] = [];
  for (let at = cmd as { name(): string; parent: unknown } | null; at?.parent; at = at.parent as typeof at) words.unshift(at.name());
  return words.join(' ');
}

function commonOf(cmd: { opts(): unknown }): CommonOptions {
  return cmd.opts() as CommonOptions;
}

const examples = (lines: readonly string[]) => `\nExamples:\n${lines.map((l) => `  ${l}`).join('\n')}`;

/** The elements `arctl add` writes, as `arctl --help` lists them (test/add/kinds.test.ts holds it to the registry). */
export const ADD_DESCRIPTION = 'add a <command>, <active-response>, <white_list> or <email_alerts> block to ossec.conf, safely';

export function register(program: Command): void {
  const add = program.command('add').description(ADD_DESCRIPTION) as unknown as Command;
  listKindsWhenUnknown(add);
  lazySubcommands(program, add, async () => {
    // Through actions.ts, which `add` loads anyway: one lazy chunk, the start-up chunks unchanged.
    const { ADD_KINDS } = await import('./actions.ts');
    add.addHelpText('after', examples(ADD_KINDS.flatMap((k) => k.examples.overview)));
    for (const kind of ADD_KINDS) registerKind(add, kind);
  });
}

function registerKind(add: Command, kind: AnyAddKind): void {
  const cmd = add.command(kind.name).description(kind.description) as unknown as Command;
  if (kind.argument) cmd.argument(kind.argument.syntax, kind.argument.description);
  for (const flag of kind.flags) {
    if (flag.repeatable) cmd.option(flag.flags, flag.description, collect, [] as string[]);
    else cmd.option(flag.flags, flag.description);
  }
  cmd.addHelpText('after', examples(kind.examples.own));
  addCommonOptions(cmd);
  for (const [flag, values] of Object.entries(kind.completion ?? {})) {
    completeWith(cmd, flag, 'fromFile' in values ? { kind: 'from-file', list: values.fromFile, defaultFile: './ossec.conf' } : () => ({ kind: 'words', words: values.words() }));
  }
  cmd.action(async () => {
    const options = cmd.opts() as Record<string, unknown>;
    const positional = kind.argument ? ((cmd.processedArgs as unknown[])[0] as string[]) : [];
    await (await import('./actions.ts')).addBlock(kind.name, kind.raw(options, positional), commonOf(cmd), cmd, Boolean(options.replace));
  });
}
