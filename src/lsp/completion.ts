/**
 * Completion: the elements allowed at the cursor (in the target version), location values, command
 * names defined in the file, rule ids and groups of the configured ruleset, agent ids of the
 * configured agents, fixed values (yes/no, formats) and rule ids in disable comments.
 */
import type { CompletionItem } from 'vscode-languageserver';
import { cursorContext } from '../document/cursor.ts';
import type { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import type { RuleMeta } from '../lint/catalogue.ts';
import type { AgentInfo } from '../lint/types.ts';
import { blockSchema, optionDeprecatedIn, optionExistsIn, ROOT_ELEMENTS, SECTIONS } from '../schema/elements.ts';
import { CANONICAL_LOCATIONS } from '../wazuh/location.ts';
import { AGENT_IGNORED_SECTIONS } from '../wazuh/node-role.ts';
import type { Ruleset } from '../wazuh/ruleset-types.ts';
import type { TargetVersion } from '../wazuh/version.ts';
import { lspRange } from './positions.ts';

export interface CompletionInputs {
  target: TargetVersion;
  rules: Map<string, RuleMeta>;
  ruleset?: Ruleset;
  agents?: AgentInfo[];
}

/** CompletionItemKind values. */
const KIND = { value: 12, property: 10, module: 9, reference: 18, enumMember: 20 } as const;
/** CompletionItemTag.Deprecated */
const DEPRECATED = 1;
const ROOTS = [ROOT_ELEMENTS['ossec.conf'], ROOT_ELEMENTS['agent.conf']];

export function completions(doc: ConfigDocument, offset: number, inputs: CompletionInputs): CompletionItem[] {
  const { open, place } = cursorContext(doc.bytes, offset);
  if (place.kind === 'tag-name') {
    // The whole name, on both sides of the cursor: completing mid-name replaces it, never inserts into it.
    const replace = lspRange(doc, { start: place.nameStart, end: place.nameEnd });
    const names = place.closing ? open.slice(-1).map((name) => ({ name, detail: undefined, deprecated: false })) : childNames(open, inputs.target);
    return names.map(({ name, detail, deprecated }) => ({
      label: name,
      kind: open.length === 0 ? KIND.module : KIND.property,
      ...(detail ? { detail } : {}),
      ...(deprecated ? { tags: [DEPRECATED] } : {}),
      textEdit: { range: replace, newText: name },
    }));
  }
  if (place.kind === 'comment') {
    const body = doc.text({ start: place.bodyStart, end: offset });
    if (!/^\s*arctl-(disable|enable)/.test(body)) return [];
    const word = wordStart(doc, offset, place.bodyStart);
    return [...inputs.rules.values()].map((rule) => ({ label: rule.id, kind: KIND.reference, detail: rule.summary, textEdit: { range: lspRange(doc, { start: word, end: offset }), newText: rule.id } }));
  }
  if (place.kind !== 'content' || open.length < 2) return [];
  const element = open[open.length - 1];
  const block = open[open.length - 2];
  const range = lspRange(doc, { start: wordStart(doc, offset, place.contentStart), end: offset });
  const items = (values: Array<{ label: string; detail?: string; insert?: string }>, kind: CompletionItem['kind']): CompletionItem[] =>
    values.map((v) => ({ label: v.label, kind, ...(v.detail ? { detail: v.detail } : {}), textEdit: { range, newText: v.insert ?? v.label } }));
  if (block === 'active-response' && element === 'location') return items(CANONICAL_LOCATIONS.map((label) => ({ label })), KIND.enumMember);
  if (block === 'active-response' && element === 'command') {
    const names = buildConfigView(doc).commands.flatMap((c) => (c.name && c.name.text !== '' ? [c] : []));
    return items([...new Map(names.map((c) => [c.name!.text, { label: c.name!.text, detail: c.executable ? `runs ${c.executable.text}` : undefined }])).values()], KIND.reference);
  }
  if (element === 'agent_id' && block === 'active-response') {
    return items((inputs.agents ?? []).map((a) => ({ label: a.id, detail: `${a.name}${a.ip ? ` (${a.ip})` : ''}` })), KIND.value);
  }
  if ((element === 'rules_id' && block === 'active-response') || (element === 'rule_id' && block === 'email_alerts')) {
    return items([...(inputs.ruleset?.rules.values() ?? [])].map((r) => ({ label: String(r.id), detail: `level ${r.level}: ${r.description}` })), KIND.value);
  }
  if ((element === 'rules_group' && block === 'active-response') || (element === 'group' && block === 'email_alerts')) {
    // The group string is comma-terminated: `sshd,` does not also match `sshd_extra`.
    return items([...(inputs.ruleset?.groups ?? [])].sort().map((g) => ({ label: g, insert: `${g},` })), KIND.value);
  }
  const type = blockSchema(block)?.options.find((o) => o.name === element)?.type;
  if (type?.kind === 'yes-no') return items([{ label: 'yes' }, { label: 'no' }], KIND.enumMember);
  if (type?.kind === 'enum') return items(type.values.map((label) => ({ label })), KIND.enumMember);
  return [];
}

/** Element names allowed as a child of the innermost open element (roots at the top level). */
function childNames(open: readonly string[], target: TargetVersion): Array<{ name: string; detail?: string; deprecated: boolean }> {
  const parent = open[open.length - 1];
  if (parent === undefined) return ROOTS.map((name) => ({ name, deprecated: false }));
  if (open.length === 1 && (ROOTS as string[]).includes(parent)) {
    // A shared agent.conf: not the sections agents pass over (ar-in-agent-conf warns about each).
    const ignored = parent === ROOT_ELEMENTS['agent.conf'] ? AGENT_IGNORED_SECTIONS : [];
    return SECTIONS.filter((s) => optionExistsIn(s, target) && !ignored.includes(s.name)).map((s) => ({ name: s.name, detail: blockSchema(s.name)?.doc, deprecated: optionDeprecatedIn(s, target) }));
  }
  const block = open.length === 2 ? blockSchema(parent) : undefined;
  if (!block) return [];
  return block.options.filter((o) => optionExistsIn(o, target)).map((o) => ({ name: o.name, detail: o.doc, deprecated: optionDeprecatedIn(o, target) }));
}

/** Where the value being typed starts: after the last space, comma, `|` or `>` before the cursor. */
function wordStart(doc: ConfigDocument, offset: number, floor: number): number {
  let at = offset;
  while (at > floor) {
    const b = doc.bytes[at - 1];
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d || b === 0x2c || b === 0x7c || b === 0x3e) break;
    at--;
  }
  return at;
}
