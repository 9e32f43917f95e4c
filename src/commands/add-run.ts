/**
 * What `arctl add ...` does once its flags are parsed (add.ts registers them): prompts for what is
 * missing, then previews and writes the file with the new block under its lock, atomically
 * (write-plan.ts, shared with set, remove, disable and enable).
 */
import { existsSync, statSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Command } from '@commander-js/extra-typings';
import { addKind } from '../add/kinds/index.ts';
import { fileChoices, MANAGER_READS, refuseAddOnAgent } from '../add/kinds/support.ts';
import { planAdd, type AddPlan } from '../add/plan.ts';
import { InputError } from '../util/errors.ts';
import { readConfigInput, requireRegularFile } from '../util/read-input.ts';
import type { ManagerArch } from '../wazuh/arch.ts';
import { beginWrite, writePlanned } from './write-plan.ts';

export interface CommonOptions {
  file: string;
  create?: boolean;
  dryRun?: boolean;
  backup?: boolean;
  input: boolean;
  yes?: boolean;
  targetVersion?: string;
  config?: string;
  arch?: ManagerArch;
  ruleset: string[];
  agents?: string;
}

type AnyCommand = Command<any, any, any>;

/** `arctl add KIND`: the kind's questions for what `raw` leaves out, its checks, then the planned write. */
export async function addBlock(kindName: string, raw: unknown, opts: CommonOptions, cmd: AnyCommand, replace = false): Promise<void> {
  const kind = addKind(kindName)!;
  const { stdin, path, current, gate, prompter } = await beginWrite(opts, (file) => readCurrent(file, Boolean(opts.create)));
  const target = gate.target;
  const file = fileChoices(path, current);
  const interactive = prompter !== null;
  // Before any question: an agent's own file takes no block of any kind (the plan says the same later).
  if (kind.name in MANAGER_READS) refuseAddOnAgent(path, current, kind.name as keyof typeof MANAGER_READS);

  const asked = prompter ? await kind.ask(prompter, raw, { target, file }) : raw;
  const built = kind.build(asked, { target });
  if (built.missing) {
    // "missing --executable (give it ...)"; several values, or "at least one address", are "them".
    const them = built.missing.length === 1 && !built.missing[0]!.startsWith('at least') ? 'it' : 'them';
    throw new InputError(`missing ${built.missing.join(', ')}${interactive ? '' : ` (give ${them} on the command line; arctl asks for ${them} only in a terminal without --no-input)`}`);
  }
  const spec = built.spec;
  const missingCommand = built.extra?.missingCommand;
  const plan = (bytes: Buffer | null): AddPlan => planAdd({ path, bytes, spec, gate, replace, rootIntoText: Boolean(opts.create), ...(missingCommand ? { missingCommand } : {}) });
  await writePlanned({
    path,
    stdin,
    current,
    read: () => readCurrent(path, Boolean(opts.create)),
    opts,
    cmd,
    prompter,
    plan,
    preview: (p, chalk) => `${chalk.bold('New block:')}\n${p.inserted.replace(/\r*\n/g, '\n')}`,
    subject: 'the new block',
  });
}

/** The file's bytes, or null when it does not exist and --create allows starting it. */
function readCurrent(path: string, create: boolean): Buffer | null {
  if (!existsSync(path)) {
    if (!create) throw new InputError(`${path}: no such file (use --create to start a new one)`);
    const dir = dirname(path);
    if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new InputError(`${path}: cannot create it: ${dir} is not a directory`);
    return null;
  }
  requireRegularFile(path);
  return readConfigInput(path).bytes;
}
