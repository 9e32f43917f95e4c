/**
 * The registry of `arctl add` kinds (src/add/kinds/): every kind is registered as a subcommand with its
 * declared flags, help examples and completion values; its questions, with nothing given, lead to a
 * complete spec; and a block written by the real CLI from its flags reads back as the library plans it,
 * lints without errors, and is found again (a second add writes nothing). A kind added to the
 * registry without an entry in SAMPLES fails here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ADD_KINDS, type AnyAddKind } from '../../src/add/kinds/index.ts';
import type { Choice, Prompter } from '../../src/add/kinds/kind.ts';
import { planAdd } from '../../src/add/plan.ts';
import { buildProgram } from '../../src/cli.ts';
import { ADD_DESCRIPTION } from '../../src/commands/add.ts';
import { describeCommand } from '../../src/commands/completion-model.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { runArctl, runArctlInProcess, type JsonReportFile } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

/** Per kind: flags that add a block to the example configuration, and answers to its questions. */
const SAMPLES: Record<string, { args: string[]; answers: string[] }> = {
  command: { args: ['--name', 'arctl-kind-test', '--executable', 'arctl-kind-test', '--timeout-allowed'], answers: [] },
  'active-response': { args: ['--command', 'firewall-drop', '--location', 'local', '--rules-id', '100201', '--timeout', '600'], answers: [] },
  'white-list': { args: ['198.51.100.0/24'], answers: ['198.51.100.7'] },
  'email-alerts': { args: ['--to', 'kinds@example.com', '--level', '13'], answers: ['kinds@example.com', '12', '', ''] },
};

const target = parseTargetVersion();
const example = join(projectRoot, 'examples/ossec.conf');

async function errorsOf(file: string): Promise<string[]> {
  const run = await runArctlInProcess(['lint', '--format', 'json', file]);
  return (JSON.parse(run.stdout) as JsonReportFile[]).flatMap((f) => f.messages).filter((m) => m.severity === 2).map((m) => m.ruleId);
}

/** Answers inputs in order, picks the first choice, confirms. */
function scripted(answers: string[]): Prompter {
  const queue = [...answers];
  return {
    input: async ({ message, validate }) => {
      const answer = queue.shift();
      assert.ok(answer !== undefined, `no answer left for '${message}'`);
      assert.equal(validate?.(answer) ?? true, true, `'${answer}' for '${message}'`);
      return answer;
    },
    select: async <T extends string>({ choices }: { choices: Choice<T>[] }) => choices[0]!.value,
    confirm: async () => true,
  };
}

/** The options commander gives when no flag is used (repeatable flags: an empty list). */
function noOptions(kind: AnyAddKind): Record<string, unknown> {
  const key = (flags: string) => /--([\w-]+)/.exec(flags)![1]!.replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
  return Object.fromEntries(kind.flags.filter((f) => f.repeatable).map((f) => [key(f.flags), []]));
}

test('every kind of the registry has a sample here, and arctl add --help names its element', () => {
  assert.deepEqual(Object.keys(SAMPLES).sort(), ADD_KINDS.map((k) => k.name).sort());
  const elements = ADD_KINDS.map((k) => `<${k.element}>`);
  assert.equal(ADD_DESCRIPTION, `add a ${elements.slice(0, -1).join(', ')} or ${elements.at(-1)} block to ossec.conf, safely`);
});

test('every kind is an `arctl add` subcommand with its flags, examples and completion values', async () => {
  const add = (await describeCommand(buildProgram())).subcommands.find((c) => c.name === 'add')!;
  assert.deepEqual(add.subcommands.map((c) => c.name), ADD_KINDS.map((k) => k.name));
  for (const kind of ADD_KINDS as readonly AnyAddKind[]) {
    const described = add.subcommands.find((c) => c.name === kind.name)!;
    assert.equal(described.description, kind.description);
    assert.ok(kind.flags.length > 0 || kind.argument, `${kind.name}: neither flags nor arguments`);
    assert.ok(kind.examples.own.length > 0 && kind.examples.overview.length > 0, `${kind.name}: examples`);
    for (const flag of kind.flags) {
      const long = /--[\w-]+/.exec(flag.flags)![0];
      assert.ok(described.options.some((o) => o.long === long), `${kind.name} ${long} is registered`);
    }
    for (const [flag, values] of Object.entries(kind.completion ?? {})) {
      const value = described.options.find((o) => o.long === flag)?.value;
      if ('fromFile' in values) assert.deepEqual(value, { kind: 'from-file', list: values.fromFile, defaultFile: './ossec.conf' });
      else assert.deepEqual(value, { kind: 'words', words: values.words() });
    }
  }
});

test("every kind's questions, asked with nothing given, lead to a complete spec", async () => {
  for (const kind of ADD_KINDS as readonly AnyAddKind[]) {
    const raw = await kind.ask(scripted(SAMPLES[kind.name]!.answers), kind.raw(noOptions(kind), []), { target, file: { commandNames: [], locations: [] } });
    const built = kind.build(raw, { target });
    assert.equal(built.missing, undefined, `${kind.name}: ${built.missing?.join(', ')}`);
    assert.equal(built.spec!.kind, kind.name);
  }
});

test("every kind's block, written by the CLI, is what the library plans, lints clean and is found again", async () => {
  const dir = tempDir();
  const exampleErrors = await errorsOf(example);
  for (const kind of ADD_KINDS as readonly AnyAddKind[]) {
    const file = join(dir, `${kind.name}.conf`);
    copyFileSync(example, file);
    const before = readFileSync(file);
    const { args } = SAMPLES[kind.name]!;
    const run = runArctl(['add', kind.name, ...args, '--file', file, '--yes', '--no-input']);
    assert.equal(run.status, 0, `${kind.name}: ${run.stderr}`);
    const written = readFileSync(file);
    assert.notDeepEqual(written, before, kind.name);

    const options: Record<string, unknown> = noOptions(kind);
    const positional: string[] = [];
    for (let i = 0; i < args.length; i++) {
      const flag = kind.flags.find((f) => f.flags.split(/[ ,]+/).includes(args[i]!));
      if (!flag) positional.push(args[i]!);
      else {
        const key = args[i]!.slice(2).replace(/-(\w)/g, (_, c: string) => c.toUpperCase());
        const takesValue = /[<[]/.test(flag.flags);
        const value = takesValue ? args[++i] : true;
        options[key] = flag.repeatable ? [...(options[key] as string[]), value] : value;
      }
    }
    const built = kind.build(kind.raw(options, positional), { target });
    const plan = planAdd({ path: file, bytes: before, spec: built.spec!, gate: { target, managerIps: [] }, ...(built.extra?.missingCommand ? { missingCommand: built.extra.missingCommand } : {}) });
    assert.ok(plan.changed, kind.name);
    assert.deepEqual(plan.after, written, `${kind.name}: the CLI wrote what planAdd plans`);

    assert.deepEqual(await errorsOf(file), exampleErrors, `${kind.name}: the block brings no lint error`);

    const again = await runArctlInProcess(['add', kind.name, ...args, '--file', file, '--yes', '--no-input']);
    assert.equal(again.status, 0, `${kind.name}: ${again.stderr}`);
    assert.match(again.stderr + again.stdout, /nothing written/, kind.name);
    assert.deepEqual(readFileSync(file), written, `${kind.name}: the second add wrote nothing`);
  }
});
