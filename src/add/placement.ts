/**
 * Where a new block goes. Wazuh reads `<command>` and `<active-response>` in one pass and resolves a
 * response's command among the commands read so far, so a command lands before every response that
 * uses it and a response after its command. Kinds with a place of their own (`<white_list>`, `<email_alerts>`)
 * find it in their file in src/add/kinds/, with the helpers here.
 */
import type { ConfigDocument } from '../document/document.ts';
import { blankAbove, blankBelow, insertAfter, insertBlock, parentOpensAbove, type TextEdit } from '../document/edit.ts';
import type { XmlElement } from '../document/types.ts';
import type { ConfigView } from '../document/views.ts';
import { inOssecConfig } from './kinds/support.ts';

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
    if (/\n[ \t]*\r*\n/.test(between)) blank++;
  }
  return blank * 2 >= kids.length - 1;
}

/**
 * After `anchor`, separated from it as it is from what follows it: by an empty line when one follows it,
 * by none when the next block follows at once, so that removing the new block gives the file back.
 * Before the parent's end tag, the file's habit decides.
 */
export function after(doc: ConfigDocument, anchor: XmlElement, lines: string[]): TextEdit {
  const parent = anchor.parent!;
  const blank = blankBelow(doc, anchor) || (parent.children.at(-1) === anchor && usesBlankLines(doc, parent));
  return insertAfter(doc, anchor, lines, blank);
}

/** Before `anchor`, separated from it as it is from what precedes it (just below the parent's start tag, the file's habit decides). */
export function before(doc: ConfigDocument, anchor: XmlElement, lines: string[]): TextEdit {
  const parent = anchor.parent!;
  const blank = blankAbove(doc, anchor) || (parentOpensAbove(doc, anchor) && usesBlankLines(doc, parent));
  return insertBlock(doc, parent, lines, anchor, blank);
}

export function lastChildOf(doc: ConfigDocument, parent: XmlElement, lines: string[]): TextEdit {
  return insertBlock(doc, parent, lines, undefined, parent.children.length > 0 && usesBlankLines(doc, parent));
}


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

/**
 * A new `<command>` followed by the `<active-response>` that uses it (a recipe whose command the file
 * lacks): where placeCommand puts a command, unless a `<disabled>yes</disabled>` response is read after
 * that place. Such a block sets analysisd's ar_flag to -1 and then 0 (src/config/active-response.c:125-150),
 * so a response read before it loses its queue unless a later block asks for the same one: the pair
 * then goes after every command and response, where a response alone goes. A response that already
 * names the command (Wazuh refuses it today) keeps the command before it.
 */
export function placeCommandAndResponse(doc: ConfigDocument, config: ConfigView, name: string, lines: string[]): TextEdit {
  const edit = placeCommand(doc, config, name, lines);
  const responses = config.activeResponses.filter((a) => inOssecConfig(a.element));
  if (responses.some((a) => a.command?.text === name)) return edit;
  const disabledAfter = responses.some((a) => a.element.range.start >= edit.start && a.options.all('disabled').some((o) => o.text === 'yes'));
  return disabledAfter ? placeActiveResponse(doc, config, lines) : edit;
}

/** A new `<active-response>`: after every command and response, so after its own command. */
export function placeActiveResponse(doc: ConfigDocument, config: ConfigView, lines: string[]): TextEdit {
  const blocks = [...config.commands, ...config.activeResponses].map((b) => b.element).filter(inOssecConfig);
  blocks.sort((a, b) => a.range.start - b.range.start);
  const last = blocks.at(-1);
  if (last) return after(doc, last, lines);
  return lastChildOf(doc, ossecRoots(doc)[0], lines);
}
