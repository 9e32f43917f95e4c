/**
 * Suggestions: the "did you mean" of a finding that has no safe fix, offered as an edit the user
 * chooses (never applied by --fix). Only where the finding's text holds the offending value exactly
 * once, so the edit replaces that value and nothing else.
 */
import type { ConfigDocument } from '../document/document.ts';
import type { TextEdit } from '../document/edit.ts';
import type { Diagnostic } from '../lint/types.ts';

/** Rule id -> the data key holding the offending text, and the replacement made from `suggestion`. */
const SUGGESTING_RULES: Record<string, { value: string; replacement: (suggestion: string) => string }> = {
  'unknown-command': { value: 'name', replacement: (s) => s },
  'rules-id-unknown': { value: 'id', replacement: (s) => s },
  'rules-group-unknown': { value: 'alternative', replacement: (s) => `${s},` },
};

export function suggestionEdit(doc: ConfigDocument, d: Diagnostic): { title: string; edit: TextEdit } | undefined {
  const how = Object.hasOwn(SUGGESTING_RULES, d.ruleId) ? SUGGESTING_RULES[d.ruleId] : undefined;
  const suggestion = d.data.suggestion;
  const value = how ? d.data[how.value] : undefined;
  if (!how || suggestion === undefined || value === undefined || String(value) === '') return undefined;
  const text = doc.text(d.range);
  const from = String(value);
  const at = text.indexOf(from);
  if (at === -1 || text.indexOf(from, at + 1) !== -1) return undefined;
  const replacement = how.replacement(String(suggestion));
  const start = d.range.start + Buffer.byteLength(text.slice(0, at));
  return { title: `Replace '${from}' with '${replacement}'`, edit: { start, end: start + Buffer.byteLength(from), text: replacement } };
}
