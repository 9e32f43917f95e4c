/** Matching of names users typed against defined names: look-alike folding and nearest spelling. */
import { suggestOne } from '../util/suggest.ts';
import { isAsciiOnly } from './support/lookalikes.ts';

/** Maps copy-paste look-alikes to ASCII (dashes, odd spaces, zero-width characters, full-width forms) and trims. */
export function foldLookalikes(text: string): string {
  // ASCII is its own NFKC form and holds none of the characters replaced below.
  if (isAsciiOnly(text)) return text.trim();
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .trim();
}

/** The one candidate nearest to a name users typed (look-alikes folded, case ignored), if unambiguous. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  return suggestOne(name, candidates, { normalize: foldLookalikes });
}
