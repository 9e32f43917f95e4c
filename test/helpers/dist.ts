import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { projectRoot } from './paths.ts';

/** The built CLI (npm run build). */
export const distDir = join(projectRoot, 'dist');

/**
 * dist/arctl.js (or `entry`: dist/simulate-cli.js, `arctl simulate`'s own bundle) and every chunk it
 * imports statically, transitively: what every run of arctl (of that command) loads.
 */
export function startupFiles(entry = 'arctl.js'): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const code = readFileSync(join(distDir, file), 'utf8');
    for (const m of code.matchAll(/\bimport\s*(?:[\w$*{}\s,]+from\s*)?["']\.\/([^"']+)["']/g)) visit(m[1]);
  };
  visit(entry);
  return seen;
}
