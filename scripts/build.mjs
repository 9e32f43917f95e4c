// Bundles src/cli.ts into dist/ with esbuild. Heavy modules (libxml2, prompts) stay lazy chunks
// so `arctl --version` and `arctl lint` start fast.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { common as shared } from './esbuild-options.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = { ...shared, outdir: 'dist' };
// timeline-early: bin/arctl.js starts a timeline's worker from it before it loads the CLI (the CLI's own
// import of src/timeline/worker-start.ts is the same module).
await build({ ...common, entryPoints: { arctl: 'src/cli.ts', 'timeline-early': 'src/timeline/worker-start.ts' }, splitting: true });
// `arctl simulate` alone (src/commands/simulate-cli.ts), a build of its own so that neither start-up changes the
// other's chunks: its run compiles none of the lint code, and lint's start-up files stay as they are.
// With its own timeline-early: the worker it starts must be the one its CLI's worker-start.ts takes. In
// dist/ too, where the modules that find files beside themselves (the timeline worker) look; its chunks are
// named apart.
await build({
  ...common,
  entryPoints: { 'simulate-cli': 'src/commands/simulate-cli.ts', 'simulate-timeline-early': 'src/timeline/worker-start.ts' },
  splitting: true,
  chunkNames: 'simulate-[name]-[hash]',
});
// The timeline worker is a bundle of its own: threads load it by file name (src/timeline/source.ts).
// A worker thread has its own module graph, so chunks shared with the CLI would save nothing at run time;
// they would only cut the CLI's start-up code into more files to load.
// As CommonJS (.cjs): a worker thread whose entry is an ES module starts Node's ES module loader first, about
// 14 ms more of each timeline's start-up (median of 12 bare workers: 54 ms against 68 ms to the first line).
// A CommonJS module has require and __filename of its own: no banner, and import.meta.url (lazy-require.ts) is
// the file's URL.
await build({
  ...common,
  format: 'cjs',
  entryPoints: { 'timeline-worker': 'src/timeline/worker.ts' },
  outExtension: { '.js': '.cjs' },
  banner: { js: "'use strict';\nconst __arctlModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__arctlModuleUrl' },
});
// The library entry (`import ... from 'arctl'`, src/index.ts) is a bundle of its own, so the CLI's
// start-up chunks stay as they are; its types are emitted by scripts/build-types.mjs (before publishing, and
// when npm prepares arctl as a git dependency).
await build({ ...common, entryPoints: { index: 'src/index.ts' } });
// The language server's lint thread (src/commands/lsp-lint.ts loads it by file name): a bundle of its
// own, like the timeline worker and for the same reasons.
await build({ ...common, entryPoints: { 'lsp-worker': 'src/commands/lsp-worker.ts' } });
