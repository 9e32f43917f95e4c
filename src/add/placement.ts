/**
 * Where a new block goes. Wazuh reads `<command>` and `<active-response>` in one pass and resolves a
 * response's command among the commands read so far, so a command lands before every response that
 * uses it and a response after its command. `<white_list>` goes where the white list is.
 */
import type { ConfigDocument } from '../document/document.ts';
import { insertAfter, insertBlock, type TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';

/** The `<ossec_config>` roots (other roots, e.g. `<agent_config>`, are left alone). */
export function ossecRoots(doc: ConfigDocument): XmlElement[] {
  return doc.roots.filter((r) => r.name === 'ossec_config');
}

/** True when most neighbouring top-level blocks are separated by an empty line. */
function usesBlankLines(doc: ConfigDocument, parent: XmlElement): boolean {
  const kids = parent.children;
  if (kids.length < 2) return true;
  let blank = 0;
  for (let i = 1; i < kids.length; i++) {
    const between = doc.bytes.subarray(kids[i - 1].range.end, kids[i].range.start).toString('latin1');
    if (/\n[ \t]*\r?\n/.test(between)) blank++;
  }
  return blank * 2 >= kids.length - 1;
}

function after(doc: ConfigDocument, anchor: XmlElement, lines: string[]): TextEdit {
  return insertAfter(doc, anchor, lines, usesBlankLines(doc, anchor.parent!));
}

function before(doc: ConfigDocument, anchor: XmlElement, lines: string[]): TextEdit {
  return insertBlock(doc, anchor.parent!, lines, anchor, usesBlankLines(doc, anchor.parent!));
}

function lastChildOf(doc: ConfigDocument, parent: XmlElement, lines: string[]): TextEdit {
  return insertBlock(doc, parent, lines, undefined, parent.children.length > 0 && usesBlankLines(doc, parent));
}

const inOssecConfig = (el: XmlElement) => el.parent?.name === 'ossec_config' && el.parent.parent === null;

/** A new `<command>` named `name` (with the lines of any blocks that must follow it). */
export function placeCommand(doc: ConfigDocument, config: ConfigView, name: string, lines: string[]): TextEdit {
  const commands = config.commands.map((c) => c.element).filter(inOssecConfig);
  const responses = config.activeResponses.map((a) => a.element).filter(inOssecConfig);
  const firstUser = config.activeResponses.find((a) => inOssecConfig(a.element) && a.command?.text === name)?.element;
  const limit = firstUser?.range.start ?? Infinity;
  const lastCommandBefore = commands.filter((c) => c.range.start < limit).at(-1);
  if (lastCommandBefore) return after(doc, lastCommandBefore, lines);
  if (firstUser) return before(doc, firstUser, lines);
  if (responses.length > 0) return before(doc, responses[0], lines);
  return lastChildOf(doc, ossecRoots(doc)[0], lines);
}

/** A new `<active-response>`: after every command and response, so after its own command. */
export function placeActiveResponse(doc: ConfigDocument, config: ConfigView, lines: string[]): TextEdit {
  const blocks = [...config.commands, ...config.activeResponses].map((b) => b.element).filter(inOssecConfig);
  blocks.sort((a, b) => a.range.start - b.range.start);
  const last = blocks.at(-1);
  if (last) return after(doc, last, lines);
  return lastChildOf(doc, ossecRoots(doc)[0], lines);
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

/** A new `<email_alerts>`: after the last one, else after `<alerts>` or `<global>`. */
export function placeEmailAlerts(doc: ConfigDocument, config: ConfigView, lines: string[]): TextEdit {
  const anchor =
    config.emailAlerts.map((e) => e.element).filter(inOssecConfig).at(-1) ??
    config.alerts.map((a) => a.element).find(inOssecConfig) ??
    config.globals.map((g) => g.element).find(inOssecConfig);
  if (anchor) return after(doc, anchor, lines);
  return lastChildOf(doc, ossecRoots(doc)[0], lines);
}
