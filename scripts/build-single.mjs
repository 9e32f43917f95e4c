// Builds arctl as one file, arctl.mjs, for hosts without npm: `node arctl.mjs lint ossec.conf` with any
// Node >= 20.17 and nothing beside it. Everything is inside, except what `--libxml2` needs (a wasm
// file and the XSD): that flag tells the user so. The packages src/util/lazy-require.ts loads by
// name are bundled too, and still initialised on first use.
//   node scripts/build-single.mjs [OUTFILE]   (default release/arctl.mjs)
import { build } from 'esbuild';
import { resolve } from 'node:path';
import { common, LAZY_REQUIRED } from './esbuild-options.mjs';

const root = new URL('..', import.meta.url).pathname;
const outfile = resolve(process.argv[2] ?? `${root}release/arctl.mjs`);

/** lazyRequire(name) answered from the bundle: a literal require() per package, which esbuild bundles. */
const lazyRequireFromBundle = {
  name: 'lazy-require-from-bundle',
  setup(b) {
    b.onLoad({ filter: /[\\/]src[\\/]util[\\/]lazy-require\.ts$/ }, () => ({
      contents: `const modules = { ${LAZY_REQUIRED.map((name) => `${JSON.stringify(name)}: () => require(${JSON.stringify(name)})`).join(', ')} };
export function lazyRequire(name) {
  let loaded;
  return () => (loaded ??= modules[name]());
}`,
      loader: 'js',
    }));
  },
};

await build({
  ...common,
  // A wasm module loaded from beside its own file: not bundled (src/schema/validate.ts says what is missing).
  external: ['libxml2-wasm'],
  plugins: [...common.plugins, lazyRequireFromBundle],
  stdin: { contents: "import { runProcess } from './src/cli.ts';\nawait runProcess();\n", resolveDir: root, sourcefile: 'arctl-single.ts', loader: 'ts' },
  outfile,
  banner: { js: `#!/usr/bin/env node\n${common.banner.js}` },
});
process.stdout.write(`${outfile}\n`);
