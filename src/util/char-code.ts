/**
 * `text.charCodeAt(i)`, or -1 past the end of `text`. charCodeAt's NaN there is a read out of bounds
 * that optimized code does not expect: a scanner that stops on it is deoptimized and compiled again.
 */
export function codeAt(text: string, i: number): number {
  return i < text.length ? text.charCodeAt(i) : -1;
}
