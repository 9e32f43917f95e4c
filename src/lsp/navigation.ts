/**
 * Go to definition and find references between `<command>` definitions and the responses that use
 * them, and the document outline.
 */
import type { DocumentSymbol, Location } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { blockSchema } from '../schema/elements.ts';
import { commandDefinitions, commandReferences, commandSiteAt } from './locate.ts';
import { lspRange } from './positions.ts';

export function definition(doc: ConfigDocument, uri: string, offset: number): Location[] {
  const site = commandSiteAt(doc, offset);
  if (site?.kind !== 'reference') return [];
  return commandDefinitions(site.config, site.name, site.response).map((c) => ({ uri, range: lspRange(doc, c.name!.element.range) }));
}

export function references(doc: ConfigDocument, uri: string, offset: number, includeDeclaration: boolean): Location[] {
  const site = commandSiteAt(doc, offset);
  if (!site) return [];
  const uses = commandReferences(site.config, site.name).map((ref) => ({ uri, range: lspRange(doc, ref!.element.range) }));
  if (!includeDeclaration) return uses;
  const declarations = commandDefinitions(site.config, site.name).map((c) => ({ uri, range: lspRange(doc, c.name!.element.range) }));
  return [...declarations, ...uses];
}

/** SymbolKind values. */
const SYMBOL = { module: 2, namespace: 3, function: 12, event: 24, property: 7, object: 19 } as const;

/** The outline: roots, their sections (commands and responses named by what they run), and block options. */
export function documentSymbols(doc: ConfigDocument): DocumentSymbol[] {
  return doc.roots.map((root) => symbol(doc, root, root.name, SYMBOL.module, root.children.map((section) => sectionSymbol(doc, section))));
}

function sectionSymbol(doc: ConfigDocument, section: XmlElement): DocumentSymbol {
  const children = blockSchema(section.name) ? section.children.map((option) => symbol(doc, option, option.name, SYMBOL.property, [], option.content.trim())) : [];
  const child = (name: string) => section.children.find((c) => c.name === name)?.content.trim();
  if (section.name === 'command') return symbol(doc, section, `command ${child('name') ?? '(no name)'}`, SYMBOL.function, children, child('executable'));
  if (section.name === 'active-response') {
    const location = child('location');
    return symbol(doc, section, `active-response ${child('command') ?? '(no command)'}`, SYMBOL.event, children, location ? `location ${location}` : undefined);
  }
  return symbol(doc, section, section.name, blockSchema(section.name) ? SYMBOL.object : SYMBOL.namespace, children);
}

function symbol(doc: ConfigDocument, el: XmlElement, name: string, kind: number, children: DocumentSymbol[], detail?: string): DocumentSymbol {
  return {
    name: name === '' ? `<${el.name}>` : name,
    kind: kind as DocumentSymbol['kind'],
    // An element the reader gave up on may end before its name: the outline's range must hold the name.
    range: lspRange(doc, { start: Math.min(el.range.start, el.nameRange.start), end: Math.max(el.range.end, el.nameRange.end) }),
    selectionRange: lspRange(doc, el.nameRange),
    ...(detail ? { detail } : {}),
    children,
  };
}
