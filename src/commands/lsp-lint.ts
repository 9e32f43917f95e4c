/**
 * Linting for the language server, on a thread of its own (lsp-worker.ts) when the bundled worker is
 * there, else on this thread. One lint runs at a time; a document changed while it runs is linted
 * again afterwards, from its newest text.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Diagnostic as LspDiagnostic } from 'vscode-languageserver';
import { ruleCatalogue } from '../lint/catalogue.ts';
import type { LintDocumentOptions } from '../lint/engine.ts';
import { lintForEditor } from '../lsp/diagnostics.ts';

export interface LintRequest {
  id: number;
  path: string;
  text: string;
  key: string;
  /** Sent with the first request of a key; `forget` drops the settings of other keys first. */
  options?: LintDocumentOptions;
  forget?: boolean;
}

export type LintReply = { id: number; diagnostics: LspDiagnostic[] } | { id: number; error: string };

/** Settings kept by the worker before it is told to forget them. */
const KEPT_SETTINGS = 8;

export class EditorLinter {
  private worker: Worker | undefined;
  private readonly pending = new Map<number, (reply: LintReply) => void>();
  private readonly sentKeys = new Set<string>();
  private nextId = 1;

  constructor() {
    const script = new URL('./lsp-worker.js', import.meta.url);
    if (script.protocol === 'file:' && existsSync(fileURLToPath(script))) {
      this.worker = new Worker(script);
      this.worker.unref();
      this.worker.on('message', (reply: LintReply) => {
        this.pending.get(reply.id)?.(reply);
        this.pending.delete(reply.id);
      });
      this.worker.on('error', (error) => this.failAll(error.message));
      this.worker.on('exit', () => {
        this.worker = undefined;
        this.failAll('the lint thread stopped');
      });
    }
  }

  /** The document's findings; rejects with the reason when it could not be linted. */
  lint(path: string, text: string, key: string, options: LintDocumentOptions): Promise<LspDiagnostic[]> {
    const worker = this.worker;
    if (!worker) return lintForEditor(path, text, options, ruleCatalogue());
    const request: LintRequest = { id: this.nextId++, path, text, key };
    if (!this.sentKeys.has(key)) {
      if (this.sentKeys.size >= KEPT_SETTINGS) {
        this.sentKeys.clear();
        request.forget = true;
      }
      this.sentKeys.add(key);
      request.options = options;
    }
    return new Promise((resolve, reject) => {
      this.pending.set(request.id, (reply) => ('error' in reply ? reject(new Error(reply.error)) : resolve(reply.diagnostics)));
      worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.worker?.terminate();
  }

  private failAll(message: string): void {
    for (const settle of this.pending.values()) settle({ id: 0, error: message });
    this.pending.clear();
    this.sentKeys.clear();
  }
}
