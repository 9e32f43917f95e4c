/**
 * `npm run readme:refresh`: reruns every single-command `$ arctl ...` console block of the README (as
 * test/cli/readme.test.ts does: built CLI, repository root, NO_COLOR=1) and pastes the real output in.
 * Blocks with an elision (`...`) are not rewritten; they are listed for a person to update.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { arctlBin } from '../test/helpers/cli.ts';
import { projectRoot } from '../test/helpers/paths.ts';

const readmePath = join(projectRoot, 'README.md');
const readme = readFileSync(readmePath, 'utf8');

function run(command: string): string {
  const sh = command.replace(/(^|\| )arctl /g, `$1"${process.execPath}" "${arctlBin}" `);
  try {
    return execFileSync('sh', ['-c', `${sh} 2>&1`], { cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' }, encoding: 'utf8', maxBuffer: 1 << 26 });
  } catch (error) {
    return String((error as { stdout?: string }).stdout ?? '');
  }
}

const elided: string[] = [];
let changed = 0;
const updated = readme.replace(/^```console\n([\s\S]*?)^```$/gm, (block, body: string) => {
  const lines = body.replace(/\n$/, '').split('\n');
  const commands = lines.filter((l) => l.startsWith('$ '));
  if (commands.length !== 1 || !lines[0].startsWith('$ arctl ')) return block;
  if (lines.includes('...')) {
    elided.push(lines[0].slice(2));
    return block;
  }
  const output = run(lines[0].slice(2)).replace(/\n+$/, '');
  const next = `\`\`\`console\n${lines[0]}\n${output}${output ? '\n' : ''}\`\`\``;
  if (next !== block) changed++;
  return next;
});
writeFileSync(readmePath, updated);
process.stdout.write(`README: ${changed} block(s) refreshed\n`);
for (const command of elided) process.stdout.write(`not rewritten (has '...'; update by hand): ${command}\n`);
