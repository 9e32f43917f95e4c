/**
 * What one kind of block `arctl add` writes is: its flags and help (registered by the shell), the
 * values it completes, its questions for what the flags left out, the check from raw text to a spec,
 * and the planning of its text edit. One file per kind in this folder, listed in index.ts; the shell
 * (src/commands/add.ts, add-run.ts) and the planner (../plan.ts) only iterate the registry.
 */
import type { ConfigDocument } from '../../document/document.ts';
import type { TextEdit } from '../../document/edit.ts';
import type { ConfigView } from '../../document/views.ts';
import type { TargetVersion } from '../../wazuh/version.ts';
import type { CommandSpec } from './command.ts';

export interface Choice<T extends string> {
  name: string;
  value: T;
  description?: string;
}

/** The few prompt kinds the flows use; the shell gives @inquirer/prompts, tests drive it through injected streams. */
export interface Prompter {
  input(options: { message: string; default?: string; validate?: (value: string) => true | string }): Promise<string>;
  select<T extends string>(options: { message: string; choices: Choice<T>[]; default?: T }): Promise<T>;
  confirm(options: { message: string; default?: boolean }): Promise<boolean>;
}

/** What the file offers as choices. */
export interface FileChoices {
  commandNames: string[];
  /** Location values used in the file, most used first. */
  locations: string[];
}

/** A flag as commander takes it (`--name <name>`); `repeatable` collects every use into a list. */
export interface FlagDeclaration {
  flags: string;
  description: string;
  repeatable?: boolean;
}

/** What a flag's value completes to: words (computed when a script is made), or names read from the file. */
export type CompletionValues = { words: () => readonly string[] } | { fromFile: 'command-names' };

/** A checked spec, or the values still missing (flag names, as the user gives them). */
export type Built<T> = { spec: T; missing?: undefined; extra?: { missingCommand?: CommandSpec } } | { missing: string[]; spec?: undefined; extra?: undefined };

/** What planning a kind's block is given: the parsed file and what the request adds to the spec. */
export interface PlanContext {
  /** As shown in messages. */
  path: string;
  doc: ConfigDocument;
  config: ConfigView;
  /** The file's indentation unit. */
  unit: string;
  /** Replace a block of the same name that has other content (`--replace`). */
  replace?: boolean;
  /** Added before the response when the file does not define its command yet (recipes). */
  missingCommand?: CommandSpec;
  /** The Wazuh version the file is for (which stock commands `--template` offers). */
  target: TargetVersion;
}

/** A block already there (why nothing is written), or the one edit and one summary line per block. */
export type EditStep = { unchanged: string } | { edit: TextEdit; summary: string[] };

export interface AddKind<Name extends string, Raw, Spec extends { kind: Name }> {
  /** The subcommand (`arctl add NAME`) and the spec's `kind`. */
  name: Name;
  /** The element written, as `<element>` in help. */
  element: string;
  description: string;
  /** Positional arguments (`[entries...]`), collected into a list. */
  argument?: { syntax: string; description: string };
  flags: FlagDeclaration[];
  /** Lines of `arctl add NAME --help` (after "Examples:"), and of `arctl add --help`. */
  examples: { own: string[]; overview: string[] };
  completion?: Record<string, CompletionValues>;
  /** The raw values from the parsed flags (commander's camel-cased keys) and positional arguments. */
  raw(options: Readonly<Record<string, unknown>>, args: readonly string[]): Raw;
  /** Asks for what `raw` leaves out. */
  ask(prompter: Prompter, raw: Raw, context: { target: TargetVersion; file: FileChoices }): Promise<Raw>;
  /** Checks raw text into a spec (InputError naming the flag for a bad value). */
  build(raw: Raw, context: { target: TargetVersion }): Built<Spec>;
  plan(spec: Spec, context: PlanContext): EditStep;
}
