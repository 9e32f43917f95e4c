/**
 * Changes to the options of one existing block (`arctl set`) as text edits: a value replaced in place,
 * an option added where the block's own order puts it, in the block's indentation and line endings,
 * an option removed with its line, entries added to or removed from a list. Every other byte stays.
 */
import type { ConfigDocument } from '../document/document.ts';
import { insertAfter, insertBlock, removeElement, replaceContent, type TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import { InputError } from '../util/errors.ts';
import { printable } from '../util/printable.ts';
import { serializeBlock } from './blocks.ts';

/** How entries of a list option are separated: rule ids by commas, group patterns by `|` alternatives. */
export type ListSeparator = ',' | '|';

/** One change to one option (child element name) of a block. */
export type OptionChange =
  /** Set the value Wazuh uses (the last occurrence), or add the option. */
  | { option: string; set: string }
  /** Remove every occurrence. */
  | { option: string; unset: true }
  /** Add entries to the list Wazuh uses (or add the option with them). */
  | { option: string; addItems: string[]; separator: ListSeparator }
  /** Remove entries from the list; an option left empty is removed. */
  | { option: string; removeItems: string[]; separator: ListSeparator }
  /** A presence flag such as `<do_not_delay/>`: present or not. */
  | { option: string; flag: boolean }
  /** One more occurrence of a repeatable option (`<email_to>`), unless one holds this value already. */
  | { option: string; addElement: string }
  /** Remove the occurrences holding this value. */
  | { option: string; removeElement: string }
  /** The occurrences of a repeatable option become exactly these values (those already there stay where they are). */
  | { option: string; elements: string[] };

/** The edits for `changes` and one phrase per change that does something (none: nothing to do). */
export interface OptionEdits {
  edits: TextEdit[];
  done: string[];
  /** Phrases for changes that found nothing to do. */
  already: string[];
}

/**
 * Plans `changes` on `block`. `order` is the block's canonical child order: a new option goes after
 * the last present option that comes before it there.
 */
export function planOptionChanges(doc: ConfigDocument, block: XmlElement, changes: readonly OptionChange[], order: readonly string[]): OptionEdits {
  const unit = doc.indentUnit();
  const children = block.children.filter((c) => !c.isVariable);
  const occurrences = (option: string) => children.filter((c) => c.name === option);
  const removed = new Set<XmlElement>();
  const edits: TextEdit[] = [];
  const inserts: Array<{ option: string; lines: string[] }> = [];
  const lists = new Map<string, { text: string; element: XmlElement | undefined }>();
  const done: string[] = [];
  const already: string[] = [];
  const insert = (option: string, text: string | undefined) => inserts.push({ option, lines: serializeBlock({ name: option, ...(text !== undefined ? { text } : {}) }, unit) });
  const shown = (text: string) => `'${printable(text)}'`;

  const whole = new Set(changes.filter((c) => 'set' in c || 'unset' in c).map((c) => c.option));
  const clash = changes.find((c) => ('addItems' in c || 'removeItems' in c) && whole.has(c.option));
  if (clash) throw new InputError(`<${clash.option}> cannot be replaced and have entries added or removed in one change`);
  for (const change of changes) {
    const all = occurrences(change.option);
    const last = all.at(-1);
    const name = `<${change.option}>`;
    if ('set' in change) {
      if (last && !last.selfClosing && last.content === change.set && last.children.length === 0) {
        already.push(`${name} is already ${shown(change.set)}`);
      } else if (last) {
        edits.push(replaceContent(doc, last, change.set));
        done.push(`${name} ${shown(last.content)} -> ${shown(change.set)}`);
      } else {
        insert(change.option, change.set);
        done.push(`${name} ${shown(change.set)} added`);
      }
    } else if ('unset' in change) {
      if (all.length === 0) {
        already.push(`there is no ${name}`);
      } else {
        for (const el of all) removed.add(el);
        done.push(`${name} ${all.length === 1 ? shown(all[0].content) : `(${all.length} of them)`} removed`);
      }
    } else if ('addItems' in change || 'removeItems' in change) {
      // Adding and removing entries of one list: each works on what the previous left (one edit in the end).
      const current = lists.get(change.option) ?? (last ? { text: last.content, element: last } : { text: '', element: undefined });
      const items = current.text === '' ? [] : splitList(current.text, change.separator);
      if ('addItems' in change) {
        const fresh = unique(change.addItems).filter((item) => !items.some((have) => sameItem(have, item, change.separator)));
        if (fresh.length === 0) {
          already.push(`${name} already holds ${change.addItems.map(shown).join(', ')}`);
          continue;
        }
        lists.set(change.option, { ...current, text: current.text === '' ? fresh.join(change.separator) : joinList([...items.map((i) => i.raw), ...fresh], current.text, change.separator) });
        done.push(`${fresh.map(shown).join(', ')} added to ${name}`);
      } else {
        const gone = items.filter((have) => change.removeItems.some((item) => sameItem(have, item, change.separator)));
        if (gone.length === 0) {
          already.push(`${name} holds none of ${change.removeItems.map(shown).join(', ')}`);
          continue;
        }
        const left = items.filter((i) => !gone.includes(i));
        lists.set(change.option, { ...current, text: left.every((i) => i.raw.trim() === '') ? '' : joinList(left.map((i) => i.raw), current.text, change.separator) });
        done.push(`${gone.map((g) => shown(g.raw.trim())).join(', ')} removed from ${name}`);
      }
    } else if ('flag' in change) {
      if (change.flag === all.length > 0) {
        already.push(change.flag ? `${name} is already there` : `there is no ${name}`);
      } else if (change.flag) {
        insert(change.option, undefined);
        done.push(`${name} added`);
      } else {
        for (const el of all) removed.add(el);
        done.push(`${name} removed`);
      }
    } else if ('elements' in change) {
      const wanted = unique(change.elements);
      const gone = all.filter((el) => !wanted.includes(el.content));
      const fresh = wanted.filter((value) => !all.some((el) => el.content === value));
      if (gone.length === 0 && fresh.length === 0) {
        already.push(`${name} is already ${wanted.map(shown).join(', ')}`);
        continue;
      }
      for (const el of gone) removed.add(el);
      for (const value of fresh) insert(change.option, value);
      done.push([...gone.map((el) => `${name} ${shown(el.content)} removed`), ...fresh.map((value) => `${name} ${shown(value)} added`)].join(', '));
    } else if ('addElement' in change) {
      if (all.some((el) => el.content === change.addElement)) {
        already.push(`${name} ${shown(change.addElement)} is already there`);
      } else {
        insert(change.option, change.addElement);
        done.push(`${name} ${shown(change.addElement)} added`);
      }
    } else {
      const matching = all.filter((el) => el.content === change.removeElement);
      if (matching.length === 0) {
        already.push(`there is no ${name} ${shown(change.removeElement)}`);
      } else {
        for (const el of matching) removed.add(el);
        done.push(`${name} ${shown(change.removeElement)} removed`);
      }
    }
  }
  for (const [option, list] of lists) {
    if (list.text === '') {
      // A list left empty goes, with every occurrence of the option.
      for (const el of occurrences(option)) removed.add(el);
      if (list.element) done.push(`<${option}> is left empty and removed`);
    } else if (list.element) {
      if (list.text !== list.element.content) edits.push(replaceContent(doc, list.element, list.text));
    } else {
      insert(option, list.text);
    }
  }
  for (const el of removed) edits.push(removeElement(doc, el));
  edits.push(...insertEdits(doc, block, children.filter((c) => !removed.has(c)), inserts, order));
  return { edits, done, already };
}

/**
 * Inserts grouped by where they go: after the last kept child that comes earlier in `order` (a
 * repeated option after its own last occurrence), else before the first kept child, else as the
 * block's only content.
 */
function insertEdits(doc: ConfigDocument, block: XmlElement, kept: XmlElement[], inserts: Array<{ option: string; lines: string[] }>, order: readonly string[]): TextEdit[] {
  const rank = (name: string) => {
    const i = order.indexOf(name);
    return i < 0 ? order.length : i;
  };
  const groups = new Map<XmlElement | null, string[]>();
  const sorted = [...inserts].sort((a, b) => rank(a.option) - rank(b.option));
  for (const item of sorted) {
    const anchor = kept.filter((c) => rank(c.name) <= rank(item.option)).at(-1) ?? null;
    groups.set(anchor, [...(groups.get(anchor) ?? []), ...item.lines]);
  }
  const edits: TextEdit[] = [];
  for (const [anchor, lines] of groups) {
    if (anchor) edits.push(insertAfter(doc, anchor, lines));
    else edits.push(insertBlock(doc, block, lines, kept[0]));
  }
  return edits;
}

interface ListItem {
  /** The item as written, spaces included. */
  raw: string;
}

function splitList(text: string, separator: ListSeparator): ListItem[] {
  return text.split(separator).map((raw) => ({ raw }));
}

/** Rule ids compare as numbers (` 5712` is 5712); group alternatives as written. */
function sameItem(have: ListItem, item: string, separator: ListSeparator): boolean {
  if (separator === '|') return have.raw === item;
  const a = have.raw.trim();
  return /^\d+$/.test(a) && /^\d+$/.test(item) ? Number(a) === Number(item) : a === item;
}

/** Items joined the way the existing value separates them (`5712, 5720` keeps its spaces). */
function joinList(items: string[], existing: string, separator: ListSeparator): string {
  if (separator === '|') return items.join('|');
  const spaced = /,\s/.test(existing);
  return items.map((i, k) => (k === 0 ? i.trim() : spaced ? ` ${i.trim()}` : i.trim())).join(',');
}

function unique(items: string[]): string[] {
  return [...new Set(items)];
}
