/**
 * Non-ASCII characters that look like ASCII ones (pasted from web pages, PDFs, chat or word
 * processors). Wazuh compares names and values byte for byte, so they never match the ASCII spelling.
 */

const NAMED: Record<number, { ascii: string; name: string }> = {
  0x2010: { ascii: '-', name: 'HYPHEN' },
  0x2011: { ascii: '-', name: 'NON-BREAKING HYPHEN' },
  0x2012: { ascii: '-', name: 'FIGURE DASH' },
  0x2013: { ascii: '-', name: 'EN DASH' },
  0x2014: { ascii: '-', name: 'EM DASH' },
  0x2015: { ascii: '-', name: 'HORIZONTAL BAR' },
  0x2212: { ascii: '-', name: 'MINUS SIGN' },
  0x00a0: { ascii: ' ', name: 'NO-BREAK SPACE' },
  0x202f: { ascii: ' ', name: 'NARROW NO-BREAK SPACE' },
  0x2007: { ascii: ' ', name: 'FIGURE SPACE' },
  0x200b: { ascii: '', name: 'ZERO WIDTH SPACE' },
  0x200c: { ascii: '', name: 'ZERO WIDTH NON-JOINER' },
  0x200d: { ascii: '', name: 'ZERO WIDTH JOINER' },
  0x2060: { ascii: '', name: 'WORD JOINER' },
  0xfeff: { ascii: '', name: 'ZERO WIDTH NO-BREAK SPACE (BOM)' },
  0x2018: { ascii: "'", name: 'LEFT SINGLE QUOTATION MARK' },
  0x2019: { ascii: "'", name: 'RIGHT SINGLE QUOTATION MARK' },
  0x201c: { ascii: '"', name: 'LEFT DOUBLE QUOTATION MARK' },
  0x201d: { ascii: '"', name: 'RIGHT DOUBLE QUOTATION MARK' },
};

/** Cyrillic and Greek letters drawn like Latin ones; flagged only inside words that also hold ASCII letters. */
const HOMOGLYPHS: Record<string, string> = {
  // Cyrillic
  а: 'a', в: 'b', е: 'e', о: 'o', р: 'p', с: 'c', у: 'y', х: 'x', і: 'i', ј: 'j', ѕ: 's', ԁ: 'd', һ: 'h', ӏ: 'l', ԛ: 'q', ԝ: 'w',
  А: 'A', В: 'B', Е: 'E', К: 'K', М: 'M', Н: 'H', О: 'O', Р: 'P', С: 'C', Т: 'T', Х: 'X', І: 'I', Ј: 'J', Ѕ: 'S',
  // Greek
  ο: 'o', α: 'a', ν: 'v', ι: 'i', κ: 'k', ρ: 'p', τ: 't', υ: 'u',
  Α: 'A', Β: 'B', Ε: 'E', Ζ: 'Z', Η: 'H', Ι: 'I', Κ: 'K', Μ: 'M', Ν: 'N', Ο: 'O', Ρ: 'P', Τ: 'T', Υ: 'Y', Χ: 'X',
};

export interface Lookalike {
  char: string;
  /** e.g. "U+2010 HYPHEN". */
  label: string;
  ascii: string;
}

function codePointLabel(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Every look-alike is outside ASCII: nearly all text needs no closer look (nor the \p{L} regex). */
export function isAsciiOnly(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** The look-alike characters in `text`, in order (each distinct character once). */
export function findLookalikes(text: string): Lookalike[] {
  if (isAsciiOnly(text)) return [];
  const found = new Map<string, Lookalike>();
  const words = text.split(/([^\p{L}]+)/u);
  for (const word of words) {
    const hasAscii = /[A-Za-z]/.test(word);
    for (const ch of word) {
      const cp = ch.codePointAt(0)!;
      if (found.has(ch)) continue;
      const named = NAMED[cp];
      if (named) found.set(ch, { char: ch, label: `${codePointLabel(cp)} ${named.name}`, ascii: named.ascii });
      else if (cp >= 0xff01 && cp <= 0xff5e) {
        found.set(ch, { char: ch, label: `${codePointLabel(cp)} FULLWIDTH '${String.fromCodePoint(cp - 0xfee0)}'`, ascii: String.fromCodePoint(cp - 0xfee0) });
      } else if (hasAscii && HOMOGLYPHS[ch]) {
        found.set(ch, { char: ch, label: `${codePointLabel(cp)} (looks like '${HOMOGLYPHS[ch]}')`, ascii: HOMOGLYPHS[ch] });
      }
    }
  }
  return [...found.values()];
}

/**
 * `text` with its look-alikes replaced by the ASCII characters they imitate. Unlike names.ts
 * foldLookalikes (for matching), it keeps whitespace and other characters as they are, so fixes change
 * only the look-alikes.
 */
export function replaceLookalikes(text: string): string {
  const map = new Map(findLookalikes(text).map((l) => [l.char, l.ascii]));
  if (map.size === 0) return text;
  let out = '';
  for (const ch of text) out += map.get(ch) ?? ch;
  return out;
}
