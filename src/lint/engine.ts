/**
 * The lint engine: runs every enabled rule over a parsed document and returns diagnostics with the
 * configured severities. Pure: no I/O, no printing.
 */
import { ConfigDocument } from '../document/document.ts';
import { buildConfigView } from '../document/views.ts';
import type { Diagnostic, FileRole, LintInputs, Report, RuleDefinition, Severity, SeveritySetting } from './types.ts';
import { allRules } from './rules/index.ts';

export interface LintOptions extends LintInputs {
  /** Per-rule severity overrides (config file and --rule). */
  ruleSettings?: Record<string, SeveritySetting>;
  /** Only run these rules (tests and `--rule` isolation); undefined = all. */
  only?: string[];
  /** Defaults to the file name: `agent.conf` (or an `<agent_config>` root) means shared agent configuration. */
  role?: FileRole;
}

export const PARSE_ERROR_RULE_ID = 'parse-error';

export function rulesById(): Map<string, RuleDefinition> {
  return new Map(allRules.map((r) => [r.id, r]));
}

export function fileRole(doc: ConfigDocument): FileRole {
  if (/(^|[\\/])agent\.conf$/.test(doc.path)) return 'agent.conf';
  if (doc.roots.some((r) => r.name === 'agent_config') && !doc.roots.some((r) => r.name === 'ossec_config')) return 'agent.conf';
  return 'ossec.conf';
}

/** Runs the rules. A file Wazuh cannot parse yields only the parse-error diagnostic. */
export function runRules(doc: ConfigDocument, options: LintOptions): Diagnostic[] {
  const settings = options.ruleSettings ?? {};
  if (doc.parseError) {
    const setting = settings[PARSE_ERROR_RULE_ID];
    if (setting === 'off') return [];
    const at = doc.parseError.offset;
    return [
      {
        ruleId: PARSE_ERROR_RULE_ID,
        messageId: 'xml',
        data: { message: doc.parseError.message, wazuhLine: doc.parseError.wazuhLine },
        severity: setting ?? 'error',
        range: { start: at, end: Math.min(doc.bytes.length, at + 1) },
      },
    ];
  }
  const config = buildConfigView(doc);
  const role = options.role ?? fileRole(doc);
  const out: Diagnostic[] = [];
  for (const rule of allRules) {
    if (options.only && !options.only.includes(rule.id)) continue;
    const setting = settings[rule.id];
    if (setting === 'off') continue;
    if (!inputsAvailable(rule, options)) continue;
    const report = (r: Report) => {
      const severity: Severity = setting ?? r.severity ?? rule.severity;
      out.push({ ruleId: rule.id, messageId: r.messageId, data: r.data ?? {}, severity, range: r.range, ...(r.fix ? { fix: r.fix } : {}) });
    };
    rule.check({ ...options, doc, config, role, report });
  }
  out.sort((a, b) => a.range.start - b.range.start || a.range.end - b.range.end || a.ruleId.localeCompare(b.ruleId));
  return out;
}

export function inputsAvailable(rule: RuleDefinition, inputs: LintInputs): boolean {
  return rule.needs.every((need) => {
    switch (need) {
      case 'ruleset':
        return inputs.ruleset !== undefined;
      case 'arBin':
        return inputs.arBin !== undefined;
      case 'agents':
        return inputs.agents !== undefined;
      case 'managerIp':
        return inputs.managerIps.length > 0;
      default:
        return false;
    }
  });
}

/** The message text of a diagnostic: the rule's template with `{{name}}` filled in. */
export function formatMessage(d: Diagnostic, rules = rulesById()): string {
  if (d.ruleId === PARSE_ERROR_RULE_ID) return `Wazuh cannot read this file: ${d.data.message} (Wazuh reports line ${d.data.wazuhLine}; error 1226)`;
  const template = rules.get(d.ruleId)?.messages[d.messageId] ?? d.messageId;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, key: string) => (key in d.data ? String(d.data[key]) : `{{${key}}}`));
}
