import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { applyEdits } from '../../src/document/edit.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

const confDir = join(corpusDir, 'conf');

test('every corpus ossec.conf parses the way Wazuh reads it, with exact byte ranges', { skip: corpusSkip }, () => {
  const files = readdirSync(confDir).filter((f) => f.endsWith('.conf'));
  assert.ok(files.length > 20, 'the corpus has the expected files');
  for (const f of files) {
    const bytes = readFileSync(join(confDir, f));
    const doc = new ConfigDocument(f, bytes);
    assert.equal(doc.parseError, null, `${f}: ${doc.parseError?.message}`);
    // An empty edit list gives back the very same bytes.
    assert.ok(applyEdits(bytes, []).equals(bytes), `${f} round-trips`);
    for (const el of doc.elements()) {
      const raw = doc.text(el.range);
      assert.ok(raw.startsWith(`<${el.name}`), `${f}: element ${el.name} starts at its tag`);
      if (!el.selfClosing) assert.ok(raw.endsWith(`</${el.name}>`), `${f}: element ${el.name} ends at its end tag`);
      if (!el.contentHasComment && el.children.length === 0) assert.equal(doc.text(el.contentRange), el.content, `${f}: ${el.name} content range`);
    }
    const view = buildConfigView(doc);
    for (const ar of view.activeResponses) assert.equal(ar.element.name, 'active-response');
  }
});

test('the pasted markdown fragment has no <ossec_config> root', { skip: corpusSkip }, () => {
  const doc = new ConfigDocument('x', readFileSync(join(confDir, 'broken/markdown-fenced-fragment.conf')));
  assert.deepEqual(doc.roots.map((r) => r.name), ['command', 'active-response']);
  assert.equal(buildConfigView(doc).kind, 'unknown');
  assert.equal(doc.position(doc.roots[0].range.start).line, 2);
});
