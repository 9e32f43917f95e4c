/**
 * `arctl explain 1303`: what leads to a Wazuh error code and which rules report it, read from the rule
 * catalogue (each rule's messages and docs name the codes they are about, e.g. "(1303): Invalid
 * command ..."), so the answer follows the rules as they change.
 */
import type { RuleMeta } from './catalogue.ts';
import type { Severity } from './types.ts';

export interface WazuhCodeRule {
  rule: RuleMeta;
  /** The rule's messages that name the code (empty when only its docs do: the code is one consequence among others). */
  messages: Array<{ id: string; severity: Severity; text: string }>;
}

export interface WazuhCodeExplanation {
  code: number;
  /** Wazuh's own texts for the code as the rules' messages quote them, e.g. "(1303): Invalid command '<name>' in the active response." */
  wazuhTexts: string[];
  /** Rules whose messages name the code first, then rules whose docs do; each group in id order. */
  rules: WazuhCodeRule[];
}

/** A Wazuh message code as written: four digits (1230, 1303, 7612). */
export function isWazuhCode(text: string): boolean {
  return /^\d{4}$/.test(text.trim());
}

/** Undefined when no rule names the code. */
export function explainWazuhCode(code: number, catalogue: ReadonlyMap<string, RuleMeta>): WazuhCodeExplanation | undefined {
  const marker = `(${code})`;
  const quoted = new RegExp(`\\(${code}\\): [^\`]*?(?:\\.(?=\\s|$|\`)|$)`, 'g');
  const wazuhTexts = new Set<string>();
  const byMessage: WazuhCodeRule[] = [];
  const byDocs: WazuhCodeRule[] = [];
  for (const rule of [...catalogue.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))) {
    const messages = Object.entries(rule.messages)
      .filter(([, m]) => m.text.includes(marker))
      .map(([id, m]) => ({ id, severity: m.severity, text: m.text }));
    for (const { text } of messages) {
      for (const match of text.matchAll(quoted)) wazuhTexts.add(match[0].replace(/\{\{hint\}\}/g, '').replace(/\{\{(\w+)\}\}/g, '<$1>').trim());
    }
    if (messages.length > 0) byMessage.push({ rule, messages });
    else if ([rule.summary, rule.docs.what, rule.docs.why].some((t) => t.includes(marker))) byDocs.push({ rule, messages: [] });
  }
  if (byMessage.length + byDocs.length === 0) return undefined;
  return { code, wazuhTexts: [...wazuhTexts].sort(), rules: [...byMessage, ...byDocs] };
}

/** Every Wazuh code some rule names, ascending (for "did you mean" and help). */
export function knownWazuhCodes(catalogue: ReadonlyMap<string, RuleMeta>): number[] {
  const codes = new Set<number>();
  for (const rule of catalogue.values()) {
    const texts = [rule.summary, rule.docs.what, rule.docs.why, ...Object.values(rule.messages).map((m) => m.text)];
    for (const text of texts) for (const m of text.matchAll(/\((\d{4})\)/g)) codes.add(Number(m[1]));
  }
  return [...codes].sort((a, b) => a - b);
}
