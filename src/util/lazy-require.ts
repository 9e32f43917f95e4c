/**
 * Loads a CommonJS dependency on first use instead of at start-up. xmlbuilder2 (about 650 KB with its
 * DOM) is only needed by `arctl add`, yaml only by `simulate --assert`; loading them lazily keeps
 * `arctl lint` and `arctl --version` fast. The bundle keeps these packages external (scripts/build.mjs).
 */
import { createRequire } from 'node:module';

const requireFromHere = createRequire(import.meta.url);

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= requireFromHere(name) as T);
}
