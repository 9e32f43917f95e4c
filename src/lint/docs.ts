/** Rule documentation rendered from rule metadata: docs/rules/<id>.md, `arctl explain`, SARIF help links. */
import type { RuleMeta } from './catalogue.ts';

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

/** The markdown page for one rule (docs/rules/<id>.md). */
export function renderRuleDoc(rule: RuleMeta): string {
  const lines = [
    `# ${rule.id}`,
    '',
    rule.summary,
    '',
    `- Default severity: ${rule.severity}`,
    `- Fixable with \`--fix\`: ${rule.fixable ? 'yes' : 'no'}`,
    `- Needs: ${rule.needs.length ? describeNeeds(rule.needs) : 'nothing beyond the file'}`,
    '',
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
    '```xml',
    rule.docs.bad,
    '```',
    '',
    '## Good',
    '',
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
