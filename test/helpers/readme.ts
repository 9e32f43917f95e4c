/** The README's "Library API" examples: each one's code and the output printed after it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

export function libraryExamples(): Array<{ code: string; output: string }> {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = /^## Library API\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Library API" section');
  const examples = [...section.matchAll(/^```js\n([\s\S]*?)^```$[\s\S]*?^```\n([\s\S]*?)^```$/gm)].map((m) => ({ code: m[1]!, output: m[2]! }));
  if (examples.length === 0) throw new Error('README.md "Library API": expected a ```js example followed by a ``` block of its output');
  return examples;
}
