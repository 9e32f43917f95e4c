/**
 * What surrounds a byte offset in the text an editor holds, which is often unfinished XML (a tag
 * half typed, an element not closed yet): the elements open there, and whether the offset is in a
 * tag name, a comment or an element's content. Unlike the reader in ./os-xml.ts it never fails: it
 * reads the bytes before the offset and makes the best of them.
 */

export type CursorPlace =
  /** Right after `<` or `</` and a (maybe empty) name prefix; `nameEnd`: where the whole name ends, after the offset when it is mid-name. */
  | { kind: 'tag-name'; prefix: string; nameStart: number; nameEnd: number; closing: boolean }
  /** In the text content of the innermost open element (or between elements). */
  | { kind: 'content'; contentStart: number }
  /** Inside a comment. */
  | { kind: 'comment'; bodyStart: number }
  /** Elsewhere inside a tag: among attributes, in a processing instruction or a declaration. */
  | { kind: 'tag' };

export interface CursorContext {
  /** Names of the elements open at the offset, outermost first. */
  open: string[];
  place: CursorPlace;
}

const LT = 0x3c;
const GT = 0x3e;
const SLASH = 0x2f;

function isNameByte(b: number): boolean {
  return b === 0x2d || b === 0x2e || b === 0x5f || b === 0x3a || (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b >= 0x80;
}

function startsWith(bytes: Uint8Array, at: number, text: string): boolean {
  for (let k = 0; k < text.length; k++) if (bytes[at + k] !== text.charCodeAt(k)) return false;
  return true;
}

function indexOfText(bytes: Uint8Array, text: string, from: number): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(text, from, 'latin1');
}

/**
 * The end of the tag starting at `lt`: `{ gt }` the offset of its `>` (quoted attribute values
 * skipped), or `{ next }` where the next `<` starts when the tag is never finished (-1: none).
 */
function tagEnd(bytes: Uint8Array, lt: number): { gt: number } | { next: number } {
  let quote = 0;
  for (let i = lt + 1; i < bytes.length; i++) {
    const b = bytes[i];
    if (quote !== 0) {
      if (b === quote) quote = 0;
    } else if (b === 0x22 || b === 0x27) quote = b;
    else if (b === GT) return { gt: i };
    else if (b === LT) return { next: i };
  }
  return { next: -1 };
}

function nameAt(bytes: Uint8Array, from: number): { name: string; end: number } {
  let end = from;
  while (end < bytes.length && isNameByte(bytes[end])) end++;
  return { name: Buffer.from(bytes.subarray(from, end)).toString('utf8'), end };
}

export function cursorContext(bytes: Uint8Array, offset: number): CursorContext {
  const at = Math.max(0, Math.min(offset, bytes.length));
  const open: string[] = [];
  let contentStart = 0;
  let i = bytes.indexOf(LT);
  while (i !== -1 && i < at) {
    if (startsWith(bytes, i, '<!--')) {
      const close = indexOfText(bytes, '-->', i + 4);
      if (close === -1 || close + 3 > at) return { open, place: { kind: 'comment', bodyStart: i + 4 } };
      i = close + 3;
    } else if (bytes[i + 1] === 0x21 || bytes[i + 1] === 0x3f) {
      // A declaration or processing instruction: `<!DOCTYPE ...>`, `<?xml ...?>`.
      const end = tagEnd(bytes, i);
      if ('next' in end) {
        // Never finished: read on from the next tag as if this one were text.
        if (end.next === -1 || end.next > at) return { open, place: { kind: 'tag' } };
        i = end.next;
        continue;
      }
      if (end.gt >= at) return { open, place: { kind: 'tag' } };
      i = end.gt + 1;
    } else {
      const closing = bytes[i + 1] === SLASH;
      const nameStart = i + (closing ? 2 : 1);
      const { name, end: nameEnd } = nameAt(bytes, nameStart);
      if (at <= nameEnd) {
        const prefix = Buffer.from(bytes.subarray(nameStart, at)).toString('utf8');
        return { open, place: { kind: 'tag-name', prefix, nameStart, nameEnd, closing } };
      }
      const end = tagEnd(bytes, i);
      if ('next' in end) {
        if (end.next === -1 || end.next > at) return { open, place: { kind: 'tag' } };
        i = end.next;
        continue;
      }
      const close = end.gt;
      if (close >= at) return { open, place: { kind: 'tag' } };
      if (closing) {
        const k = open.lastIndexOf(name);
        if (k !== -1) open.length = k;
      } else if (bytes[close - 1] !== SLASH && name !== '') {
        open.push(name);
      }
      i = close + 1;
    }
    contentStart = i;
    i = bytes.indexOf(LT, i);
  }
  return { open, place: { kind: 'content', contentStart } };
}
