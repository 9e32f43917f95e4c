/**
 * `npm run readme:refresh`: reruns every single-command console block of the README that runs arctl
 * (`$ arctl ...`, or `$ FILTER | arctl ...`; as
 * test/cli/readme.test.ts does, through the same readmeCommandOutput: built CLI, repository root,
 * NO_COLOR=1, standard output then standard error) and pastes the real output in.
 * Blocks with an elision (`...`) are not rewritten; they are listed for a person to update.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arctlBin } from '../test/helpers/cli.ts';
import { projectRoot } from '../test/helpers/paths.ts';
import { readmeCommandOutput, runsArctl } from '../test/helpers/readme.ts';

const readmePath = join(projectRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');
const blockPattern = /^```console\n([\s\S]*?)^```$/gm;

/** The command of a block the refresh rewrites, or undefined for one it leaves alone. */
function refreshable(body: string): string | undefined {
  const lines = body.replace(/\n$/, '').split('\n');
  const commands = lines.filter((l) => l.startsWith('$ '));
  if (commands.length !== 1 || !lines[0]!.startsWith('$ ') || !runsArctl(lines[0]!.slice(2)) || lines.includes('...')) return undefined;
  return lines[0]!.slice(2);
}

const elided: string[] = [];
const outputs = new Map<string, string>();
for (const match of readme.matchAll(blockPattern)) {
  const command = refreshable(match[1]!);
  const first = match[1]!.split('\n')[0]!;
  if (command !== undefined) {
    if (!outputs.has(command)) outputs.set(command, (await readmeCommandOutput(command, arctlBin)).replace(/\n+$/, ''));
  } else if (first.startsWith('$ ') && runsArctl(first.slice(2)) && match[1]!.split('\n').includes('...')) {
    elided.push(first.slice(2));
  }
}

let changed = 0;
const updated = readme.replace(blockPattern, (block, body: string) => {
  const command = refreshable(body);
  if (command === undefined) return block;
  const output = outputs.get(command)!;
  const next = `\`\`\`console\n$ ${command}\n${output}${output ? '\n' : ''}\`\`\``;
  if (next !== block) changed++;
  return next;
});
writeFileSync(readmePath, updated);
process.stdout.write(`README: ${changed} block(s) refreshed\n`);
for (const command of elided) process.stdout.write(`not rewritten (has '...'; update by hand): ${command}\n`);
