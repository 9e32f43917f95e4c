/** What OSRegex_Compile refused in a pattern, in words shared by lint and simulate. */
import { cBytes, OS_PATTERN_MAXSIZE, type OsRegexCompileError } from './os-regex.ts';
import { ESCAPE_CODES } from './os-regex-maps.ts';

/**
 * What OSRegex_Compile gave up on, for a message's {{problem}}: "'\z' is not an OS_Regex escape",
 * "'|' inside parentheses"... `at` is the byte offset compileOsRegexDetailed reports.
 */
export function describeOsRegexRefusal(pattern: string, refusal: { error: OsRegexCompileError; at: number }): string {
  if (refusal.error === 'too-long') return `it is longer than ${OS_PATTERN_MAXSIZE} bytes`;
  const bytes = cBytes(pattern);
  // The refused byte is ASCII (`\`, `(`, `)`, `|`), so the bytes before it decode to a whole prefix.
  const index = new TextDecoder().decode(bytes.subarray(0, refusal.at)).length;
  if (refusal.error === 'bad-escape') {
    const escaped = [...pattern.slice(index + 1)][0];
    if (escaped === undefined) return "it ends with a lone '\\'";
    return `'\\${escaped}' is not an OS_Regex escape; those are ${[...ESCAPE_CODES.keys()].map((c) => `\\${c}`).join(' ')}`;
  }
  const at = pattern[index];
  if (at === undefined) return "a '(' is never closed";
  if (at === '|') return "'|' inside parentheses, which OS_Regex refuses";
  if (at === '(') return 'nested parentheses, which OS_Regex refuses';
  return "a ')' without its '('";
}
