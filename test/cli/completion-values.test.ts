/**
 * Shell completion offers only what each command accepts: it is derived from the registered commands
 * (src/commands/completion-model.ts), completes per command path (`arctl add <TAB>` lists the kinds,
 * `arctl add active-response --<TAB>` that kind's flags), and every value it offers is accepted by the
 * command it is offered for, checked through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildProgram } from '../../src/cli.ts';
import { describeCommand } from '../../src/commands/completion-model.ts';
import { loadSubcommands } from '../../src/commands/lazy-subcommands.ts';
import { offeredWords } from '../../src/completion/completion.ts';
import { knownRuleIds } from '../../src/lint/rule-ids.ts';
import { arctlBin, runArctl, runArctlInProcess } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir, tempFile, tempGitRepo } from '../helpers/temp.ts';

const example = join(projectRoot, 'examples/ossec.conf');
const bashScript = tempFile('arctl.bash', runArctl(['completion', 'bash']).stdout);

/** What bash completes for these words, the last one being the word under the cursor. */
function complete(...words: string[]): string[] {
  const quoted = words.map((w) => `'${w.replace(/'/g, "'\\''")}'`).join(' ');
  const script = `arctl() { "${process.execPath}" "${arctlBin}" "$@"; }
source '${bashScript}'
COMP_WORDS=(arctl ${quoted}); COMP_CWORD=${words.length}; _arctl_complete; printf '%s\\n' "\${COMPREPLY[@]}"`;
  const run = spawnSync('bash', ['-c', script], { encoding: 'utf8', cwd: projectRoot, env: { ...process.env, NO_COLOR: '1' } });
  assert.equal(run.status, 0, run.stderr);
  return run.stdout.split('\n').filter(Boolean).sort();
}

test('bash: each command path completes its own subcommands and flags, nothing of its siblings', () => {
  assert.deepEqual(complete('add', ''), ['active-response', 'command', 'email-alerts', 'white-list']);
  const response = complete('add', 'active-response', '--');
  for (const flag of ['--recipe', '--command', '--location', '--timeout', '--file', '--config', '--dry-run', '--help']) assert.ok(response.includes(flag), flag);
  for (const flag of ['--to', '--template', '--executable', '--format']) assert.ok(!response.includes(flag), `${flag} belongs to another kind`);
  assert.deepEqual(complete('add', 'email-alerts', '--format', ''), ['default', 'full', 'sms']);
  assert.deepEqual(complete('hook', ''), ['install', 'run', 'uninstall']);
  assert.ok(complete('').includes('simulate'));
});

test('bash: --format offers the formats of that command only', () => {
  assert.deepEqual(complete('lint', '--format', ''), ['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish', 'text']);
  assert.deepEqual(complete('lint', '-f', ''), ['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish', 'text']);
  assert.deepEqual(complete('simulate', '--format', ''), ['json', 'text']);
  assert.deepEqual(complete('diff', '--format', ''), ['json', 'markdown', 'text']);
  assert.deepEqual(complete('rules', '--format', ''), ['json', 'text']);
  assert.deepEqual(complete('script', 'test', '--format', ''), ['json', 'junit', 'text']);
});

test('bash: recipes, templates, rule ids, locations and the command names of the file given with --file', () => {
  const recipes = complete('add', 'active-response', '--recipe', '');
  assert.ok(recipes.includes('ssh-brute-force'), recipes.join(' '));
  assert.ok(complete('add', 'command', '--template', '').includes('firewall-drop'));
  assert.deepEqual(complete('add', 'active-response', '--location', ''), ['all', 'defined-agent', 'local', 'server']);
  assert.ok(complete('explain', 'unused-d').includes('unused-disable'));
  assert.deepEqual(complete('lint', '--rule', 'unknown-comm'), ['unknown-command=']);
  assert.deepEqual(complete('lint', '--rule', 'unknown-command', '=', ''), ['error', 'info', 'off', 'warning']);
  const names = complete('add', 'active-response', '--file', example, '--command', '');
  assert.ok(names.length > 0 && names.includes('firewall-drop'), names.join(' '));
  assert.deepEqual(complete('add', 'active-response', '--file', join(projectRoot, 'no-such.conf'), '--command', ''), []);
  assert.ok(!complete('add', 'command', '-').includes('-f'), 'deprecated spellings are not offered');
});

test('every value completion offers is accepted by its command', async () => {
  const root = await describeCommand(buildProgram());
  const offered = offeredWords(root);
  const program = buildProgram();
  await loadSubcommands(program);
  const dir = tempDir();
  const file = join(dir, 'ossec.conf');
  copyFileSync(example, file);
  // hook run lints staged files: a repository with the file staged.
  const repo = tempGitRepo();
  copyFileSync(example, join(repo, 'ossec.conf'));
  execFileSync('git', ['add', 'ossec.conf'], { cwd: repo });
  const accepted = async (args: string[], cwd = dir) => {
    const run = await runArctlInProcess(args, { cwd });
    assert.notEqual(run.status, 2, `${args.join(' ')}: ${run.stderr}`);
  };
  let checked = 0;
  // --rule takes every ID=SEVERITY in one run per command (repeatable; the last one per id wins).
  const ruleSettings = new Map<string, string[]>();
  for (const { path, option, words } of offered) {
    const names = path.split('/').filter(Boolean);
    let cmd = program as unknown as { commands: { name(): string }[]; options: { long?: string; short?: string; argChoices?: string[]; parseArg?: (v: string, p: unknown) => unknown }[] };
    for (const name of names) cmd = cmd.commands.find((c) => c.name() === name) as unknown as typeof cmd;
    const flag = option ? cmd.options.find((o) => o.long === option || o.short === option) : undefined;
    for (const word of words) {
      checked++;
      const key = `${path} ${option ?? '<args>'}`;
      if (flag?.argChoices) {
        // commander checks the value with the option itself: the value must pass it.
        assert.doesNotThrow(() => flag.parseArg?.(word, undefined), `${key} ${word}`);
      } else if (key === 'add/active-response --recipe' || key === 'add/command --template') {
        await accepted([...names, option!, word, '--file', file, '--dry-run', '--no-input']);
      } else if (key === 'add/active-response --location') {
        await accepted([...names, '--command', 'firewall-drop', '--rules-id', '5712', '--timeout', '600', '--location', word, ...(word === 'defined-agent' ? ['--agent-id', '001'] : []), '--file', file, '--dry-run', '--no-input']);
      } else if (key === 'add/email-alerts --format') {
        await accepted([...names, '--to', 'soc@example.com', '--level', '12', '--format', word, '--file', file, '--dry-run', '--no-input']);
      } else if (key === 'explain <args>' || key === 'completion <args>') {
        const run = await runArctlInProcess([...names, word]);
        assert.equal(run.status, 0, `${key} ${word}: ${run.stderr}`);
      } else if (option === '--rule') {
        ruleSettings.set(path, [...(ruleSettings.get(path) ?? []), option, word]);
      } else {
        assert.fail(`no check for the values of ${key}: add one`);
      }
    }
  }
  for (const [path, args] of ruleSettings) await accepted([...path.split('/'), path === 'hook/run' ? 'ossec.conf' : example, ...args], path === 'hook/run' ? repo : dir);
  assert.deepEqual([...ruleSettings.keys()].sort(), ['hook/run', 'lint', 'validate']);
  assert.ok(checked > knownRuleIds().length * 4, `checked ${checked} values`);
});

const hasFish = spawnSync('fish', ['--version']).status === 0;

test('fish: the same per-path completion', { skip: hasFish ? false : 'fish is not installed (apt-get install fish)' }, () => {
  const script = tempFile('arctl.fish', runArctl(['completion', 'fish']).stdout);
  const complete = (line: string) => {
    const run = spawnSync('fish', ['-c', `function arctl; "${process.execPath}" "${arctlBin}" $argv; end; source '${script}'; complete -C'${line}' | cut -f1`], { encoding: 'utf8', cwd: projectRoot });
    assert.equal(run.status, 0, run.stderr);
    return run.stdout.split('\n').filter(Boolean).sort();
  };
  assert.deepEqual(complete('arctl add '), ['active-response', 'command', 'email-alerts', 'white-list']);
  const response = complete('arctl add active-response --');
  assert.ok(response.includes('--recipe') && !response.includes('--to') && !response.includes('--template'), response.join(' '));
  assert.deepEqual(complete('arctl lint --format '), ['github', 'gitlab', 'json', 'junit', 'sarif', 'stylish', 'text']);
  assert.deepEqual(complete('arctl simulate --format '), ['json', 'text']);
  assert.ok(complete(`arctl add active-response --file ${example} --command `).includes('firewall-drop'));
  assert.deepEqual(complete('arctl explain unused-d'), ['unused-disable']);
});

test('bash: set, remove, disable and enable complete the command names of the file they edit', () => {
  for (const words of [['disable', '--file', example, '--command', ''], ['set', 'active-response', '--file', example, '--command', ''], ['remove', 'command', '--file', example, '--name', '']]) {
    const names = complete(...words);
    assert.ok(names.includes('firewall-drop') && names.includes('host-deny'), `${words.join(' ')}: ${names.join(' ')}`);
  }
});
