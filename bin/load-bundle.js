// Loads one of arctl's CommonJS bundles (dist/*.cjs) with the V8 code cache that `npm run build` made for
// it beside it (FILE.cache, scripts/train-code-cache.mjs): the bytecode of the functions a run compiles,
// so a run does not parse and compile them again. That is most of what a start-up costs beyond Node's own
// (`arctl lint` on a small file: about 65 ms of CPU beyond `node -e 0` without it, 40 with it). Node 20 has
// no compile cache of its own (module.enableCompileCache came with Node 22.1) and none for ES modules,
// which is why these bundles are CommonJS.
//
// A cache only ever serves the bundle it was made from: the build appends the bundle's hash to it
// (`//# arctl-bundle=HASH`, its last line) and writes the same hash at the head of the cache. V8 checks its
// own version, flags and the source's length, and rejects the cache otherwise (another Node, or a heap
// size in NODE_OPTIONS): the bundle then compiles as any script does. No run writes a cache.
//
// CommonJS, like everything in bin/ (bin/package.json): a launcher that is an ES module starts Node's ES
// module loader first, about 4 ms of every run.
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { Module, createRequire } = require('node:module');

const HASH_MARK = '//# arctl-bundle=';
const CACHE_MAGIC = 'arctl-code-cache 1 ';

/** The hash the build appended to a bundle's text, or undefined. */
function bundleHash(source) {
  const at = source.lastIndexOf(HASH_MARK);
  if (at === -1) return undefined;
  return source.slice(at + HASH_MARK.length).trim() || undefined;
}

/** The cache file of a bundle. */
const cacheFileOf = (file) => `${file}.cache`;

/** The code cache's bytes when FILE.cache was made from the bundle text of this hash, else undefined (and why). */
function readCache(file, hash) {
  let bytes;
  try {
    bytes = fs.readFileSync(cacheFileOf(file));
  } catch {
    return { state: 'none' };
  }
  const head = `${CACHE_MAGIC}${hash}\n`;
  if (hash === undefined || bytes.length <= head.length || bytes.latin1Slice(0, head.length) !== head) return { state: 'stale' };
  return { state: 'found', data: bytes.subarray(head.length) };
}

// An import() inside a node:vm script has no module loader on Node 20 (without --experimental-vm-modules,
// or with an experimental constant that prints a warning): the bundles import packages through this one
// (src/util/import-package.ts), resolved from bin/ as from dist/.
const LAUNCHER_IMPORT = Symbol.for('arctl.import');
globalThis[LAUNCHER_IMPORT] ??= (specifier) => import(specifier);

/**
 * Evaluates the bundle `file` as Node evaluates a CommonJS module (its own require, module, __filename)
 * and returns its exports, the compiled script and the text's hash (to make a cache from: writeCodeCache) and
 * what became of the cache: 'accepted', 'rejected' (by V8), 'stale' (made from another text), 'none' (no file)
 * or 'unused'.
 */
function loadBundle(file, { useCache = true } = {}) {
  // Bundles are ASCII (esbuild escapes the rest): latin1 reads them as one-byte strings, without decoding.
  const source = fs.readFileSync(file, 'latin1');
  const hash = bundleHash(source);
  const cache = useCache ? readCache(file, hash) : { state: 'unused' };
  const script = new vm.Script(Module.wrap(source), {
    filename: file,
    ...(cache.data ? { cachedData: cache.data } : {}),
  });
  const state = cache.data ? (script.cachedDataRejected ? 'rejected' : 'accepted') : cache.state;
  const dir = path.dirname(file);
  const module = new Module(file);
  module.filename = file;
  module.paths = Module._nodeModulePaths(dir);
  module.loaded = true;
  script.runInThisContext()(module.exports, createRequire(file), module, file, dir);
  return { exports: module.exports, script, hash, cache: state };
}

/**
 * A worker thread's bundle (src/timeline/worker-start.ts starts the worker with this as its code): loaded
 * with its cache. While the build trains it (ARCTL_TRAIN_CODE_CACHE names the file), the cache is written
 * when the bundle says its work is done (the global hook below), before it reports that work.
 */
function runWorkerBundle(file) {
  const training = process.env.ARCTL_TRAIN_CODE_CACHE === file;
  const loaded = loadBundle(file, { useCache: !training });
  if (training) globalThis[Symbol.for('arctl.codeCache.workDone')] = () => writeCodeCache(file, loaded);
}

/** Writes FILE.cache from what loadBundle loaded (after runs that compiled what a run needs); atomic. */
function writeCodeCache(file, { script, hash }) {
  if (hash === undefined) throw new Error(`${file} carries no ${HASH_MARK} line`);
  const target = cacheFileOf(file);
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, Buffer.concat([Buffer.from(`${CACHE_MAGIC}${hash}\n`, 'latin1'), script.createCachedData()]));
  fs.renameSync(temporary, target);
}

module.exports = { loadBundle, runWorkerBundle, writeCodeCache, bundleHash, cacheFileOf, HASH_MARK };
