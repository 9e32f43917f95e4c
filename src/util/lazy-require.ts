/**
 * Loads a CommonJS dependency on first use instead of at start-up. xmlbuilder2 (about 650 KB with its
 * DOM) is only needed by `arctl add`, yaml only by `simulate --assert`, ipaddr.js by lint only for IPv6
 * white_list values and --manager-ip; loading them lazily keeps `arctl lint` and `arctl --version`
 * fast. The bundle keeps these packages external (scripts/build.mjs).
 */
import { createRequire } from 'node:module';

let requireFromHere: NodeJS.Require | undefined;

export function lazyRequire<T>(name: string): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= (requireFromHere ??= createRequire(import.meta.url))(name) as T);
}
