/**
 * `arctl add foo`: a kind the verb does not know. Commander would say "unknown command 'foo'" and at
 * most one near name; this names every kind the verb knows, and the one meant when one is close.
 */
import type { Command } from '@commander-js/extra-typings';
import { printable } from '../util/printable.ts';
import { scaledDistance, suggestOne } from '../util/suggest.ts';

/** Makes `verb`'s error for an unknown kind list its kinds (read when it happens: `add` registers them on first use). */
export function listKindsWhenUnknown(verb: Command<any, any, any>): void {
  verb.on('command:*', (operands: string[]) => {
    const kinds = verb
      .createHelp()
      .visibleCommands(verb)
      .map((c) => c.name())
      .filter((name) => name !== 'help');
    const given = operands[0] ?? '';
    const meant = suggestOne(given, kinds, { maxDistance: scaledDistance(given) });
    const list = `${kinds.slice(0, -1).join(', ')} and ${kinds.at(-1)}`;
    verb.error(`arctl: ${verb.name()}: unknown kind '${printable(given)}'; ${meant ? `did you mean '${meant}'? The kinds are` : 'the kinds are'} ${list}`, { code: 'commander.unknownCommand' });
  });
}
