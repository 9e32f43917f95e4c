/**
 * `arctl lsp` on one file, run by bench/suites.ts in a process of its own: a real client opens FILE
 * and waits for its diagnostics. Prints JSON: {ms, diagnostics}, the time from didOpen to
 * publishDiagnostics and how many there were.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLsp, stopLsp, uriOf } from '../test/helpers/lsp-client.ts';

const [file, workDir] = process.argv.slice(2);
const text = readFileSync(file, 'utf8');
const client = await startLsp({ cwd: workDir });
try {
  const uri = uriOf(join(workDir, 'ossec.conf'));
  const start = performance.now();
  client.open(uri, text);
  const diagnostics = await client.diagnostics(uri);
  process.stdout.write(`${JSON.stringify({ ms: performance.now() - start, diagnostics: diagnostics.length })}\n`);
  await client.shutdown();
} finally {
  stopLsp(client);
}
