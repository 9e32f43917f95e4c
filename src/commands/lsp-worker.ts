/**
 * The language server's lint thread: lints one document at a time, so that a huge file being linted
 * never holds up the requests the server's main thread answers (lsp-server.ts). Settings arrive once
 * per key and are kept; each request names its key.
 */
import { parentPort } from 'node:worker_threads';
import { ruleCatalogue } from '../lint/catalogue.ts';
import type { LintDocumentOptions } from '../lint/engine.ts';
import { lintForEditor } from '../lsp/diagnostics.ts';
import type { LintReply, LintRequest } from './lsp-lint.ts';

const optionsByKey = new Map<string, LintDocumentOptions>();

parentPort?.on('message', async (request: LintRequest) => {
  let reply: LintReply;
  try {
    if (request.forget) optionsByKey.clear();
    if (request.options) {
      optionsByKey.set(request.key, request.options);
    }
    const options = optionsByKey.get(request.key);
    if (!options) throw new Error(`no settings for key ${request.key}`);
    reply = { id: request.id, diagnostics: await lintForEditor(request.path, request.text, options, ruleCatalogue()) };
  } catch (error) {
    reply = { id: request.id, error: error instanceof Error ? error.message : String(error) };
  }
  parentPort!.postMessage(reply);
});
