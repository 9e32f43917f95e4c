/**
 * `arctl lsp` costs other commands nothing: the language server and its protocol libraries are a chunk
 * that only `import()` reaches, never a static import of the start-up bundle. The command is
 * registered (help, shell completion) like any other.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { distDir as dist, startupFiles } from '../helpers/dist.ts';

/** A name only the protocol library defines. */
const PROTOCOL_MARKER = 'textDocument/publishDiagnostics';

test('the language server is not part of the start-up bundle, only a dynamic import away', () => {
  const startup = startupFiles();
  for (const file of startup) assert.ok(!readFileSync(join(dist, file), 'utf8').includes(PROTOCOL_MARKER), `${file} is loaded at start-up and holds the LSP protocol`);
  const server = readdirSync(dist).filter((f) => f.startsWith('lsp-server-'));
  assert.equal(server.length, 1);
  assert.ok(!startup.has(server[0]));
  assert.ok(readFileSync(join(dist, server[0]), 'utf8').includes(PROTOCOL_MARKER));
  assert.match(readFileSync(join(dist, 'arctl.js'), 'utf8'), new RegExp(`import\\("\\./${server[0].replace(/[.-]/g, '\\$&')}"\\)`));
});

test('arctl lsp is listed in help and completed by the shell completion', () => {
  assert.match(runArctl(['--help']).stdout, /^\s+lsp \[options\]\s+run the language server/m);
  assert.match(runArctl(['lsp', '--help']).stdout, /--stdio/);
  const bash = runArctl(['completion', 'bash']).stdout;
  assert.match(bash, /"lsp"\) COMPREPLY=\( \$\(compgen -W "--stdio --help -h"/);
});
