/** The README's examples: its "Library API" code with the output printed after it, and its console blocks' commands. */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { projectRoot } from './paths.ts';

const execFileAsync = promisify(execFile);

export function libraryExamples(): Array<{ code: string; output: string }> {
  const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');
  const section = /^## Library API\n([\s\S]*?)^## /m.exec(readme)?.[1];
  if (section === undefined) throw new Error('README.md has no "## Library API" section');
  const examples = [...section.matchAll(/^```js\n([\s\S]*?)^```$[\s\S]*?^```\n([\s\S]*?)^```$/gm)].map((m) => ({ code: m[1]!, output: m[2]! }));
  if (examples.length === 0) throw new Error('README.md "Library API": expected a ```js example followed by a ``` block of its output');
  return examples;
}

/** A console block's command that arctl's README tests rerun: `arctl ...`, or a filter piped into `| arctl ...`. */
export function runsArctl(command: string): boolean {
  return command.startsWith('arctl ') || command.includes('| arctl ');
}

/**
 * What a README ```console block shows for `command` (`arctl ...`, maybe piped to jq): the built CLI
 * (NO_COLOR=1) run through `sh` from the project root, its standard output first, then its standard
 * error. The two streams are captured apart and joined in that fixed order, because the order in which
 * a process's writes to the two meet on one pipe (`2>&1`) is the program's (and, under load, the
 * scheduler's) business; the README says so above its first block. Used by test/cli/readme.test.ts
 * and scripts/refresh-readme.ts, so what the refresh pastes is what the test compares.
 */
export async function readmeCommandOutput(command: string, arctlBin: string): Promise<string> {
  // `arctl` at the start or after a pipe is the built CLI; the rest (sed, jq) is the shell's.
  const sh = command.replace(/(^|\| )arctl /g, `$1"${process.execPath}" "${arctlBin}" `);
  const { stdout, stderr } = await execFileAsync('sh', ['-c', sh], {
    cwd: projectRoot,
    env: { ...process.env, NO_COLOR: '1' },
    timeout: 120_000,
    maxBuffer: 64 * 1024 * 1024,
  }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? '', stderr: error.stderr ?? '' }));
  const between = stdout !== '' && stderr !== '' && !stdout.endsWith('\n') ? '\n' : '';
  return stdout + between + stderr;
}
