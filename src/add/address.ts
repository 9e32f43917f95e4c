/**
 * Which existing block `arctl set`, `remove`, `disable` and `enable` mean: the blocks of a kind, as a
 * user can name them (a response by its command, a command by its name, an e-mail block by a
 * recipient), narrowed by `--nth` (1-based among those) or `--line` (any line of the block). Blocks
 * arctl commented out count too, in document order, so `--nth 2` names the same block whether it is
 * switched on or off. An address that fits several blocks is refused with the candidates listed.
 */
import { commentedBlocks, type CommentedBlock } from '../document/comment-out.ts';
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { InputError } from '../util/errors.ts';
import { printable, shortened } from '../util/printable.ts';

export type BlockKind = 'active-response' | 'command' | 'email-alerts';

/** The element name of each kind. */
export const BLOCK_ELEMENT: Record<BlockKind, string> = { 'active-response': 'active-response', command: 'command', 'email-alerts': 'email_alerts' };

/** How the user named the block (all optional: what is given narrows the blocks of the kind). */
export interface BlockAddress {
  /** active-response: the `<command>` it runs; command: its `<name>`; email-alerts: one of its `<email_to>`. */
  name?: string;
  /** 1-based among the blocks the name fits, in document order. */
  nth?: number;
  /** Any line of the block (1-based). */
  line?: number;
}

/** One block an address can name. */
export interface Candidate {
  kind: BlockKind;
  /** The element in the file, or, for a block arctl commented out, the element read from the comment. */
  element: XmlElement;
  /** Set when arctl commented the block out (`arctl disable`). */
  commented?: CommentedBlock;
  /** The bytes in the file: the element's, or the comment's. */
  range: { start: number; end: number };
  line: number;
  endLine: number;
  /** The command, name or first recipient the block is addressed by ('' when it has none). */
  name: string;
  /** One line describing the block, for lists of candidates: `columns` joined by two spaces. */
  label: string;
  /** The label's parts (command, location, options...), for lists that align them. */
  columns: string[];
}

/** The flag that names a block of this kind. */
export const NAME_FLAG: Record<BlockKind, string> = { 'active-response': '--command', command: '--name', 'email-alerts': '--to' };


/** Every block of a kind in `<ossec_config>` roots, commented-out ones included, in document order. */
export function candidates(doc: ConfigDocument, kind: BlockKind): Candidate[] {
  const elementName = BLOCK_ELEMENT[kind];
  const out: Candidate[] = [];
  for (const root of doc.roots) {
    if (root.name !== 'ossec_config') continue;
    for (const el of root.children) if (el.name === elementName) out.push(candidate(doc, kind, el, el.range));
  }
  for (const block of commentedBlocks(doc)) {
    const parent = doc.elementContaining(block.comment.range.start);
    if (block.element.name === elementName && parent && parent.name === 'ossec_config' && parent.parent === null) {
      out.push(candidate(doc, kind, block.element, block.comment.range, block));
    }
  }
  return out.sort((a, b) => a.range.start - b.range.start);
}


function candidate(doc: ConfigDocument, kind: BlockKind, element: XmlElement, range: { start: number; end: number }, commented?: CommentedBlock): Candidate {
  const option = (name: string) => element.children.filter((c) => c.name === name).at(-1)?.content;
  const name = (kind === 'active-response' ? option('command') : kind === 'command' ? option('name') : element.children.find((c) => c.name === 'email_to')?.content) ?? '';
  const parts: string[] = [];
  if (kind === 'active-response') {
    parts.push(name || '(no command)', option('location') ?? '');
    for (const o of ['agent_id', 'rules_id', 'rules_group', 'level', 'timeout']) if (option(o) !== undefined) parts.push(`${o} ${option(o)}`);
  } else if (kind === 'command') {
    parts.push(name || '(no name)', `executable ${option('executable') ?? '(none)'}`);
  } else {
    parts.push(element.children.filter((c) => c.name === 'email_to').map((c) => c.content).join(', ') || '(no email_to)');
    for (const o of ['level', 'rule_id', 'group', 'event_location']) if (option(o) !== undefined) parts.push(`${o} ${option(o)}`);
  }
  if (commented) parts.push('(switched off by arctl)');
  const columns = parts.filter(Boolean).map(printable);
  return {
    kind,
    element,
    ...(commented ? { commented } : {}),
    range,
    line: doc.lineOf(range.start),
    endLine: doc.lineOf(range.end),
    name,
    label: columns.join('  '),
    columns,
  };
}

/** The block an address names, or why none or several fit. */
export type Resolution =
  | { found: Candidate }
  | { none: string }
  /** `nths[i]`: the --nth that names `several[i]` alone, with the same name (blocks on one line share their --line). */
  | { several: Candidate[]; nths: number[] };

/** A name as messages show it: escaped, and cut in the middle as candidate lists cut their cells (a pasted value can be kilobytes long). */
export function shownName(name: string): string {
  return printable(shortened(name, CELL_WIDTH));
}

function describe(kind: BlockKind, address: BlockAddress): string {
  const what = `<${BLOCK_ELEMENT[kind]}>`;
  const named =
    address.name === undefined
      ? ''
      : kind === 'active-response'
        ? ` running command '${shownName(address.name)}'`
        : kind === 'command'
          ? ` named '${shownName(address.name)}'`
          : ` for ${shownName(address.name)}`;
  return `${what}${named}`;
}

/**
 * The blocks `disable` or `enable` can change: those switched on, or those arctl switched off. When an address
 * fits several blocks and only one of them would change, that one is meant (the others are already as asked).
 */
export function canToggle(verb: 'disable' | 'enable'): (c: Candidate) => boolean {
  return verb === 'enable' ? (c) => c.commented !== undefined : (c) => c.commented === undefined;
}

export function resolveAddress(doc: ConfigDocument, kind: BlockKind, address: BlockAddress, prefer?: (c: Candidate) => boolean): Resolution {
  const all = candidates(doc, kind);
  const named = address.name === undefined ? all : all.filter((c) => fits(c, kind, address.name!));
  const what = describe(kind, address);
  if (named.length === 0) {
    const names = [...new Set(all.map((c) => c.name).filter(Boolean))].map(shownName);
    return { none: all.length === 0 ? `there is no <${BLOCK_ELEMENT[kind]}> block` : `there is no ${what}${names.length ? ` (${NAME_FLAG[kind]} takes one of: ${names.join(', ')})` : ''}` };
  }
  let chosen = named;
  if (address.nth !== undefined) {
    if (address.nth > named.length) return { none: `--nth ${address.nth}: there ${named.length === 1 ? 'is 1' : `are ${named.length}`} ${what}` };
    chosen = [named[address.nth - 1]];
  }
  if (address.line !== undefined) {
    const line = address.line;
    chosen = chosen.filter((c) => c.line <= line && line <= c.endLine);
    if (chosen.length === 0) return { none: `--line ${line}: no ${what}${address.nth !== undefined ? ` number ${address.nth}` : ''} is on that line` };
  }
  const preferred = prefer && chosen.length > 1 ? chosen.filter(prefer) : [];
  if (preferred.length === 1) return { found: preferred[0] };
  return chosen.length === 1 ? { found: chosen[0] } : { several: chosen, nths: chosen.map((c) => named.indexOf(c) + 1) };
}

function fits(c: Candidate, kind: BlockKind, name: string): boolean {
  if (kind === 'email-alerts') return c.element.children.some((e) => e.name === 'email_to' && e.content === name);
  return c.name === name;
}

/** An address that fits several blocks: exit 2 with the candidates, each with the flags that name it alone. */
export class AmbiguousAddressError extends InputError {
  constructor(
    readonly path: string,
    readonly kind: BlockKind,
    readonly address: BlockAddress,
    readonly choices: Candidate[],
    /** The --nth that names each choice alone (with the same name flag). */
    readonly nths: number[] = choices.map((_, i) => i + 1),
  ) {
    // --line names a block only when no other choice starts on that line (blocks written on one line share it).
    const lineAlone = (c: Candidate) => address.line === undefined && choices.filter((o) => o.line === c.line).length === 1;
    const rows = alignColumns(
      choices.map((c) => [`line ${c.line}`, ...c.columns]),
      choices.map((c, i) => `(--nth ${nths[i]}${lineAlone(c) ? ` or --line ${c.line}` : ''})`),
    );
    super(`${path}: ${choices.length} ${describe(kind, address)} blocks fit; say which with --nth N${choices.some(lineAlone) ? ' or --line N' : ''}; nothing written\n${rows.map((r) => `  ${r}`).join('\n')}`);
  }
}

/** The widest a cell of a list of blocks gets (a very long command name or rules_id list is cut in the middle). */
const CELL_WIDTH = 48;

/**
 * Rows of a list as aligned columns: each column but a row's last cell padded to the widest cell of that
 * column, cells two spaces apart, a tab shown as `\t`; `trailing` cells (the flags) line up after the
 * widest row. Cells are cut in the middle to at most CELL_WIDTH characters, and narrower until the rows
 * fit in `maxWidth` (a terminal's width), down to 12.
 */
export function alignColumns(cells: readonly (readonly string[])[], trailing?: readonly string[], maxWidth = Infinity): string[] {
  for (let cap = CELL_WIDTH; ; cap -= 4) {
    const lines = alignedAt(cap, cells, trailing);
    if (cap <= 12 || lines.every((l) => [...l].length <= maxWidth)) return lines;
  }
}

function alignedAt(cap: number, cells: readonly (readonly string[])[], trailing?: readonly string[]): string[] {
  const rows = cells.map((row) => row.map((cell) => [...shortened(cell.replace(/\t/g, '\\t'), cap)]));
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  const pad = (cell: string[], width: number) => cell.join('') + ' '.repeat(Math.max(0, width - cell.length));
  const text = rows.map((row) => row.map((cell, i) => (i < row.length - 1 ? pad(cell, widths[i]!) : cell.join(''))).join('  '));
  if (!trailing) return text;
  const width = Math.max(0, ...text.map((t) => [...t].length));
  return text.map((t, i) => `${pad([...t], width)}  ${trailing[i] ?? ''}`);
}

/** The one block an address names; throws when none or several fit. */
export function requireBlock(path: string, doc: ConfigDocument, kind: BlockKind, address: BlockAddress, prefer?: (c: Candidate) => boolean): Candidate {
  const r = resolveAddress(doc, kind, address, prefer);
  if ('found' in r) return r.found;
  if ('several' in r) throw new AmbiguousAddressError(path, kind, address, r.several, r.nths);
  throw new NoSuchBlockError(`${path}: ${r.none}; nothing written`);
}

/**
 * The flags that name `block` alone: `--line N` when no other block of its kind starts on that line,
 * else its name flag and `--nth` (blocks written on one line share their line).
 */
export function addressFlags(doc: ConfigDocument, block: Candidate): string {
  const all = candidates(doc, block.kind);
  if (all.filter((c) => c.line === block.line).length === 1) return `--line ${block.line}`;
  const same = all.filter((c) => c.name === block.name);
  const nth = `--nth ${same.findIndex((c) => c.range.start === block.range.start) + 1}`;
  return block.name ? `${NAME_FLAG[block.kind]} ${shellWord(block.name)} ${nth}` : `--nth ${all.findIndex((c) => c.range.start === block.range.start) + 1}`;
}

/** A name as one shell word: quoted when it holds anything but letters, digits and `._-@/`. */
function shellWord(text: string): string {
  return /^[\w.@/-]+$/.test(text) ? text : `'${printable(text).replace(/'/g, `'\\''`)}'`;
}

/** An address that fits no block (exit 2; `remove` treats it as already done). */
export class NoSuchBlockError extends InputError {}
