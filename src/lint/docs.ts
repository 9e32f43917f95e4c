/** Rule documentation rendered from rule metadata: docs/rules/<id>.md, `arctl explain`, SARIF help links. */
import type { RuleMeta } from './catalogue.ts';
import { ruleSeverities, type RuleExampleContext, type Severity } from './types.ts';
import { namesRenamedDaemon, withCurrentDaemonNames } from './daemon-names.ts';

/** Where docs/rules/ is published; SARIF helpUri and `arctl explain` link here. */
export const DOCS_BASE_URL = 'https://github.com/arctl/arctl/blob/main/docs/rules';

export function ruleDocsUrl(id?: string): string {
  return id ? `${DOCS_BASE_URL}/${id}.md` : DOCS_BASE_URL;
}

const inputNames: Record<string, string> = {
  ruleset: '--ruleset DIR',
  arBin: '--ar-bin DIR',
  agents: '--agents FILE',
  managerIp: '--manager-ip IP',
};

export function describeNeeds(needs: readonly string[]): string {
  return needs.length ? needs.map((n) => inputNames[n] ?? n).join(', ') : '-';
}

/** The severities a rule's findings can carry, most severe first: `error/info`. */
export function describeSeverities(rule: Pick<RuleMeta, 'messages'>): string {
  return ruleSeverities(rule).join('/');
}

/** The rule's severity table, most severe first, then by message id. */
export function messageTable(rule: Pick<RuleMeta, 'messages'>): Array<{ id: string; severity: Severity; text: string }> {
  const order: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
  return Object.entries(rule.messages)
    .map(([id, m]) => ({ id, severity: m.severity, text: withCurrentDaemonNames(m.text) }))
    .sort((a, b) => order[a.severity] - order[b.severity] || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The stock rules a `ruleset: 'stock'` example context means. */
/** Below a message table whose texts name a daemon Wazuh renamed: findings name it as the target does. */
const DAEMON_NAMES_NOTE = 'Daemon names are those of the target version: findings for a target before Wazuh 4.2 name the ossec-* daemons (ossec-maild, ossec-analysisd, ...).';

export const STOCK_RULESET_VERSION = '4.14.7';

/**
 * The options a rule's examples are linted with, as command-line flags with what they hold, e.g.
 * `--agents FILE listing 001 web01, 002 db01`; undefined when the file alone is enough.
 * `code` wraps each flag (markdown).
 */
export function describeExampleContext(context: RuleExampleContext | undefined, code: (flag: string) => string = (f) => f): string | undefined {
  if (!context) return undefined;
  const parts: string[] = [];
  if (context.targetVersion) parts.push(code(`--target-version ${context.targetVersion}`));
  if (context.ruleset === 'stock') parts.push(`${code('--ruleset /var/ossec/ruleset/rules')} (the stock Wazuh ${STOCK_RULESET_VERSION} rules)`);
  if (context.agents) {
    const agents = context.agents.map((a) => `${a.id} ${a.name}${a.version ? ` (${a.version})` : ''}`);
    parts.push(`${code('--agents FILE')} listing ${agents.join(', ')}`);
  }
  if (context.arBin) parts.push(`${code('--ar-bin DIR')} holding ${context.arBin.join(', ')}`);
  for (const ip of context.managerIps ?? []) parts.push(code(`--manager-ip ${ip}`));
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/** The markdown page for one rule (docs/rules/<id>.md). */
export function renderRuleDoc(rule: RuleMeta): string {
  const context = describeExampleContext(rule.docs.context, (flag) => `\`${flag}\``);
  const linted = context ? [`Linted with ${context}:`, ''] : [];
  const lines = [
    `# ${rule.id}`,
    '',
    rule.summary,
    '',
    `- Severity: ${describeSeverities(rule)} (by message, below)`,
    `- Fixable with \`--fix\`: ${rule.fixable ? 'yes' : 'no'}`,
    ...(hasSuggestions(rule) ? [`- Suggestions (\`--fix-suggestions\`, editor quick fixes): ${Object.values(rule.suggestionMessages ?? {}).map((t) => tableCell(String(t))).join('; ')}`] : []),
    `- Needs: ${rule.needs.length ? describeNeeds(rule.needs) : 'nothing beyond the file'}`,
    '',
    '## Messages',
    '',
    '| Message id | Severity | Text |',
    '| --- | --- | --- |',
    ...messageTable(rule).map((m) => `| \`${m.id}\` | ${m.severity} | ${tableCell(m.text)} |`),
    '',
    ...(Object.values(rule.messages).some((m) => namesRenamedDaemon(m.text)) ? [DAEMON_NAMES_NOTE, ''] : []),
    '## What it detects',
    '',
    rule.docs.what,
    '',
    '## Why',
    '',
    rule.docs.why,
    '',
    '## Bad',
    '',
    ...linted,
    '```xml',
    rule.docs.bad,
    '```',
    '',
    '## Good',
    '',
    ...linted,
    '```xml',
    rule.docs.good,
    '```',
    '',
  ];
  if (rule.docs.fix) lines.push('## Fix', '', rule.docs.fix, '');
  lines.push(
    '## Turning it off',
    '',
    `In \`.arctl.json\`: \`{ "rules": { "${rule.id}": "off" } }\`, on the command line: \`--rule ${rule.id}=off\`,`,
    `or for one element: \`<!-- arctl-disable-next-line ${rule.id}: reason -->\`.`,
    '',
  );
  return lines.join('\n');
}

/** Every docs file, by file name, for the generator and its sync test. */
export function renderAllDocs(rules: readonly RuleMeta[]): Map<string, string> {
  return new Map(rules.map((rule) => [`${rule.id}.md`, renderRuleDoc(rule)]));
}

/** Markers around the generated rule list in README.md. */
export const README_RULES_START = '<!-- rules:start (generated by `npm run gen:docs`; do not edit) -->';
export const README_RULES_END = '<!-- rules:end -->';

/** Whether the rule offers suggestions (changes that depend on intent, applied only on request). */
export function hasSuggestions(rule: Pick<RuleMeta, 'suggestionMessages'>): boolean {
  return Object.keys(rule.suggestionMessages ?? {}).length > 0;
}

/** The "fixable" cell of rule lists: yes (--fix), suggestion (--fix-suggestions), both, or no. */
export function describeFixes(rule: Pick<RuleMeta, 'fixable' | 'suggestionMessages'>): string {
  const kinds = [rule.fixable ? 'yes' : '', hasSuggestions(rule) ? 'suggestion' : ''].filter(Boolean);
  return kinds.length ? kinds.join(', ') : 'no';
}

/** One markdown table cell: element names as code (GitHub drops unknown HTML tags), pipes escaped. */
function tableCell(text: string): string {
  return text.replace(/(?:<[^<>\s]+>)+/g, (tags) => `\`${tags}\``).replace(/\|/g, '\\|');
}

/** The README's rule list: one table row per rule, linking its docs/rules page. */
export function renderReadmeRuleList(rules: readonly RuleMeta[]): string {
  const rows = rules.map(
    (rule) =>
      `| [${rule.id}](docs/rules/${rule.id}.md) | ${describeSeverities(rule)} | ${describeFixes(rule)} | ${tableCell(
        describeNeeds(rule.needs),
      )} | ${tableCell(rule.summary)} |`,
  );
  return ['| Rule | Severity | Fixable | Needs | Summary |', '| --- | --- | --- | --- | --- |', ...rows].join('\n');
}

/**
 * README text with the rule list between the markers replaced; undefined when the markers are
 * missing or out of order, so a generator never silently drops the list.
 */
export function replaceReadmeRuleList(readme: string, rules: readonly RuleMeta[]): string | undefined {
  const start = readme.indexOf(README_RULES_START);
  const end = readme.indexOf(README_RULES_END);
  if (start < 0 || end < start) return undefined;
  const before = readme.slice(0, start + README_RULES_START.length);
  return `${before}\n\n${renderReadmeRuleList(rules)}\n\n${readme.slice(end)}`;
}
