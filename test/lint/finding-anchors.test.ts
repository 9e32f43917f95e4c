/**
 * Columns point at the same place for every rule (#14): a finding about an element starts at the `<`
 * of its start tag; about a value, at the first byte of the element's content (at the `<` when the
 * element has none); about one entry of a list value, at that entry; about an attribute, at its name;
 * about text outside the elements, at that text; about a disable comment, at its `<!--`. Checked on
 * every finding of every rule fixture, the examples and the corpus, in lint and validate mode.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import type { Range } from '../../src/document/types.ts';
import { lintDocument, PARSE_ERROR_RULE_ID, type LintOptions } from '../../src/lint/engine.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { lintOptions, readFixture } from '../helpers/fixtures.ts';
import { corpusDir, corpusSkip, hasCorpus, projectRoot } from '../helpers/paths.ts';
import { targetFor } from '../helpers/corpus.ts';

type Anchor = 'element' | 'value' | 'list entry' | 'attribute' | 'stray text' | 'comment';

/** Every offset a finding may start at in this document, with what it is. */
function anchors(doc: ConfigDocument): { at: Map<number, Anchor>; entryOf(offset: number): boolean } {
  const at = new Map<number, Anchor>();
  // Comments first: a value's raw bytes may begin with one (`<timeout><!-- none --></timeout>`), and then it is the value.
  for (const c of doc.comments) at.set(c.range.start, 'comment');
  const leaves: Range[] = [];
  for (const el of doc.elements()) {
    at.set(el.openTag.start, 'element');
    for (const a of el.attributes) at.set(a.nameRange.start, 'attribute');
    if (el.children.length === 0 && el.contentRange.end > el.contentRange.start) {
      at.set(el.contentRange.start, 'value');
      leaves.push(el.contentRange);
    }
  }
  for (const range of doc.strayText()) at.set(range.start, 'stray text');
  // An entry of a list value: inside a value, right after a separator.
  const entryOf = (offset: number) => leaves.some((r) => offset > r.start && offset < r.end && /[\s,|]/.test(String.fromCharCode(doc.bytes[offset - 1])) && !/[\s,|]/.test(String.fromCharCode(doc.bytes[offset])));
  return { at, entryOf };
}

async function misplaced(doc: ConfigDocument, options: LintOptions): Promise<string[]> {
  const { at, entryOf } = anchors(doc);
  const out: string[] = [];
  for (const mode of ['lint', 'validate'] as const) {
    for (const d of await lintDocument(doc, { ...options, mode })) {
      // A file Wazuh cannot read, or that is no configuration, has no element to point at.
      if (d.ruleId === PARSE_ERROR_RULE_ID || d.messageId === 'no-config-root') continue;
      const kind = at.get(d.range.start) ?? (entryOf(d.range.start) ? 'list entry' : undefined);
      const ok = kind !== undefined && (kind !== 'comment' || d.ruleId === 'unused-disable') && (kind !== 'list entry' || d.ruleId === 'rules-id-unknown');
      if (!ok) {
        const { line, column } = doc.position(d.range.start);
        out.push(`${doc.path}:${line}:${column} ${mode} ${d.ruleId}/${d.messageId} starts at ${kind ?? JSON.stringify(doc.text({ start: d.range.start, end: Math.min(d.range.end, d.range.start + 20) }))}`);
      }
    }
  }
  return out;
}

function files(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n), keep) : keep(n) ? [join(dir, n)] : []));
}

test('every finding on the rule fixtures and the examples starts at an anchor of its kind', async (t) => {
  const wrong: string[] = [];
  let findings = 0;
  for (const path of files(join(projectRoot, 'test/fixtures/rules'), (n) => n.endsWith('.xml'))) {
    const { doc, options } = readFixture(path);
    if (!hasCorpus && (options.ruleset ?? []).some((d) => d.startsWith('corpus:'))) continue;
    const opts = lintOptions(options, loadRuleset);
    findings += (await lintDocument(doc, opts)).length;
    wrong.push(...(await misplaced(doc, opts)));
  }
  for (const name of ['ossec.conf', 'quirks.ossec.conf']) {
    const path = join(projectRoot, 'examples', name);
    wrong.push(...(await misplaced(new ConfigDocument(path, readFileSync(path)), { target: parseTargetVersion('4.14'), managerIps: [] })));
  }
  if (!hasCorpus) t.diagnostic('../shared/corpus is missing: fixtures that need the stock ruleset were skipped');
  assert.ok(findings > 500, `the fixtures give findings to check (${findings})`);
  assert.deepEqual(wrong, []);
});

test('every finding on the corpus starts at an anchor of its kind', { skip: corpusSkip }, async () => {
  const wrong: string[] = [];
  const confDir = join(corpusDir, 'conf');
  const names = readdirSync(confDir).filter((f) => f.endsWith('.conf'));
  assert.ok(names.length > 0);
  for (const name of names) {
    const path = join(confDir, name);
    wrong.push(...(await misplaced(new ConfigDocument(path, readFileSync(path)), { target: parseTargetVersion(targetFor(name)), managerIps: [] })));
  }
  assert.deepEqual(wrong, []);
});
