// Builds the CLI after `npm ci` / `npm install` in a checkout (where src/ exists). In an installed
// package dist/ is already there and src/ is not, so this does nothing. It is a postinstall rather
// than a prepare script because `npm pack` prints a prepare script's banner on stdout, which breaks
// tools that read the tarball name from it (pre-commit's node hooks do).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
if (existsSync(`${root}src/cli.ts`) && existsSync(`${root}scripts/build.mjs`)) {
  await import('./build.mjs');
}
