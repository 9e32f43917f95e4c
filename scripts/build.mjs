// Bundles src/ into dist/ with esbuild: the command line (two CommonJS bundles with their code caches),
// the timeline and language-server workers, and the library. Heavy packages (libxml2, prompts) stay out of
// the bundles and load when a run needs them.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import { common as shared } from './esbuild-options.mjs';
import { CODE_CACHED, markBundle, trainCodeCaches } from './code-cache.mjs';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });
const common = { ...shared, outdir: 'dist' };
// The command line runs from CommonJS bundles with a V8 code cache beside each (bin/load-bundle.js says
// why): dist/arctl.cjs holds every command; dist/simulate-cli.cjs holds `arctl simulate` alone
// (src/commands/simulate-cli.ts), so that a timeline replay's main thread, which shares two cores with its
// worker, loads none of the lint code. Each is one file: a CommonJS build cannot be split, and two bundles
// that shared modules would each hold their own copy of them.
const commandLine = {
  ...common,
  format: 'cjs',
  splitting: false,
  banner: { js: "'use strict';\nconst __arctlModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': '__arctlModuleUrl' },
  outExtension: { '.js': '.cjs' },
};
await build({ ...commandLine, entryPoints: { arctl: 'src/cli.ts', 'simulate-cli': 'src/commands/simulate-cli.ts' } });
// timeline-early: bin/arctl.js starts a timeline's worker from it before it loads the command line, which
// takes that worker (src/timeline/worker-start.ts: the two bundles meet in a global slot).
await build({ ...commandLine, entryPoints: { 'timeline-early': 'src/timeline/worker-start.ts' } });
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
// The library entry (`import ... from 'arctl'`, src/index.ts) is an ES module bundle of its own; its types are emitted by scripts/build-types.mjs (before publishing, and
// when npm prepares arctl as a git dependency).
await build({ ...common, entryPoints: { index: 'src/index.ts' } });
// The language server's lint thread (src/commands/lsp-lint.ts loads it by file name): a bundle of its
// own, like the timeline worker and for the same reasons.
await build({ ...common, entryPoints: { 'lsp-worker': 'src/commands/lsp-worker.ts' } });
// Each cached bundle's hash, then its cache (scripts/code-cache.mjs).
for (const bundle of CODE_CACHED) markBundle(`dist/${bundle}`);
await trainCodeCaches();
