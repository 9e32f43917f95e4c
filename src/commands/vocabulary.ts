/**
 * One flag vocabulary for every command: the same flag means the same thing everywhere.
 *
 * - `-f, --format NAME`: the output format; `text` is the human-readable one in every command (lint and
 *   validate also call it `stylish`, ESLint's name).
 * - `--file PATH`: the ossec.conf a command reads or edits when it is not an argument (add, simulate,
 *   script test).
 * - `--config PATH`: the `.arctl.json` (default: the nearest one walking up from the working directory).
 *
 * Old spellings still work as deprecated aliases and print one warning line on standard error.
 */
import { InvalidArgumentError, Option, type Command } from '@commander-js/extra-typings';
import { writeErr } from './output.ts';

/** The human-readable format's name in every command. */
export const TEXT_FORMAT = 'text';

/** One line on standard error for a deprecated spelling that still works. */
export function warnDeprecated(used: string, instead: string, why?: string): void {
  writeErr(`arctl: warning: ${used} is deprecated; use ${instead}${why ? ` (${why})` : ''}\n`);
}

/**
 * `-f, --format NAME` with these choices (the first is the default unless `defaultName` says otherwise).
 * `synonyms` are other names for a choice that stay valid (listed in help and completion); `deprecated`
 * ones still work, with a warning, and are listed nowhere.
 */
export function formatOption<const Name extends string>(
  choices: readonly Name[],
  options: { defaultName?: Name; synonyms?: Record<string, Name>; deprecated?: Record<string, Name>; command?: string } = {},
) {
  const synonyms = options.synonyms ?? {};
  const deprecated = options.deprecated ?? {};
  const listed = [...choices, ...Object.keys(synonyms)];
  return new Option('-f, --format <name>', 'output format')
    .choices(listed)
    .default((options.defaultName ?? choices[0]) as Name)
    .argParser((value: string): Name => {
      if ((choices as readonly string[]).includes(value)) return value as Name;
      if (Object.hasOwn(synonyms, value)) return synonyms[value];
      if (Object.hasOwn(deprecated, value)) {
        warnDeprecated(`${options.command ? `${options.command} ` : ''}--format ${value}`, `--format ${deprecated[value]}`);
        return deprecated[value];
      }
      throw new InvalidArgumentError(`Allowed choices are ${listed.join(', ')}.`);
    });
}

/**
 * An old spelling of an option (`-f` for `--file`): hidden from help and completion, its value handed to
 * the option it stands for, with a warning. The option it stands for, given too, wins.
 */
export function addDeprecatedAlias(cmd: Command<any, any, any>, alias: { flags: string; key: string; used: string; for: string; forKey: string; why?: string }): void {
  cmd.addOption(new Option(alias.flags).hideHelp());
  cmd.hook('preAction', (_self, action) => {
    if (action !== cmd) return;
    const value = cmd.getOptionValue(alias.key);
    if (value === undefined) return;
    warnDeprecated(alias.used, alias.for, alias.why);
    if (cmd.getOptionValueSource(alias.forKey) !== 'cli') cmd.setOptionValueWithSource(alias.forKey, value, 'cli');
  });
}
