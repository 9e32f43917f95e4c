/** `arctl add white-list`: `<white_list>` entries in the `<global>` that holds the white list. */
import type { ConfigDocument } from '../../document/document.ts';
import { insertAfter, insertBlock, type TextEdit } from '../../document/edit.ts';
import type { ConfigView } from '../../document/views.ts';
import { serializeBlock } from '../blocks.ts';
import { before, lastChildOf, ossecRoots } from '../placement.ts';
import { asValidator, checkWhiteListEntries } from '../values.ts';
import type { AddKind, Built, EditStep, PlanContext, Prompter } from './kind.ts';
import { inOssecConfig, need, refuseOnAgent, MANAGER_READS } from './support.ts';

export interface WhiteListSpec {
  kind: 'white-list';
  entries: string[];
}

export interface RawWhiteList {
  entries: string[];
}

export function buildWhiteList(raw: RawWhiteList): Built<WhiteListSpec> {
  if (raw.entries.length === 0) return { missing: ['at least one address or network'] };
  return { spec: { kind: 'white-list', entries: raw.entries.flatMap((e) => need('white-list', checkWhiteListEntries(e))) } };
}

export async function askWhiteList(p: Prompter, raw: RawWhiteList): Promise<RawWhiteList> {
  if (raw.entries.length > 0) return raw;
  // The arguments' parser: `10.0.0.1, 10.0.0.2` is two entries.
  return { entries: [await p.input({ message: 'Addresses or networks to never block', validate: asValidator(checkWhiteListEntries) })] };
}

function planWhiteList(spec: WhiteListSpec, { path, doc, config, unit }: PlanContext): EditStep {
  refuseOnAgent(path, config, ...MANAGER_READS['white-list']);
  const present = new Set(config.globals.filter((g) => inOssecConfig(g.element)).flatMap((g) => g.whiteList.map((w) => w.text)));
  const fresh = [...new Set(spec.entries)].filter((e) => !present.has(e));
  if (fresh.length === 0) {
    return { unchanged: `${path}: ${spec.entries.length === 1 ? `'${spec.entries[0]}' is` : 'every entry is'} already in <white_list>; nothing written` };
  }
  const lines = fresh.flatMap((entry) => serializeBlock({ name: 'white_list', text: entry }, unit));
  const skipped = spec.entries.filter((e) => present.has(e));
  const summary = [`added <white_list> ${fresh.join(', ')}${skipped.length ? ` (already present: ${skipped.join(', ')})` : ''}`];
  return { edit: placeWhiteList(doc, config, lines, unit), summary };
}

/**
 * New `<white_list>` lines: after the last entry of the `<global>` that holds the white list (the second
 * `<global>` of the stock manager layout), else at the end of the last `<global>` (where lint --fix adds
 * the manager's own address), else in a new `<global>`. analysisd reads every `<global>` into one list.
 */
export function placeWhiteList(doc: ConfigDocument, config: ConfigView, entryLines: string[], unit: string): TextEdit {
  const globals = config.globals.filter((g) => inOssecConfig(g.element));
  const global = globals.filter((g) => g.whiteList.length > 0).at(-1) ?? globals.at(-1);
  if (global) {
    const lastEntry = global.whiteList.at(-1)?.element;
    if (lastEntry) return insertAfter(doc, lastEntry, entryLines);
    return insertBlock(doc, global.element, entryLines);
  }
  const root = ossecRoots(doc)[0];
  const block = ['<global>', ...entryLines.map((l) => unit + l), '</global>'];
  const edit = root.children.length > 0 ? before(doc, root.children[0], block) : lastChildOf(doc, root, block);
  // The new entries, not the new <global> around them, are what the summary points at.
  return { ...edit, blockOffset: edit.text.indexOf(entryLines[0]!) };
}

export const whiteListKind: AddKind<'white-list', RawWhiteList, WhiteListSpec> = {
  name: 'white-list',
  element: 'white_list',
  description: 'add <white_list> entries (IPv4 addresses and networks) to the <global> that holds the white list',
  argument: { syntax: '[entries...]', description: 'addresses, networks or patterns, one <white_list> each' },
  flags: [],
  examples: {
    own: ['arctl add white-list 10.0.0.0/8 192.168.1.10', 'arctl add white-list 203.0.113.0/24 --file /var/ossec/etc/ossec.conf --dry-run'],
    overview: ['arctl add white-list 10.0.0.0/8 192.168.1.10'],
  },
  raw: (_options, args) => ({ entries: [...args] }),
  ask: (p, raw) => askWhiteList(p, raw),
  build: (raw) => buildWhiteList(raw),
  plan: planWhiteList,
};
