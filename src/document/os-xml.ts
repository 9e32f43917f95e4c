/**
 * A port of Wazuh's own XML reader (src/os_xml/os_xml.c, v4.14.7: `_ReadElem`, `_oscomment`,
 * `_getattributes`), byte for byte, that also records where every element, attribute and comment
 * sits in the file. It accepts exactly what Wazuh accepts and fails where Wazuh fails, with Wazuh's
 * message and line. Nothing is decoded: no entities, no DOCTYPE, so no entity expansion at all.
 */
import type { XmlAttribute, XmlComment, XmlElement, XmlParseError } from './types.ts';

/** os_xml.h: element names, contents and attribute values are capped at this many bytes. */
export const XML_MAXSIZE = 20480;
/** os_xml.c: `_ReadElem` refuses deeper nesting. */
export const XML_MAX_RECURSION = 1024;
/** os_xml.h: the push-back stash holds two characters; a third push is silently dropped. */
const XML_STASH_LEN = 2;
/** os_xml.h: error messages are formatted into 128 bytes (vsnprintf with 127). */
const XML_ERR_LENGTH = 128;

const EOF = -1;
const LT = 0x3c; // '<'
const GT = 0x3e; // '>'
const BANG = 0x21; // '!'
const SLASH = 0x2f;
const BACKSLASH = 0x5c;
const DASH = 0x2d;
const EQUALS = 0x3d;
const DQUOTE = 0x22;
const SQUOTE = 0x27;
const NEWLINE = 0x0a;

/** C's isspace() in the C locale. */
function isSpace(c: number): boolean {
  return c === 0x20 || (c >= 0x09 && c <= 0x0d);
}

// ignoreBOM: a U+FEFF inside a name or value is part of it for Wazuh (TextDecoder would drop a leading one).
const utf8 = new TextDecoder('utf-8', { ignoreBOM: true });

/** Bytes collected as runs of the source, so content is sliced, not copied byte by byte. */
class Collected {
  segments: number[] = []; // flat [start, end, start, end, ...]
  count = 0;
  push(offset: number): void {
    const n = this.segments.length;
    if (n > 0 && this.segments[n - 1] === offset) this.segments[n - 1] = offset + 1;
    else this.segments.push(offset, offset + 1);
    this.count++;
  }
  reset(): void {
    this.segments = [];
    this.count = 0;
  }
  /** The collected bytes as a C string sees them: cut at the first NUL. */
  cString(bytes: Uint8Array): Uint8Array {
    const parts: Uint8Array[] = [];
    for (let i = 0; i < this.segments.length; i += 2) parts.push(bytes.subarray(this.segments[i], this.segments[i + 1]));
    const joined = parts.length === 1 ? parts[0] : parts.length === 0 ? new Uint8Array(0) : Buffer.concat(parts);
    const nul = joined.indexOf(0);
    return nul >= 0 ? joined.subarray(0, nul) : joined;
  }
  /** The C string decoded as UTF-8 (invalid bytes become U+FFFD). */
  text(bytes: Uint8Array): string {
    return utf8.decode(this.cString(bytes));
  }
}

class ParseFailure extends Error {
  constructor(readonly detail: XmlParseError) {
    super(detail.message);
  }
}

interface OpenElement {
  element: XmlElement;
  name: Collected;
}

export interface OsXmlResult {
  roots: XmlElement[];
  comments: XmlComment[];
  error: XmlParseError | null;
}

/** How the reader was built and which release it is (the Wazuh layer derives these from the target). */
export interface OsXmlOptions {
  /**
   * Plain `char` is signed (gcc on x86_64, the default): the push-back stash is `char[2]`, so a pushed-back
   * byte >= 0x80 reads back negative and 0xFF reads back as EOF.
   */
  signedChar?: boolean;
  /**
   * `_getattributes` recurses once per attribute followed by whitespace and refuses a depth above this
   * (XML_MAX_ATTR_DEPTH, 48, since 4.14.7; null: no limit, as before). Default 48.
   */
  maxAttributeDepth?: number | null;
}

/** os_xml_internal.h XML_MAX_ATTR_DEPTH (v4.14.7). */
export const XML_MAX_ATTR_DEPTH = 48;

/** Parses `bytes` as Wazuh's OS_ReadXML does. On failure `error` is set and `roots` holds what was read. */
export function parseOsXml(bytes: Uint8Array, options: OsXmlOptions = {}): OsXmlResult {
  return new OsXmlReader(bytes, options.signedChar ?? true, options.maxAttributeDepth === undefined ? XML_MAX_ATTR_DEPTH : options.maxAttributeDepth).run();
}

/**
 * OS_GetElementsbyNode (os_xml_node_access.c:76-150) collects an element's children by scanning the
 * entries after it: elements one level deeper are children, and the scan stops at the first element
 * that is not deeper. A `<var>` entry is not an element there (its type is XML_VARIABLE_BEGIN), so it
 * never stops the scan: the child elements of a `<var>` that follows an element become that element's
 * children (`<global>..</global><var><x>1</x></var>` gives `<global>` the child `<x>`). Sets
 * `osChildren` where that differs from the element's own non-variable children.
 */
/** The children Wazuh's readers see (OS_GetElementsbyNode): `<var>` elements left out, adopted ones in. */
export function wazuhChildren(element: XmlElement): XmlElement[] {
  return element.osChildren ?? element.children.filter((c) => !c.isVariable);
}

function adoptVariableChildren(roots: XmlElement[]): void {
  const all: Array<{ el: XmlElement; depth: number }> = [];
  let variables = false;
  const walk = (el: XmlElement, depth: number) => {
    all.push({ el, depth });
    if (el.isVariable) variables = true;
    for (const c of el.children) walk(c, depth + 1);
  };
  for (const r of roots) walk(r, 0);
  if (!variables) return;
  all.forEach(({ el, depth }, i) => {
    if (el.isVariable) return;
    const found: XmlElement[] = [];
    for (let j = i + 1; j < all.length; j++) {
      const n = all[j]!;
      if (n.el.isVariable) continue;
      if (n.depth <= depth) break;
      if (n.depth === depth + 1) found.push(n.el);
    }
    const own = el.children.filter((c) => !c.isVariable);
    if (found.length !== own.length || found.some((c, k) => c !== own[k])) el.osChildren = found;
  });
}

class OsXmlReader {
  private pos = 0;
  private line = 1;
  private readonly stash: Array<[number, number]> = [];
  /** Offset of the character most recently returned by getc(). */
  private at = 0;
  private readonly roots: XmlElement[] = [];
  private readonly comments: XmlComment[] = [];
  private readonly open: OpenElement[] = [];

  constructor(
    private readonly bytes: Uint8Array,
    private readonly signedChar: boolean,
    private readonly maxAttributeDepth: number | null,
  ) {}

  run(): OsXmlResult {
    try {
      this.readElem(0, null, 0);
      adoptVariableChildren(this.roots);
      return { roots: this.roots, comments: this.comments, error: null };
    } catch (failure) {
      if (failure instanceof ParseFailure) return { roots: this.roots, comments: this.comments, error: failure.detail };
      throw failure;
    }
  }

  private getc(): number {
    let c: number;
    const stashed = this.stash.pop();
    if (stashed) {
      // `char stash[2]` returned as int: sign-extended where char is signed (0xFF is then EOF).
      c = this.signedChar && stashed[0] >= 0x80 ? stashed[0] - 0x100 : stashed[0];
      this.at = stashed[1];
    } else if (this.pos < this.bytes.length) {
      c = this.bytes[this.pos];
      this.at = this.pos++;
    } else {
      this.at = this.bytes.length;
      return EOF;
    }
    if (c === NEWLINE) this.line++;
    return c;
  }

  private ungetc(c: number, offset: number): void {
    if (this.stash.length >= XML_STASH_LEN) return;
    this.stash.push([c, offset]);
    if (c === NEWLINE) this.line--;
  }

  private fail(message: string, offset = this.at, unclosed?: XmlParseError['unclosed']): never {
    const text = Buffer.from(message, 'utf8');
    const clipped = text.length > XML_ERR_LENGTH - 2 ? utf8.decode(text.subarray(0, XML_ERR_LENGTH - 2)) : message;
    throw new ParseFailure({ message: clipped, wazuhLine: this.line, offset, ...(unclosed ? { unclosed } : {}) });
  }

  /** `_oscomment`: called right after a `<` was read at `ltOffset`. 1 = a comment was skipped. */
  private comment(ltOffset: number): 0 | 1 {
    let c = this.getc();
    let cOff = this.at;
    if (c !== BANG) {
      this.ungetc(c, cOff);
      return 0;
    }
    const bodyStart = this.at + 1;
    while ((c = this.getc()) !== EOF) {
      cOff = this.at;
      if (c === BANG) {
        const bangOff = cOff;
        c = this.getc();
        if (c === GT) return this.closeComment(ltOffset, bodyStart, bangOff);
        this.ungetc(c, this.at);
      } else if (c === DASH) {
        const dashOff = cOff;
        c = this.getc();
        cOff = this.at;
        if (c === DASH) {
          c = this.getc();
          cOff = this.at;
          if (c === GT) return this.closeComment(ltOffset, bodyStart, dashOff);
          this.ungetc(c, cOff);
        }
        // os_xml pushes the character back a second time here; the stash keeps the quirk.
        this.ungetc(c, cOff);
      }
    }
    this.fail('XMLERR: Comment not closed.', ltOffset);
  }

  private closeComment(ltOffset: number, bodyStart: number, terminatorStart: number): 1 {
    const isW3c = this.bytes[ltOffset + 2] === DASH && this.bytes[ltOffset + 3] === DASH;
    const bodyFrom = Math.min(isW3c ? ltOffset + 4 : bodyStart, terminatorStart);
    const bodyRange = { start: bodyFrom, end: Math.max(bodyFrom, terminatorStart) };
    this.comments.push({
      range: { start: ltOffset, end: this.at + 1 },
      body: utf8.decode(this.bytes.subarray(bodyRange.start, bodyRange.end)),
      bodyRange,
    });
    return 1;
  }

  /** `_ReadElem`. Returns normally when the element (parent > 0) or the whole file (parent 0) is read. */
  private readElem(parent: number, parentElement: XmlElement | null, recursionLevel: number): 'eof' | 'closed' {
    if (++recursionLevel > XML_MAX_RECURSION) this.fail('XMLERR: Max recursion level reached');
    let count = 0;
    let location = -1;
    let prevv = 1;
    let c: number;
    let current: OpenElement | null = null;
    let contentStart = 0;
    const cont = new Collected();
    let contentHasComment = false;
    const closeName = new Collected();
    let closeTagStart = 0;

    while ((c = this.getc()) !== EOF) {
      const cOff = this.at;
      if (c === BACKSLASH) prevv *= -1;
      else if (c !== LT && prevv === -1) prevv = 1;

      if (count >= XML_MAXSIZE) this.fail('XMLERR: String overflow.');

      if (c === LT) {
        if (this.comment(cOff) === 1) {
          if (location === 1) contentHasComment = true;
          continue;
        }
      }

      if (location === -1 && prevv === 1) {
        if (c === LT) {
          const next = this.getc();
          if (next === SLASH) this.fail('XMLERR: Element not opened.', cOff);
          this.ungetc(next, this.at);
          location = 0;
          current = this.startElement(cOff, parentElement, parent);
        }
        continue;
      } else if (location === 0 && (c === GT || isSpace(c))) {
        const el = current!;
        const nameBytes = el.name;
        let selfClosingName = false;
        // "Remove the / at the end of the element name"
        const segs = nameBytes.segments;
        if (nameBytes.count > 0 && this.bytes[segs[segs.length - 1] - 1] === SLASH) {
          selfClosingName = true;
          segs[segs.length - 1]--;
          if (segs[segs.length - 1] === segs[segs.length - 2]) segs.length -= 2;
        }
        this.recordName(el, cOff);
        let attributesEnd: number | '/' = 0;
        if (isSpace(c)) attributesEnd = this.attributes(el.element);
        if (selfClosingName || attributesEnd === '/') {
          const tagEnd = this.bytes[this.at + 1] === GT && attributesEnd === '/' ? this.at + 2 : this.at + 1;
          this.finishSelfClosing(el.element, tagEnd);
          this.open.pop();
          current = null;
          count = 0;
          location = -1;
          if (parent > 0) return 'closed';
        } else {
          el.element.openTag.end = this.at + 1;
          contentStart = this.at + 1;
          count = 0;
          location = 1;
        }
      } else if (location === 2 && c === GT) {
        const el = current!;
        if (Buffer.compare(closeName.cString(this.bytes), el.name.cString(this.bytes)) !== 0) {
          this.fail(`XMLERR: Element '${el.element.name}' not closed.`, closeTagStart, { name: el.element.name, openedAt: el.element.openTag.start, closedBy: closeName.text(this.bytes) });
        }
        this.finishElement(el.element, cont, contentStart, closeTagStart, cOff + 1, contentHasComment);
        this.open.pop();
        current = null;
        cont.reset();
        closeName.reset();
        contentHasComment = false;
        count = 0;
        location = -1;
        if (parent > 0) return 'closed';
      } else if (location === 1 && c === LT && prevv === 1) {
        const next = this.getc();
        const nextOff = this.at;
        if (next === SLASH) {
          closeTagStart = cOff;
          count = 0;
          location = 2;
        } else {
          this.ungetc(next, nextOff);
          this.ungetc(LT, cOff);
          this.readElem(parent + 1, current!.element, recursionLevel);
          const child = current!.element.children[current!.element.children.length - 1];
          cont.reset();
          contentHasComment = false;
          contentStart = child ? child.range.end : this.at + 1;
          count = 0;
        }
      } else {
        if (location === 0) {
          current!.name.push(cOff);
          count++;
        } else if (location === 1) {
          cont.push(cOff);
          count++;
        } else if (location === 2) {
          closeName.push(cOff);
          count++;
        }
        if (c === LT) prevv = 1;
      }
    }
    if (location === -1) {
      if (parent > 0) this.fail('XMLERR: End of file and some elements were not closed.', this.innermostOpen());
      return 'eof';
    }
    this.fail('XMLERR: End of file and some elements were not closed.', this.innermostOpen());
  }

  private innermostOpen(): number {
    const top = this.open[this.open.length - 1];
    return top ? top.element.openTag.start : this.at;
  }

  private startElement(ltOffset: number, parentElement: XmlElement | null, depth: number): OpenElement {
    const element: XmlElement = {
      name: '',
      isVariable: false,
      parent: parentElement,
      depth,
      attributes: [],
      children: [],
      selfClosing: false,
      range: { start: ltOffset, end: ltOffset },
      openTag: { start: ltOffset, end: ltOffset },
      closeTag: null,
      nameRange: { start: ltOffset + 1, end: ltOffset + 1 },
      content: '',
      contentRange: { start: ltOffset, end: ltOffset },
      contentHasComment: false,
      wazuhLine: this.line,
    };
    const open = { element, name: new Collected() };
    this.open.push(open);
    return open;
  }

  /** `_writememory` time: the name is complete and the element joins the tree. */
  private recordName(el: OpenElement, terminatorOffset: number): void {
    const element = el.element;
    element.name = el.name.text(this.bytes);
    element.isVariable = element.name.toLowerCase() === 'var';
    element.nameRange = { start: element.openTag.start + 1, end: Math.max(element.openTag.start + 1, terminatorOffset) };
    element.wazuhLine = this.line;
    if (element.parent) element.parent.children.push(element);
    else this.roots.push(element);
  }

  private finishSelfClosing(element: XmlElement, tagEnd: number): void {
    element.selfClosing = true;
    element.openTag.end = tagEnd;
    element.range.end = tagEnd;
    element.contentRange = { start: tagEnd, end: tagEnd };
    element.content = '';
  }

  private finishElement(
    element: XmlElement,
    cont: Collected,
    contentStart: number,
    closeStart: number,
    closeEnd: number,
    hasComment: boolean,
  ): void {
    element.content = cont.text(this.bytes);
    element.contentRange = { start: contentStart, end: closeStart };
    element.contentHasComment = hasComment;
    element.closeTag = { start: closeStart, end: closeEnd };
    element.range.end = closeEnd;
  }

  /** `_getattributes`: returns '/' when the tag ended with `/` (the `>` is then left unread), else 0. */
  private attributes(element: XmlElement): 0 | '/' {
    let depth = 0;
    let location = 0;
    let count = 0;
    let cToMatch = 0;
    const name = new Collected();
    const value = new Collected();
    let nameStart = -1;
    let valueStart = 0;
    // Names read so far in this tag: os_xml compares with each one, a set gives the same answer in O(1).
    const names = new Set(element.attributes.map((a) => a.name));
    let c: number;
    for (;;) {
      c = this.getc();
      if (c === EOF) break;
      const cOff = this.at;
      if (count >= XML_MAXSIZE) {
        const partial = name.text(this.bytes).slice(0, 20);
        this.fail(`XMLERR: Overflow attempt at attribute '${partial}'.`);
      } else if (c === GT || (location === 0 && c === SLASH)) {
        if (location === 1) this.fail(`XMLERR: Attribute '${name.text(this.bytes)}' not closed.`);
        if (location === 0 && count > 0) this.fail(`XMLERR: Attribute '${name.text(this.bytes)}' has no value.`);
        if (c === SLASH) return '/';
        element.openTag.end = cOff + 1;
        return 0;
      } else if (location === 0 && c === EQUALS) {
        const attrName = name.text(this.bytes);
        if (names.has(attrName)) this.fail(`XMLERR: Attribute '${attrName}' already defined.`);
        c = this.getc();
        if (c !== DQUOTE && c !== SQUOTE) {
          let bad = true;
          if (isSpace(c)) {
            while ((c = this.getc()) !== EOF) {
              if (isSpace(c)) continue;
              if (c === DQUOTE || c === SQUOTE) bad = false;
              break;
            }
          }
          if (bad) this.fail(`XMLERR: Attribute '${attrName}' not followed by a " or '.`);
        }
        cToMatch = c;
        valueStart = this.at + 1;
        location = 1;
        count = 0;
      } else if (location === 0 && isSpace(c)) {
        if (count === 0) continue;
        this.fail(`XMLERR: Attribute '${name.text(this.bytes)}' has no value.`);
      } else if (location === 1 && c === cToMatch) {
        const attribute: XmlAttribute = {
          name: name.text(this.bytes),
          value: value.text(this.bytes),
          range: { start: nameStart, end: cOff + 1 },
          nameRange: { start: nameStart, end: nameStart + (name.segments.length ? name.segments[name.segments.length - 1] - name.segments[0] : 0) },
          valueRange: { start: valueStart, end: cOff },
          wazuhLine: this.line,
        };
        element.attributes.push(attribute);
        names.add(attribute.name);
        const after = this.getc();
        if (isSpace(after)) {
          // os_xml recurses here for the next attribute; a loop with fresh state is the same, and the
          // recursion depth is checked first thing in the call (4.14.7).
          depth++;
          if (this.maxAttributeDepth !== null && depth > this.maxAttributeDepth) this.fail('XMLERR: Too many attributes.');
          location = 0;
          count = 0;
          cToMatch = 0;
          name.reset();
          value.reset();
          nameStart = -1;
          continue;
        }
        if (after === GT) {
          element.openTag.end = this.at + 1;
          return 0;
        }
        if (after === SLASH) return '/';
        this.fail(`XMLERR: Bad attribute closing for '${attribute.name}'='${attribute.value}'.`);
      } else if (location === 0) {
        if (count === 0) nameStart = cOff;
        name.push(cOff);
        count++;
      } else if (location === 1) {
        value.push(cOff);
        count++;
      }
    }
    this.fail('XMLERR: End of file while reading an attribute.');
  }
}
