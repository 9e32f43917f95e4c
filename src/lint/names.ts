/** Matching of names users typed against defined names: look-alike folding and nearest spelling. */

/** Maps copy-paste look-alikes to ASCII (dashes, odd spaces, zero-width characters, full-width forms) and trims. */
export function foldLookalikes(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00a0\u2007\u202f]/g, ' ')
    .replace(/[\u200b-\u200d\u2060\ufeff]/g, '')
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .trim();
}

export function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length];
}

/** The single closest candidate within edit distance 2 (after folding and ignoring case), if unambiguous. */
export function nearestName(name: string, candidates: readonly string[]): string | undefined {
  const key = foldLookalikes(name).toLowerCase();
  let best: string[] = [];
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(key, foldLookalikes(candidate).toLowerCase());
    if (d < bestDistance) {
      best = [candidate];
      bestDistance = d;
    } else if (d === bestDistance) {
      best.push(candidate);
    }
  }
  return best.length === 1 ? best[0] : undefined;
}
