/**
 * JSON.parse for a file a user wrote by hand (`.arctl.json`, an agents list): a leading UTF-8 byte order
 * mark is not part of the JSON (Windows editors save one, and JSON.parse refuses it as an invisible
 * "Unexpected token"), and a syntax error says where it is as line:column, not as a character offset
 * (V8 gives an offset for some errors and none for others).
 */

/** A JSON syntax error at a 1-based line and column of the text as given (a byte order mark counts as no column). */
export class JsonTextError extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    readonly reason: string,
  ) {
    super(`${line}:${column}: ${reason}`);
  }
}

export function parseJsonText(text: string): unknown {
  const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
  try {
    return JSON.parse(body);
  } catch (error) {
    const offset = jsonErrorOffset(body);
    const before = body.slice(0, offset);
    const line = before.split('\n').length;
    const column = offset - (before.lastIndexOf('\n') + 1) + 1;
    // V8's words without its offset or its quotation of the text: the position says where.
    const reason = (error as Error).message.replace(/ (?:in JSON )?at position \d+.*$/, '').replace(/, (?:\.\.\.)?".*"(?:\.\.\.)? is not valid JSON$/s, '');
    throw new JsonTextError(line, column, reason);
  }
}

const WS = new Set([' ', '\t', '\n', '\r']);

/** The offset of the first character JSON's grammar (RFC 8259) does not allow; `text.length` when the text ends too soon. */
export function jsonErrorOffset(text: string): number {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i])) i++;
  };
  // Each returns false at the offending character, leaving i on it.
  const value = (): boolean => {
    skip();
    const c = text[i];
    if (c === '{') return container('}', true);
    if (c === '[') return container(']', false);
    if (c === '"') return string();
    if (c === '-' || (c >= '0' && c <= '9')) return number();
    for (const word of ['true', 'false', 'null']) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return true;
      }
    }
    // A partial keyword: the first character that differs.
    for (const word of ['true', 'false', 'null']) {
      if (c === word[0]) {
        let k = 0;
        while (i + k < text.length && text[i + k] === word[k]) k++;
        i += k;
        return false;
      }
    }
    return false;
  };
  const container = (close: string, object: boolean): boolean => {
    i++;
    skip();
    if (text[i] === close) {
      i++;
      return true;
    }
    for (;;) {
      if (object) {
        skip();
        if (text[i] !== '"' || !string()) return false;
        skip();
        if (text[i] !== ':') return false;
        i++;
      }
      if (!value()) return false;
      skip();
      if (text[i] === close) {
        i++;
        return true;
      }
      if (text[i] !== ',') return false;
      i++;
    }
  };
  const string = (): boolean => {
    i++;
    while (i < text.length) {
      const c = text[i];
      if (c === '"') {
        i++;
        return true;
      }
      if (c < ' ') return false;
      if (c === '\\') {
        const e = text[i + 1];
        if (e === 'u') {
          const hex = /^[0-9a-fA-F]{0,4}/.exec(text.slice(i + 2, i + 6))![0].length;
          if (hex < 4) {
            i += 2 + hex;
            return false;
          }
          i += 6;
          continue;
        }
        if (e === undefined || !'"\\/bfnrt'.includes(e)) {
          i += 1;
          return false;
        }
        i += 2;
        continue;
      }
      i++;
    }
    return false;
  };
  const number = (): boolean => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(i));
    // "-" alone fails at the character after it, "1." and "1e+" at the character after the '.' or exponent.
    i += m ? m[0].length : 1;
    if (m === null || m[0] === '-') return false;
    if (text[i] === '.') {
      i++;
      return false;
    }
    if (text[i] === 'e' || text[i] === 'E') {
      i += text[i + 1] === '+' || text[i + 1] === '-' ? 2 : 1;
      return false;
    }
    return true;
  };
  if (!value()) return Math.min(i, text.length);
  skip();
  return i;
}
