/**
 * The XML text of the blocks `arctl add` writes (each kind builds its block in src/add/kinds/).
 * Serialisation goes through xmlbuilder2; its entity escapes are then turned back into the raw
 * characters, because Wazuh's reader does not decode entities (`&amp;` would reach Wazuh as the five
 * characters `&amp;`).
 */
import { lazyRequire } from '../util/lazy-require.ts';

const xmlbuilder2 = lazyRequire<typeof import('xmlbuilder2')>('xmlbuilder2');

/** An element with text, or with leaf children; `text: undefined` on a leaf writes `<x/>`. */
export interface XmlBlock {
  name: string;
  text?: string;
  children?: Array<{ name: string; text?: string }>;
}

/** The block's lines, nested lines indented with `unit`, no line endings. */
export function serializeBlock(block: XmlBlock, unit: string): string[] {
  const root = xmlbuilder2().create().ele(block.name);
  if (block.children) {
    for (const child of block.children) {
      const el = root.ele(child.name);
      if (child.text !== undefined && child.text !== '') el.txt(child.text);
    }
  } else if (block.text !== undefined && block.text !== '') {
    root.txt(block.text);
  }
  const xml = root.end({ headless: true, prettyPrint: true, indent: unit, newline: '\n' });
  return unescapeEntities(xml).split('\n');
}

/** Inverse of xmlbuilder2's text escaping (values never contain `<`; see values.ts). */
function unescapeEntities(xml: string): string {
  return xml.replace(/&(amp|gt|lt|quot|apos);/g, (_, name: string) => ({ amp: '&', gt: '>', lt: '<', quot: '"', apos: "'" })[name] ?? '');
}

/** What the block reads as in Wazuh: element name and each child's content, order-independent. */
export function blockSignature(block: XmlBlock): string {
  if (!block.children) return JSON.stringify([block.name, block.text ?? '']);
  const pairs = block.children.map((c) => `${c.name}\u0000${c.text ?? ''}`).sort();
  return JSON.stringify([block.name, pairs]);
}
