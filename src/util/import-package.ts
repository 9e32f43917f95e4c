/**
 * import() of an ES module package that loads on first use (libxml2-wasm for the XML schema, the
 * prompts of interactive `add`). The command-line bundles run through node:vm (bin/load-bundle.js, for
 * their code cache), where an import() written in the bundle has no module loader on Node 20 without an
 * experimental flag: the launcher lends its own (a global slot it fills). Elsewhere (the library, the
 * tests, the language server's thread) `load`, the caller's own import() of the same name, serves.
 */
const LAUNCHER_IMPORT = Symbol.for('arctl.import');

export function importPackage<T>(name: string, load: () => Promise<T>): Promise<T> {
  const launcherImport = (globalThis as { [LAUNCHER_IMPORT]?: (specifier: string) => Promise<unknown> })[LAUNCHER_IMPORT];
  return launcherImport ? (launcherImport(name) as Promise<T>) : load();
}
