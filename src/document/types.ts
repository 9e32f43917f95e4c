/** A half-open byte range [start, end) into the file's bytes. */
export interface Range {
  start: number;
  end: number;
}

/** 1-based line and column (column in UTF-16 code units, as SARIF and editors count). */
export interface Position {
  line: number;
  column: number;
}

export interface XmlAttribute {
  name: string;
  value: string;
  /** From the first byte of the name to the closing quote, inclusive. */
  range: Range;
  nameRange: Range;
  /** The value between the quotes. */
  valueRange: Range;
  /** Wazuh's line counter when the attribute was stored. */
  wazuhLine: number;
}

export interface XmlElement {
  name: string;
  /** `<var>` elements (any case): Wazuh stores them as variables and skips them as options. */
  isVariable: boolean;
  parent: XmlElement | null;
  depth: number;
  attributes: XmlAttribute[];
  children: XmlElement[];
  /**
   * The children Wazuh's readers get (OS_GetElementsbyNode), set only where they differ from the
   * non-`<var>` children: the child elements of a `<var>` that follows this element are adopted by it.
   */
  osChildren?: XmlElement[];
  selfClosing: boolean;
  /** From `<` of the start tag to after `>` of the end tag (or of the self-closing start tag). */
  range: Range;
  /** The start tag, `<` to `>` inclusive. */
  openTag: Range;
  /** The end tag `</name>`, or null for a self-closing element. */
  closeTag: Range | null;
  nameRange: Range;
  /**
   * Exactly what Wazuh's reader yields as the element's content: the raw text after the last child
   * (comments removed, no trimming, no entity decoding, cut at a NUL byte), decoded as UTF-8.
   */
  content: string;
  /**
   * The raw bytes that hold `content`: from the end of the last child (or of the start tag) to the
   * start of the end tag. Comments inside it are included. Empty for self-closing elements.
   */
  contentRange: Range;
  /** True when a comment sits inside contentRange (then the raw bytes differ from `content`). */
  contentHasComment: boolean;
  /** The line Wazuh's reader records for this element (its line counter when the name ended). */
  wazuhLine: number;
}

export interface XmlComment {
  /** `<!` to the closing `>` inclusive. */
  range: Range;
  /** The text between the opener (`<!--` or `<!`) and the terminator (`-->` or `!>`). */
  body: string;
  bodyRange: Range;
}

export interface XmlParseError {
  /** Wazuh's own message text, e.g. `XMLERR: Element 'a' not closed.` */
  message: string;
  /** The line Wazuh reports in `(1226) ... (line N)`. */
  wazuhLine: number;
  /** The most useful byte offset to show the user (e.g. the start of an unclosed comment). */
  offset: number;
  /** An end tag that names another element ("Element 'a' not closed."): where that element opened, and the name the end tag gave. */
  unclosed?: { name: string; openedAt: number; closedBy: string };
}

/**
 * How a line ends: LF, CRLF, a lone CR (a block pasted from a classic Mac file; editors end a line there),
 * or CR CR LF (a CRLF file converted to CRLF once more: edits keep that sequence as one line end).
 */
export type LineEnding = '\n' | '\r\n' | '\r' | '\r\r\n';
