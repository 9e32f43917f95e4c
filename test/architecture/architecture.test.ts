/**
 * The architecture (../shared/spec/architecture.md, as data in layers.ts) held by a test: the import graph
 * of src/ must have no forbidden import, no cycle between folders, and no process exit, console output or
 * process.argv/env reading below the shell.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { importGraph, moduleFacts, type ModuleFacts } from './import-graph.ts';
import { checkArchitecture } from './layers.ts';
import { projectRoot } from '../helpers/paths.ts';

test('src/ keeps to architecture.md', () => {
  const graph = importGraph(projectRoot);
  assert.ok(graph.size > 100, `read ${graph.size} modules`);
  assert.deepEqual(checkArchitecture(graph), []);
});

test('the reader finds static, re-exported, type and dynamic imports and the forbidden globals', () => {
  const facts = moduleFacts('src/lint/x.ts', [
    "import a from './a.ts';",
    "import type { B } from '../wazuh/b.ts';",
    "export { c } from '../schema/c.ts';",
    "export * from './d.ts';",
    "const e = await import('../simulate/e.ts');",
    "type F = import('../timeline/f.ts').F;",
    "import g = require('../add/g.ts');",
    "import ipaddr from 'ipaddr.js';",
    'process.exitCode = 1;',
    'console.error(process.env.HOME, process.argv);',
    "process['exit'](2);",
  ].join('\n'));
  assert.deepEqual(facts.imports, [
    'src/add/g.ts', 'src/lint/a.ts', 'src/lint/d.ts', 'src/schema/c.ts', 'src/simulate/e.ts', 'src/timeline/f.ts', 'src/wazuh/b.ts',
  ]);
  assert.deepEqual(facts.globals.map((g) => `${g.line} ${g.name}`), [
    '9 process.exitCode', '10 console.error', '10 process.env', '10 process.argv', '11 process[...]',
  ]);
});

test('the check fails on each kind of breach of a synthetic graph', () => {
  const m = (imports: string[], globals: ModuleFacts['globals'] = []): ModuleFacts => ({ imports, globals });
  const graph = new Map<string, ModuleFacts>([
    ['src/util/a.ts', m([])],
    ['src/document/d.ts', m(['src/util/a.ts', 'src/wazuh/w.ts'])],
    ['src/wazuh/w.ts', m(['src/document/d.ts'])],
    ['src/simulate/s.ts', m(['src/lint/l.ts', 'src/wazuh/w.ts'])],
    ['src/lint/l.ts', m(['src/schema/x.ts', 'src/commands/c.ts'], [{ name: 'process.exit', line: 3 }])],
    ['src/schema/x.ts', m([])],
    ['src/commands/c.ts', m(['src/lint/l.ts'], [{ name: 'console.log', line: 1 }])],
    ['src/index.ts', m(['src/cli.ts'])],
    ['src/cli.ts', m(['src/commands/c.ts'])],
    ['src/newthing/n.ts', m([])],
  ]);
  assert.deepEqual(checkArchitecture(graph), [
    'src/document/d.ts imports src/wazuh/w.ts: document may not import wazuh',
    'src/simulate/s.ts imports src/lint/l.ts: simulate may not import lint',
    'src/lint/l.ts imports src/commands/c.ts: lint may not import shell',
    'src/lint/l.ts:3: process.exit below the shell',
    'src/index.ts imports src/cli.ts: api may not import shell',
    'src/newthing/n.ts: not placed in a layer (add its folder to architecture.md and test/architecture/layers.ts)',
    'a cycle between folders: src/commands, src/lint',
    'a cycle between folders: src/document, src/wazuh',
  ]);
});
