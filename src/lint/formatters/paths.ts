/** Paths as CI systems want them: relative to the working directory, forward slashes. */
import { isAbsolute, relative, sep } from 'node:path';

/** Relative to `cwd` when the file is inside it; otherwise the absolute path. */
export function ciPath(filePath: string, cwd: string): string {
  if (!isAbsolute(filePath)) return filePath.split(sep).join('/');
  const rel = relative(cwd, filePath);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return filePath.split(sep).join('/');
  return rel.split(sep).join('/');
}
