/** A unified diff of two versions of a file, for people to read (`--dry-run`, `--fix-dry-run`). */
import { createTwoFilesPatch } from 'diff';

const utf8 = new TextDecoder('utf-8');

/**
 * Git-style headers (`a/PATH`, `b/PATH`) so the output can be applied with `git apply` or `patch -p1`
 * for UTF-8 LF files. Display only: invalid UTF-8 shows as U+FFFD and CRLF as LF.
 */
export function unifiedDiff(path: string, before: Uint8Array, after: Uint8Array, context = 3): string {
  const name = path.replace(/^\.\//, '').replace(/^\/+/, '');
  const text = (b: Uint8Array) => utf8.decode(b).replace(/\r\n/g, '\n');
  const patch = createTwoFilesPatch(`a/${name}`, `b/${name}`, text(before), text(after), undefined, undefined, { context });
  return patch.replace(/^={10,}\n/, '');
}
