/** The README's "Library API" example: its code and the output printed after it. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

export function libraryExample(): { code: string; output: string } {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = /^## Library API\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Library API" section');
  const code = /^```js\n([\s\S]*?)^```$/m.exec(section)?.[1];
  const output = /^```js\n[\s\S]*?^```$[\s\S]*?^```\n([\s\S]*?)^```$/m.exec(section)?.[1];
  if (code === undefined || output === undefined) throw new Error('README.md "Library API": expected a ```js example followed by a ``` block of its output');
  return { code, output };
}
