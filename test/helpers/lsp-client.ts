/**
 * A real Language Server Protocol client for the tests: spawns `bin/arctl.js lsp`, talks JSON-RPC
 * over its stdio with vscode-jsonrpc, and sends the protocol's own request types.
 */
import assert from 'node:assert/strict';
import type { ChildProcess } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from 'vscode-jsonrpc/node';
import {
  ConfigurationRequest,
  DidChangeTextDocumentNotification,
  DidChangeWatchedFilesNotification,
  DidCloseTextDocumentNotification,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  InitializeRequest,
  PublishDiagnosticsNotification,
  RegistrationRequest,
  ShutdownRequest,
  type Diagnostic,
  type FileEvent,
  type InitializeResult,
  type Registration,
  type PublishDiagnosticsParams,
  type TextDocumentContentChangeEvent,
  type WorkspaceEdit,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { spawnArctl } from './cli.ts';

export interface StartOptions {
  /** The server's working directory and the workspace folder. */
  cwd: string;
  initializationOptions?: unknown;
  /** Answered to workspace/configuration requests for the `arctl` section (the client then announces the capability). */
  configuration?: unknown;
  /** The client announces that it watches files for the server (workspace/didChangeWatchedFiles with dynamic registration). */
  watchesFiles?: boolean;
}

export class LspClient {
  readonly connection: MessageConnection;
  readonly published: PublishDiagnosticsParams[] = [];
  /** What the server registered (client/registerCapability). */
  readonly registrations: Registration[] = [];
  stderr = '';
  private readonly waiters: Array<() => void> = [];
  private readonly texts = new Map<string, TextDocument>();
  readonly exited: Promise<number | null>;
  initializeResult!: InitializeResult;

  constructor(readonly child: ChildProcess) {
    this.connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    child.stderr!.on('data', (d: Buffer) => (this.stderr += d.toString()));
    this.exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    this.connection.onNotification(PublishDiagnosticsNotification.type, (params) => {
      this.published.push(params);
      for (const wake of this.waiters.splice(0)) wake();
    });
    this.connection.listen();
  }

  /** The newest diagnostics published for `uri` that satisfy `accept`, waiting for them (fails after `ms`). */
  async diagnostics(uri: string, accept: (d: Diagnostic[], version?: number) => boolean = () => true, ms = 30_000): Promise<Diagnostic[]> {
    const deadline = Date.now() + ms;
    for (;;) {
      const mine = this.published.filter((p) => p.uri === uri);
      const last = mine[mine.length - 1];
      if (last && (last.version === undefined || last.version === this.texts.get(uri)?.version) && accept(last.diagnostics, last.version)) return last.diagnostics;
      const left = deadline - Date.now();
      assert.ok(left > 0, `no matching diagnostics for ${uri} within ${ms} ms; last: ${JSON.stringify(last)}; stderr: ${this.stderr}`);
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  open(uri: string, text: string, languageId = 'xml'): void {
    this.texts.set(uri, TextDocument.create(uri, languageId, 1, text));
    void this.connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri, languageId, version: 1, text } });
  }

  /** Sends the changes (incremental or whole) as the next version, and keeps the client's copy in step. */
  change(uri: string, changes: TextDocumentContentChangeEvent[]): void {
    const doc = this.texts.get(uri)!;
    const next = TextDocument.update(doc, changes, doc.version + 1);
    this.texts.set(uri, next);
    void this.connection.sendNotification(DidChangeTextDocumentNotification.type, { textDocument: { uri, version: next.version }, contentChanges: changes });
  }

  /** Tells the server that watched files changed, as an editor does when a file it watches for the server is saved. */
  filesChanged(changes: FileEvent[]): void {
    void this.connection.sendNotification(DidChangeWatchedFilesNotification.type, { changes });
  }

  close(uri: string): void {
    this.texts.delete(uri);
    void this.connection.sendNotification(DidCloseTextDocumentNotification.type, { textDocument: { uri } });
  }

  text(uri: string): string {
    return this.texts.get(uri)!.getText();
  }

  /** Applies a workspace edit to the client's copy of the document and sends it to the server as a change. */
  apply(uri: string, edit: WorkspaceEdit): string {
    const edits = edit.changes?.[uri];
    assert.ok(edits && edits.length > 0, `the edit changes ${uri}`);
    const text = TextDocument.applyEdits(this.texts.get(uri)!, edits);
    this.change(uri, [{ text }]);
    return text;
  }

  async shutdown(): Promise<number | null> {
    await this.connection.sendRequest(ShutdownRequest.type);
    await this.connection.sendNotification(ExitNotification.type);
    const code = await this.exited;
    this.connection.dispose();
    return code;
  }
}

export async function startLsp(options: StartOptions): Promise<LspClient> {
  const child = spawnArctl(['lsp', '--stdio'], { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'] });
  const client = new LspClient(child);
  client.connection.onRequest(ConfigurationRequest.type, (params) => params.items.map((item) => (item.section === 'arctl' ? (options.configuration ?? null) : null)));
  client.connection.onRequest(RegistrationRequest.type, (params) => {
    client.registrations.push(...params.registrations);
  });
  client.initializeResult = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: uriOf(options.cwd),
    workspaceFolders: [{ uri: uriOf(options.cwd), name: 'test' }],
    capabilities: { workspace: { configuration: options.configuration !== undefined, ...(options.watchesFiles ? { didChangeWatchedFiles: { dynamicRegistration: true } } : {}) } },
    initializationOptions: options.initializationOptions ?? null,
  });
  await client.connection.sendNotification(InitializedNotification.type, {});
  return client;
}

export function uriOf(path: string): string {
  return pathToFileURL(path).href;
}

/** Kills the server if a test left it running. */
export function stopLsp(client: LspClient | undefined): void {
  if (client && client.child.exitCode === null) client.child.kill();
}
