/**
 * Options and sections the target Wazuh version does not know yet (or no longer knows), from the
 * version spans in ./elements.ts. Spans marked approximate are not reported: they were not checked
 * against each release's source.
 */
import type { XmlElement } from '../document/types.ts';
import type { SchemaDiagnostic } from './rule-ids.ts';
import { SCHEMA_MESSAGES } from './messages.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { ROOT_ELEMENTS, SECTIONS, optionExistsIn, optionSchema, type OptionSchema, type SectionSchema } from './elements.ts';

export function versionDiagnostics(roots: readonly XmlElement[], target: TargetVersion): SchemaDiagnostic[] {
  const out: SchemaDiagnostic[] = [];
  const check = (el: XmlElement, schema: OptionSchema | SectionSchema | undefined, shared: boolean) => {
    if (!schema || schema.versions.approximate || optionExistsIn(schema, target)) return;
    const { since, removedIn } = schema.versions;
    const tooNew = since !== undefined && !optionExistsIn({ name: schema.name, versions: { since } }, target);
    // A group's agent.conf stops no daemon: agents refuse it (verifyRemoteConf, src/client-agent/reload_agent.c:66-100).
    const messageId = tooNew ? (shared ? 'schema-option-too-new-shared' : 'schema-option-too-new') : shared ? 'schema-option-removed-shared' : 'schema-option-removed';
    out.push({
      ruleId: 'option-not-in-version',
      messageId,
      data: { element: el.name, target: target.text, ...(since ? { since } : {}), ...(removedIn ? { removedIn } : {}) },
      severity: SCHEMA_MESSAGES[messageId].severity,
      range: { start: el.openTag.start, end: el.openTag.end },
    });
  };
  for (const root of roots) {
    const shared = root.name === ROOT_ELEMENTS['agent.conf'];
    for (const section of root.children) {
      check(section, SECTIONS.find((s) => s.name === section.name), shared);
      for (const child of section.children) check(child, optionSchema(section.name, child.name), shared);
    }
  }
  return out;
}
