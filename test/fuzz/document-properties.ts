/** Properties of the document model that hold for every input, shared by the short and long fuzz runs. */
import assert from 'node:assert/strict';
import { ConfigDocument, type XmlElement } from '../../src/document/document.ts';

/** Parsing any bytes ends in a document or a positioned error, with consistent ranges. */
export function checkDocumentInvariants(bytes: Buffer): void {
  const doc = new ConfigDocument('fuzz.conf', bytes);
  if (doc.parseError) {
    assert.ok(doc.parseError.offset >= 0 && doc.parseError.offset <= bytes.length, 'error offset inside the file');
    assert.ok(doc.parseError.message.startsWith('XMLERR: '), doc.parseError.message);
    const pos = doc.position(doc.parseError.offset);
    assert.ok(pos.line >= 1 && pos.column >= 1);
    return;
  }
  let previousEnd = 0;
  const check = (el: XmlElement, parent: XmlElement | null) => {
    assert.ok(el.range.start >= 0 && el.range.end <= bytes.length && el.range.start < el.range.end, 'element inside the file');
    assert.equal(bytes[el.range.start], 0x3c, 'element starts at <');
    if (parent) assert.ok(el.range.start >= parent.openTag.end && el.range.end <= parent.range.end, 'child inside parent');
    assert.ok(el.contentRange.start <= el.contentRange.end);
    let last = el.openTag.end;
    for (const child of el.children) {
      assert.ok(child.range.start >= last, 'children in order, not overlapping');
      last = child.range.end;
      check(child, el);
    }
  };
  for (const root of doc.roots) {
    assert.ok(root.range.start >= previousEnd, 'roots in order');
    previousEnd = root.range.end;
    check(root, null);
  }
  for (const c of doc.comments) assert.ok(c.range.start < c.range.end && c.range.end <= bytes.length);
}
