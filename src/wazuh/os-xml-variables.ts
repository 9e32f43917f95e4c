/**
 * OS_ApplyVariables (src/os_xml/os_xml_variables.c, v4.14.7), which analysisd runs on every rules and
 * decoders file (not on ossec.conf). It walks os_xml's flat node list (each element, then its attributes,
 * then its children) in file order:
 * - a `<var>` element (any case) takes its name from the first attribute after it at its depth or deeper
 *   (its own, or, when it has none, a later element's: the C loop stops only at a shallower node); that
 *   attribute must be called `name` (any case) and be shorter than 256 bytes;
 * - every later element content and attribute value longer than 2 bytes has each `$NAME` replaced, where
 *   NAME ends at `$`, `.`, `|`, `,`, space or the end, compares ignoring ASCII case, and may not reach 255
 *   bytes; an unknown NAME fails unless it starts with `(` (a `$(field)` reference) or no variable is
 *   defined yet. The replacement keeps os_xml's write offset (`init`) exactly, including its quirk of not
 *   counting an unknown `$(...)` reference, so later replacements in the same value land where Wazuh puts them.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlAttribute, XmlElement } from '../document/types.ts';

/** os_xml_internal.h: the variable name buffer. */
export const XML_VARIABLE_MAXSIZE = 256;
/** `%.95s` in the unknown-variable message. */
const UNKNOWN_NAME_SHOWN = 95;

export interface SubstitutedValues {
  content(el: XmlElement): string;
  attribute(attr: XmlAttribute): string;
}

export type AppliedVariables = { ok: true; values: SubstitutedValues } | { ok: false; message: string; wazuhLine: number };

type FlatNode =
  | { kind: 'var'; element: XmlElement; depth: number; line: number }
  | { kind: 'elem'; element: XmlElement; depth: number; line: number }
  | { kind: 'attr'; attribute: XmlAttribute; depth: number; line: number };

/** os_xml's node arrays (tp, rl, ln) in their order: an element, its attributes, then its children. */
function flatNodes(doc: ConfigDocument): FlatNode[] {
  const out: FlatNode[] = [];
  const visit = (el: XmlElement) => {
    out.push({ kind: el.isVariable ? 'var' : 'elem', element: el, depth: el.depth, line: el.wazuhLine });
    for (const attribute of el.attributes) out.push({ kind: 'attr', attribute, depth: el.depth, line: attribute.wazuhLine });
    el.children.forEach(visit);
  };
  doc.roots.forEach(visit);
  return out;
}

const DOLLAR = 0x24;
const ENDS_NAME = new Set([DOLLAR, 0x2e, 0x7c, 0x2c, 0x20, 0x00]); // $ . | , space NUL
const OPEN_PAREN = 0x28;

class VariableFailure extends Error {
  constructor(
    message: string,
    readonly wazuhLine: number,
  ) {
    super(message);
  }
}

/** strcasecmp in the C locale: ASCII letters fold. */
function sameNameIgnoringAsciiCase(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    const x = a[i] >= 0x41 && a[i] <= 0x5a ? a[i] + 32 : a[i];
    const y = b[i] >= 0x41 && b[i] <= 0x5a ? b[i] + 32 : b[i];
    if (x !== y) return false;
  }
  return true;
}

/** strncat(dst, src, n) with n a size_t computed as `limit - strlen(dst)` (negative wraps: no limit). */
function strncat(dst: Buffer, src: Buffer, n: number): Buffer {
  return Buffer.concat([dst, n < 0 ? src : src.subarray(0, n)]);
}

interface Variable {
  name: Buffer;
  value: Buffer;
}

/** The value with os_xml's substitution applied, or a VariableFailure. */
function substitute(text: string, vars: readonly Variable[], line: number): string {
  const orig: Buffer = Buffer.from(text, 'utf8');
  let ct: Buffer = orig;
  let init = 0;
  let p = 0;
  const at = (i: number) => (i < orig.length ? orig[i] : 0);
  while (at(p) !== 0) {
    if (at(p) !== DOLLAR) {
      p++;
      init++;
      continue;
    }
    p++;
    const nameStart = p;
    for (;;) {
      if (ENDS_NAME.has(at(p))) {
        const lvar = orig.subarray(nameStart, p);
        const tp = lvar.length;
        const found = vars.find((v) => sameNameIgnoringAsciiCase(v.name, lvar));
        if (found) {
          // strncpy + ct[init] = '\0' + strncat(value) + strncat(rest), each bounded by tsize as in C.
          const tsize = ct.length + found.value.length - tp + 1;
          const prefix = ct.subarray(0, Math.min(init, tsize, ct.length));
          let next = strncat(Buffer.from(prefix), found.value, tsize - init);
          init = next.length;
          next = strncat(next, orig.subarray(p), tsize - next.length);
          ct = next;
        }
        if (lvar[0] === OPEN_PAREN) break;
        if (!found && tp >= 1) {
          const shown = lvar.subarray(0, UNKNOWN_NAME_SHOWN).toString('utf8');
          throw new VariableFailure(`XMLERR: Unknown variable: '${shown}'.`, line);
        }
        if (!found) init++;
        break;
      }
      if (p - nameStart >= XML_VARIABLE_MAXSIZE - 1) throw new VariableFailure(`XMLERR: Invalid variable name size: '${p - nameStart}'.`, line);
      p++;
    }
  }
  return ct === orig ? text : ct.toString('utf8');
}

/** Runs OS_ApplyVariables over the document: the substituted values, or Wazuh's error and line. */
export function applyOsXmlVariables(doc: ConfigDocument): AppliedVariables {
  const nodes = flatNodes(doc);
  const vars: Variable[] = [];
  const contents = new Map<XmlElement, string>();
  const attributes = new Map<XmlAttribute, string>();
  try {
    for (let i = 0; i < nodes.length; i++) {
      const node = nodes[i];
      if (node.kind === 'var') {
        let name: Buffer | undefined;
        for (let j = i + 1; j < nodes.length && nodes[j].depth >= node.depth; j++) {
          const other = nodes[j];
          if (other.kind !== 'attr') continue;
          if (other.attribute.name.toLowerCase() !== 'name') {
            throw new VariableFailure('XMLERR: Only "name" is allowed as an attribute for a variable.', other.line);
          }
          // The value as read: Wazuh keeps a pointer to it, which a later substitution in that attribute
          // frees (undefined behaviour); the name as written is what such a file intends.
          name = Buffer.from(other.attribute.value, 'utf8');
          if (name.length >= XML_VARIABLE_MAXSIZE) throw new VariableFailure('XMLERR: Invalid variable name size.', other.line);
          break;
        }
        if (!name) throw new VariableFailure('XMLERR: No value set for variable.', node.line);
        vars.push({ name, value: Buffer.from(node.element.content, 'utf8') });
        continue;
      }
      const text = node.kind === 'elem' ? node.element.content : node.attribute.value;
      if (Buffer.byteLength(text, 'utf8') <= 2 || vars.length === 0 || !text.includes('$')) continue;
      const replaced = substitute(text, vars, node.line);
      if (replaced === text) continue;
      if (node.kind === 'elem') contents.set(node.element, replaced);
      else attributes.set(node.attribute, replaced);
    }
  } catch (error) {
    if (error instanceof VariableFailure) return { ok: false, message: error.message, wazuhLine: error.wazuhLine };
    throw error;
  }
  return {
    ok: true,
    values: {
      content: (el) => contents.get(el) ?? el.content,
      attribute: (attr) => attributes.get(attr) ?? attr.value,
    },
  };
}
