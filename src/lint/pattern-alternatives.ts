/** Wording shared by the rules that find catch-all alternatives in OSMatch and OS_Regex patterns. */

/** "an empty alternative", "'^' as an alternative" or both, for a message's {{alternative}}. */
export function describeCatchAll(alternatives: readonly string[]): string {
  const kinds = [...new Set(alternatives.map((a) => (a === '' ? 'an empty alternative' : `'${a}' as an alternative`)))];
  return kinds.join(' and ');
}
