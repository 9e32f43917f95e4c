/**
 * Schema validation of one `<ossec_config>`/`<agent_config>` root straight from the schema data
 * (./elements.ts) over the document model: the findings libxml2 gives against arctl-ossec.xsd
 * (./validate.ts, kept as the reference and behind `--libxml2`), without loading a wasm XML Schema
 * engine on every run. test/schema/native-vs-libxml2.test.ts requires both to agree.
 *
 * Values are judged on the content Wazuh's reader yields (comments removed, cut at NUL), where
 * libxml2 sees the raw text; that is the one place the two differ, and Wazuh decides.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import { badValue, childrenNotAllowed, missingOption, unexpectedElement } from './classify.ts';
import { blockSchema, isKnownSection, optionSchema, type BlockSchema } from './elements.ts';
import { unrepresentable, xmlNameOf } from './prepare.ts';
import { acceptsValue } from './values.ts';
import type { SchemaDiagnostic } from './rule-ids.ts';

export function nativeRootDiagnostics(doc: ConfigDocument, root: XmlElement): SchemaDiagnostic[] {
  const skipped = new Set<XmlElement>(unrepresentable(doc, root));
  const checked = (el: XmlElement) => el.children.filter((c) => !c.isVariable && !skipped.has(c));
  const out: SchemaDiagnostic[] = [];
  for (const section of checked(root)) {
    if (!isKnownSection(xmlNameOf(section))) {
      out.push(unexpectedElement(section));
      continue;
    }
    const block = blockSchema(section.name);
    if (block) checkBlock(block, section, checked(section), checked, out);
  }
  return out;
}

function checkBlock(block: BlockSchema, section: XmlElement, children: XmlElement[], checked: (el: XmlElement) => XmlElement[], out: SchemaDiagnostic[]): void {
  for (const child of children) {
    const option = optionSchema(block.name, xmlNameOf(child));
    if (!option) {
      out.push(unexpectedElement(child));
      continue;
    }
    if (option.type.kind === 'nested') continue;
    if (checked(child).length > 0) {
      const finding = childrenNotAllowed(child);
      if (finding) out.push(finding);
      continue;
    }
    if (!acceptsValue(option, child.content)) {
      const finding = badValue(child);
      if (finding) out.push(finding);
    }
  }
  for (const option of block.options) {
    if (option.required && !children.some((c) => c.name === option.name)) out.push(missingOption(section, block.name, option.name));
  }
}
