/**
 * The README's pasted outputs must stay true: every ```console block that shows one `$ arctl ...`
 * command is rerun through the real CLI, and each pasted line (a "..." line marks a cut) must still
 * appear in the output, in order: standard output, then standard error (readmeCommandOutput).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, arctlBin, envWithArctlOnPath } from '../helpers/cli.ts';
import { tempGitRepo } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';
import { readmeCommandOutput, runsArctl } from '../helpers/readme.ts';

interface ConsoleBlock {
  command: string;
  output: string[];
}

const readme = readFileSync(join(projectRoot, 'README.md'), 'utf8');

function consoleBlocks(markdown: string): ConsoleBlock[][] {
  const blocks: ConsoleBlock[][] = [];
  for (const match of markdown.matchAll(/^```console\n([\s\S]*?)^```$/gm)) {
    const steps: ConsoleBlock[] = [];
    for (const line of match[1]!.replace(/\n$/, '').split('\n')) {
      if (line.startsWith('$ ')) steps.push({ command: line.slice(2), output: [] });
      else steps.at(-1)?.output.push(line);
    }
    blocks.push(steps);
  }
  return blocks;
}

/** Each expected line, "..." and blank lines aside, must occur in `actual` after the previous one. */
function assertLinesInOrder(actual: string, expected: string[], command: string): void {
  const lines = actual.split('\n');
  let cursor = 0;
  for (const want of expected) {
    if (want === '...' || want === '') continue;
    const found = lines.indexOf(want, cursor);
    assert.ok(found >= 0, `README output of \`${command}\` is stale: no line\n  ${want}\nafter line ${cursor} of the real output:\n${actual}`);
    cursor = found + 1;
  }
}

function hasJq(): boolean {
  return spawnSync('jq', ['--version']).status === 0;
}

const singleCommandBlocks = consoleBlocks(readme)
  .filter((steps) => steps.length === 1 && runsArctl(steps[0]!.command))
  .map((steps) => steps[0]!);

test('README: the set-up command lints the shipped example with no finding', () => {
  assert.match(readme, /```sh\nnpm ci && npx arctl lint examples\/ossec.conf\n```/);
  const result = runArctl(['lint', 'examples/ossec.conf']);
  assert.equal(result.status, 0, result.stdout + result.stderr);
  assert.equal(result.stdout, '');
});

test('README: the pasted lint, simulate and timeline outputs are among the checked blocks', () => {
  const commands = singleCommandBlocks.map((b) => b.command);
  for (const needed of [
    'arctl lint examples/broken.ossec.conf',
    'arctl lint examples/broken.ossec.conf --fix-dry-run',
    'arctl simulate examples/alerts.json --file examples/ossec.conf',
    'arctl simulate examples/alerts.json --file examples/ossec.conf --timeline',
    // Filters piped into arctl are rerun too.
    "sed 's|<timeout>600</timeout>|<timeout>3600</timeout>|' examples/ossec.conf | arctl diff examples/ossec.conf - --alerts examples/alerts.json",
  ]) {
    assert.ok(commands.includes(needed), `README has no console block for \`${needed}\``);
  }
  const lint = singleCommandBlocks.find((b) => b.command === 'arctl lint examples/broken.ossec.conf')!;
  for (const rule of ['unicode-lookalike', 'command-defined-after-use', 'invalid-location', 'unknown-command']) {
    assert.ok(lint.output.some((line) => line.endsWith(rule)), `the pasted lint output shows ${rule}`);
  }
});

test('README: every pasted `$ arctl ...` output still matches a real run', async (t) => {
  const jq = hasJq();
  const checked = singleCommandBlocks.filter((block) => {
    if (!block.command.includes(' | ') || jq) return true;
    t.diagnostic(`jq is not installed: not rerunning \`${block.command}\``);
    return false;
  });
  // The commands only read the examples, so they run side by side.
  const outputs = await Promise.all(checked.map((block) => readmeCommandOutput(block.command, arctlBin)));
  checked.forEach((block, i) => {
    assert.ok(block.output.length > 0, `\`${block.command}\` has no pasted output`);
    assertLinesInOrder(outputs[i]!, block.output, block.command);
  });
});

test('README: the pre-commit hook blocks a commit of the broken example with the pasted finding', (t) => {
  const hookBlock = consoleBlocks(readme).find((steps) => steps[0]?.command === 'arctl hook install');
  assert.ok(hookBlock && hookBlock.length === 2, 'README shows `arctl hook install` then a refused commit');
  if (spawnSync('git', ['--version']).status !== 0) {
    t.skip('git is not installed');
    return;
  }
  const repo = tempGitRepo('arctl-readme-hook-');
  // The hook runs the arctl on PATH, as after `npm install -g`.
  const env = envWithArctlOnPath();
  const git = (...args: string[]) => spawnSync('git', args, { cwd: repo, encoding: 'utf8', env });
  const install = runArctl(['hook', 'install'], { cwd: repo, env });
  assert.equal(install.status, 0, install.stderr);
  assert.match(install.stdout + install.stderr, /^installed arctl pre-commit hook at /m);
  copyFileSync(join(projectRoot, 'examples/broken.ossec.conf'), join(repo, 'ossec.conf'));
  assert.equal(git('add', 'ossec.conf').status, 0);
  const commit = git('commit', '-m', 'ssh and web responses');
  assert.notEqual(commit.status, 0, 'the commit is refused');
  assertLinesInOrder(commit.stdout + commit.stderr, hookBlock[1]!.output, 'git commit');
});
