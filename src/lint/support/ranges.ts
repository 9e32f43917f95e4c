/** Whitespace as Wazuh's XML reader keeps it in element content: space, tab, CR, LF. */
export function isXmlSpace(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n' || ch === '\r';
}

export function isBlankText(text: string): boolean {
  return [...text].every(isXmlSpace);
}

/** The text without leading and trailing XML whitespace. */
export function trimXmlSpace(text: string): string {
  return text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '');
}
