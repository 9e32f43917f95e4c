/** Wording and rewrites shared by the rules that judge group patterns (OS_Regex rules_group, OSMatch e-mail group). */

/** The names of a group list split at `,` `;` `|` and blanks: `sshd, web|` -> sshd, web. */
export function listedGroups(text: string): string[] {
  return text.split(/[|,;\s]+/).filter(Boolean);
}

/** The form the reference pages recommend for a group pattern: each group with its comma, `|` between (`sshd,|web,`). */
export function groupAlternation(groups: readonly string[]): string {
  return groups.map((g) => `${g},`).join('|');
}

/** "an empty alternative", "'^' as an alternative" or both, for a message's {{alternative}}. */
export function describeCatchAll(alternatives: readonly string[]): string {
  const kinds = [...new Set(alternatives.map((a) => (a === '' ? 'an empty alternative' : `'${a}' as an alternative`)))];
  return kinds.join(' and ');
}
