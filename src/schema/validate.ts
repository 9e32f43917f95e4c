/**
 * Schema validation of a Wazuh config through libxml2 (libxml2-wasm) against arctl-ossec.xsd, with
 * libxml2's findings mapped to arctl's rule ids and to byte ranges of the document model.
 *
 * With the default native engine nothing here loads libxml2 (./native.ts does the checking).
 * libxml2 is imported lazily (CLI start-up stays fast) and never gets a DTD, an entity or a
 * network/file option: a file Wazuh cannot parse is not handed to it at all, and the text it gets
 * is rebuilt from the document model (./prepare.ts).
 */
import { readFileSync } from 'node:fs';
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { SCHEMA_MESSAGES } from './messages.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { classifyFinding, type LibxmlFinding } from './classify.ts';
import { versionDiagnostics } from './versions.ts';
import { prepareRoot, unrepresentable, xmlNameOf } from './prepare.ts';
import { ROOT_ELEMENTS, blockSchema } from './elements.ts';
import { nativeRootDiagnostics } from './native.ts';
import { XSD_FILE_NAME } from './xsd.ts';
import { compareText } from '../util/compare.ts';
import { InputError } from '../util/errors.ts';
import type { SchemaDiagnostic } from './rule-ids.ts';
import { importPackage } from '../util/import-package.ts';

type Libxml = typeof import('libxml2-wasm');

/**
 * `native` checks the document model against the schema data (./native.ts); `libxml2` validates
 * the XSD with libxml2-wasm. Both give the same findings (a test proves it); native needs no wasm.
 */
export type SchemaEngine = 'native' | 'libxml2';


interface Validator {
  lib: Libxml;
  xsd: InstanceType<Libxml['XsdValidator']>;
  schemaDoc: InstanceType<Libxml['XmlDocument']>;
}

let validatorPromise: Promise<Validator> | undefined;

/** The single-file arctl.mjs carries neither libxml2-wasm (a wasm file beside its module) nor the XSD. */
const LIBXML2_MISSING = `--libxml2 needs the libxml2-wasm package and ${XSD_FILE_NAME}, which the single-file arctl.mjs does not carry: install arctl with npm for --libxml2, or leave it out (arctl's own schema checks give the same findings)`;

/** Where the XSD ships: beside this module in the source tree, in src/schema/ for the bundle. */
function readXsd(): string {
  const candidates = [new URL(`./${XSD_FILE_NAME}`, import.meta.url), new URL(`../src/schema/${XSD_FILE_NAME}`, import.meta.url)];
  for (const url of candidates) {
    try {
      return readFileSync(url, 'utf8');
    } catch {
      // Try the next location.
    }
  }
  throw new InputError(LIBXML2_MISSING);
}

/** Loads libxml2 and compiles the XSD once per process. */
export function loadValidator(): Promise<Validator> {
  validatorPromise ??= (async () => {
    const lib = await importPackage('libxml2-wasm', () => import('libxml2-wasm')).catch((error: NodeJS.ErrnoException) => {
      if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
      throw new InputError(LIBXML2_MISSING);
    });
    // The schema document stays alive with the validator: libxml2's compiled schema points into it.
    const schemaDoc = lib.XmlDocument.fromString(readXsd(), { option: SAFE_PARSE_OPTIONS(lib) });
    return { lib, xsd: lib.XsdValidator.fromDoc(schemaDoc), schemaDoc };
  })();
  return validatorPromise;
}

/** No network, no external entities; never NOENT, DTDLOAD, DTDATTR, DTDVALID or XINCLUDE. */
function SAFE_PARSE_OPTIONS(lib: Libxml): number {
  const o = lib.ParseOption;
  return o.XML_PARSE_NONET | o.XML_PARSE_NO_XXE | o.XML_PARSE_BIG_LINES | o.XML_PARSE_NO_SYS_CATALOG;
}

/**
 * libxml2 stops checking a parent's children at the first unexpected one; removing it (and its
 * same-named siblings) and validating again reaches the rest. One round per distinct unknown name in
 * a block; this bounds the rounds.
 */
const MAX_ROUNDS = 100;

/**
 * Every schema finding of the file: unknown sections and options, values Wazuh's readers refuse,
 * missing required options, roots other than `<ossec_config>`/`<agent_config>`, and options the
 * target version does not know. A file Wazuh's reader refuses yields nothing here (the lint engine
 * reports it as parse-error).
 */
export async function schemaDiagnostics(doc: ConfigDocument, target: TargetVersion, engine: SchemaEngine = 'native'): Promise<SchemaDiagnostic[]> {
  if (engine === 'native') return nativeSchemaDiagnostics(doc, target);
  if (doc.parseError) return [];
  const validator = schemaRoots(doc).length > 0 ? await loadValidator() : undefined;
  return collectSchemaFindings(doc, target, (root) => validateRoot(validator!, doc, root));
}

/** schemaDiagnostics with the native engine, synchronously (for callers that cannot wait: add's lint gate). */
export function nativeSchemaDiagnostics(doc: ConfigDocument, target: TargetVersion): SchemaDiagnostic[] {
  if (doc.parseError) return [];
  return collectSchemaFindings(doc, target, (root) => nativeRootDiagnostics(doc, root));
}

function schemaRoots(doc: ConfigDocument): XmlElement[] {
  const rootNames = new Set<string>(Object.values(ROOT_ELEMENTS));
  return doc.roots.filter((r) => rootNames.has(r.name));
}

function collectSchemaFindings(doc: ConfigDocument, target: TargetVersion, checkRoot: (root: XmlElement) => Iterable<SchemaDiagnostic>): SchemaDiagnostic[] {
  const out: SchemaDiagnostic[] = [];
  const roots = schemaRoots(doc);
  // ReadConfig stops at the first top-level element that is not a root (src/config/config.c:492-496, XML_INVELEM) and
  // skips variables, which os_xml keeps apart (OS_GetElementsbyNode): a file with no root at all is refused once, at
  // its first element, as the start-up model says (src/wazuh/load.ts readConfigPass) and one wrap mends them all; beside
  // a root, each stray element is its own refusal and its own move. Lint (outside-ossec-config) says the rest.
  const rootNames = new Set<string>(Object.values(ROOT_ELEMENTS));
  const strays = doc.roots.filter((r) => !rootNames.has(r.name) && !r.isVariable);
  for (const stray of roots.length > 0 ? strays : strays.slice(0, 1)) {
    out.push({ ruleId: 'outside-ossec-config', messageId: 'schema-root', data: { element: stray.name }, severity: SCHEMA_MESSAGES['schema-root'].severity, range: stray.openTag });
  }
  for (const root of roots) for (const d of checkRoot(root)) out.push(d);
  for (const d of versionDiagnostics(roots, target)) out.push(d);
  return dedupe(mergeMissingOptions(out)).sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || compareText(a.ruleId, b.ruleId));
}

function validateRoot({ lib, xsd }: Validator, doc: ConfigDocument, root: XmlElement): SchemaDiagnostic[] {
  const removed = new Set<XmlElement>(unrepresentable(doc, root));
  const out: SchemaDiagnostic[] = [];
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const findings = runLibxml(lib, xsd, prepareRoot(doc, root, removed));
    let removedMore = false;
    for (const f of findings) {
      const element = resolveXpath(root, removed, f.xpath) ?? elementAtLine(doc, root, removed, f);
      if (!element) continue;
      const result = classifyFinding(f, element);
      if (!result) continue;
      out.push(result.diagnostic);
      if (!result.unexpected || removed.has(element)) continue;
      // Content models here are repeated choices: a name refused once is refused for every sibling.
      for (const twin of sameNamedSiblings(element, removed)) {
        const twinResult = classifyFinding(f, twin);
        if (twinResult) out.push(twinResult.diagnostic);
        removed.add(twin);
      }
      removed.add(element);
      removedMore = true;
    }
    if (!removedMore) break;
  }
  return out;
}

function runLibxml(lib: Libxml, xsd: Validator['xsd'], bytes: Buffer): LibxmlFinding[] {
  // Latin-1 maps every byte to one character, so no input can fail decoding.
  const xml = lib.XmlDocument.fromBuffer(bytes, { encoding: 'ISO-8859-1', option: SAFE_PARSE_OPTIONS(lib) });
  try {
    xsd.validate(xml);
    return [];
  } catch (e) {
    if (!(e instanceof lib.XmlValidateError)) throw e;
    return e.details.map((d) => ({ message: d.message.trim(), line: d.line, xpath: (d as { xpath?: string }).xpath }));
  } finally {
    xml.dispose();
  }
}

function sameNamedSiblings(el: XmlElement, removed: ReadonlySet<XmlElement>): XmlElement[] {
  const name = xmlNameOf(el);
  return (el.parent?.children ?? []).filter((c) => c !== el && !c.isVariable && !removed.has(c) && xmlNameOf(c) === name);
}

/** Follows libxml2's `/ossec_config/command[2]/name` through the model (positions count same-named siblings). */
function resolveXpath(root: XmlElement, removed: ReadonlySet<XmlElement>, xpath: string | undefined): XmlElement | undefined {
  if (!xpath) return undefined;
  const steps = xpath.split('/').filter(Boolean);
  const first = /^([^[]+)/.exec(steps[0] ?? '');
  if (!first || first[1] !== xmlNameOf(root)) return undefined;
  let el = root;
  for (const step of steps.slice(1)) {
    const m = /^([^[]+)(?:\[(\d+)\])?$/.exec(step);
    if (!m) return undefined;
    const index = m[2] === undefined ? 1 : Number(m[2]);
    const same = el.children.filter((c) => !c.isVariable && !removed.has(c) && xmlNameOf(c) === m[1]);
    const next = same[index - 1];
    if (!next) return undefined;
    el = next;
  }
  return el;
}

/**
 * Fallback when libxml2 gives no usable path: among the elements whose start tag spans the line, the
 * first one with the name the message is about, else the innermost one.
 */
function elementAtLine(doc: ConfigDocument, root: XmlElement, removed: ReadonlySet<XmlElement>, f: LibxmlFinding): XmlElement | undefined {
  const named = /^Element '([^']*)'/.exec(f.message)?.[1];
  const onLine: XmlElement[] = [];
  const visit = (el: XmlElement) => {
    if (el.isVariable || removed.has(el)) return;
    const from = doc.lineOf(el.openTag.start);
    const to = doc.lineOf(Math.max(el.openTag.start, el.openTag.end - 1));
    if (from <= f.line && f.line <= to) onLine.push(el);
    el.children.forEach(visit);
  };
  visit(root);
  return onLine.find((el) => xmlNameOf(el) === named) ?? onLine[onLine.length - 1];
}

/** One finding per block for its missing options (`<name> or <executable>`), in the schema's order. */
function mergeMissingOptions(diags: SchemaDiagnostic[]): SchemaDiagnostic[] {
  const byBlock = new Map<number, SchemaDiagnostic>();
  const out: SchemaDiagnostic[] = [];
  for (const d of diags) {
    if (d.messageId !== 'schema-missing-option') {
      out.push(d);
      continue;
    }
    const first = byBlock.get(d.range.start);
    if (!first) {
      const merged = { ...d, data: { ...d.data } };
      byBlock.set(d.range.start, merged);
      out.push(merged);
      continue;
    }
    const options = blockSchema(String(d.data.block))?.options.map((o) => o.name) ?? [];
    const missing = new Set([...String(first.data.option).split('> or <'), String(d.data.option)]);
    first.data.option = options.filter((o) => missing.has(o)).join('> or <');
  }
  return out;
}

function dedupe(diags: SchemaDiagnostic[]): SchemaDiagnostic[] {
  const seen = new Set<string>();
  return diags.filter((d) => {
    const key = `${d.ruleId}\0${d.messageId}\0${d.range.start}\0${d.range.end}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
