/**
 * Plans an `arctl add`: from the file's bytes and the requested block to the new bytes, or a reason
 * to write nothing. Pure: no I/O. Refusals are CheckFailedError (exit 1) / InputError (exit 2).
 */
import { ConfigDocument } from '../document/document.ts';
import { applyEdits, replaceElement, type TextEdit } from '../document/edit.ts';
import { buildConfigView, type ConfigView } from '../document/views.ts';
import type { XmlElement } from '../document/types.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import { fileRole, formatMessage } from '../lint/engine.ts';
import { offenderMinutes } from '../wazuh/repeated-offenders.ts';
import type { SeveritySetting } from '../lint/types.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import {
  activeResponseBlock,
  blockSignature,
  commandBlock,
  emailAlertsBlock,
  serializeBlock,
  type ActiveResponseSpec,
  type BlockSpec,
  type CommandSpec,
  type EmailAlertsSpec,
  type WhiteListSpec,
  type XmlBlock,
} from './blocks.ts';
import { lintGate, type GateResult, type GateSettings } from './gate.ts';
import { ossecRoots, placeActiveResponse, placeCommand, placeEmailAlerts, placeWhiteList } from './placement.ts';

export interface AddRequest {
  /** As shown in messages. */
  path: string;
  /** The file's bytes, or null to start a new file. */
  bytes: Buffer | null;
  spec: BlockSpec;
  target: TargetVersion;
  /** Replace a command of the same name that has other content. */
  replace?: boolean;
  /** Added before the response when the file does not define its command yet (recipes). */
  missingCommand?: CommandSpec;
  /** Rule severities from .arctl.json: the gate counts errors as the user's lint run would. */
  ruleSettings?: Record<string, SeveritySetting>;
  /** The rest of what lint would be given (arch, ruleset, agents, ar-bin, manager IPs): the gate lints with it. */
  lintInputs?: Omit<GateSettings, 'target' | 'ruleSettings'>;
  /**
   * A file with text but no `<ossec_config>` root (a copy of /etc/passwd, a shell script) gets a root
   * appended only when this is set (`--create`); otherwise it is refused as not a configuration.
   */
  rootIntoText?: boolean;
}

export type AddPlan =
  | { changed: false; message: string }
  | {
      changed: true;
      before: Buffer;
      after: Buffer;
      /** The inserted text as it will appear (for previews). */
      inserted: string;
      /** One line per block added or replaced, with its line in the new file. */
      summary: string[];
      /** The lint gate's verdict (no new errors, or the plan would have been refused). */
      gate: GateResult;
    };

/** The change would bring lint errors: nothing may be written. `gate` holds the findings to show. */
export class LintGateRefusal extends CheckFailedError {
  constructor(
    /** One line: what was refused and why. */
    readonly summary: string,
    readonly gate: GateResult,
  ) {
    super(`${summary}\n${gate.newErrors.map((d) => `  ${gate.after.position(d.range.start).line}:${gate.after.position(d.range.start).column}  ${formatMessage(d)}  (${d.ruleId})`).join('\n')}`);
  }
}

const NEW_FILE_ROOT = '<ossec_config>\n</ossec_config>\n';

export function planAdd(request: AddRequest): AddPlan {
  const original = request.bytes ?? Buffer.alloc(0);
  const base = baseWithRoot(request.path, original, request.bytes === null, Boolean(request.rootIntoText));
  const doc = new ConfigDocument(request.path, base);
  const config = buildConfigView(doc);
  const unit = doc.indentUnit();
  const step = planEdit(request, doc, config, unit);
  if ('unchanged' in step) return { changed: false, message: step.unchanged };
  const after = applyEdits(base, [step.edit]);
  const gate = lintGate(request.path, base, after, { ...request.lintInputs, target: request.target, managerIps: request.lintInputs?.managerIps ?? [], ...(request.ruleSettings ? { ruleSettings: request.ruleSettings } : {}) });
  if (gate.newErrors.length > 0) {
    const n = gate.newErrors.length;
    throw new LintGateRefusal(`${request.path}: refusing to write: the change would add ${n} lint error${n === 1 ? '' : 's'}${alreadyThere(gate)}; nothing written`, gate);
  }
  const afterDoc = gate.after;
  const line = afterDoc.position(step.edit.start + (step.edit.blockOffset ?? leadingBreaks(step.edit.text))).line;
  return {
    changed: true,
    before: original,
    after,
    inserted: step.edit.text.replace(/^(\r?\n)+|(\r?\n)+$/g, ''),
    summary: step.summary.map((s) => `${s} at line ${line}`),
    gate,
  };
}

/** ' (3 findings were already in the file)', or nothing. */
export function alreadyThere(gate: GateResult): string {
  const n = gate.preexisting.length;
  return n === 0 ? '' : ` (${n} finding${n === 1 ? ' was' : 's were'} already in the file)`;
}

/** The bytes to edit: the file itself, or with an `<ossec_config>` root when it has none yet. */
function baseWithRoot(path: string, bytes: Buffer, creating: boolean, rootIntoText: boolean): Buffer {
  if (creating) return Buffer.from(NEW_FILE_ROOT);
  const doc = new ConfigDocument(path, bytes);
  if (doc.parseError) {
    const at = doc.position(doc.parseError.offset);
    throw new CheckFailedError(`${path}:${at.line}:${at.column}: Wazuh cannot read this file: ${doc.parseError.message} (fix it first; arctl lint shows the problem); nothing written`);
  }
  if (ossecRoots(doc).length > 0) return bytes;
  if (doc.roots.length > 0) {
    const names = [...new Set(doc.roots.map((r) => `<${r.name}>`))].join(', ');
    const hint = doc.roots.some((r) => r.name === 'wazuh_config') ? ' (a Wazuh 5.x file, not supported yet)' : '';
    throw new InputError(`${path}: no <ossec_config> root to add to: the file holds ${names}${hint}; nothing written`);
  }
  if (!rootIntoText && hasTextBesidesMarkup(bytes)) {
    throw new InputError(`${path}: not an ossec.conf: it has text but no <ossec_config> root (give --create to add a root to it anyway); nothing written`);
  }
  // Empty, or only comments and blank text: append a root, keeping the file's line endings.
  const eol = doc.eol;
  const sep = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? '' : eol;
  return Buffer.concat([bytes, Buffer.from(`${sep}<ossec_config>${eol}</ossec_config>${eol}`)]);
}

/** Whether a file without elements holds anything but blanks, comments and an XML declaration. */
function hasTextBesidesMarkup(bytes: Buffer): boolean {
  return /\S/.test(bytes.toString('latin1').replace(/<!--[\s\S]*?-->/g, '').replace(/<\?[\s\S]*?\?>/g, ''));
}

type EditStep = { unchanged: string } | { edit: TextEdit; summary: string[] };

function planEdit(request: AddRequest, doc: ConfigDocument, config: ConfigView, unit: string): EditStep {
  const spec = request.spec;
  switch (spec.kind) {
    case 'command':
      return planCommand(request, doc, config, spec, unit);
    case 'active-response':
      return planActiveResponse(request, doc, config, spec, unit);
    case 'white-list':
      refuseOnAgent(request.path, config, '<white_list>', 'analysisd');
      return planWhiteList(request, doc, config, spec, unit);
    case 'email-alerts':
      refuseOnAgent(request.path, config, '<email_alerts>', 'maild');
      return planEmailAlerts(request, doc, config, spec, unit);
  }
}

/** Manager-only blocks do nothing in an agent's own ossec.conf (no analysisd, no maild there). */
function refuseOnAgent(path: string, config: ConfigView, block: string, reader: string): void {
  if (!isAgentNodeConfig(config)) return;
  throw new CheckFailedError(
    `${path}: this is an agent's configuration (it has <client> and no <global>, <remote> or <ruleset>); ${block} is read only by the manager's ${reader}: add it to the manager's ossec.conf; nothing written`,
  );
}

const inOssecConfig = (el: XmlElement) => el.parent?.name === 'ossec_config' && el.parent.parent === null;

/** What an existing element reads as, in the same form as blockSignature. */
function elementSignature(el: XmlElement): string {
  if (el.children.length === 0) return JSON.stringify([el.name, el.content]);
  return blockSignature({ name: el.name, children: el.children.map((c) => ({ name: c.name, text: c.content })) });
}

function lineOf(doc: ConfigDocument, el: XmlElement): number {
  return doc.position(el.range.start).line;
}

/** The command Wazuh resolves a name to: the first definition (later duplicates are dead). */
function findCommand(config: ConfigView, name: string) {
  return config.commands.find((c) => inOssecConfig(c.element) && c.name?.text === name);
}

function planCommand(request: AddRequest, doc: ConfigDocument, config: ConfigView, spec: CommandSpec, unit: string): EditStep {
  const block = commandBlock(spec);
  const lines = serializeBlock(block, unit);
  const existing = findCommand(config, spec.name);
  if (existing) {
    const line = lineOf(doc, existing.element);
    if (elementSignature(existing.element) === blockSignature(block)) {
      return { unchanged: `${request.path}: an identical <command> '${spec.name}' is already defined at line ${line}; nothing written` };
    }
    if (!request.replace) {
      throw new CheckFailedError(
        `${request.path}:${line}: a <command> named '${spec.name}' is already defined with other content (${describeDifference(existing.element, block)}); use --replace to overwrite it; nothing written`,
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

function planActiveResponse(request: AddRequest, doc: ConfigDocument, config: ConfigView, spec: ActiveResponseSpec, unit: string): EditStep {
  const block = activeResponseBlock(spec);
  const signature = blockSignature(block);
  const offenders = planRepeatedOffenders(request.path, doc, config, spec, unit);
  const same = config.activeResponses.find((a) => inOssecConfig(a.element) && elementSignature(a.element) === signature);
  if (same && offenders.lines.length === 0) {
    return { unchanged: `${request.path}: an identical <active-response> is already at line ${lineOf(doc, same.element)}${offenders.note}; nothing written` };
  }
  if (same) return { edit: placeActiveResponse(doc, config, offenders.lines), summary: [`added ${offenders.summary}`] };
  const lines = [...offenders.lines, ...serializeBlock(block, unit)];
  const command = findCommand(config, spec.command);
  const supplied = !command && request.missingCommand?.name === spec.command ? request.missingCommand : undefined;
  if (!command && !supplied) {
    const known = [...new Set(config.commands.filter((c) => inOssecConfig(c.element) && c.name).map((c) => c.name!.text))];
    throw new CheckFailedError(
      `${request.path}: no <command> named '${spec.command}' is defined, so Wazuh would refuse the response (error 1303); ` +
        `add it first with arctl add command${known.length ? `; defined: ${known.join(', ')}` : ''}; nothing written`,
    );
  }
  if (spec.timeout !== undefined) {
    const allowed = command ? command.timeoutAllowed?.text === 'yes' : supplied!.timeoutAllowed === true;
    if (!allowed) {
      const where = command ? ` (line ${lineOf(doc, command.element)})` : '';
      throw new CheckFailedError(
        `${request.path}: command '${spec.command}'${where} does not have <timeout_allowed>yes</timeout_allowed>, so Wazuh would ignore the timeout (1305) and never undo the response; leave out --timeout or allow it on the command; nothing written`,
      );
    }
  }
  if (supplied) {
    const commandLines = serializeBlock(commandBlock(supplied), unit);
    return {
      edit: placeCommand(doc, config, supplied.name, [...commandLines, ...lines]),
      summary: [`added <command> '${supplied.name}'${offenders.lines.length ? `, ${offenders.summary}` : ''} and an <active-response> using it${offenders.note}`],
    };
  }
  return { edit: placeActiveResponse(doc, config, lines), summary: [`added ${offenders.lines.length ? `${offenders.summary} and an ` : ''}<active-response> for '${spec.command}'${offenders.note}`] };
}

/**
 * `--repeated-offenders` goes where execd reads it: execd takes the first `<repeated_offenders>` of the
 * `<active-response>` blocks of its host's own ossec.conf, one list for every response it runs
 * (src/os_execd/config.c ExecdConfig), and analysisd skips a block that holds only it. So the list gets a
 * block of its own; a file that already has a first list keeps it (the same list: nothing to add;
 * another: refused, since a second one would be ignored).
 */
function planRepeatedOffenders(path: string, doc: ConfigDocument, config: ConfigView, spec: ActiveResponseSpec, unit: string): { lines: string[]; note: string; summary: string } {
  const none = { lines: [], note: '', summary: '' };
  if (spec.repeatedOffenders === undefined) return none;
  if (fileRole(doc) === 'agent.conf') {
    throw new CheckFailedError(
      `${path}: --repeated-offenders: execd reads <repeated_offenders> only from its host's own ossec.conf, never from a shared agent.conf: add it to each agent's ossec.conf; nothing written`,
    );
  }
  const first = config.activeResponses
    .filter((a) => a.element.parent?.parent === null)
    .map((a) => a.options.all('repeated_offenders')[0])
    .find((o) => o !== undefined);
  if (first) {
    const line = lineOf(doc, first.element);
    if (offenderMinutes(first.text).join(',') === offenderMinutes(spec.repeatedOffenders).join(',')) {
      return { ...none, note: ` (execd already reads <repeated_offenders>${first.text}</repeated_offenders> at line ${line})` };
    }
    throw new CheckFailedError(
      `${path}:${line}: --repeated-offenders: execd reads only the first <repeated_offenders> of the file, one list for every response of the host, and this file's is '${first.text}': a second list would be ignored; change that one instead; nothing written`,
    );
  }
  return {
    lines: serializeBlock({ name: 'active-response', children: [{ name: 'repeated_offenders', text: spec.repeatedOffenders }] }, unit),
    note: '',
    summary: `<repeated_offenders>${spec.repeatedOffenders}</repeated_offenders> in an <active-response> of its own (execd reads one list for every response of the host)`,
  };
}

function planWhiteList(request: AddRequest, doc: ConfigDocument, config: ConfigView, spec: WhiteListSpec, unit: string): EditStep {
  const present = new Set(config.globals.filter((g) => inOssecConfig(g.element)).flatMap((g) => g.whiteList.map((w) => w.text)));
  const fresh = [...new Set(spec.entries)].filter((e) => !present.has(e));
  if (fresh.length === 0) {
    return { unchanged: `${request.path}: ${spec.entries.length === 1 ? `'${spec.entries[0]}' is` : 'every entry is'} already in <white_list>; nothing written` };
  }
  const lines = fresh.flatMap((entry) => serializeBlock({ name: 'white_list', text: entry }, unit));
  const skipped = spec.entries.filter((e) => present.has(e));
  const summary = [`added <white_list> ${fresh.join(', ')}${skipped.length ? ` (already present: ${skipped.join(', ')})` : ''}`];
  return { edit: placeWhiteList(doc, config, lines, unit), summary };
}

function planEmailAlerts(request: AddRequest, doc: ConfigDocument, config: ConfigView, spec: EmailAlertsSpec, unit: string): EditStep {
  const block = emailAlertsBlock(spec);
  const signature = blockSignature(block);
  const same = config.emailAlerts.find((e) => inOssecConfig(e.element) && elementSignature(e.element) === signature);
  if (same) {
    return { unchanged: `${request.path}: an identical <email_alerts> is already at line ${lineOf(doc, same.element)}; nothing written` };
  }
  return { edit: placeEmailAlerts(doc, config, serializeBlock(block, unit)), summary: [`added <email_alerts> for ${spec.to.join(', ')}`] };
}

function leadingBreaks(text: string): number {
  return /^(\r?\n)*/.exec(text)![0].length;
}
