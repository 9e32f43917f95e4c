/**
 * JSON.stringify(value, null, 2) with the indentation bounded: values nested deeper than PRETTY_DEPTH are
 * written on one line. Indenting costs two spaces a level on every line, so a value nested N deep prints
 * about N² bytes: an alert nested 998 levels deep (as deep as Wazuh's cJSON reads) made `simulate --format
 * json` print 2 MB for 2 KB of alert. Data no deeper than that (every real alert) prints exactly as
 * JSON.stringify does.
 */

/** Levels indented; deeper values go on one line. */
export const PRETTY_DEPTH = 32;

export function prettyJson(value: object): string {
  return deeperThan(value, PRETTY_DEPTH) ? pretty(value, 0) ?? 'null' : JSON.stringify(value, null, 2);
}

/** Whether `value` nests objects or arrays more than `depth` levels (stops looking once it does). */
function deeperThan(value: unknown, depth: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (depth === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (deeperThan(child, depth - 1)) return true;
  return false;
}

/** The text of `value` at `level` as JSON.stringify(.., null, 2) writes it, or undefined where it writes nothing. */
function pretty(value: unknown, level: number): string | undefined {
  if (value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON === 'function') value = (value as { toJSON: () => unknown }).toJSON();
  if (value === null || typeof value !== 'object' || level >= PRETTY_DEPTH) return JSON.stringify(value);
  const inner = '  '.repeat(level + 1);
  const outer = '  '.repeat(level);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return `[\n${value.map((item) => `${inner}${pretty(item, level + 1) ?? 'null'}`).join(',\n')}\n${outer}]`;
  }
  const members: string[] = [];
  for (const [key, item] of Object.entries(value)) {
    const text = pretty(item, level + 1);
    if (text !== undefined) members.push(`${inner}${JSON.stringify(key)}: ${text}`);
  }
  return members.length === 0 ? '{}' : `{\n${members.join(',\n')}\n${outer}}`;
}
