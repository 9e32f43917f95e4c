/**
 * How alerts.json carries a rule's group string: src/analysisd/format/json_extended.c W_JSON_ParseGroups
 * splits it on commas into `rule.groups`, moving the compliance tokens (`pci_dss_10.2.4`, ...) into
 * arrays of their own without the prefix (add_groupPCI, add_groupCIS, ...).
 */

/** Compliance arrays alerts.json carries instead of the `<prefix><value>` group tokens. */
export const COMPLIANCE_PREFIXES: ReadonlyArray<readonly [field: string, prefix: string]> = [
  ['pci_dss', 'pci_dss_'],
  ['cis', 'cis_'],
  ['gdpr', 'gdpr_'],
  ['gpg13', 'gpg13_'],
  ['hipaa', 'hipaa_'],
  ['nist_800_53', 'nist_800_53_'],
  ['tsc', 'tsc_'],
];

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** The group tokens of an alert's rule, prefixes restored: `groups` first, then each compliance family. */
export function groupTokens(rule: Record<string, unknown>): string[] {
  const out = strings(rule.groups);
  for (const [field, prefix] of COMPLIANCE_PREFIXES) for (const v of strings(rule[field])) out.push(`${prefix}${v}`);
  return out;
}

/**
 * The rule's group string as analysisd had it before alerts.json split it: each token followed by a
 * comma. Token order across the compliance families is lost in alerts.json, so patterns that span two
 * tokens are approximate.
 */
export function rebuildGroupString(rule: Record<string, unknown>): string {
  let text = '';
  for (const token of groupTokens(rule)) text += `${token},`;
  return text;
}
