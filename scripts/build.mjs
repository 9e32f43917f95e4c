// Bundles src/cli.ts into dist/ with esbuild. Heavy modules (libxml2, prompts) stay lazy chunks
// so `arctl --version` and `arctl lint` start fast.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * chalk detects the terminal's colour support when it is imported (supports-color reads every
 * property of node:process, which opens stdin, and loads node:tty and node:os). arctl never uses that
 * answer: src/commands/output.ts decides about colour and always passes chalk an explicit level. The
 * detection is replaced by "no support", which only chalk's default instances (unused) would read.
 */
const chalkWithoutDetection = {
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
const commanderWithoutChildProcess = {
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

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = {
  outdir: 'dist',
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Loaded lazily at run time (src/util/lazy-require.ts, dynamic imports): kept out of the start-up bundle.
  external: ['libxml2-wasm', '@inquirer/prompts', '@inquirer/core', 'xmlbuilder2', 'yaml', 'ipaddr.js'],
  plugins: [chalkWithoutDetection, commanderWithoutChildProcess],
  // The bundled CommonJS packages (commander) require node built-ins only; other names would get a
  // real require, made on first use. Most chunks never call it.
  banner: {
    js: "let __arctlRequire; const require = (id) => process.getBuiltinModule(id) ?? (__arctlRequire ??= process.getBuiltinModule('node:module').createRequire(import.meta.url))(id);",
  },
};
await build({ ...common, entryPoints: { arctl: 'src/cli.ts' }, splitting: true });
// The timeline worker is a bundle of its own: threads load it by file name (src/commands/timeline-source.ts).
// A worker thread has its own module graph, so chunks shared with the CLI would save nothing at run time;
// they would only cut the CLI's start-up code into more files to load.
await build({ ...common, entryPoints: { 'timeline-worker': 'src/commands/timeline-worker.ts' } });
// The library entry (`import ... from 'arctl'`, src/index.ts) is a bundle of its own, so the CLI's
// start-up chunks stay as they are; its types are emitted by `npm run build:types` (run by prepack).
await build({ ...common, entryPoints: { index: 'src/index.ts' } });
// The language server's lint thread (src/commands/lsp-lint.ts loads it by file name): a bundle of its
// own, like the timeline worker and for the same reasons.
await build({ ...common, entryPoints: { 'lsp-worker': 'src/commands/lsp-worker.ts' } });
