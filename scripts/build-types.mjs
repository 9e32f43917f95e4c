// Emits the library's type declarations (dist/types, the `types` of package.json's exports) from
// src/index.ts with tsc. Run by `npm run build:types`, `npm run release` and `npm publish`
// (prepublishOnly; not prepack, nor prepare: `npm pack` prints their banner on its standard output,
// where pre-commit reads the tarball name), not by every build: a full type check takes seconds.
//
// With --if-git-dependency (the preprepare script, after the build) it emits them only when npm prepares
// arctl as a git dependency (`npm install git+URL` in a project, `npm pack git+URL`): npm's pacote runs
// `npm install` in its clone with _PACOTE_NO_PREPARE_ set, and a TypeScript project that installs arctl
// so gets the declarations its `import ... from 'arctl'` needs. `npm ci` and `npm install` in a checkout
// skip it, as CI and development do not use them. There it does not check the types again (--noCheck:
// the same declarations in half the time); without typescript (dev dependencies left out) it says so
// and the package goes without declarations.
import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const gitDependency = process.argv.includes('--if-git-dependency');
if (gitDependency && process.env._PACOTE_NO_PREPARE_ === undefined) process.exit(0);
const root = fileURLToPath(new URL('..', import.meta.url));
let tsc;
try {
  tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
} catch (error) {
  if (!gitDependency) throw error;
  console.error("arctl: typescript is not installed: the package goes without the library's type declarations (dist/types)");
  process.exit(0);
}
rmSync(`${root}dist/types`, { recursive: true, force: true });
try {
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.types.json', ...(gitDependency ? ['--noCheck'] : [])], { cwd: root, stdio: 'inherit' });
} catch (error) {
  if (!gitDependency) throw error;
  // The command-line tool works without them: the install goes on, saying what is missing.
  rmSync(`${root}dist/types`, { recursive: true, force: true });
  console.error("arctl: the library's type declarations (dist/types) could not be emitted; the package goes without them");
}
