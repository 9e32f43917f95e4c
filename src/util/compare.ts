/**
 * Code-unit order for sorting ids: deterministic across locales, and free of the ICU collator that
 * `localeCompare` starts on first use (several milliseconds of every lint run).
 */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
