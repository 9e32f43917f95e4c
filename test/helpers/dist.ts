import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

/** The built CLI (npm run build). */
export const distDir = join(projectRoot, 'dist');

/** dist/arctl.js and every chunk it imports statically, transitively: what every run of arctl loads. */
export function startupFiles(): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]);
  };
  visit('arctl.js');
  return seen;
}
