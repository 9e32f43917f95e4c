/**
 * The examples in `arctl add ... --help` (and set, remove, disable, enable) must work: each one runs, as
 * a dry run, against a copy of the shipped example configuration and is accepted (exit 0), so help
 * never teaches a command that fails.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

/** Splits an example line into arguments the way a shell would for these simple quotes. */
function shellWords(line: string): string[] {
  return [...line.matchAll(/"([^"]*)"|(\S+)/g)].map((m) => m[1] ?? m[2]!);
}

function examplesOf(helpText: string, verb: string): string[][] {
  const section = helpText.split('\nExamples:\n')[1] ?? '';
  return section
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith(`arctl ${verb} `))
    .map((line) => shellWords(line).slice(1));
}

const HELP_PAGES: Array<{ verb: string; kinds: string[][]; outcome: RegExp; min: number }> = [
  { verb: 'add', kinds: [[], ['command'], ['active-response'], ['white-list'], ['email-alerts']], outcome: /dry run: added|already/, min: 10 },
  { verb: 'set', kinds: [[], ['active-response'], ['email-alerts'], ['global']], outcome: /dry run: |already/, min: 8 },
  { verb: 'remove', kinds: [[]], outcome: /dry run: removed/, min: 4 },
  { verb: 'disable', kinds: [[]], outcome: /dry run: switched off/, min: 3 },
  { verb: 'enable', kinds: [[]], outcome: /already on/, min: 3 },
];

for (const { verb, kinds, outcome, min } of HELP_PAGES) test(`every example of arctl ${verb} --help and its kinds runs against the example configuration`, () => {
  const config = readFileSync(join(projectRoot, 'examples/ossec.conf'));
  const seen = new Set<string>();
  for (const kind of kinds) {
    const help = runArctl([verb, ...kind, '--help']);
    assert.equal(help.status, 0, help.stderr);
    const examples = examplesOf(help.stdout, verb);
    assert.ok(examples.length > 0, `arctl ${verb} ${kind.join(' ')} --help has examples`);
    for (const args of examples) {
      if (seen.has(args.join(' '))) continue;
      seen.add(args.join(' '));
      const dir = tempFiles({ 'ossec.conf': config });
      // The example's own --file (an installed path) is replaced by the copy.
      const fileAt = args.indexOf('--file');
      const own = fileAt === -1 ? args : [...args.slice(0, fileAt), ...args.slice(fileAt + 2)];
      const r = runArctl([...own, '--file', 'ossec.conf', '--dry-run', '--no-input'], { cwd: dir });
      assert.equal(r.status, 0, `arctl ${args.join(' ')}\n${r.stderr}`);
      assert.match(r.stderr, outcome, `arctl ${args.join(' ')}`);
      // Help teaches only what lint has nothing to say against (but that the example file already
      // answers the recipe's rules: its SSH response is the recipe's).
      const warned = [...r.stderr.matchAll(/^ {2}\d+:\d+ +warning +[\s\S]*?([a-z-]+)$/gm)].map((m) => m[1]);
      assert.deepEqual(warned.filter((id) => id !== 'duplicate-active-response'), [], `arctl ${args.join(' ')}\n${r.stderr}`);
    }
  }
  assert.ok(seen.size >= min, `${seen.size} examples`);
});
