/**
 * Plans `arctl set`, `remove`, `disable` and `enable`: from the file's bytes and what to change to the
 * new bytes (as text edits), or a reason to write nothing. Gated by lint as `add` is: a change that
 * brings lint errors is refused (LintGateRefusal), its new warnings travel with the plan. Pure: no I/O.
 *
 * `disable` never writes `<disabled>yes</disabled>`: one such element sets analysisd's ar_flag to -1
 * and switches off every response of the manager (and the first one in a file switches off execd on
 * that host). The block is commented out instead (src/document/comment-out.ts), and `enable` puts
 * back exactly the bytes it had.
 */
import { commentOut, uncomment } from '../document/comment-out.ts';
import { crEdit, crLinesAsLf, lfLinesAsCr } from '../document/cr-lines.ts';
import { ConfigDocument } from '../document/document.ts';
import { applyEdits, insertBlock, removeBlock, removeElement, type TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import type { Diagnostic } from '../lint/types.ts';
import { wazuhChildren } from '../document/os-xml.ts';
import { buildConfigView } from '../document/views.ts';
import { CheckFailedError, InputError } from '../util/errors.ts';
import { printable } from '../util/printable.ts';
import { lastGlobalOption } from '../wazuh/load.ts';
import { readerOptions } from '../wazuh/arch.ts';
import { addressFlags, BLOCK_ELEMENT, canToggle, NoSuchBlockError, requireBlock, shownName, type BlockAddress, type BlockKind, type Candidate } from './address.ts';
import { serializeBlock } from './blocks.ts';
import { refuseOnAgent } from './kinds/support.ts';
import { lintGate, type GateResult, type GateSettings } from './gate.ts';
import { planOptionChanges, type OptionChange } from './option-edits.ts';
import { alreadyThere, LintGateRefusal } from './plan.ts';
import { ossecRoots } from './placement.ts';

/** What to change. */
export type EditOperation =
  /** Change options of one block. */
  | { verb: 'set'; kind: BlockKind; address: BlockAddress; changes: OptionChange[] }
  /** Change `<global>` options (`email_notification`, the SMTP settings): the occurrence Wazuh uses. */
  | { verb: 'set-global'; changes: OptionChange[] }
  /** Remove one block (a block arctl commented out too). */
  | { verb: 'remove'; kind: BlockKind; address: BlockAddress }
  /** Remove `<white_list>` entries (every occurrence of each). */
  | { verb: 'remove-white-list'; entries: string[] }
  /** Switch one response off (comment it out). */
  | { verb: 'disable'; address: BlockAddress }
  /**
   * Switch a response arctl switched off back on. Lint errors it brings back refuse it, as any edit,
   * unless `force`: then it is put back as it was and those errors travel with the plan (`gate.newErrors`).
   */
  | { verb: 'enable'; address: BlockAddress; force?: boolean };

export interface EditRequest {
  /** As shown in messages. */
  path: string;
  bytes: Buffer;
  operation: EditOperation;
  /** What `arctl lint` would be given (target, rule severities, ruleset, agents...): the gate lints with it. */
  gate: GateSettings;
}

export type EditPlan =
  | { changed: false; message: string }
  | {
      changed: true;
      before: Buffer;
      after: Buffer;
      /** Non-overlapping byte-offset edits of `before`. */
      edits: TextEdit[];
      /** One line saying what changed, naming the block and its line. */
      summary: string[];
      /** The lint gate's verdict: no new errors; new warnings to show. */
      gate: GateResult;
    };

/** The canonical child order of each block (as `add` writes them): new options go where it puts them. */
const ORDER: Record<BlockKind | 'global', readonly string[]> = {
  'active-response': ['disabled', 'command', 'location', 'agent_id', 'rules_id', 'rules_group', 'level', 'timeout', 'repeated_offenders'],
  command: ['name', 'executable', 'expect', 'extra_args', 'timeout_allowed'],
  'email-alerts': ['email_to', 'level', 'rule_id', 'group', 'event_location', 'format', 'do_not_delay', 'do_not_group'],
  global: ['jsonout_output', 'alerts_log', 'logall', 'logall_json', 'email_notification', 'smtp_server', 'email_from', 'email_to', 'email_maxperhour', 'email_log_source'],
};

export function planEdit(request: EditRequest): EditPlan {
  // A file with CR line ends only is laid out as an editor shows it (src/document/cr-lines.ts).
  const lf = crLinesAsLf(request.bytes);
  if (!lf) return planEditOf(request);
  const plan = planEditOf({ ...request, bytes: lf });
  return plan.changed ? { ...plan, before: request.bytes, after: lfLinesAsCr(plan.after), edits: plan.edits.map(crEdit) } : plan;
}

function planEditOf(request: EditRequest): EditPlan {
  const doc = readable(request);
  const op = request.operation;
  const step =
    op.verb === 'set'
      ? planSetBlock(request, doc, op.kind, op.address, op.changes)
      : op.verb === 'set-global'
        ? planSetGlobal(request, doc, op.changes)
        : op.verb === 'remove'
          ? planRemoveBlock(request, doc, op.kind, op.address)
          : op.verb === 'remove-white-list'
            ? planRemoveWhiteList(request, doc, op.entries)
            : planToggle(request, doc, op.verb, op.address);
  if ('unchanged' in step) return { changed: false, message: step.unchanged };
  const after = applyEdits(request.bytes, step.edits);
  const gate = lintGate(request.path, request.bytes, after, request.gate);
  if (gate.newErrors.length > 0 && !(op.verb === 'enable' && op.force)) {
    const n = gate.newErrors.length;
    const errors = `${n} lint error${n === 1 ? '' : 's'}`;
    const why =
      op.verb === 'enable'
        ? `refusing to switch ${blockName(step.block!)} back on: it would bring back ${errors}${alreadyThere(gate)}; mend ${n === 1 ? 'it' : 'them'} first, or give --force to switch it on as it was`
        : `refusing to write: the change would add ${errors}${alreadyThere(gate)}`;
    throw new LintGateRefusal(`${request.path}: ${why}; nothing written`, gate);
  }
  const summary = op.verb === 'disable' ? [`${step.summary[0]}${enableHint(request, after, doc, step.block!)}`] : step.summary;
  return { changed: true, before: request.bytes, after, edits: step.edits, summary, gate };
}

/**
 * What disable's summary says of switching the block back on: `arctl enable` puts back its bytes, and
 * its gate refuses the lint errors the block brings back with it (those the file had and loses now), so
 * the hint names them and --force rather than promise what enable would refuse. An error in the block
 * itself (what Wazuh refuses in it) cannot be mended while it is switched off: the hint says which are.
 */
function enableHint(request: EditRequest, after: Buffer, doc: ConfigDocument, block: Candidate): string {
  const enable = `arctl enable ${addressFlags(doc, block)}`;
  const back = lintGate(request.path, after, request.bytes, request.gate).newErrors;
  if (back.length === 0) return ` (${enable} switches it back on)`;
  const n = back.length;
  const { start, end } = block.element.range;
  const inBlock = (d: Diagnostic) => d.range.start >= start && d.range.start < end;
  const which = [...new Set(back.map((d) => `${d.ruleId} at line ${doc.lineOf(d.range.start)}${inBlock(d) ? ' (in the block)' : ''}`))].join(', ');
  const way = back.every(inBlock) ? '--force switches it on as it was' : 'mend what is outside the block first, or --force switches it on as it was';
  return ` (${enable} refuses to switch it back on while ${n === 1 ? 'a lint error comes' : `${n} lint errors come`} back with it: ${which}; ${way})`;
}

/** The parsed file; a file Wazuh cannot read, or one without `<ossec_config>`, is refused. */
function readable(request: EditRequest): ConfigDocument {
  const doc = new ConfigDocument(request.path, request.bytes, readerOptions(request.gate.target, request.gate.arch));
  if (doc.parseError) {
    const at = doc.position(doc.parseError.offset);
    throw new CheckFailedError(`${request.path}:${at.line}:${at.column}: Wazuh cannot read this file: ${doc.parseError.message} (fix it first; arctl lint shows the problem); nothing written`);
  }
  if (ossecRoots(doc).length === 0) throw new InputError(`${request.path}: no <ossec_config> root: not an ossec.conf; nothing written`);
  return doc;
}

/** The edits, and the block switched off or on (messages name it). */
type Step = { unchanged: string } | { edits: TextEdit[]; summary: string[]; block?: Candidate };

/** `the <active-response> at line 80 (firewall-drop)` */
function blockName(c: Candidate): string {
  return `the <${BLOCK_ELEMENT[c.kind]}> at line ${c.line}${c.name ? ` (${shownName(c.name)})` : ''}`;
}

function planSetBlock(request: EditRequest, doc: ConfigDocument, kind: BlockKind, address: BlockAddress, changes: OptionChange[]): Step {
  const block = requireBlock(request.path, doc, kind, address);
  if (block.commented) {
    throw new CheckFailedError(`${request.path}:${block.line}: ${blockName(block)} is switched off (arctl disable commented it out): run arctl enable ${addressFlags(doc, block)} first; nothing written`);
  }
  const planned = planOptionChanges(doc, block.element, changes, ORDER[kind]);
  if (planned.edits.length === 0) return { unchanged: `${request.path}: nothing to change in ${blockName(block)}: ${planned.already.join('; ')}; nothing written` };
  return { edits: planned.edits, summary: [`${blockName(block)}: ${planned.done.join(', ')}`, ...unchangedToo(planned.already)] };
}

/**
 * What was asked but needed no change, said after what changed: a --remove-email-to address no
 * <global> names, a value already set. Without it a partly done request reads as wholly done.
 */
function unchangedToo(already: string[]): string[] {
  return already.length > 0 ? [`unchanged: ${already.join('; ')}`] : [];
}

const inOssecConfig = (el: XmlElement) => el.parent?.name === 'ossec_config' && el.parent.parent === null;

function planSetGlobal(request: EditRequest, doc: ConfigDocument, changes: OptionChange[]): Step {
  const config = buildConfigView(doc);
  // Removing what an agent does not read is fine; writing it is not.
  const removes = (c: OptionChange) => 'unset' in c || 'removeItems' in c || 'removeElement' in c || ('flag' in c && !c.flag);
  if (!changes.every(removes)) refuseOnAgent(request.path, config, '<global> (its e-mail settings)', 'analysisd and maild');
  const globals = config.globals.filter((g) => inOssecConfig(g.element)).map((g) => g.element);
  const edits: TextEdit[] = [];
  const done: string[] = [];
  const already: string[] = [];
  const missing: OptionChange[] = [];
  const recipients = changes.filter((c) => c.option === 'email_to');
  for (const change of changes) {
    if (change.option === 'email_to') continue;
    // Each `<global>` option is read in every block, so the last one in the file is what Wazuh uses.
    const last = lastGlobalOption(doc, change.option);
    if (!last) {
      if ('set' in change || 'addElement' in change || 'addItems' in change || ('flag' in change && change.flag)) missing.push(change);
      else already.push(`there is no <${change.option}>`);
      continue;
    }
    const planned = planOptionChanges(doc, last.parent!, [change], ORDER.global);
    edits.push(...planned.edits);
    done.push(...planned.done.map((d) => `${d} (line ${doc.lineOf(last.range.start)})`));
    already.push(...planned.already);
  }
  // Options not in the file yet go into the `<global>` that holds the e-mail settings (the first, else).
  const home = globals.find((g) => g.children.some((c) => c.name.startsWith('email_') || c.name === 'smtp_server')) ?? globals[0];
  const byBlock = new Map<XmlElement, OptionChange[]>();
  const into = (block: XmlElement, list: OptionChange[]) => byBlock.set(block, [...(byBlock.get(block) ?? []), ...list]);
  if (missing.length > 0 && home) into(home, missing);
  if (recipients.length > 0) {
    const planned = recipientChanges(doc, globals, home, recipients);
    already.push(...planned.already);
    for (const [block, list] of planned.byBlock) into(block, list);
    if (planned.toNew.length > 0) missing.push(...planned.toNew);
  }
  for (const [block, list] of byBlock) {
    const line = doc.lineOf(block.range.start);
    const kept = wazuhChildren(block).filter((c) => !list.some((l) => 'removeElement' in l && l.option === c.name && l.removeElement === c.content));
    if (kept.length === 0 && list.every((l) => 'removeElement' in l)) {
      // A <global> left with no option would stop Wazuh ((1230), as remove white-list says): it goes.
      edits.push(removeBlock(doc, block));
      done.push(`${list.map((l) => `<${l.option}> '${printable('removeElement' in l ? l.removeElement : '')}'`).join(', ')} removed with the <global> at line ${line} that held nothing else`);
      continue;
    }
    const planned = planOptionChanges(doc, block, list, ORDER.global);
    edits.push(...planned.edits);
    done.push(...planned.done.map((d) => `${d} (in the <global> at line ${line})`));
    already.push(...planned.already);
  }
  if (missing.length > 0 && !home) {
    const unit = doc.indentUnit();
    const values = (c: OptionChange) => ('set' in c ? [c.set] : 'addElement' in c ? [c.addElement] : []);
    const lines = ['<global>', ...missing.flatMap((c) => values(c).flatMap((text) => serializeBlock({ name: c.option, text }, unit))).map((l) => unit + l), '</global>'];
    const root = ossecRoots(doc)[0];
    edits.push(insertBlock(doc, root, lines, root.children[0]));
    done.push(`${missing.map((c) => `<${c.option}>`).join(', ')} added in a new <global>`);
  }
  if (edits.length === 0) return { unchanged: `${request.path}: nothing to change in <global>: ${already.join('; ')}; nothing written` };
  return { edits, summary: [`<global>: ${done.join(', ')}`, ...unchangedToo(already)] };
}

/**
 * The global recipients as Wazuh reads them: every `<email_to>` of every `<global>` adds one
 * (config/global-config.c:548-565), so they are changed across the blocks: an address already in any of
 * them is not added again, one removed goes from each block that names it, and new ones go after the last
 * `<email_to>` (else into the `<global>` with the e-mail settings, else a new `<global>`: `toNew`).
 */
function recipientChanges(
  doc: ConfigDocument,
  globals: XmlElement[],
  home: XmlElement | undefined,
  changes: OptionChange[],
): { byBlock: Map<XmlElement, OptionChange[]>; already: string[]; toNew: OptionChange[] } {
  const present = globals.flatMap((g) => g.children.filter((c) => c.name === 'email_to' && !c.isVariable));
  const wanted = changes.flatMap((c) => ('elements' in c ? c.elements : []));
  const remove = new Set(changes.flatMap((c) => ('removeElement' in c ? [c.removeElement] : [])));
  if (wanted.length > 0) for (const el of present) if (!wanted.includes(el.content)) remove.add(el.content);
  const add = [...new Set([...wanted, ...changes.flatMap((c) => ('addElement' in c ? [c.addElement] : []))])];
  const already: string[] = [];
  const byBlock = new Map<XmlElement, OptionChange[]>();
  const into = (block: XmlElement, change: OptionChange) => byBlock.set(block, [...(byBlock.get(block) ?? []), change]);
  for (const value of remove) {
    const holders = new Set(present.filter((el) => el.content === value).map((el) => el.parent!));
    if (holders.size === 0) already.push(`there is no <email_to> '${printable(value)}'`);
    for (const block of holders) into(block, { option: 'email_to', removeElement: value });
  }
  const target = present.filter((el) => !remove.has(el.content)).at(-1)?.parent ?? home ?? present.at(-1)?.parent;
  const toNew: OptionChange[] = [];
  for (const value of add) {
    if (present.some((el) => el.content === value)) {
      if (wanted.length === 0) already.push(`<email_to> '${printable(value)}' is already there`);
      continue;
    }
    if (target) into(target, { option: 'email_to', addElement: value });
    else toNew.push({ option: 'email_to', addElement: value });
  }
  if (wanted.length > 0 && byBlock.size === 0 && toNew.length === 0) already.push(`the global recipients are already ${wanted.map((w) => `'${printable(w)}'`).join(', ')}`);
  return { byBlock, already, toNew };
}

function planRemoveBlock(request: EditRequest, doc: ConfigDocument, kind: BlockKind, address: BlockAddress): Step {
  let block: Candidate;
  try {
    block = requireBlock(request.path, doc, kind, address);
  } catch (error) {
    // Removing what is not there is done already: a second run changes nothing.
    if (error instanceof NoSuchBlockError) return { unchanged: error.message.replace(/; nothing written$/, '; nothing to remove, nothing written') };
    throw error;
  }
  const edit = removeBlock(doc, block.commented?.comment ?? block.element);
  return { edits: [edit], summary: [`removed ${blockName(block)}${block.commented ? ', which was switched off' : ''}: ${block.label}`] };
}

function planRemoveWhiteList(request: EditRequest, doc: ConfigDocument, entries: string[]): Step {
  const config = buildConfigView(doc);
  const present = config.globals.filter((g) => inOssecConfig(g.element)).flatMap((g) => g.whiteList);
  const removed: string[] = [];
  const absent: string[] = [];
  const edits: TextEdit[] = [];
  const gone = new Set<XmlElement>();
  for (const entry of [...new Set(entries)]) {
    const matching = present.filter((w) => w.text === entry);
    if (matching.length === 0) absent.push(printable(entry));
    else {
      removed.push(`${printable(entry)} (line ${matching.map((m) => doc.lineOf(m.element.range.start)).join(', ')})`);
      for (const m of matching) gone.add(m.element);
    }
  }
  const emptied: number[] = [];
  for (const global of new Set([...gone].map((el) => el.parent!))) {
    // A <global> left with no option would stop Wazuh ((1230) Invalid element 'global': config.c reads a
    // section without children as an error): it goes with its last entries.
    if (global.children.length > 0 && global.children.every((c) => gone.has(c)) && wazuhChildren(global).every((c) => gone.has(c))) {
      edits.push(removeBlock(doc, global));
      emptied.push(doc.lineOf(global.range.start));
    } else {
      for (const el of global.children) if (gone.has(el)) edits.push(removeElement(doc, el));
    }
  }
  if (emptied.length > 0) removed.push(`and the <global> at line ${emptied.join(', ')} that held nothing else`);
  if (edits.length === 0) return { unchanged: `${request.path}: ${absent.length === 1 ? `'${absent[0]}' is not` : 'none of them is'} in <white_list>; nothing to remove, nothing written` };
  return { edits, summary: [`removed <white_list> ${removed.join(', ')}${absent.length ? ` (not there: ${absent.join(', ')})` : ''}`] };
}

function planToggle(request: EditRequest, doc: ConfigDocument, verb: 'disable' | 'enable', address: BlockAddress): Step {
  const block = requireBlock(request.path, doc, 'active-response', address, canToggle(verb));
  if (verb === 'disable') {
    if (block.commented) return { unchanged: `${request.path}: ${blockName(block)} is already switched off (commented out by arctl); nothing written` };
    // planEdit ends the summary with how to switch it back on (enableHint).
    return { edits: [commentOut(doc, block.element)], summary: [`switched off ${blockName(block)} by commenting it out`], block };
  }
  if (!block.commented) return { unchanged: `${request.path}: ${blockName(block)} is already on; nothing written` };
  return { edits: [uncomment(block.commented)], summary: [`switched on ${blockName(block)} again`], block };
}
