/** `arctl add command`: a `<command>` definition, or a stock one of the target version (`--template`). */
import { replaceElement } from '../../document/edit.ts';
import type { XmlElement } from '../../document/types.ts';
import { CheckFailedError, InputError } from '../../util/errors.ts';
import { isBlockingProgram } from '../../wazuh/programs.ts';
import { parseTargetVersion, type TargetVersion } from '../../wazuh/version.ts';
import { blockSignature, serializeBlock, type XmlBlock } from '../blocks.ts';
import { placeCommand } from '../placement.ts';
import { commandSpecFromTemplate, commandTemplates, type CommandTemplate } from '../templates.ts';
import { asValidator, checkCommandName, checkExecutable, checkExpect, checkExtraArgs } from '../values.ts';
import type { AddKind, Built, Choice, EditStep, FileChoices, PlanContext, Prompter } from './kind.ts';
import { elementSignature, findCommand, lineOf, need, optionalValidator, orUndefined, refuseOnAgent, MANAGER_READS } from './support.ts';

export interface CommandSpec {
  kind: 'command';
  name: string;
  executable: string;
  /** undefined: the element is left out (Wazuh's default is no). */
  timeoutAllowed?: boolean;
  extraArgs?: string;
  /** Legacy targets only; '' writes an empty `<expect/>`. */
  expect?: string;
}

export interface RawCommand {
  template?: string;
  name?: string;
  executable?: string;
  timeoutAllowed?: boolean;
  extraArgs?: string;
  expect?: string;
}

export function commandBlock(spec: CommandSpec): XmlBlock {
  const children: XmlBlock['children'] = [
    { name: 'name', text: spec.name },
    { name: 'executable', text: spec.executable },
  ];
  if (spec.expect !== undefined) children.push({ name: 'expect', text: spec.expect });
  if (spec.extraArgs !== undefined) children.push({ name: 'extra_args', text: spec.extraArgs });
  if (spec.timeoutAllowed !== undefined) children.push({ name: 'timeout_allowed', text: spec.timeoutAllowed ? 'yes' : 'no' });
  return { name: 'command', children };
}

export function buildCommand(raw: RawCommand, target: TargetVersion, templates: CommandTemplate[]): Built<CommandSpec> {
  if (raw.expect !== undefined && !target.legacy) {
    throw new InputError(`--expect: <expect> is ignored since Wazuh 4.2 (target ${target.text}); it only applies with --target-version below 4.2`);
  }
  if (raw.template !== undefined) {
    const t = templates.find((c) => c.name === raw.template);
    if (!t) {
      throw new InputError(`--template: no stock command '${raw.template}' for Wazuh ${target.text}; available: ${templates.map((c) => c.name).join(', ')}`);
    }
    const spec = commandSpecFromTemplate(t);
    // Flags given beside --template refine the stock definition.
    if (raw.name !== undefined) spec.name = need('--name', checkCommandName(raw.name));
    if (raw.executable !== undefined) spec.executable = need('--executable', checkExecutable(raw.executable));
    if (raw.timeoutAllowed !== undefined) spec.timeoutAllowed = raw.timeoutAllowed;
    if (raw.extraArgs !== undefined) spec.extraArgs = need('--extra-args', checkExtraArgs(raw.extraArgs));
    if (raw.expect !== undefined) spec.expect = need('--expect', checkExpect(raw.expect));
    return { spec };
  }
  const missing = [raw.name === undefined && '--name', raw.executable === undefined && '--executable'].filter((m): m is string => Boolean(m));
  if (missing.length > 0) return { missing };
  return {
    spec: {
      kind: 'command',
      name: need('--name', checkCommandName(raw.name!)),
      executable: need('--executable', checkExecutable(raw.executable!)),
      ...(raw.expect !== undefined ? { expect: need('--expect', checkExpect(raw.expect)) } : {}),
      ...(raw.extraArgs !== undefined ? { extraArgs: need('--extra-args', checkExtraArgs(raw.extraArgs)) } : {}),
      ...(raw.timeoutAllowed !== undefined ? { timeoutAllowed: raw.timeoutAllowed } : {}),
    },
  };
}

export async function askCommand(p: Prompter, raw: RawCommand, templates: CommandTemplate[], legacy: boolean, file: FileChoices): Promise<RawCommand> {
  const out = { ...raw };
  if (out.template === undefined && out.name === undefined) {
    const choices: Choice<string>[] = templates.map((t) => ({
      name: `${t.name}${file.commandNames.includes(t.name) ? ' (already defined)' : ''}`,
      value: `template:${t.name}`,
      description: `${t.description}: executable ${t.executable}`,
    }));
    choices.push({ name: 'custom command…', value: 'custom', description: 'Name your own script in active-response/bin' });
    const picked = await p.select({ message: 'Which command?', choices });
    if (picked.startsWith('template:')) return { ...out, template: picked.slice('template:'.length) };
  }
  if (out.template !== undefined) return out;
  out.name ??= await p.input({
    message: 'Command name',
    validate: (v) => {
      const r = asValidator(checkCommandName)(v);
      if (r !== true) return r;
      return file.commandNames.includes(v) ? `'${v}' is already defined in this file (use --replace to overwrite it)` : true;
    },
  });
  out.executable ??= await p.input({ message: 'Executable (file name in active-response/bin)', default: out.name, validate: asValidator(checkExecutable) });
  // Yes only for a program that undoes its action when execd calls it again with "delete" (the stock blockers).
  out.timeoutAllowed ??= await p.confirm({
    message: 'timeout_allowed: does the program undo its action on "delete"?',
    default: isBlockingProgram(out.executable, out.name),
  });
  if (out.extraArgs === undefined) {
    out.extraArgs = orUndefined(await p.input({ message: 'Extra arguments (empty for none)', validate: optionalValidator(checkExtraArgs) }));
  }
  if (legacy && out.expect === undefined) {
    out.expect = (await p.input({ message: 'expect (srcip, user, filename; comma-separated, empty for none)', default: 'srcip', validate: asValidator(checkExpect) })).trim();
  }
  return out;
}

function planCommand(spec: CommandSpec, { path, doc, config, unit, replace }: PlanContext): EditStep {
  // An agent's execd runs the commands of the ar.conf its manager shares (src/os_execd/exec.c ReadExecConfig).
  refuseOnAgent(path, config, ...MANAGER_READS['command']);
  const block = commandBlock(spec);
  const lines = serializeBlock(block, unit);
  const existing = findCommand(config, spec.name);
  if (existing) {
    const line = lineOf(doc, existing.element);
    if (elementSignature(existing.element) === blockSignature(block)) {
      return { unchanged: `${path}: an identical <command> '${spec.name}' is already defined at line ${line}; nothing written` };
    }
    if (!replace) {
      throw new CheckFailedError(
        `${path}:${line}: a <command> named '${spec.name}' is already defined with other content (${describeDifference(existing.element, block)}); use --replace to overwrite it; nothing written`,
      );
    }
    return { edit: replaceElement(doc, existing.element, lines), summary: [`replaced <command> '${spec.name}'`] };
  }
  return { edit: placeCommand(doc, config, spec.name, lines), summary: [`added <command> '${spec.name}'`] };
}

function describeDifference(el: XmlElement, block: XmlBlock): string {
  const have = new Map(el.children.map((c) => [c.name, c.content]));
  const want = new Map((block.children ?? []).map((c) => [c.name, c.text ?? '']));
  const names = [...new Set([...have.keys(), ...want.keys()])];
  const diffs = names
    .filter((n) => have.get(n) !== want.get(n))
    .map((n) => `${n}: ${have.has(n) ? `'${have.get(n)}'` : 'absent'} in the file, ${want.has(n) ? `'${want.get(n)}'` : 'absent'} requested`);
  return diffs.slice(0, 3).join('; ') || 'element order or repeated children differ';
}

const text = (value: unknown) => value as string | undefined;

export const commandKind: AddKind<'command', RawCommand, CommandSpec> = {
  name: 'command',
  element: 'command',
  description: 'add a <command> definition (or a stock one with --template)',
  flags: [
    { flags: '--template <name>', description: 'a stock command of the target version (see templates/commands.json)' },
    { flags: '--name <name>', description: 'command name, referenced by <active-response><command>' },
    { flags: '--executable <file>', description: 'file name inside active-response/bin' },
    { flags: '--timeout-allowed', description: 'the response can be undone after a timeout' },
    { flags: '--no-timeout-allowed', description: 'the response is never undone' },
    { flags: '--extra-args <args>', description: 'extra arguments passed to the script' },
    { flags: '--expect <fields>', description: 'legacy targets only: srcip, user, filename' },
    { flags: '--replace', description: 'overwrite a command of the same name that has other content' },
  ],
  examples: {
    own: [
      'arctl add command --template firewall-drop',
      'arctl add command --name block-ssh --executable block-ssh.sh --timeout-allowed --extra-args "-p 22"',
      'arctl add command --template host-deny --file /var/ossec/etc/ossec.conf --dry-run',
    ],
    overview: ['arctl add command --template firewall-drop'],
  },
  completion: { '--template': { words: () => commandTemplates(parseTargetVersion()).map((t) => t.name) } },
  raw: (o) => ({
    template: text(o.template),
    name: text(o.name),
    executable: text(o.executable),
    timeoutAllowed: o.timeoutAllowed as boolean | undefined,
    extraArgs: text(o.extraArgs),
    expect: text(o.expect),
  }),
  ask: (p, raw, { target, file }) => askCommand(p, raw, commandTemplates(target), target.legacy, file),
  build: (raw, { target }) => buildCommand(raw, target, commandTemplates(target)),
  plan: planCommand,
};
