/**
 * Hover: what an element or option means and in which Wazuh versions it exists (the schema data),
 * what a response's `<command>` resolves to, and for a finding under the cursor its rule's
 * explanation.
 */
import type { Diagnostic as LspDiagnostic, Hover } from 'vscode-languageserver';
import type { ConfigDocument } from '../document/document.ts';
import type { XmlElement } from '../document/types.ts';
import type { RuleMeta } from '../lint/catalogue.ts';
import { ruleDocsUrl } from '../lint/docs.ts';
import { blockSchema, optionDeprecatedIn, optionExistsIn, optionSchema, ROOT_ELEMENTS, SECTIONS, type OptionSchema, type SectionSchema, type VersionSpan } from '../schema/elements.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { refuseSharedFile } from '../wazuh/shared-conf.ts';
import { agentIgnoredReason } from '../wazuh/node-role.ts';
import { commandDefinitions, commandSiteAt, tagNameAt } from './locate.ts';
import { byteOffset, lspRange } from './positions.ts';
import { SOURCE } from './diagnostics.ts';

const SEVERITY_WORDS: Record<number, string> = { 1: 'error', 2: 'warning', 3: 'info', 4: 'hint' };

export interface HoverInputs {
  target: TargetVersion;
  rules: Map<string, RuleMeta>;
  /** The diagnostics last published for the document. */
  diagnostics: readonly LspDiagnostic[];
}

export function hover(doc: ConfigDocument, offset: number, inputs: HoverInputs): Hover | null {
  const parts: string[] = [];
  let range: Hover['range'];
  const tag = tagNameAt(doc, offset);
  if (tag) {
    const about = describeElement(tag, inputs.target);
    if (about) {
      parts.push(about);
      range = lspRange(doc, tag.nameRange);
    }
  } else {
    const site = commandSiteAt(doc, offset);
    if (site?.kind === 'reference') {
      parts.push(describeReference(doc, site.name, commandDefinitions(site.config, site.name, site.response), site.response.element.range.start));
    }
  }
  for (const d of inputs.diagnostics) {
    if (d.source !== SOURCE || typeof d.code !== 'string') continue;
    if (offset < byteOffset(doc, d.range.start) || offset > byteOffset(doc, d.range.end)) continue;
    const rule = inputs.rules.get(d.code);
    if (rule) parts.push(`**${rule.id}** (${SEVERITY_WORDS[d.severity ?? 1]}): ${rule.summary}\n\n${rule.docs.why}\n\n[${rule.id} documentation](${ruleDocsUrl(rule.id)})`);
  }
  if (parts.length === 0) return null;
  return { contents: { kind: 'markdown', value: [...new Set(parts)].join('\n\n---\n\n') }, ...(range ? { range } : {}) };
}

function describeElement(el: XmlElement, target: TargetVersion): string | undefined {
  const parent = el.parent;
  if (!parent) {
    if (el.name === ROOT_ELEMENTS['ossec.conf']) return '`<ossec_config>`: the root of ossec.conf; a file may hold several, read one after the other.';
    if (el.name === ROOT_ELEMENTS['agent.conf']) return '`<agent_config>`: a block of the shared agent.conf, applied to the agents its name, os or profile attributes select.';
    return undefined;
  }
  if (!parent.parent) {
    const section = SECTIONS.find((s) => s.name === el.name);
    const block = blockSchema(el.name);
    // In a shared agent.conf nothing stops: agents refuse the new file (src/wazuh/shared-conf.ts).
    const refusal = parent.name === ROOT_ELEMENTS['agent.conf'] ? `agents ${refuseSharedFile('(1230): Invalid element in the configuration')}` : 'Wazuh stops with (1230): Invalid element in the configuration';
    if (!section && !block) return `\`<${el.name}>\` is not a Wazuh configuration section: ${refusal}.`;
    // A section agents pass over in a shared agent.conf (ar-in-agent-conf warns about it): said first.
    const ignored = parent.name === ROOT_ELEMENTS['agent.conf'] ? agentIgnoredReason(el.name) : undefined;
    return [
      ...(ignored ? [`Agents ignore \`<${el.name}>\` in a shared agent.conf: ${ignored}. Put it in the manager's ossec.conf.`] : []),
      `\`<${el.name}>\`${block ? `: ${block.doc}` : ': a Wazuh configuration section.'}`,
      section ? versionsLine(section, target) : '',
    ].filter(Boolean).join('\n\n');
  }
  const block = blockSchema(parent.name);
  if (!block || parent.parent.parent) return undefined;
  const option = optionSchema(parent.name, el.name);
  if (!option) return `\`<${parent.name}>\` has no option \`<${el.name}>\`: Wazuh stops with (1230): Invalid element in the configuration.`;
  return [`\`<${el.name}>\` in \`<${parent.name}>\`: ${option.doc}`, optionFacts(option), versionsLine(option, target)].join('\n\n');
}

function optionFacts(option: OptionSchema): string {
  const facts = [
    `value: ${option.type.kind === 'enum' ? option.type.values.join(' | ') : option.type.kind}`,
    option.required ? 'required' : (option.requiredWhen ?? 'optional'),
    option.cardinality === 'repeatable' ? 'repeatable' : `${option.cardinality === 'last-wins' ? 'the last' : 'the first'} one counts when repeated`,
    `read by ${option.side === 'both' ? 'the manager and agents' : option.side === 'agent' ? 'agents' : 'the manager'}`,
  ];
  return facts.join('; ');
}

/** In which Wazuh versions the element exists, and what that means for the target version. */
export function describeVersions(span: VersionSpan): string {
  const parts: string[] = [];
  parts.push(span.since ? `since Wazuh ${span.since}` : 'in every Wazuh version');
  if (span.deprecatedSince) parts.push(`ignored since ${span.deprecatedSince}`);
  if (span.removedIn) parts.push(`removed in ${span.removedIn}`);
  return `${parts.join(', ')}${span.approximate ? ' (approximate: not checked against each release)' : ''}`;
}

function versionsLine(schema: OptionSchema | SectionSchema, target: TargetVersion): string {
  const state = !optionExistsIn(schema, target) ? 'not known to' : optionDeprecatedIn(schema, target) ? 'accepted and ignored by' : 'read by';
  return `Versions: ${describeVersions(schema.versions)}. ${state[0].toUpperCase()}${state.slice(1)} the target version ${target.text}.`;
}

function describeReference(doc: ConfigDocument, name: string, definitions: ReturnType<typeof commandDefinitions>, responseStart: number): string {
  const definition = definitions[0];
  if (!definition) return `No \`<command>\` is named \`${name}\` in this file.`;
  const line = doc.lineOf(definition.element.range.start);
  const after = definition.element.range.start > responseStart ? ' (after this response: Wazuh reads the file in one pass and does not find it)' : '';
  const facts = [
    definition.executable ? `runs \`${definition.executable.text}\`` : 'has no `<executable>`',
    `timeout_allowed ${definition.timeoutAllowed?.text ?? 'no (not set)'}`,
    ...(definition.extraArgs ? [`extra_args \`${definition.extraArgs.text}\``] : []),
  ];
  return `\`${name}\`: the \`<command>\` on line ${line}${after}: ${facts.join(', ')}.`;
}
