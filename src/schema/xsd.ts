/**
 * Renders the XSD (src/schema/arctl-ossec.xsd) from the schema data in ./elements.ts. Strict for the
 * active-response related blocks, lax (`xs:any processContents="skip"`) for every other section.
 * `npm run gen:xsd` writes the file; a test checks it is in sync.
 *
 * The XSD states what Wazuh refuses when it loads the file (unknown children, values its readers
 * reject), not what arctl merely warns about. Order and repetition of options are free (Wazuh reads
 * options in any order; repeated ones are either collected or last-wins).
 */
import { LOCATION_KEYWORDS } from '../wazuh/location.ts';
import { BLOCK_NAMES, BLOCKS, SECTIONS, AGENT_CONFIG_ATTRIBUTES, type OptionSchema, type ValueType } from './elements.ts';

export const XSD_FILE_NAME = 'arctl-ossec.xsd';

/** Name of the identity constraint that makes a required option of a block mandatory. */
export function requiredConstraintName(block: string, option: string): string {
  return `${block}.requires.${option}`;
}

/** The name of the XSD simple type an option's content is checked against. */
export function simpleTypeName(option: OptionSchema): string {
  return `${valueTypeKey(option.type)}${option.nonEmpty ? '.non-empty' : ''}`;
}

function valueTypeKey(type: ValueType): string {
  switch (type.kind) {
    case 'digits':
      return type.min === undefined && type.max === undefined ? 'digits' : `digits.${type.min ?? 0}-${type.max ?? 'max'}`;
    case 'enum':
      return `enum.${type.values.join('-')}`;
    case 'email':
      return type.checked ? 'email.checked' : 'text';
    case 'yes-no':
      return type.anyCase ? 'yes-no.any-case' : type.kind;
    case 'location':
    case 'command-name':
    case 'log-source':
      return type.kind;
    case 'nested':
      return 'nested';
    default:
      // Kinds whose every value Wazuh accepts at load time (arctl's rules judge them).
      return 'text';
  }
}

/** A case-insensitive XSD regex for a literal ASCII word (`all` -> `[Aa][Ll][Ll]`). */
function caseInsensitive(word: string): string {
  return [...word].map((ch) => (/[a-z]/i.test(ch) ? `[${ch.toUpperCase()}${ch.toLowerCase()}]` : ch === '-' ? '\\-' : ch)).join('');
}

const ANY = '[\\s\\S]*';

/** Facets (enumerations or one pattern) of a simple type, or null for plain xs:string. */
function facets(type: ValueType): { enumeration?: readonly string[]; pattern?: string } | null {
  switch (type.kind) {
    case 'yes-no':
      return type.anyCase ? { pattern: `${caseInsensitive('yes')}|${caseInsensitive('no')}` } : { enumeration: ['yes', 'no'] };
    case 'enum':
      return { enumeration: type.values };
    case 'digits':
      return { pattern: digitsPattern(type.min, type.max) };
    case 'email':
      // Read_Global's unanchored `[a-zA-Z0-9\._-]+@[a-zA-Z0-9\._-]`.
      return type.checked ? { pattern: `${ANY}[a-zA-Z0-9._\\-]+@[a-zA-Z0-9._\\-]${ANY}` } : null;
    case 'location':
      return { pattern: `${ANY}(${LOCATION_KEYWORDS.map(caseInsensitive).join('|')})${ANY}` };
    case 'command-name':
      return { pattern: `([^!]${ANY})?` };
    case 'log-source':
      // Any value but an all-digits one (OS_StrIsNum, which the empty string also passes).
      return { pattern: `${ANY}[^0-9]${ANY}` };
    default:
      return null;
  }
}

/**
 * An XSD regex for the decimal numbers min..max with optional leading zeros, as Wazuh's
 * OS_StrIsNum + atoi + range check reads them (`020` is 20, `` is 0). No bounds: digits only.
 */
export function digitsPattern(min?: number, max?: number): string {
  if (min === undefined && max === undefined) return '[0-9]*';
  const lo = min ?? 0;
  if (max === undefined) throw new Error('digits with a minimum need a maximum');
  const alternatives: string[] = [];
  for (let len = String(lo).length; len <= String(max).length; len++) {
    const from = Math.max(lo, len === 1 ? 0 : 10 ** (len - 1));
    const to = Math.min(max, 10 ** len - 1);
    if (from <= to) alternatives.push(...sameLengthRange(String(from), String(to)));
  }
  // OS_StrIsNum accepts "" and atoi reads it as 0: empty is valid exactly when 0 is.
  return `0*(${alternatives.join('|')})${lo === 0 ? '?' : ''}`;
}

/** Regex alternatives for the numbers lo..hi written with the same number of digits. */
function sameLengthRange(lo: string, hi: string): string[] {
  if (lo.length === 0) return [''];
  if (lo === hi) return [lo];
  const a = Number(lo[0]);
  const b = Number(hi[0]);
  const restLen = lo.length - 1;
  const anyRest = restLen === 0 ? '' : restLen === 1 ? '[0-9]' : `[0-9]{${restLen}}`;
  if (a === b) return sameLengthRange(lo.slice(1), hi.slice(1)).map((r) => `${a}${r}`);
  const out: string[] = [];
  const loRestIsZeros = /^0*$/.test(lo.slice(1));
  const hiRestIsNines = /^9*$/.test(hi.slice(1));
  const firstFull = loRestIsZeros ? a : a + 1;
  const lastFull = hiRestIsNines ? b : b - 1;
  if (!loRestIsZeros) out.push(...sameLengthRange(lo.slice(1), '9'.repeat(restLen)).map((r) => `${a}${r}`));
  if (firstFull <= lastFull) out.push(`${firstFull === lastFull ? firstFull : `[${firstFull}-${lastFull}]`}${anyRest}`);
  if (!hiRestIsNines) out.push(...sameLengthRange('0'.repeat(restLen), hi.slice(1)).map((r) => `${b}${r}`));
  return out;
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function documentation(indent: string, text: string): string {
  return `${indent}<xs:annotation><xs:documentation>${escapeXml(text)}</xs:documentation></xs:annotation>\n`;
}

function renderSimpleTypes(): string {
  const byName = new Map<string, OptionSchema>();
  for (const block of BLOCK_NAMES) for (const o of BLOCKS[block].options) if (o.type.kind !== 'nested') byName.set(simpleTypeName(o), o);
  const out: string[] = [
    '  <!-- Non-empty: at least one non-blank character (Wazuh refuses or ignores blank values; rule empty-value). -->\n' +
      '  <xs:simpleType name="non-empty">\n' +
      `    <xs:restriction base="xs:string"><xs:pattern value="${escapeXml(`${ANY}\\S${ANY}`)}"/></xs:restriction>\n` +
      '  </xs:simpleType>\n',
  ];
  const plain = new Set<string>();
  for (const [name, o] of [...byName.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const f = facets(o.type);
    const base = o.nonEmpty ? 'non-empty' : 'xs:string';
    if (!f && !o.nonEmpty) {
      plain.add(name);
      continue;
    }
    const body = !f
      ? `    <xs:restriction base="${base}"/>\n`
      : f.enumeration
        ? `    <xs:restriction base="${base}">\n${f.enumeration.map((v) => `      <xs:enumeration value="${escapeXml(v)}"/>\n`).join('')}    </xs:restriction>\n`
        : `    <xs:restriction base="${base}"><xs:pattern value="${escapeXml(f.pattern!)}"/></xs:restriction>\n`;
    out.push(`  <xs:simpleType name="${name}">\n${body}  </xs:simpleType>\n`);
  }
  for (const name of plain) out.push(`  <xs:simpleType name="${name}"><xs:restriction base="xs:string"/></xs:simpleType>\n`);
  return out.join('\n');
}

function renderOption(o: OptionSchema): string {
  const doc = documentation('        ', `${o.doc}${o.versions.deprecatedSince ? ` Ignored since ${o.versions.deprecatedSince}.` : ''}${o.versions.since ? ` Since ${o.versions.since}.` : ''}`);
  if (o.type.kind === 'nested') return `      <xs:element name="${o.name}" type="lax">\n${doc}      </xs:element>\n`;
  return (
    `      <xs:element name="${o.name}">\n${doc}` +
    `        <xs:complexType><xs:simpleContent><xs:extension base="${simpleTypeName(o)}"><xs:anyAttribute processContents="skip"/></xs:extension></xs:simpleContent></xs:complexType>\n` +
    '      </xs:element>\n'
  );
}

function renderBlockTypes(): string {
  return BLOCK_NAMES.map((name) => {
    const block = BLOCKS[name];
    return (
      `  <xs:complexType name="block.${name}" mixed="true">\n${documentation('    ', block.doc)}` +
      '    <xs:choice minOccurs="0" maxOccurs="unbounded">\n' +
      block.options.map(renderOption).join('') +
      '    </xs:choice>\n' +
      '    <xs:anyAttribute processContents="skip"/>\n' +
      '  </xs:complexType>\n'
    );
  }).join('\n');
}

function renderSectionsGroup(): string {
  const lines = SECTIONS.map((s) => {
    if (!(BLOCK_NAMES as string[]).includes(s.name)) return `      <xs:element name="${s.name}" type="lax"/>\n`;
    const block = BLOCKS[s.name as keyof typeof BLOCKS];
    const required = block.options.filter((o) => o.required);
    if (required.length === 0) return `      <xs:element name="${s.name}" type="block.${s.name}"/>\n`;
    const keys = required
      .map((o) => `        <xs:key name="${requiredConstraintName(s.name, o.name)}"><xs:selector xpath="."/><xs:field xpath="${o.name}"/></xs:key>\n`)
      .join('');
    return `      <xs:element name="${s.name}" type="block.${s.name}">\n${keys}      </xs:element>\n`;
  });
  return (
    '  <xs:group name="sections">\n' +
    '    <xs:choice>\n' +
    lines.join('') +
    '    </xs:choice>\n' +
    '  </xs:group>\n'
  );
}

export function renderXsd(): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<!-- Generated by scripts/gen-xsd.ts from src/schema/elements.ts (npm run gen:xsd); do not edit by hand. -->
<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" elementFormDefault="unqualified">
${documentation('  ', 'arctl schema for Wazuh ossec.conf (roots <ossec_config>) and shared agent.conf (roots <agent_config>). Strict for <command>, <active-response>, <global>, <email_alerts> and <alerts> as Wazuh 4.14 reads them; other sections are accepted without checking their content. Wazuh allows several roots in one file; XML editors validate the first one only.')}
  <xs:element name="ossec_config">
    <xs:complexType mixed="true">
      <xs:group ref="sections" minOccurs="0" maxOccurs="unbounded"/>
      <xs:anyAttribute processContents="skip"/>
    </xs:complexType>
  </xs:element>

  <xs:element name="agent_config">
    <xs:complexType mixed="true">
      <xs:group ref="sections" minOccurs="0" maxOccurs="unbounded"/>
${AGENT_CONFIG_ATTRIBUTES.map((a) => `      <xs:attribute name="${a}" type="xs:string"/>\n`).join('')}      <xs:anyAttribute namespace="##other" processContents="skip"/>
    </xs:complexType>
  </xs:element>

${renderSectionsGroup()}
  <xs:complexType name="lax" mixed="true">
    <xs:sequence><xs:any processContents="skip" minOccurs="0" maxOccurs="unbounded"/></xs:sequence>
    <xs:anyAttribute processContents="skip"/>
  </xs:complexType>

${renderBlockTypes()}
${renderSimpleTypes()}</xs:schema>
`;
}
