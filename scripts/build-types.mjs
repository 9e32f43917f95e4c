// Emits the library's type declarations (dist/types, the `types` of package.json's exports) from
// src/index.ts with tsc. Run by `npm publish` (prepublishOnly; not prepack: `npm pack` must print only the
// tarball name, which pre-commit reads), not by every build: a full type check takes seconds.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
rmSync(`${root}dist/types`, { recursive: true, force: true });
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json'], { cwd: root, stdio: 'inherit' });
