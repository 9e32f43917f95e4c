/**
 * `arctl lsp` latency, run by bench/suites.ts in a process of its own: a real client opens FILE and
 * sends CHANGES edits one after the other (a character typed, then removed), timing each from the
 * didChange notification to the publishDiagnostics for that version. Prints JSON: {medianMs, p95Ms, minMs, runs}.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startLsp, stopLsp, uriOf } from '../test/helpers/lsp-client.ts';

const [file, workDir, changesText = '200'] = process.argv.slice(2);
const changes = Number(changesText);
const text = readFileSync(file, 'utf8');
const client = await startLsp({ cwd: workDir });
try {
  const uri = uriOf(join(workDir, 'ossec.conf'));
  client.open(uri, text);
  await client.diagnostics(uri);
  // The edit: a space typed at the end of the first line, then removed (the findings stay the same).
  const end = { line: 0, character: text.split('\n')[0].length };
  const times: number[] = [];
  const warmUp = 20;
  for (let i = 0; i < warmUp + changes; i++) {
    const typed = i % 2 === 0;
    const range = typed ? { start: end, end } : { start: end, end: { line: 0, character: end.character + 1 } };
    const before = client.published.length;
    const start = performance.now();
    client.change(uri, [{ range, text: typed ? ' ' : '' }]);
    await client.diagnostics(uri, (_d, version) => version !== undefined && client.published.length > before);
    if (i >= warmUp) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const pick = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))];
  process.stdout.write(`${JSON.stringify({ medianMs: pick(0.5), p95Ms: pick(0.95), minMs: times[0], runs: times.length })}\n`);
  await client.shutdown();
} finally {
  stopLsp(client);
}
