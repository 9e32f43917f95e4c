/** Finding what the editor's cursor is on in a parsed document. */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { buildConfigView, type ActiveResponseView, type CommandView, type ConfigView } from '../document/views.ts';
import { touches } from './positions.ts';

/** The innermost element whose bytes hold `offset` (its end included). */
export function elementAt(doc: ConfigDocument, offset: number): XmlElement | undefined {
  let found: XmlElement | undefined;
  let level: readonly XmlElement[] = doc.roots;
  for (;;) {
    const next = level.find((el) => touches(el.range, offset));
    if (!next) return found;
    found = next;
    level = next.children;
  }
}

/** The element whose start or end tag name the offset is on. */
export function tagNameAt(doc: ConfigDocument, offset: number): XmlElement | undefined {
  for (let el = elementAt(doc, offset); el; el = el.parent ?? undefined) {
    if (touches(el.nameRange, offset)) return el;
    if (el.closeTag && offset > el.closeTag.start + 1 && offset < el.closeTag.end) return el;
  }
  return undefined;
}

/** What the cursor is on, for `<command>` navigation: a response's reference or a definition. */
export type CommandSite = { kind: 'reference'; name: string; response: ActiveResponseView; config: ConfigView } | { kind: 'definition'; name: string; command: CommandView; config: ConfigView };

export function commandSiteAt(doc: ConfigDocument, offset: number): CommandSite | undefined {
  const config = buildConfigView(doc);
  for (const ar of config.activeResponses) {
    if (!touches(ar.element.range, offset)) continue;
    const ref = ar.options.all('command').find((c) => touches(c.element.range, offset));
    return ref ? { kind: 'reference', name: ref.text, response: ar, config } : undefined;
  }
  for (const command of config.commands) {
    if (command.name && touches(command.element.range, offset)) return { kind: 'definition', name: command.name.text, command, config };
  }
  return undefined;
}

/** Where a response's `<command>` points: the definition Wazuh binds (defined before), else a later one. */
export function commandDefinitions(config: ConfigView, name: string, response?: ActiveResponseView): CommandView[] {
  const named = config.commands.filter((c) => c.name?.text === name);
  if (!response) return named;
  const before = named.filter((c) => c.element.range.start < response.element.range.start);
  return before.length > 0 ? [before[0]] : named;
}

/** Every `<command>` reference of a response to `name`, in document order. */
export function commandReferences(config: ConfigView, name: string): ActiveResponseView['command'][] {
  return config.activeResponses.flatMap((ar) => ar.options.all('command').filter((c) => c.text === name));
}
