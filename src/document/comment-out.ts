/**
 * Switching a block off and on by commenting it out, byte for byte reversibly.
 *
 * Wazuh's reader (os_xml.c `_oscomment`) takes anything from `<!` to the first `-->` or `!>` as a
 * comment, and XML forbids `--` inside one (libxml2, editors). A block may hold comments of its own,
 * so its bytes are escaped: `\` becomes `\\`, a `-` right after a `-` becomes `\-`, and a `>` right
 * after a `!` becomes `\>`. The escaped text has no `--` and no `!>`, so the comment ends exactly
 * where arctl ended it, and unescaping gives back the original bytes.
 *
 * The comment is `<!-- arctl-disabled: ` + escaped block + ` -->`; only comments of exactly that
 * shape whose content reads back as one element are taken as arctl's own.
 */
import { ConfigDocument } from './document.ts';
import type { TextEdit } from './edit.ts';
import type { XmlComment, XmlElement } from './types.ts';

export const DISABLED_PREFIX = '<!-- arctl-disabled: ';
export const DISABLED_SUFFIX = ' -->';

const BACKSLASH = 0x5c;
const DASH = 0x2d;
const BANG = 0x21;
const GT = 0x3e;

/** The block's bytes escaped so that they can stand inside a comment (see the module comment). */
export function escapeForComment(bytes: Uint8Array): Buffer {
  const out: number[] = [];
  let previous = -1;
  for (const b of bytes) {
    if (b === BACKSLASH || (b === DASH && previous === DASH) || (b === GT && previous === BANG)) out.push(BACKSLASH);
    out.push(b);
    previous = b;
  }
  return Buffer.from(out);
}

/** The inverse of escapeForComment: `\` and the byte after it stand for that byte. */
export function unescapeFromComment(bytes: Uint8Array): Buffer {
  const out: number[] = [];
  for (let i = 0; i < bytes.length; i++) {
    if (bytes[i] === BACKSLASH && i + 1 < bytes.length) i++;
    out.push(bytes[i]);
  }
  return Buffer.from(out);
}

/** arctl's comment holding a block's bytes, escaped so that it stays one comment. */
function disabledComment(block: Uint8Array): Buffer {
  return Buffer.concat([Buffer.from(DISABLED_PREFIX), escapeForComment(block), Buffer.from(DISABLED_SUFFIX)]);
}

/** The edit turning `element` into arctl's comment (the indentation before it and the rest of its line stay). */
export function commentOut(doc: ConfigDocument, element: XmlElement): TextEdit {
  const raw = disabledComment(doc.bytes.subarray(element.range.start, element.range.end));
  return { start: element.range.start, end: element.range.end, text: raw.toString('utf8'), raw };
}

/** The edit keeping a commented-out block switched off with other bytes (its text changed while it is off). */
export function recomment(block: CommentedBlock, bytes: Uint8Array): TextEdit {
  const raw = disabledComment(bytes);
  return { start: block.comment.range.start, end: block.comment.range.end, text: raw.toString('utf8'), raw };
}

/** A block arctl commented out: the comment, and the element its content reads as. */
export interface CommentedBlock {
  comment: XmlComment;
  /** The original bytes of the block. */
  bytes: Buffer;
  /** The block read on its own (ranges are into `bytes`, not the file). */
  element: XmlElement;
}

/** The blocks arctl commented out in this file, in document order. */
export function commentedBlocks(doc: ConfigDocument): CommentedBlock[] {
  const out: CommentedBlock[] = [];
  for (const comment of doc.comments) {
    const block = readCommentedBlock(doc, comment);
    if (block) out.push(block);
  }
  return out;
}

function readCommentedBlock(doc: ConfigDocument, comment: XmlComment): CommentedBlock | undefined {
  const raw = doc.bytes.subarray(comment.range.start, comment.range.end);
  const prefix = Buffer.from(DISABLED_PREFIX);
  const suffix = Buffer.from(DISABLED_SUFFIX);
  if (raw.length < prefix.length + suffix.length || !raw.subarray(0, prefix.length).equals(prefix) || !raw.subarray(raw.length - suffix.length).equals(suffix)) return undefined;
  const bytes = unescapeFromComment(raw.subarray(prefix.length, raw.length - suffix.length));
  const inner = new ConfigDocument(doc.path, bytes, doc.readerOptions);
  // Exactly one element, from the first byte to the last: anything else is someone else's comment.
  if (inner.parseError || inner.roots.length !== 1) return undefined;
  const element = inner.roots[0];
  if (element.range.start !== 0 || element.range.end !== bytes.length) return undefined;
  return { comment, bytes, element };
}

/** The edit putting a commented-out block back, byte for byte as it was. */
export function uncomment(block: CommentedBlock): TextEdit {
  return { start: block.comment.range.start, end: block.comment.range.end, text: block.bytes.toString('utf8'), raw: block.bytes };
}
