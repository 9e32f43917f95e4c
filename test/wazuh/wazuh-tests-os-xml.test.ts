/**
 * Wazuh's own os_xml test (src/unit_tests/os_xml/test_os_xml.c, v4.14.7) as data: every input read by
 * arctl's port of OS_ReadXML (the document model) and, for rules files, OS_ApplyVariables.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import type { XmlElement } from '../../src/document/types.ts';
import { applyOsXmlVariables, type SubstitutedValues } from '../../src/wazuh/os-xml-variables.ts';
import { projectRoot } from '../helpers/paths.ts';

type Outcome = { error: string; line: number };
type Query = [kind: string, path: string[], expected: unknown];
interface OsXmlCase {
  test: string;
  why?: string;
  input: Array<string | { repeat: string; count: number }>;
  read: 'ok' | Outcome;
  variables?: 'ok' | Outcome;
  tree?: string;
  root_lines?: number[];
  queries?: Query[];
}

const fixture = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/wazuh-tests/os_xml.json'), 'utf8')) as { cases: OsXmlCase[]; not_ported: Record<string, string> };

const textOf = (c: OsXmlCase) => c.input.map((p) => (typeof p === 'string' ? p : p.repeat.repeat(p.count))).join('');
const label = (c: OsXmlCase) => (c.why ? `extra: ${c.why}` : c.test);

/** test_os_xml.c's nodecat: `<name attr="value">content` + children + `</name>`, variables left out. */
function nodecat(elements: readonly XmlElement[], values: SubstitutedValues): string {
  return elements
    .filter((el) => !el.isVariable)
    .map((el) => `<${el.name}${el.attributes.map((a) => ` ${a.name}="${values.attribute(a)}"`).join('')}>${values.content(el)}${nodecat(el.children, values)}</${el.name}>`)
    .join('');
}

/** The elements at a path from the roots, as os_xml's accessors walk it (variables are not elements). */
function at(doc: ConfigDocument, path: readonly string[]): XmlElement[] {
  let level = doc.roots.filter((el) => !el.isVariable);
  let found: XmlElement[] = [];
  path.forEach((name, i) => {
    found = level.filter((el) => el.name === name);
    if (i < path.length - 1) level = found.flatMap((el) => el.children.filter((c) => !c.isVariable));
  });
  return found;
}

function query(doc: ConfigDocument, values: SubstitutedValues, [kind, path]: Query): unknown {
  switch (kind) {
    case 'root_count':
      return at(doc, path).length;
    case 'first_content': {
      const first = at(doc, path)[0];
      return first ? values.content(first) : null;
    }
    case 'attribute': {
      const attribute = at(doc, path.slice(0, -1))[0]?.attributes.find((a) => a.name === path[path.length - 1]);
      return attribute ? values.attribute(attribute) : '';
    }
    case 'contents':
      return at(doc, path).map((el) => values.content(el));
    case 'children': {
      const names = path.length === 0 ? doc.roots.filter((el) => !el.isVariable).map((el) => el.name) : at(doc, path).flatMap((el) => el.children.map((c) => c.name));
      return names.length > 0 ? names : null;
    }
    case 'attribute_names':
      return at(doc, path)[0]?.attributes.map((a) => a.name) ?? null;
    default:
      throw new Error(`unknown query ${kind}`);
  }
}

test('every input of test_os_xml.c reads as v4.14.7 os_xml reads it (OS_ReadXML, OS_ApplyVariables)', () => {
  assert.ok(fixture.cases.length >= 80);
  const wrong: string[] = [];
  for (const c of fixture.cases) {
    const doc = ConfigDocument.fromText('case.xml', textOf(c));
    if (c.read !== 'ok') {
      const got = doc.parseError ? { error: doc.parseError.message, line: doc.parseError.wazuhLine } : 'ok';
      if (JSON.stringify(got) !== JSON.stringify(c.read)) wrong.push(`${label(c)}: read ${JSON.stringify(got)}, want ${JSON.stringify(c.read)}`);
      continue;
    }
    if (doc.parseError) {
      wrong.push(`${label(c)}: Wazuh reads it, arctl says ${doc.parseError.message}`);
      continue;
    }
    const applied = applyOsXmlVariables(doc);
    if (c.variables !== 'ok') {
      const got = applied.ok ? 'ok' : { error: applied.message, line: applied.wazuhLine };
      if (JSON.stringify(got) !== JSON.stringify(c.variables)) wrong.push(`${label(c)}: variables ${JSON.stringify(got)}, want ${JSON.stringify(c.variables)}`);
      continue;
    }
    if (!applied.ok) {
      wrong.push(`${label(c)}: Wazuh applies the variables, arctl says ${applied.message}`);
      continue;
    }
    const tree = nodecat(doc.roots, applied.values);
    if (tree !== c.tree) wrong.push(`${label(c)}: tree ${tree}, want ${c.tree}`);
    if (c.root_lines) {
      const lines = doc.roots.map((el) => el.wazuhLine);
      if (JSON.stringify(lines) !== JSON.stringify(c.root_lines)) wrong.push(`${label(c)}: root lines ${lines.join(',')}, want ${c.root_lines.join(',')}`);
    }
    for (const q of c.queries ?? []) {
      const got = query(doc, applied.values, q);
      if (JSON.stringify(got) !== JSON.stringify(q[2])) wrong.push(`${label(c)}: ${q[0]}(${q[1].join('/')}) = ${JSON.stringify(got)}, want ${JSON.stringify(q[2])}`);
    }
  }
  assert.deepEqual(wrong, []);
});

test('the os_xml tests arctl does not port each say why', () => {
  assert.ok(Object.keys(fixture.not_ported).length >= 5);
  for (const [what, why] of Object.entries(fixture.not_ported)) assert.ok(why.length > 40, what);
});
