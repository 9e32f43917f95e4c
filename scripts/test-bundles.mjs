/**
 * What `npm test` (scripts/test.mjs) and `npm run test:unit` (scripts/test-unit.mjs) share: the test files,
 * and running them from bundles built here, each in a process of its own (node's test runner).
 *
 * Under tsx each test file's process starts tsx's loader thread and sends every module of src/ and
 * test/helpers through it: 0.5-1.3 s of CPU more per file than loading bundles of the same code (more
 * for files that load more of src/), some 170 files of it per run on CI's 2 cores. The bundles are the test files as written: esbuild
 * (the transform tsx uses) with src/ and the helpers inside, packages left to Node as under tsx, chunks
 * shared between the files. `import.meta.url`, `.dirname` and `.filename` keep naming the source file,
 * so paths a test or src/ finds beside itself (fixtures, the XSD, projectRoot) are the ones tsx gives.
 * Stack traces name the .ts lines (source maps). A module a test loads with import() must be named by
 * a literal (import('../../src/x.ts')): a computed name is not in the bundle, and Node cannot load .ts.
 */
import { build, stop } from 'esbuild';
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/** In the checkout (gitignored), so that the bundles' package imports resolve in its node_modules. */
const out = join(root, '.tmp/test-build');

/** Each module's import.meta names its source file, as when Node loads the .ts file through tsx. */
const sourceImportMeta = {
  name: 'source-import-meta',
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, (args) => {
      const text = readFileSync(args.path, 'utf8');
      const contents = text.includes('import.meta')
        ? text
            .replace(/\bimport\.meta\.url\b/g, JSON.stringify(pathToFileURL(args.path).href))
            .replace(/\bimport\.meta\.dirname\b/g, JSON.stringify(dirname(args.path)))
            .replace(/\bimport\.meta\.filename\b/g, JSON.stringify(args.path))
        : text;
      return { contents, loader: 'ts' };
    });
  },
};

/**
 * Test files that take minutes (installs from git and tarballs, the pre-commit framework, hostile inputs
 * at twice the benchmark's size): `npm run test:slow` runs them, `npm test` leaves them out, `.ci/run`
 * runs both.
 */
export const SLOW_TEST = /\.slow\.test\.ts$/;

/** Every test/**\/*.test.ts, relative to the root, sorted: the quick ones, or with `slow` the slow ones. */
export function testFiles({ slow = false } = {}, dir = join(root, 'test')) {
  const walk = (at) =>
    readdirSync(at, { withFileTypes: true }).flatMap((entry) => {
      const path = join(at, entry.name);
      if (entry.isDirectory()) return walk(path);
      return entry.name.endsWith('.test.ts') ? [path] : [];
    });
  return walk(dir)
    .map((f) => relative(root, f))
    .filter((f) => SLOW_TEST.test(f) === slow)
    .sort();
}

/**
 * Builds bundles of `files` (relative to the root) and runs them with node's test runner, `options` (the
 * runner's own, --test-name-pattern...) after arctl's; returns the runner's exit code.
 */
export async function runBundled(files, options = [], { reporter = 'spec' } = {}) {
  rmSync(out, { recursive: true, force: true });
  await build({
    absWorkingDir: root,
    entryPoints: files,
    outdir: out,
    outbase: root,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    plugins: [sourceImportMeta],
    logLevel: 'warning',
  });
  // esbuild's service process is not needed while the tests run.
  stop();
  const bundles = files.map((f) => join(out, f.replace(/\.ts$/, '.js')));
  const run = spawnSync(process.execPath, ['--enable-source-maps', '--test', '--test-concurrency=3', `--test-reporter=${reporter}`, ...options, ...bundles], {
    cwd: root,
    stdio: 'inherit',
  });
  return run.status ?? 1;
}
