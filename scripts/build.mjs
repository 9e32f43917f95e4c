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
    b.onLoad({ filter: /.*/, namespace: 'arctl-stub' }, () => ({ contents: 'export default { stdout: false, stderr: false };', loader: 'js' }));
  },
};

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
await build({
  // The timeline worker is its own entry: threads load it by file name (src/commands/timeline-source.ts).
  entryPoints: { arctl: 'src/cli.ts', 'timeline-worker': 'src/commands/timeline-worker.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  sourcemap: false,
  logLevel: 'warning',
  // Loaded lazily at run time (src/util/lazy-require.ts, dynamic imports): kept out of the start-up bundle.
  external: ['libxml2-wasm', '@inquirer/prompts', '@inquirer/core', 'xmlbuilder2', 'yaml'],
  plugins: [chalkWithoutDetection],
  banner: { js: "import { createRequire as __arctlCreateRequire } from 'node:module'; const require = __arctlCreateRequire(import.meta.url);" },
});
