/**
 * Character tables of Wazuh's src/os_regex (os_regex_maps.c, v4.x), as predicates over bytes.
 * OS_Regex compiles `\d`, `\w`... into codes 1..15 and tests `regexmap[code][byte] == 1`.
 */

/** charmap: ASCII upper case to lower case, every other byte unchanged (the case-insensitive fold). */
export function fold(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte + 0x20 : byte;
}

const isDigit = (b: number) => b >= 0x30 && b <= 0x39;
const isUpper = (b: number) => b >= 0x41 && b <= 0x5a;
const isLower = (b: number) => b >= 0x61 && b <= 0x7a;

/** `\w`: A-Z a-z 0-9 `-` `_` and `@` (regexmap row 2 marks 0x40, next to A-Z, since 2014). */
const word = (b: number) => isDigit(b) || isUpper(b) || isLower(b) || b === 0x2d || b === 0x5f || b === 0x40;
/** `\p`: ! " # $ % & ' ( ) * + , - . : ; < = > ? [ ] { | } */
const punct = (b: number) =>
  (b >= 0x21 && b <= 0x2e) || (b >= 0x3a && b <= 0x3f) || b === 0x5b || b === 0x5d || (b >= 0x7b && b <= 0x7d);
/** `\W`: the table's complement of `\w` (note: the NUL byte counts). */
const nonWord = (b: number) => !word(b);

/** Escape letter in a pattern -> the code os_regex_compile.c stores in its place. */
export const ESCAPE_CODES: ReadonlyMap<string, number> = new Map([
  ['d', 1],
  ['w', 2],
  ['s', 3],
  ['p', 4],
  ['(', 5],
  [')', 6],
  ['\\', 7],
  ['D', 8],
  ['W', 9],
  ['S', 10],
  ['.', 11],
  ['t', 12],
  ['$', 13],
  ['|', 14],
  ['<', 15],
]);

const CLASSES: ReadonlyArray<(b: number) => boolean> = [
  isDigit, // 0: unreachable (a code is never 0), the table repeats \d
  isDigit, // 1 \d
  word, // 2 \w
  (b) => b === 0x20, // 3 \s: a space only (not a tab)
  punct, // 4 \p
  (b) => b === 0x28, // 5 \(
  (b) => b === 0x29, // 6 \)
  (b) => b === 0x5c, // 7 \\
  (b) => !isDigit(b), // 8 \D
  nonWord, // 9 \W
  (b) => b !== 0x20, // 10 \S
  () => true, // 11 \. any byte (the table marks every entry, NUL included)
  (b) => b === 0x09, // 12 \t
  (b) => b === 0x24, // 13 \$
  (b) => b === 0x7c, // 14 \|
  (b) => b === 0x3c, // 15 \<
];

/** `Regex(code, byte)`: does the escape class `code` accept `byte`? */
export function classAccepts(code: number, byte: number): boolean {
  const predicate = CLASSES[code];
  return predicate ? predicate(byte) : false;
}
