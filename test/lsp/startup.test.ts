/**
 * `arctl lsp` is a command like any other: registered (help, shell completion), its server and protocol
 * libraries inside the command-line bundle as a module that only `arctl lsp` initialises (what that costs
 * other commands' start-up, with the code cache, is measured by `npm run bench`).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { distDir as dist } from '../helpers/dist.ts';

/** A name only the protocol library defines. */
const PROTOCOL_MARKER = 'textDocument/publishDiagnostics';

test('the language server is in the full command-line bundle, not in simulate\'s', () => {
  assert.ok(readFileSync(join(dist, 'arctl.cjs'), 'latin1').includes(PROTOCOL_MARKER));
  assert.ok(!readFileSync(join(dist, 'simulate-cli.cjs'), 'latin1').includes(PROTOCOL_MARKER));
});

test('arctl lsp is listed in help and completed by the shell completion', () => {
  assert.match(runArctl(['--help']).stdout, /^\s+lsp \[options\]\s+run the language server/m);
  assert.match(runArctl(['lsp', '--help']).stdout, /--stdio/);
  const bash = runArctl(['completion', 'bash']).stdout;
  assert.match(bash, /"lsp"\) COMPREPLY=\( \$\(compgen -W "--stdio --help -h"/);
});
