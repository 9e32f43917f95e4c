/**
 * `arctl lsp`: the language server over stdio. It holds the documents the editor opened, resolves
 * settings with the library as `arctl lint` does (client settings as flags, the nearest .arctl.json
 * above each file; refusals worded with the editor's setting names),
 * lints on a thread of its own after each change (./lsp-lint.ts), and answers code actions, hover,
 * completion, definitions, references and the outline from src/lsp/.
 */
import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createConnection, DidChangeWatchedFilesNotification, ErrorCodes, ResponseError, TextDocuments, TextDocumentSyncKind, type Connection, type Diagnostic as LspDiagnostic } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { engineOptions, lintSettingsOf } from '../api/lint-settings.ts';
import { CONFIG_FILE_NAME, findConfigFile } from '../config/arctl-config.ts';
import { isConfigFilePath } from '../config/config-files.ts';
import { describeSettingsProblem, resolveSettings, SettingsError } from '../config/settings.ts';
import { ConfigDocument } from '../document/document.ts';
import { ruleCatalogue } from '../lint/catalogue.ts';
import { knownRuleIds } from '../lint/rule-ids.ts';
import type { LintDocumentOptions } from '../lint/engine.ts';
import { codeActions } from '../lsp/code-actions.ts';
import { completions } from '../lsp/completion.ts';
import { SOURCE } from '../lsp/diagnostics.ts';
import { hover } from '../lsp/hover.ts';
import { definition, documentSymbols, references } from '../lsp/navigation.ts';
import { byteOffset } from '../lsp/positions.ts';
import { clientSettingName, parseClientSettings, settingOptionsOf, type ClientSettings } from '../lsp/settings.ts';
import { ArctlError } from '../util/errors.ts';
import { MAX_CONFIG_BYTES, MAX_CONFIG_TAGS, overTagLimit } from '../util/read-input.ts';
import { EditorLinter } from './lsp-lint.ts';

/** Changes that arrive within this many milliseconds are linted once, from the newest text. */
const DEBOUNCE_MS = 5;

/**
 * A document's settings, or why they were refused. `inputs` are the files they were read from besides
 * the .arctl.json (the agents list, the ar bin and rules directories and rule files), `stamps` their
 * modification times then: a change to one of them makes the settings be read again.
 */
type Resolved = ({ key: string; options: LintDocumentOptions } | { key: string; error: string }) & { inputs: string[]; stamps: string };

export async function runLanguageServer(): Promise<void> {
  const connection = createConnection(process.stdin, process.stdout);
  const server = new LanguageServer(connection);
  server.listen();
  await new Promise<void>((resolve) => connection.onExit(() => resolve()));
  await server.close();
}

class LanguageServer {
  private readonly documents = new TextDocuments(TextDocument);
  private readonly linter = new EditorLinter();
  private readonly rules = ruleCatalogue();
  /**
   * What was last published for each document, and for which text: the open document (a document closed
   * and opened again is another, whose version starts again) and its version.
   */
  private readonly published = new Map<string, { document: TextDocument; version: number; diagnostics: LspDiagnostic[] }>();
  /** Each open document parsed once per version; no doc for one over the limits arctl lint sets (answered with nothing). */
  private readonly parsed = new Map<string, { version: number; doc: ConfigDocument | undefined }>();
  private readonly resolved = new Map<string, Resolved>();
  private readonly dirty = new Set<string>();
  /** Whether each open document is a Wazuh configuration, by version (see isWazuhDocument). */
  private readonly wazuh = new Map<string, { version: number; wazuh: boolean }>();
  private timer: NodeJS.Timeout | undefined;
  private linting = false;
  private root = process.cwd();
  private initSettings: unknown;
  private workspaceSettings: unknown;
  private pullsConfiguration = false;
  private watchesFiles = false;
  /** Where the session is: requests are answered only between initialize and shutdown (the protocol's rule). */
  private phase: 'new' | 'running' | 'shut-down' = 'new';
  /** Bumped when the client's settings change, so every resolved setting is recomputed. */
  private generation = 0;

  constructor(private readonly connection: Connection) {}

  listen(): void {
    const c = this.connection;
    c.onInitialize((params) => {
      const folder = params.workspaceFolders?.[0]?.uri ?? params.rootUri;
      if (folder?.startsWith('file:')) this.root = fileURLToPath(folder);
      this.initSettings = params.initializationOptions;
      this.phase = 'running';
      this.pullsConfiguration = params.capabilities.workspace?.configuration === true;
      this.watchesFiles = params.capabilities.workspace?.didChangeWatchedFiles?.dynamicRegistration === true;
      return {
        capabilities: {
          textDocumentSync: TextDocumentSyncKind.Incremental,
          codeActionProvider: { codeActionKinds: ['quickfix'] },
          hoverProvider: true,
          completionProvider: { triggerCharacters: ['<', '/', ',', '|'] },
          definitionProvider: true,
          referencesProvider: true,
          documentSymbolProvider: true,
        },
        serverInfo: { name: 'arctl' },
      };
    });
    c.onInitialized(() => {
      // An edited .arctl.json changes the findings of every open file below it: the client tells us
      // (an editor sends no change for the files themselves), and every document is linted again.
      if (this.watchesFiles) void c.client.register(DidChangeWatchedFilesNotification.type, { watchers: [{ globPattern: `**/${CONFIG_FILE_NAME}` }] }).catch(() => {});
      void this.pullSettings();
    });
    c.onDidChangeWatchedFiles(() => void this.pullSettings());
    c.onDidChangeConfiguration((params) => {
      const pushed = (params.settings as { arctl?: unknown } | null)?.arctl;
      if (pushed !== undefined) this.workspaceSettings = pushed;
      void this.pullSettings();
    });
    c.onShutdown(() => {
      this.phase = 'shut-down';
      clearTimeout(this.timer);
    });
    this.documents.onDidOpen((e) => this.schedule(e.document.uri));
    this.documents.onDidChangeContent((e) => this.schedule(e.document.uri));
    this.documents.onDidClose((e) => {
      this.dirty.delete(e.document.uri);
      this.parsed.delete(e.document.uri);
      this.wazuh.delete(e.document.uri);
      this.published.delete(e.document.uri);
      void c.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    });
    c.onCodeAction((p) => this.guard([], p, 'codeAction', () => this.withDocument(p.textDocument.uri, [], (doc) => codeActions(doc, p.textDocument.uri, this.current(p.textDocument.uri, p.context.diagnostics)))));
    c.onHover((p) =>
      this.guard(null, p, 'position', () =>
        this.withDocument(p.textDocument.uri, null, (doc, resolved) =>
          'options' in resolved ? hover(doc, byteOffset(doc, p.position), { target: resolved.options.target, rules: this.rules, diagnostics: this.current(p.textDocument.uri) }) : null,
        ),
      ),
    );
    c.onCompletion((p) =>
      this.guard([], p, 'position', () =>
        this.withDocument(p.textDocument.uri, [], (doc, resolved) => {
          if (!('options' in resolved)) return [];
          const { target, ruleset, agents } = resolved.options;
          return completions(doc, byteOffset(doc, p.position), { target, rules: this.rules, ...(ruleset ? { ruleset } : {}), ...(agents ? { agents } : {}) });
        }),
      ),
    );
    c.onDefinition((p) => this.guard([], p, 'position', () => this.withDocument(p.textDocument.uri, [], (doc) => definition(doc, p.textDocument.uri, byteOffset(doc, p.position)))));
    c.onReferences((p) => this.guard([], p, 'references', () => this.withDocument(p.textDocument.uri, [], (doc) => references(doc, p.textDocument.uri, byteOffset(doc, p.position), p.context.includeDeclaration))));
    c.onDocumentSymbol((p) => this.guard([], p, 'document', () => this.withDocument(p.textDocument.uri, [], (doc) => documentSymbols(doc))));
    this.documents.listen(c);
    c.listen();
  }

  close(): Promise<void> {
    clearTimeout(this.timer);
    return this.linter.close();
  }

  /**
   * A request that fails is answered with `fallback` and logged: the server never goes down with it.
   * Before initialize and after shutdown a request is an error, as the protocol says; so is one whose
   * params are not of the request's shape (InvalidParams, one line: the client's mistake, not the server's).
   */
  private guard<T>(fallback: T, params: unknown, shape: ParamsShape, answer: () => T): T {
    if (this.phase === 'new') throw new ResponseError(ErrorCodes.ServerNotInitialized, 'arctl: the server is not initialized yet');
    if (this.phase === 'shut-down') throw new ResponseError(ErrorCodes.InvalidRequest, 'arctl: the server is shut down; only exit is left');
    const problem = paramsProblem(params, shape);
    if (problem) throw new ResponseError(ErrorCodes.InvalidParams, `arctl: invalid params: ${problem}`);
    try {
      return answer();
    } catch (error) {
      this.connection.console.error(`arctl: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      return fallback;
    }
  }

  /**
   * The findings published for the document's current text: all of them, or those of `sent` (a code
   * action's context), each as published, with the fix and suggestions it carries. A client's diagnostic
   * that is not among them is left out: one of an older text (the edit went before its lint ended: its
   * fix would land at the old positions), or another server's. A client that does not send `data` back
   * still gets the fixes.
   */
  private current(uri: string, sent?: readonly LspDiagnostic[]): LspDiagnostic[] {
    const published = this.published.get(uri);
    if (!published || !this.isCurrent(uri, published.document, published.version)) return [];
    if (!sent) return published.diagnostics;
    return sent.flatMap((d) => published.diagnostics.find((mine) => sameFinding(mine, d)) ?? []);
  }

  /** Whether `document` at `version` is the text the client has open as `uri` now. */
  private isCurrent(uri: string, document: TextDocument, version: number): boolean {
    const open = this.documents.get(uri);
    return open === document && open.version === version;
  }

  private withDocument<T>(uri: string, none: T, answer: (doc: ConfigDocument, resolved: Resolved) => T): T {
    const text = this.documents.get(uri);
    if (!text || !this.isWazuhDocument(uri)) return none;
    let entry = this.parsed.get(uri);
    if (entry?.version !== text.version) {
      const source = text.getText();
      entry = { version: text.version, doc: overLimit(source) || overTagLimit(source) ? undefined : ConfigDocument.fromText(pathOf(uri), source) };
      this.parsed.set(uri, entry);
    }
    return entry.doc ? answer(entry.doc, this.settingsFor(uri)) : none;
  }

  private async pullSettings(): Promise<void> {
    if (this.pullsConfiguration) {
      try {
        const [section] = await this.connection.workspace.getConfiguration([{ section: 'arctl' }]);
        if (section !== undefined && section !== null) this.workspaceSettings = section;
      } catch {
        // A client that announced configuration but cannot answer keeps the settings it sent.
      }
    }
    this.generation++;
    this.resolved.clear();
    for (const doc of this.documents.all()) this.schedule(doc.uri);
  }

  private clientSettings(): { settings: ClientSettings; problems: string[] } {
    const init = parseClientSettings(this.initSettings, this.root);
    const workspace = parseClientSettings(this.workspaceSettings, this.root);
    return { settings: { ...init.settings, ...workspace.settings }, problems: [...init.problems, ...workspace.problems] };
  }

  /** The lint options for a document, as `arctl lint` run in the document's directory would use them. */
  private settingsFor(uri: string): Resolved {
    const { settings, problems } = this.clientSettings();
    const dir = uri.startsWith('file:') ? dirname(pathOf(uri)) : this.root;
    const configFile = settings.config ?? findConfigFile(dir);
    let stamp = '';
    try {
      stamp = configFile ? String(statSync(configFile).mtimeMs) : '';
    } catch {
      stamp = 'missing';
    }
    let key = `${this.generation}\0${configFile ?? ''}\0${stamp}`;
    let resolved = this.resolved.get(key);
    if (resolved && stampsOf(resolved.inputs) !== resolved.stamps) {
      // An input changed on disk: every setting read from it is read again, under new keys (the lint
      // thread keeps the options it was given per key).
      this.generation++;
      this.resolved.clear();
      key = `${this.generation}\0${configFile ?? ''}\0${stamp}`;
      resolved = undefined;
    }
    if (!resolved) {
      resolved = this.resolve(key, settings, problems, configFile, dir);
      this.resolved.set(key, resolved);
    }
    return resolved;
  }

  /** The library's settings resolution; a refusal is worded with the editor's setting names. */
  private resolve(key: string, settings: ClientSettings, problems: string[], configFile: string | undefined, dir: string): Resolved {
    const withInputs = <T extends object>(result: T, inputs: string[]) => ({ ...result, inputs, stamps: stampsOf(inputs) });
    if (problems.length > 0) return withInputs({ key, error: problems.join('; ') }, []);
    try {
      const resolved = resolveSettings({ cwd: dir, ...(configFile ? { configFile } : {}), options: settingOptionsOf(settings), knownRuleIds: knownRuleIds() });
      const inputs = [
        ...(resolved.agents ? [resolved.agents.file] : []),
        ...(resolved.arBin ? [resolved.arBin.dir] : []),
        ...(resolved.ruleset ? [...resolved.ruleset.dirs, ...resolved.ruleset.rules.files] : []),
      ];
      return withInputs({ key, options: engineOptions(lintSettingsOf(resolved), 'lint') }, inputs);
    } catch (error) {
      if (error instanceof SettingsError) {
        const named = error.problem as { path?: unknown; dir?: unknown };
        const input = [named.path, named.dir].filter((p): p is string => typeof p === 'string');
        return withInputs({ key, error: describeSettingsProblem(error.problem, clientSettingName) }, input);
      }
      if (error instanceof ArctlError) return withInputs({ key, error: error.message }, []);
      throw error;
    }
  }

  private schedule(uri: string): void {
    // Nothing is published before initialize is answered (the protocol's rule): a document a client
    // opened before it is linted once the client says it is initialized (pullSettings).
    if (this.phase !== 'running') return;
    this.dirty.add(uri);
    clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.pump(), DEBOUNCE_MS);
  }

  /** Lints the documents changed since their last lint, one at a time, and publishes their findings. */
  private async pump(): Promise<void> {
    if (this.linting) return;
    const uri = this.dirty.values().next().value;
    if (uri === undefined) return;
    this.dirty.delete(uri);
    const text = this.documents.get(uri);
    if (!text) return this.pump();
    this.linting = true;
    const version = text.version;
    let diagnostics: LspDiagnostic[];
    try {
      diagnostics = await this.diagnosticsFor(uri, text.getText());
    } catch (error) {
      diagnostics = [notice(`arctl could not lint this file: ${error instanceof Error ? error.message : String(error)}`, 1)];
    } finally {
      this.linting = false;
    }
    if (this.isCurrent(uri, text, version)) {
      this.published.set(uri, { document: text, version, diagnostics });
      await this.connection.sendDiagnostics({ uri, version, diagnostics });
    }
    return this.pump();
  }

  /**
   * Editors start the server for every XML file (Neovim's and Helix's filetype `xml`), pom.xml and
   * .csproj included: those get no findings, hover or completion. A document is Wazuh's when its name is
   * one arctl lint looks for (ossec.conf, agent.conf, *.ossec.conf) or it has an <ossec_config> or
   * <agent_config> element, whatever its name.
   */
  private isWazuhDocument(uri: string): boolean {
    const doc = this.documents.get(uri);
    if (!doc) return false;
    const known = this.wazuh.get(uri);
    if (known?.version === doc.version) return known.wazuh;
    const wazuh = isConfigFilePath(pathOf(uri)) || /<(ossec_config|agent_config)[\s/>]/.test(doc.getText());
    this.wazuh.set(uri, { version: doc.version, wazuh });
    return wazuh;
  }

  private async diagnosticsFor(uri: string, text: string): Promise<LspDiagnostic[]> {
    if (!this.isWazuhDocument(uri)) return [];
    if (overLimit(text)) return [notice(`arctl does not lint files over ${MAX_CONFIG_BYTES / 1048576} MB`, 3)];
    if (overTagLimit(text)) return [notice(`arctl does not lint files of more than ${MAX_CONFIG_TAGS} tags`, 3)];
    const resolved = this.settingsFor(uri);
    if ('error' in resolved) return [notice(`arctl settings: ${resolved.error}`, 1)];
    return this.linter.lint(pathOf(uri), text, resolved.key, resolved.options);
  }
}

/**
 * Whether the text is over the limit `arctl lint` sets on a file, in UTF-8 bytes as on disk (README "Untrusted
 * input"), not in UTF-16 units: a text of 12 M `€` is 36 MB. A UTF-16 unit is 1 to 3 bytes, so only a text whose
 * length is between a third of the limit and the limit is counted.
 */
function overLimit(text: string): boolean {
  if (text.length > MAX_CONFIG_BYTES) return true;
  return text.length * 3 > MAX_CONFIG_BYTES && Buffer.byteLength(text, 'utf8') > MAX_CONFIG_BYTES;
}

/** What a request's params must hold besides textDocument.uri. */
type ParamsShape = 'document' | 'position' | 'codeAction' | 'references';

/** Why `params` are not of the request's shape (the first thing missing or of the wrong type), or undefined. */
function paramsProblem(params: unknown, shape: ParamsShape): string | undefined {
  const object = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const isPosition = (v: unknown) => object(v) && Number.isInteger(v.line) && Number.isInteger(v.character) && (v.line as number) >= 0 && (v.character as number) >= 0;
  if (!object(params)) return 'params must be an object';
  if (!object(params.textDocument) || typeof params.textDocument.uri !== 'string') return 'textDocument.uri must be a string';
  if (shape === 'position' || shape === 'references') {
    if (!isPosition(params.position)) return 'position must have a line and a character, integers from 0';
  }
  if (shape === 'references' && !(object(params.context) && typeof params.context.includeDeclaration === 'boolean')) return 'context.includeDeclaration must be a boolean';
  if (shape === 'codeAction') {
    if (!(object(params.range) && isPosition(params.range.start) && isPosition(params.range.end))) return 'range must have a start and an end position';
    if (!(object(params.context) && Array.isArray(params.context.diagnostics) && params.context.diagnostics.every(object))) return 'context.diagnostics must be an array of diagnostics';
  }
  return undefined;
}

/** The modification times of files and directories, as one text ('-' for one that cannot be read). */
function stampsOf(paths: readonly string[]): string {
  return paths
    .map((path) => {
      try {
        const st = statSync(path);
        return `${st.mtimeMs}:${st.size}`;
      } catch {
        return '-';
      }
    })
    .join('\0');
}

/** Whether the client's diagnostic is this one: the same rule, message and range. */
function sameFinding(mine: LspDiagnostic, theirs: LspDiagnostic): boolean {
  const same = (a: { line: number; character: number }, b: { line: number; character: number } | undefined) => a.line === b?.line && a.character === b.character;
  return mine.source === theirs.source && mine.code === theirs.code && mine.message === theirs.message && same(mine.range.start, theirs.range?.start) && same(mine.range.end, theirs.range?.end);
}

/** A message about the file as a whole, shown on its first line. */
function notice(message: string, severity: 1 | 3): LspDiagnostic {
  return { range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, severity, source: SOURCE, message };
}

/** The file path a document stands for (its name decides whether it is an agent.conf). */
function pathOf(uri: string): string {
  if (uri.startsWith('file:')) {
    try {
      return fileURLToPath(uri);
    } catch {
      return uri;
    }
  }
  return decodeURIComponent(uri.replace(/^[a-z][a-z0-9+.-]*:/i, ''));
}
