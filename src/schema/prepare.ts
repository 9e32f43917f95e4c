/**
 * Builds the bytes handed to libxml2 for one root of a Wazuh config. Wazuh's dialect is not XML
 * (several roots, `<!...!>` comments, raw `&`, `\<` escapes, any bytes in names), so the text is
 * rewritten from the document model with every byte keeping its offset and every newline kept:
 * libxml2's line numbers are then the file's line numbers.
 *
 * What libxml2 gets contains no comment, DOCTYPE, processing instruction, entity or character
 * reference and no attribute: only the elements' tags and their text.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';

const SPACE = 0x20;
const LF = 0x0a;
const CR = 0x0d;
const TAB = 0x09;
const LT = 0x3c;
const GT = 0x3e;
const AMP = 0x26;
/** Stands in for bytes XML cannot carry (`<`, `>`, `&` in text, control characters). */
const PLACEHOLDER = 0x3f; // '?'
const UNDERSCORE = 0x5f;
const SLASH = 0x2f;

/** ASCII names only, and no `:` (libxml2 would treat it as a namespace prefix). */
const XML_NAME = /^[A-Za-z_][A-Za-z0-9._-]*$/;

function endsSelfClosing(bytes: Uint8Array, el: XmlElement): boolean {
  return bytes[el.openTag.end - 1] === GT && bytes[el.openTag.end - 2] === SLASH;
}

/**
 * Elements that cannot be written as XML in the same bytes (`<x/` ended by os_xml without `>` and no
 * room for `/>`). The caller leaves them out of validation, like removed elements.
 */
export function unrepresentable(doc: ConfigDocument, root: XmlElement): XmlElement[] {
  const out: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (el.selfClosing && !endsSelfClosing(doc.bytes, el) && el.openTag.end - el.nameRange.end < 2) out.push(el);
    el.children.forEach(visit);
  };
  visit(root);
  return out;
}

/** The element name libxml2 sees: the real one, or underscores of the same byte length. */
export function xmlNameOf(el: XmlElement): string {
  return XML_NAME.test(el.name) ? el.name : '_'.repeat(el.nameRange.end - el.nameRange.start);
}

/**
 * The text for validating `root`, with the elements in `removed` (and `<var>` elements, which
 * Wazuh skips) blanked out. Everything outside `root` is blanked too.
 */
export function prepareRoot(doc: ConfigDocument, root: XmlElement, removed: ReadonlySet<XmlElement>): Buffer {
  const src = doc.bytes;
  const out = Buffer.alloc(src.length, SPACE);
  const { start, end } = root.range;
  src.copy(out, start, start, end);

  const blank = (from: number, to: number) => {
    for (let i = from; i < to; i++) if (out[i] !== LF) out[i] = SPACE;
  };
  for (const c of doc.comments) if (c.range.start >= start && c.range.end <= end) blank(c.range.start, c.range.end);

  // Offsets of the `<` and `>` that belong to tags libxml2 must see; every other one is text.
  const tagBytes = new Set<number>();
  const visit = (el: XmlElement) => {
    if (el.isVariable || removed.has(el)) {
      blank(el.range.start, el.range.end);
      return;
    }
    for (const a of el.attributes) blank(a.range.start, a.range.end);
    if (el.selfClosing && !endsSelfClosing(src, el)) {
      // os_xml also ends an element at a `/` not followed by `>`; XML needs `/>`.
      blank(el.nameRange.end, el.openTag.end);
      out[el.openTag.end - 2] = SLASH;
      out[el.openTag.end - 1] = GT;
    }
    tagBytes.add(el.openTag.start).add(el.openTag.end - 1);
    if (el.closeTag) tagBytes.add(el.closeTag.start).add(el.closeTag.end - 1);
    if (!XML_NAME.test(el.name)) {
      out.fill(UNDERSCORE, el.nameRange.start, el.nameRange.end);
      if (el.closeTag) out.fill(UNDERSCORE, el.closeTag.start + 2, el.closeTag.end - 1);
    }
    for (const child of el.children) visit(child);
  };
  visit(root);

  for (let i = start; i < end; i++) {
    const b = out[i];
    if ((b === LT || b === GT) && !tagBytes.has(i)) out[i] = PLACEHOLDER;
    else if (b === AMP) out[i] = PLACEHOLDER;
    else if (b === CR && out[i + 1] !== LF) out[i] = SPACE; // a lone CR would be a line break to libxml2
    else if (b < SPACE && b !== LF && b !== CR && b !== TAB) out[i] = PLACEHOLDER;
  }
  return out;
}
