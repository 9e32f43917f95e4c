/**
 * ../shared/spec/architecture.md as data: the layer table, the "Never" list, and the check of an import
 * graph against them. The page is the source; change it first, then this table.
 */
import type { ModuleFacts } from './import-graph.ts';

export type Area =
  | 'util' | 'document' | 'wazuh' | 'schema' | 'lint' | 'simulate'
  | 'timeline' | 'add' | 'config' | 'hook' | 'script' | 'diff' | 'compare' | 'lsp' | 'api' | 'shell';

/** The "may import" column of the layer table. */
const MAY_IMPORT: Record<Area, readonly Area[]> = {
  util: [],
  document: ['util'],
  wazuh: ['document', 'util'],
  schema: ['wazuh', 'document', 'util'],
  lint: ['schema', 'wazuh', 'document', 'util'],
  simulate: ['wazuh', 'document', 'util'],
  timeline: ['simulate', 'wazuh', 'document', 'util'],
  add: ['lint', 'schema', 'wazuh', 'document', 'util'],
  // The page puts config and hook in one row ("may import wazuh, util"); the hook script matches the file
  // names config/config-files.ts defines, so hook may import config (not the other way round).
  config: ['wazuh', 'util'],
  hook: ['config', 'wazuh', 'util'],
  // Not named by the page: src/script (`arctl script test`, running a custom program as execd does) sits
  // above the timeline, whose execd state it reuses; its JUnit output reuses lint's formatter.
  script: ['timeline', 'simulate', 'lint', 'schema', 'wazuh', 'document', 'util'],
  // Not named by the page: src/diff (the behavioural diff of two configurations) compares what simulate and
  // the timeline decide for each side, so it sits above them.
  diff: ['timeline', 'simulate', 'wazuh', 'document', 'util'],
  // Not named by the page: src/compare (the replay next to a host's active-responses.log) pairs what the
  // timeline replays with what the programs logged, and asks simulate why a logged run is not replayed.
  compare: ['timeline', 'simulate', 'wazuh', 'document', 'util'],
  // Not named by the page: src/lsp (the language server's answers, pure functions of a document and
  // settings) reads lint's findings and the schema data, like add, and names the settings config resolves
  // (an editor's setting for each of config's setting names); the server's protocol side is shell.
  lsp: ['config', 'lint', 'schema', 'wazuh', 'document', 'util'],
  api: ['lsp', 'diff', 'compare', 'script', 'add', 'timeline', 'simulate', 'lint', 'schema', 'config', 'hook', 'wazuh', 'document', 'util'],
  shell: ['api', 'lsp', 'diff', 'compare', 'script', 'add', 'timeline', 'simulate', 'lint', 'schema', 'config', 'hook', 'wazuh', 'document', 'util'],
};

const FOLDER_AREAS: Record<string, Area> = {
  util: 'util',
  document: 'document',
  wazuh: 'wazuh',
  schema: 'schema',
  lint: 'lint',
  simulate: 'simulate',
  timeline: 'timeline',
  add: 'add',
  config: 'config',
  hook: 'hook',
  script: 'script',
  diff: 'diff',
  compare: 'compare',
  lsp: 'lsp',
  // What src/index.ts re-exports from modules of its own ("src/index.ts (and what it re-exports)").
  api: 'api',
  commands: 'shell',
  completion: 'shell',
};

/**
 * Top-level files. Not named by the page: src/version.ts (the package's own version, read from
 * package.json; no Wazuh knowledge) is placed with util.
 */
const FILE_AREAS: Record<string, Area> = {
  'src/index.ts': 'api',
  'src/cli.ts': 'shell',
  'src/version.ts': 'util',
};

/** The area of a module under src/, or undefined when the page does not place it (the check then fails). */
export function areaOf(path: string): Area | undefined {
  if (Object.hasOwn(FILE_AREAS, path)) return FILE_AREAS[path];
  const folder = /^src\/([^/]+)\//.exec(path)?.[1];
  return folder !== undefined && Object.hasOwn(FOLDER_AREAS, folder) ? FOLDER_AREAS[folder] : undefined;
}

/** A folder for the cycle check: `src/lint/rules/x.ts` -> `src/lint`, `src/cli.ts` -> `src/cli.ts`. */
export function folderOf(path: string): string {
  return /^src\/[^/]+\//.exec(path)?.[0].slice(0, -1) ?? path;
}

/** Strongly connected components with more than one node (Tarjan), each sorted. */
export function cycles(edges: Map<string, Set<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next++;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) found.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/** Every breach of architecture.md in `graph` (module path -> facts), one line each; empty when none. */
export function checkArchitecture(graph: ReadonlyMap<string, ModuleFacts>): string[] {
  const problems: string[] = [];
  const folderEdges = new Map<string, Set<string>>();
  for (const [from, facts] of graph) {
    const fromArea = areaOf(from);
    if (fromArea === undefined) {
      problems.push(`${from}: not placed in a layer (add its folder to architecture.md and test/architecture/layers.ts)`);
      continue;
    }
    for (const to of facts.imports) {
      if (!to.startsWith('src/')) continue;
      const toArea = areaOf(to);
      if (toArea === undefined) continue; // reported as unplaced on its own
      if (toArea !== fromArea && !MAY_IMPORT[fromArea].includes(toArea)) {
        problems.push(`${from} imports ${to}: ${fromArea} may not import ${toArea}`);
      }
      const a = folderOf(from);
      const b = folderOf(to);
      if (a !== b) {
        if (!folderEdges.has(a)) folderEdges.set(a, new Set());
        folderEdges.get(a)!.add(b);
      }
    }
    if (fromArea !== 'shell') {
      for (const g of facts.globals) problems.push(`${from}:${g.line}: ${g.name} below the shell`);
    }
  }
  for (const cycle of cycles(folderEdges)) problems.push(`a cycle between folders: ${cycle.join(', ')}`);
  return problems;
}
