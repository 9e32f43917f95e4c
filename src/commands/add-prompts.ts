/**
 * The questions of `arctl add`, `set`, `remove`, ... asked through @inquirer/prompts (loaded on first
 * use). What each kind asks is in its file in src/add/kinds/; this is the terminal side.
 */
import { PassThrough } from 'node:stream';
import type { Choice, Prompter } from '../add/kinds/kind.ts';
import { shortened } from '../util/printable.ts';
import { importPackage } from '../util/import-package.ts';

export interface PromptStreams {
  input?: NodeJS.ReadableStream;
  output?: NodeJS.WritableStream;
}

export async function inquirerPrompter(streams: PromptStreams = {}): Promise<Prompter> {
  const prompts = await importPackage('@inquirer/prompts', () => import('@inquirer/prompts'));
  // Each prompt ends its output when done; give it a fresh pipe so a given stream outlives it.
  const context = () => {
    if (!streams.output) return { ...streams };
    const output = new PassThrough();
    output.pipe(streams.output, { end: false });
    return { ...streams, output };
  };
  return {
    input: (options) => prompts.input(options, context()),
    select: <T extends string>(options: { message: string; choices: Choice<T>[]; default?: T }) => {
      // One terminal line per entry: a 3,000-character command name wrapped over the whole screen, and the menu pages by entries.
      const columns = (streams.output as { columns?: number } | undefined)?.columns || process.stdout.columns || 80;
      return prompts.select<T>({ ...options, choices: options.choices.map((c) => ({ ...c, name: shortened(c.name, Math.max(20, columns - 4)) })) }, context());
    },
    confirm: (options) => prompts.confirm(options, context()),
  };
}

