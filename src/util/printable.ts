/**
 * Text from a configuration, an alert or a file name, made safe to print: control characters (C0
 * but tab, DEL, C1) and bidirectional controls are shown as escapes (`\x1b`, `\u202e`). Printed as
 * they are, they would let an attacker's alert drive the terminal (colours, window title, cursor
 * moves, a carriage return hiding what comes before) or reorder what the reader sees.
 */
const UNPRINTABLE = /[\u0000-\u0008\u000a-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;
const UNPRINTABLE_ALL = new RegExp(UNPRINTABLE.source, 'g');

function escape(char: string): string {
  const code = char.charCodeAt(0);
  return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

export function printable(text: string): string {
  return UNPRINTABLE.test(text) ? text.replace(UNPRINTABLE_ALL, escape) : text;
}

/** printable for text of several lines: each line escaped, the line breaks kept. */
export function printableLines(text: string): string {
  return UNPRINTABLE.test(text) ? text.split('\n').map(printable).join('\n') : text;
}

/**
 * `text` cut to at most `max` characters (code points) for a one-line list: its start and its end kept,
 * `…` between, so two long names that differ at the end stay apart.
 */
export function shortened(text: string, max: number): string {
  const chars = [...text];
  if (chars.length <= max) return text;
  const tail = Math.min(20, Math.floor((max - 1) / 3));
  return `${chars.slice(0, max - tail - 1).join('')}…${chars.slice(chars.length - tail).join('')}`;
}
