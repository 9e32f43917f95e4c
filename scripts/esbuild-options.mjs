// esbuild settings shared by the npm package's bundles (scripts/build.mjs) and the single file
// (scripts/build-single.mjs).

/**
 * chalk detects the terminal's colour support when it is imported (supports-color reads every
 * property of node:process, which opens stdin, and loads node:tty and node:os). arctl never uses that
 * answer: src/commands/output.ts decides about colour and always passes chalk an explicit level. The
 * detection is replaced by "no support", which only chalk's default instances (unused) would read.
 */
export const chalkWithoutDetection = {
  name: 'chalk-without-detection',
  setup(b) {
    b.onResolve({ filter: /^#supports-color$/ }, () => ({ path: 'supports-color', namespace: 'arctl-stub' }));
    b.onLoad({ filter: /^supports-color$/, namespace: 'arctl-stub' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

/**
 * commander loads node:child_process (and with it net, dgram and stream internals) when it is imported,
 * only to spawn executable subcommands, which arctl does not have. Its require is answered with a
 * stand-in that loads the module on the first spawn.
 */
export const commanderWithoutChildProcess = {
  name: 'commander-without-child-process',
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      /[\\/]node_modules[\\/]commander[\\/]/.test(args.importer) ? { path: 'child_process', namespace: 'arctl-stub' } : undefined,
    );
    b.onLoad({ filter: /^child_process$/, namespace: 'arctl-stub' }, () => ({
      contents: "module.exports = { spawn: (...args) => process.getBuiltinModule('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

/**
 * `import { readFileSync } from 'node:fs'` makes Node build the ESM facade of node:fs, which reads every
 * export, the lazy ones too: fs.ReadStream and fs.promises load the stream and fs/promises internals,
 * about 4 ms of every start-up (process.getBuiltinModule('node:fs') takes 0.05 ms). So a static import of
 * a built-in is answered with a module that takes it from process.getBuiltinModule and exports its plain
 * properties, read once at load like the facade's. The lazy ones (getters) are left out: a static import
 * of one fails the build (a dynamic import() of a built-in is left as it is).
 */
export const builtinsWithoutFacade = {
  name: 'builtins-without-facade',
  setup(b) {
    b.onResolve({ filter: /^node:/ }, (args) => (args.kind === 'import-statement' ? { path: args.path, namespace: 'arctl-builtin' } : undefined));
    b.onLoad({ filter: /.*/, namespace: 'arctl-builtin' }, (args) => {
      const builtin = process.getBuiltinModule(args.path);
      const plain = Object.keys(builtin).filter((key) => key !== 'default' && /^[A-Za-z_$][\w$]*$/.test(key) && !Object.getOwnPropertyDescriptor(builtin, key).get);
      const id = JSON.stringify(args.path);
      return {
        contents: `const builtin = process.getBuiltinModule(${id});\nexport default builtin;\nexport const { ${plain.join(', ')} } = builtin;\n`,
        loader: 'js',
      };
    });
  },
};

/** CommonJS packages src/util/lazy-require.ts loads on first use (kept out of the start-up bundle). */
export const LAZY_REQUIRED = ['xmlbuilder2', 'yaml', 'ipaddr.js', 'ignore'];

export const common = {
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Loaded lazily at run time (src/util/lazy-require.ts, dynamic imports): kept out of the start-up bundle.
  external: ['libxml2-wasm', '@inquirer/prompts', '@inquirer/core', ...LAZY_REQUIRED],
  plugins: [chalkWithoutDetection, commanderWithoutChildProcess, builtinsWithoutFacade],
  // The bundled CommonJS packages (commander) require node built-ins only; other names would get a
  // real require, made on first use. Most chunks never call it.
  banner: {
    js: "let __arctlRequire; const require = (id) => process.getBuiltinModule(id) ?? (__arctlRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);",
  },
};
