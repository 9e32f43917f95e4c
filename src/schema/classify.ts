/**
 * Turns one libxml2 validation message about a model element into an arctl diagnostic: the
 * catalogue's rule id (lint-rules.md), a message id from ./messages.ts, the values involved, and the
 * range the matching lint rule uses (the start tag for unknown or misplaced options, sections and roots,
 * the content for bad values, the whole element when it has no content).
 */
import type { XmlElement } from '../document/types.ts';
import type { SchemaDiagnostic, SchemaMessageFor, SchemaRuleId } from './rule-ids.ts';
import { SCHEMA_MESSAGES } from './messages.ts';
import { blockSchema, blocksWithOption, isValidRoot, optionSchema, suggestOption, suggestSection, type OptionSchema } from './elements.ts';
import { valueIgnored } from '../wazuh/repeated-options.ts';
import { elementsNotRefused } from '../wazuh/repeated-offenders.ts';

export interface LibxmlFinding {
  message: string;
  line: number;
  xpath?: string;
}

export interface Classified {
  diagnostic: SchemaDiagnostic;
  /** The element is not allowed where it is: remove it and validate again to see its siblings. */
  unexpected: boolean;
}

/** libxml2 repeats a value error ("[facet ...]" then "... is not a valid value ..."); both map to one diagnostic. */
const VALUE_ERROR = /\[facet '|is not a valid value|is not accepted by the pattern|is not an element of the set/;

/** Follow-ups of an error already reported on the same element (an invalid key field's value). */
const FOLLOW_UP = /No precomputed value available/;

export function classifyFinding(f: LibxmlFinding, el: XmlElement): Classified | null {
  const text = f.message;
  if (FOLLOW_UP.test(text)) return null;
  if (text.includes('This element is not expected')) return { diagnostic: unexpectedElement(el), unexpected: true };
  if (text.includes('No matching global declaration')) {
    return { diagnostic: diag('outside-ossec-config', 'schema-root', { element: el.name }, el.openTag), unexpected: false };
  }
  const constraint = /identity-constraint '([^']+)'/.exec(text);
  if (constraint) {
    // "more than one member": a repeated required option; Wazuh takes the last one (lint's concern).
    if (!text.includes('Not all fields')) return null;
    const [block, , option] = constraint[1].split('.');
    // The option is there but libxml2 refused its value: that value error is the finding.
    if (el.children.some((c) => !c.isVariable && c.name === option)) return null;
    return { diagnostic: missingOption(el, block, option), unexpected: false };
  }
  if (VALUE_ERROR.test(text)) {
    // An option holding elements is reported once, as such; libxml2 also judges its scattered text.
    if (el.children.some((c) => !c.isVariable)) return null;
    const diagnostic = badValue(el);
    return diagnostic ? { diagnostic, unexpected: false } : null;
  }
  if (text.includes('Element content is not allowed')) {
    const diagnostic = childrenNotAllowed(el);
    return diagnostic ? { diagnostic, unexpected: false } : null;
  }
  return { diagnostic: diag('invalid-value', 'schema-other', { element: el.name, message: text }, el.openTag), unexpected: false };
}

/** A block without one of its required options (`<command>` without `<name>`): (1280). */
export function missingOption(block: XmlElement, blockName: string, option: string): SchemaDiagnostic {
  return diag('command-missing-field', 'schema-missing-option', { block: blockName, option }, block.openTag);
}

/** An option that holds child elements where Wazuh reads a value (null: Wazuh does not refuse it). */
export function childrenNotAllowed(el: XmlElement): SchemaDiagnostic | null {
  if (elementsNotRefused(el)) return null;
  return diag('invalid-value', 'schema-children-not-allowed', { element: el.name, block: el.parent?.name ?? '' }, el.openTag);
}

/** A section or option that is not allowed where it is (unknown, or an option of another block). */
export function unexpectedElement(el: XmlElement): SchemaDiagnostic {
  const parent = el.parent;
  if (!parent) return diag('outside-ossec-config', 'schema-root', { element: el.name }, el.openTag);
  if (isValidRoot(parent.name) || isValidRoot(parent.name, 'agent.conf')) {
    const suggestion = suggestSection(el.name);
    return diag('unknown-element', suggestion ? 'schema-unknown-section-suggest' : 'schema-unknown-section', withSuggestion({ element: el.name, parent: parent.name }, suggestion), el.openTag);
  }
  const block = blockSchema(parent.name);
  if (!block) return diag('unknown-element', 'schema-unexpected-child', { element: el.name, parent: parent.name }, el.openTag);
  const suggestion = suggestOption(block.name, el.name);
  const owners = blocksWithOption(el.name);
  if (owners.length > 0) {
    return diag(
      'option-from-other-block',
      suggestion ? 'schema-option-from-other-block-suggest' : 'schema-option-from-other-block',
      withSuggestion({ element: el.name, block: block.name, owners: owners.join('>, <') }, suggestion),
      el.openTag,
    );
  }
  return diag('unknown-element', suggestion ? 'schema-unknown-option-suggest' : 'schema-unknown-option', withSuggestion({ element: el.name, block: block.name }, suggestion), el.openTag);
}

/**
 * `<disabled>yes</disabled>` in the block: any one of them, wherever it is (ReadActiveResponses sets
 * ar_flag = -1 on a "yes"; a later "no" does nothing).
 */
function isDisabledBlock(block: XmlElement | null): boolean {
  return block?.children.some((c) => c.name === 'disabled' && c.content === 'yes') ?? false;
}

/** A value the option's reader refuses, under the catalogue rule that owns it (null: not reported). */
export function badValue(el: XmlElement): SchemaDiagnostic | null {
  // Another occurrence replaces this one before Wazuh checks the value (option-repeated reports it).
  if (valueIgnored(el)) return null;
  const block = el.parent?.name ?? '';
  const option = optionSchema(block, el.name);
  const data = { element: el.name, block, value: el.content };
  const contentRange = el.contentRange.end > el.contentRange.start ? el.contentRange : el.range;
  if (el.content.trim() === '' && (option?.nonEmpty || EMPTY_VALUE_OPTIONS.has(`${block}/${el.name}`))) {
    // A disabled block returns before its options are looked at; only a blank <level> is refused in the loop.
    if (block === 'active-response' && isDisabledBlock(el.parent) && !(el.name === 'level' && el.content !== '')) return null;
    return diag('empty-value', 'schema-empty', { element: el.name, block }, contentRange);
  }
  if (!option) return diag('invalid-value', 'schema-invalid-value', { ...data, expected: 'a valid value' }, contentRange);
  const ruleId = valueRuleId(block, option);
  if (ruleId === 'invalid-location') {
    // A disabled block is skipped before its location is looked at (ReadActiveResponses).
    if (isDisabledBlock(el.parent)) return null;
    return diag(ruleId, 'schema-invalid-location', data, contentRange);
  }
  if (ruleId === 'email-address-invalid') return diag(ruleId, 'schema-invalid-email', data, contentRange);
  return diag(ruleId, 'schema-invalid-value', { ...data, expected: expectedText(option) }, contentRange);
}

/** Options whose blank values the catalogue's empty-value rule owns (lint-rules.md rule 4). */
const EMPTY_VALUE_OPTIONS = new Set([
  'command/name',
  'command/executable',
  'active-response/command',
  'active-response/location',
  'active-response/agent_id',
  'active-response/level',
  'active-response/timeout',
  'active-response/rules_id',
  'global/email_to',
  'global/white_list',
  'email_alerts/email_to',
  'email_alerts/level',
]);

/** The catalogue rule that owns a refused value of this option. */
function valueRuleId(block: string, option: OptionSchema): SchemaRuleId {
  const key = `${block}/${option.name}`;
  const byOption: Record<string, SchemaRuleId> = {
    'active-response/level': 'level-invalid',
    'active-response/location': 'invalid-location',
    'command/name': 'command-name-reserved-bang',
    'email_alerts/level': 'email-level-invalid',
    'email_alerts/format': 'email-format-invalid',
    'global/email_to': 'email-address-invalid',
    'global/email_maxperhour': 'email-maxperhour-range',
    'global/email_log_source': 'email-log-source-invalid',
  };
  if (byOption[key]) return byOption[key];
  if (option.type.kind === 'yes-no') return 'invalid-boolean';
  return 'invalid-value';
}

function expectedText(option: OptionSchema): string {
  const t = option.type;
  switch (t.kind) {
    case 'yes-no':
      return t.anyCase ? 'yes or no, in any case' : 'exactly yes or no';
    case 'enum':
      return t.values.join(', ');
    case 'digits':
      return t.min === undefined && t.max === undefined ? 'digits only' : `digits only, ${t.min ?? 0} to ${t.max}`;
    case 'command-name':
      return 'a name that does not start with !';
    case 'log-source':
      return 'alerts.log or alerts.json';
    default:
      return 'a valid value';
  }
}

function withSuggestion(data: Record<string, string>, suggestion: string | undefined): Record<string, string> {
  return suggestion ? { ...data, suggestion } : data;
}

function diag<R extends SchemaRuleId>(ruleId: R, messageId: SchemaMessageFor<R>, data: Record<string, string | number>, range: { start: number; end: number }): SchemaDiagnostic {
  return { ruleId, messageId, data, severity: SCHEMA_MESSAGES[messageId].severity, range: { start: range.start, end: range.end } };
}
