/**
 * `arctl lsp` driven end to end by a real LSP client over stdio (test/helpers/lsp-client.ts):
 * diagnostics as `arctl lint` reports them, code actions applied, hover, completion, definitions,
 * references, the outline, settings, malformed and huge documents, shutdown.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import { createMessageConnection, ErrorCodes, ResponseError, StreamMessageReader, StreamMessageWriter } from 'vscode-jsonrpc/node';
import {
  CodeActionRequest,
  DidOpenTextDocumentNotification,
  ExitNotification,
  InitializedNotification,
  PublishDiagnosticsNotification,
  InitializeRequest,
  ShutdownRequest,
  CompletionRequest,
  DefinitionRequest,
  DocumentSymbolRequest,
  HoverRequest,
  ReferencesRequest,
  type CodeAction,
  type CompletionItem,
  type Diagnostic,
  type DocumentSymbol,
  type Hover,
  type Location,
  type MarkupContent,
} from 'vscode-languageserver-protocol';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { generateConfig } from '../../bench/generate.ts';
import { lintJson, spawnArctl } from '../helpers/cli.ts';
import { startLsp, stopLsp, uriOf, type LspClient } from '../helpers/lsp-client.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const broken = readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8');

/** The 0-based position of the `nth` occurrence of `needle` in `text`, plus `shift` characters. */
function at(text: string, needle: string, shift = 0, nth = 1): { line: number; character: number } {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  assert.ok(index >= 0, `'${needle}' occurs ${nth} time(s)`);
  const before = text.slice(0, index + shift).split('\n');
  return { line: before.length - 1, character: before[before.length - 1].length };
}

const messageOf = (d: Diagnostic) => (typeof d.message === 'string' ? d.message : d.message.value);

/** The LSP diagnostics of a file in the terms of `arctl lint --format json`. */
function asLintMessages(diagnostics: Diagnostic[]) {
  const severity = { 1: 'error', 2: 'warning', 3: 'info' } as Record<number, string>;
  return diagnostics.map((d) => ({ ruleId: d.code, severity: severity[d.severity!], message: messageOf(d), line: d.range.start.line + 1, column: d.range.start.character + 1, endLine: d.range.end.line + 1, endColumn: d.range.end.character + 1 }));
}

/** `arctl lint --format json` run in the file's directory, as the server resolves settings for it. */
function lintMessages(file: string, args: string[] = []) {
  return lintJson([file, ...args], { cwd: dirname(file) }).messages.map((m) => ({ ruleId: m.ruleId, severity: m.severityName, message: m.message, line: m.line, column: m.column, endLine: m.endLine, endColumn: m.endColumn }));
}

async function waitFor(condition: () => boolean, ms = 30_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    assert.ok(Date.now() < deadline, 'waited in vain');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

async function withServer(options: Parameters<typeof startLsp>[0], body: (client: LspClient) => Promise<void>): Promise<void> {
  const client = await startLsp(options);
  try {
    await body(client);
    assert.equal(await client.shutdown(), 0, client.stderr);
  } finally {
    stopLsp(client);
  }
}

const markdown = (h: Hover | null) => (h?.contents as MarkupContent | undefined)?.value ?? '';

test('diagnostics are the findings of arctl lint, with rule id, docs link and severity; a change relints', { timeout: 180_000 }, async () => {
  const dir = tempFiles({ 'ossec.conf': broken });
  const file = join(dir, 'ossec.conf');
  const uri = uriOf(file);
  await withServer({ cwd: dir }, async (client) => {
    const caps = client.initializeResult.capabilities;
    assert.ok(caps.hoverProvider && caps.definitionProvider && caps.referencesProvider && caps.documentSymbolProvider && caps.completionProvider && caps.codeActionProvider);
    client.open(uri, broken);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(asLintMessages(diagnostics), lintMessages(file));
    assert.equal(diagnostics.length, 4);
    const location = diagnostics.find((d) => d.code === 'invalid-location')!;
    assert.equal(location.source, 'arctl');
    assert.match(location.codeDescription!.href, /docs\/rules\/invalid-location\.md$/);
    // Typing the right location clears the finding.
    client.change(uri, [{ range: { start: at(broken, '>defined_agent', 1), end: at(broken, '>defined_agent', '>defined_agent'.length) }, text: 'defined-agent' }]);
    const after = await client.diagnostics(uri, (d) => d.length === 3);
    assert.ok(!after.some((d) => d.code === 'invalid-location'));
  });
});

test('code actions: the fix, the suggestion and "disable for this line", each applied and relinted', { timeout: 180_000 }, async () => {
  const text = broken.replace('<command>disable-account</command>', '<command>disable-acount</command>');
  const dir = tempFiles({ 'ossec.conf': text });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    const actionsFor = (d: Diagnostic) => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>;

    // The fix: what --fix applies.
    const location = diagnostics.find((d) => d.code === 'invalid-location')!;
    const fix = (await actionsFor(location)).find((a) => a.isPreferred)!;
    assert.equal(fix.title, 'Fix this invalid-location problem');
    const fixed = client.apply(uri, fix.edit!);
    assert.match(fixed, /<location>defined-agent<\/location>/);
    let now = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'invalid-location'));

    // The suggestion of a finding without a safe fix: the command name it meant.
    const unknown = now.find((d) => d.code === 'unknown-command' && messageOf(d).includes('disable-acount'))!;
    const suggestion = (await actionsFor(unknown)).find((a) => a.title.startsWith('Use the command'))!;
    assert.equal(suggestion.title, "Use the command 'disable-account' (unknown-command)");
    assert.notEqual(suggestion.isPreferred, true);
    const suggested = client.apply(uri, suggestion.edit!);
    assert.match(suggested, /<command>disable-account<\/command>/);
    now = await client.diagnostics(uri, (d) => !d.some((x) => messageOf(x).includes('disable-acount')));

    // Disable for this line: the finding goes, and the comment is not reported as unused.
    const blockIp = now.find((d) => d.code === 'unknown-command')!;
    const disable = (await actionsFor(blockIp)).find((a) => a.title === 'Disable unknown-command for this line')!;
    const disabled = client.apply(uri, disable.edit!);
    assert.match(disabled, /\n {4}<!-- arctl-disable-next-line unknown-command -->\n {4}<command>block-ip<\/command>/);
    now = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-command'));
    assert.ok(!now.some((d) => d.code === 'unused-disable'), JSON.stringify(now));

    // A second rule on a line that already has the comment joins it.
    const lookalike = now.find((d) => d.code === 'unicode-lookalike')!;
    const second = (await actionsFor(lookalike)).find((a) => a.title === 'Disable unicode-lookalike for this line')!;
    client.apply(uri, second.edit!);
    const joined = client.apply(uri, (await actionsFor((await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unicode-lookalike'))).find((d) => d.code === 'command-defined-after-use')!)).find((a) => a.title.startsWith('Disable'))!.edit!);
    assert.match(joined, /<!-- arctl-disable-next-line command-defined-after-use -->/);
    assert.deepEqual(await client.diagnostics(uri, (d) => d.length === 0), []);
  });
});

test('code actions answer for the text the client shows: a finding of an older text gets none (its fix would land at old positions), one sent back without its data gets its fix', { timeout: 180_000 }, async () => {
  const text = '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <level>10</level>\n    <timeout>10m</timeout>\n  </active-response>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir }, async (client) => {
    const actionsFor = (d: Diagnostic) => client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: d.range, context: { diagnostics: [d] } }) as Promise<CodeAction[]>;
    client.open(uri, text);
    const old = (await client.diagnostics(uri)).find((d) => d.code === 'timeout-not-integer')!;
    assert.equal((await actionsFor(old)).find((a) => a.isPreferred)?.title, 'Fix this timeout-not-integer problem');
    // The user adds a line above and asks for fixes before the new text is linted: the old finding's fix
    // would replace the text at its old position (now the line above the timeout).
    client.change(uri, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, text: '  <!-- drop brute force -->\n' }]);
    assert.deepEqual(await actionsFor(old), []);
    const now = (await client.diagnostics(uri)).find((d) => d.code === 'timeout-not-integer')!;
    assert.equal(now.range.start.line, old.range.start.line + 1);
    // A client that does not keep a diagnostic's data (no publishDiagnostics.dataSupport) sends it back bare.
    const { data: _, ...bare } = now;
    const fix = (await actionsFor(bare)).find((a) => a.isPreferred)!;
    assert.match(client.apply(uri, fix.edit!), /\n {4}<timeout>600<\/timeout>\n/);
    // And another server's diagnostic on the same range gets nothing from arctl.
    assert.deepEqual(await actionsFor({ ...now, source: 'xml', code: 'cvc-elt.1' }), []);
  });
});

test('a file closed while it is linted and opened again (same version, new text) never gets the old text\'s findings', { timeout: 180_000 }, async () => {
  const dir = tempFiles({});
  const uri = uriOf(join(dir, 'ossec.conf'));
  // Long enough (seconds of lint) that the close and the new open arrive while it is linted; a third of its <location>s are wrong.
  const old = generateConfig(20_000).replaceAll('<location>local</location>', '<location>lokal</location>');
  const now = '<ossec_config>\n  <active-response>\n    <command>firewall-drop</command>\n  </active-response>\n</ossec_config>\n';
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, old);
    await new Promise((resolve) => setTimeout(resolve, 200));
    client.close(uri);
    await client.diagnostics(uri, (d) => d.length === 0);
    const reopened = client.published.length;
    client.open(uri, now);
    const mine = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'unknown-command'));
    const after = client.published.slice(reopened).filter((p) => p.uri === uri);
    assert.ok(!after.some((p) => p.diagnostics.some((d) => d.code === 'invalid-location')), JSON.stringify(after.map((p) => p.diagnostics.length)));
    // Nor its fixes: the code actions for the new text's findings are the new text's.
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: mine[0]!.range, context: { diagnostics: mine } })) as CodeAction[];
    assert.ok(actions.length > 0 && actions.every((a) => !a.title.includes('invalid-location')), JSON.stringify(actions.map((a) => a.title)));
  });
});

test('"disable for this line" in files with CR line ends (all or some): the comment lands above the finding\'s line as the editor shows it, ends as the line above does, and silences that finding only', { timeout: 180_000 }, async () => {
  const block = (level: number) => ['  <active-response>', '    <command>nope</command>', '    <location>local</location>', `    <level>${level}</level>`, '  </active-response>'];
  const lines = ['<ossec_config>', ...block(10), ...block(11), '</ossec_config>'];
  // CR only (classic Mac OS): one LF line to Wazuh and to lint's line numbers. Mixed: LF lines, then CR from the second block on.
  const files = { 'cr.conf': lines.join('\r') + '\r', 'mixed.conf': lines.slice(0, 6).join('\n') + '\n' + lines.slice(6).join('\r') + '\r' };
  const dir = tempFiles(files);
  await withServer({ cwd: dir }, async (client) => {
    for (const [name, text] of Object.entries(files)) {
      const uri = uriOf(join(dir, name));
      client.open(uri, text);
      const disable = async (finding: Diagnostic) => {
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
        return client.apply(uri, actions.find((a) => a.title === 'Disable unknown-command for this line')!.edit!);
      };
      const unknown = (d: Diagnostic[]) => d.filter((x) => x.code === 'unknown-command');
      const before = unknown(await client.diagnostics(uri, (d) => unknown(d).length === 2));
      // The second block's command, on a CR line in both files.
      const second = await disable(before[1]!);
      const comment = (eol: string, level: number) => `  <active-response>${eol}    <!-- arctl-disable-next-line unknown-command -->${eol}    <command>nope</command>\r    <location>local</location>\r    <level>${level}`;
      assert.equal(second, text.replace('  <active-response>\r    <command>nope</command>\r    <location>local</location>\r    <level>11', comment('\r', 11)), name);
      const left = unknown(await client.diagnostics(uri, (d) => unknown(d).length === 1));
      assert.equal(left[0]!.range.start.line, 2, `${name}: the first block's finding stays`);
      // The first block's command: after an LF line in the mixed file, whose comment then ends with LF.
      const eol = name === 'cr.conf' ? '\r' : '\n';
      const first = await disable(left[0]!);
      assert.equal(first, second.replace(`  <active-response>${eol}    <command>nope</command>${eol}`, `  <active-response>${eol}    <!-- arctl-disable-next-line unknown-command -->${eol}    <command>nope</command>${eol}`), name);
      const now = await client.diagnostics(uri, (d) => unknown(d).length === 0);
      assert.ok(!now.some((d) => d.code === 'unused-disable'), `${name}: ${JSON.stringify(now)}`);
    }
  });
});

test('"disable for this line" in a file with CR CR LF line ends: the new comment line ends with CR CR LF, and a comment on the line above is extended', { timeout: 180_000 }, async () => {
  // CR CR LF (a CRLF file saved again by a tool that turned LF into CRLF): editors show an empty line after each line.
  const eol = '\r\r\n';
  const lines = ['<ossec_config>', '  <active-response>', '    <command>nope</command>', '    <location>local</location>', '    <level>10</level>', '  </active-response>', '  <active-response>', '    <!-- arctl-disable-next-line no-trigger -->', '    <command>gone</command>', '    <location>local</location>', '    <level>11</level>', '  </active-response>', '</ossec_config>'];
  const text = lines.join(eol) + eol;
  const dir = tempFiles({ 'crcrlf.conf': text });
  const uri = uriOf(join(dir, 'crcrlf.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    const unknown = (d: Diagnostic[]) => d.filter((x) => x.code === 'unknown-command');
    const found = unknown(await client.diagnostics(uri, (d) => unknown(d).length === 2));
    const disable = async (finding: Diagnostic) => {
      const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
      return client.apply(uri, actions.find((a) => a.title === 'Disable unknown-command for this line')!.edit!);
    };
    const [first, second] = [found.find((d) => d.range.start.line < 8)!, found.find((d) => d.range.start.line > 8)!];
    assert.equal(await disable(second), text.replace('arctl-disable-next-line no-trigger -->', 'arctl-disable-next-line no-trigger, unknown-command -->'));
    client.change(uri, [{ text }]);
    await client.diagnostics(uri, (d) => unknown(d).length === 2);
    assert.equal(await disable(first), text.replace(`  <active-response>${eol}    <command>nope`, `  <active-response>${eol}    <!-- arctl-disable-next-line unknown-command -->${eol}    <command>nope`));
  });
});

test('quick fixes in a file with CR line ends only lay out its lines as in the LF file: a repeated entry goes with its line, a command moves above its response', { timeout: 180_000 }, async () => {
  const lf = readFileSync(join(projectRoot, 'test/fixtures/layouts/repeated-entry-command-after-use.conf'), 'utf8');
  const files = { 'lf.conf': lf, 'cr.conf': lf.replace(/\n/g, '\r') };
  const dir = tempFiles(files);
  await withServer({ cwd: dir }, async (client) => {
    const fixed: Record<string, string[]> = {};
    for (const [name, text] of Object.entries(files)) {
      const uri = uriOf(join(dir, name));
      client.open(uri, text);
      const found = await client.diagnostics(uri, (d) => d.some((x) => x.code === 'whitelist-duplicate') && d.some((x) => x.code === 'command-defined-after-use'));
      const fixOf = async (code: string) => {
        const finding = found.find((d) => d.code === code)!;
        const actions = (await client.connection.sendRequest(CodeActionRequest.type, { textDocument: { uri }, range: finding.range, context: { diagnostics: [finding] } })) as CodeAction[];
        return actions.find((a) => a.title === `Fix this ${code} problem`)!.edit!;
      };
      // Each fix applied on its own to the text as opened.
      const applied = async (code: string) => TextDocument.applyEdits(TextDocument.create(uri, 'xml', 1, text), (await fixOf(code)).changes![uri]!);
      fixed[name] = [await applied('whitelist-duplicate'), await applied('command-defined-after-use')];
    }
    assert.deepEqual(fixed['cr.conf'], fixed['lf.conf']!.map((t) => t.replace(/\n/g, '\r')));
    assert.doesNotMatch(fixed['lf.conf']![0]!, /127\.0\.0\.1<\/white_list>\n {4}<white_list>127/);
    assert.ok(fixed['lf.conf']![1]!.indexOf('<name>firewall-drop') < fixed['lf.conf']![1]!.indexOf('<active-response>'));
  });
});

test('hover: an option with its versions, a command reference resolved, a finding explained', { timeout: 180_000 }, async () => {
  const dir = tempFiles({ 'ossec.conf': broken });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir, initializationOptions: { targetVersion: '4.1' } }, async (client) => {
    client.open(uri, broken);
    await client.diagnostics(uri);
    const hoverAt = (position: { line: number; character: number }) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position }) as Promise<Hover | null>;
    const option = markdown(await hoverAt(at(broken, '<timeout_allowed>', 3)));
    assert.match(option, /`<timeout_allowed>` in `<command>`: Whether the command can be undone/);
    assert.match(option, /Versions: in every Wazuh version/);
    // Not 'optional': a manager refuses a response without it (1281).
    assert.match(markdown(await hoverAt(at(broken, '<location>', 2))), /value: location; required, with <command> \(1281\), unless the block is disabled or only holds agent options;/);
    assert.match(option, /value: yes-no; optional;/);
    const section = markdown(await hoverAt(at(broken, '<global>', 2)));
    assert.match(section, /Manager-wide options/);
    const lookalike = markdown(await hoverAt(at(broken, '<command>firewall', 12)));
    assert.match(lookalike, /No `<command>` is named `firewall‐drop` in this file/);
    assert.match(lookalike, /\*\*unicode-lookalike\*\* \(error\)/);
    client.change(uri, [{ range: { start: at(broken, 'firewall‐drop'), end: at(broken, 'firewall‐drop', 13) }, text: 'firewall-drop' }]);
    await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unicode-lookalike'));
    const reference = markdown(await hoverAt(at(broken, '<command>firewall', 12)));
    assert.match(reference, /^`firewall-drop`: the `<command>` on line 8: runs `firewall-drop`, timeout_allowed yes\.$/);
    const later = markdown(await hoverAt(at(broken, '<command>disable-account', 12)));
    assert.match(later, /on line 40 \(after this response/);
    assert.match(later, /\*\*command-defined-after-use\*\* \(error\)/);
    const finding = markdown(await hoverAt(at(broken, '>defined_agent', 3)));
    assert.match(finding, /\*\*invalid-location\*\* \(error\)/);
    assert.match(finding, /docs\/rules\/invalid-location\.md/);
    assert.equal(await hoverAt({ line: 6, character: 0 }), null);
  });
});

test('hover on an unknown section of a shared agent.conf says agents refuse the file, not that Wazuh stops; completion there offers no section agents ignore', { timeout: 180_000 }, async () => {
  const text = '<agent_config>\n  <sysckeck>\n    <frequency>43200</frequency>\n  </sysckeck>\n</agent_config>\n';
  const dir = tempFiles({ 'agent.conf': text });
  const uri = uriOf(join(dir, 'agent.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    await client.diagnostics(uri);
    const hover = markdown((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(text, 'sysckeck', 2) })) as Hover);
    assert.match(hover, /^`<sysckeck>` is not a Wazuh configuration section: agents refuse this shared file with \(1230\): Invalid element in the configuration, and keep the configuration they have\./);
    assert.doesNotMatch(hover, /Wazuh stops/);
    // Completion there offers no section agents pass over (ar-in-agent-conf would warn about it).
    const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(text, '  <sysckeck>', 3) })) as CompletionItem[];
    const sections = items.map((i) => i.label);
    assert.ok(sections.includes('syscheck') && sections.includes('active-response') && sections.includes('localfile'), sections.join());
    for (const ignored of ['global', 'alerts', 'email_alerts', 'command', 'auth', 'wdb']) assert.ok(!sections.includes(ignored), ignored);
  });
});

test('hover on a section agents ignore in a shared agent.conf says so, and why; not on a section they read', { timeout: 180_000 }, async () => {
  const text = '<agent_config>\n  <global>\n    <white_list>10.0.0.1</white_list>\n  </global>\n  <command>\n    <name>x</name>\n    <executable>x</executable>\n  </command>\n  <auth><disabled>no</disabled></auth>\n  <syscheck><frequency>43200</frequency></syscheck>\n</agent_config>\n';
  const dir = tempFiles({ 'agent.conf': text, 'ossec.conf': text.replace(/agent_config/g, 'ossec_config') });
  const uri = uriOf(join(dir, 'agent.conf'));
  const own = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    await client.diagnostics(uri);
    const hoverAt = (u: string, needle: string) => client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: u }, position: at(text, needle, 2) }) as Promise<Hover | null>;
    assert.match(markdown(await hoverAt(uri, '<global>')), /^Agents ignore `<global>` in a shared agent\.conf: alerts and e-mail are the manager's \(analysisd, maild\)\. Put it in the manager's ossec\.conf\.\n\n`<global>`: /);
    assert.match(markdown(await hoverAt(uri, '<command>')), /^Agents ignore `<command>` in a shared agent\.conf: commands are bound by the manager's analysisd/);
    assert.match(markdown(await hoverAt(uri, '<auth>')), /^Agents ignore `<auth>` in a shared agent\.conf: only the manager's daemons read it/);
    assert.doesNotMatch(markdown(await hoverAt(uri, '<syscheck>')), /Agents ignore/);
    // In a node's own ossec.conf the manager reads them: no such line.
    client.open(own, text.replace(/agent_config/g, 'ossec_config'));
    await client.diagnostics(own);
    assert.doesNotMatch(markdown(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: own }, position: at(text, '<global>', 2) }) as Hover), /Agents ignore/);
  });
});

test('hover says which versions know an option: extra_args is not in 3.4', { timeout: 180_000 }, async () => {
  const text = '<ossec_config>\n  <command>\n    <name>x</name>\n    <executable>x</executable>\n    <extra_args>-v</extra_args>\n  </command>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text, '.arctl.json': '{ "targetVersion": "3.4" }' });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    assert.ok(diagnostics.some((d) => d.code === 'option-not-in-version'), JSON.stringify(diagnostics));
    const hover = markdown((await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri }, position: at(text, 'extra_args', 2) })) as Hover);
    assert.match(hover, /since Wazuh 3\.5\. Not known to the target version 3\.4\./);
  });
});

test('completion: elements at the cursor, locations, commands of the file, rule ids and groups, agent ids, rule ids in disable comments', { timeout: 180_000 }, async () => {
  const rules = '<group name="syslog,sshd,">\n  <rule id="5712" level="10">\n    <description>sshd brute force</description>\n  </rule>\n  <rule id="5720" level="10">\n    <description>Multiple sshd authentication failures</description>\n  </rule>\n</group>\n';
  const text =
    '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n  </command>\n  <active-response>\n    <command>f</command>\n    <location></location>\n    <agent_id></agent_id>\n    <rules_id>5712,</rules_id>\n    <rules_group></rules_group>\n    <disabled></disabled>\n    <\n  </active-response>\n  <!-- arctl-disable-next-line  -->\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text, 'rules/local_rules.xml': rules, 'client.keys': '001 web01 any 0123456789abcdef\n002 db01 10.0.0.2 fedcba9876543210\n' });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir, configuration: { ruleset: 'rules', agents: 'client.keys' } }, async (client) => {
    client.open(uri, text);
    await client.diagnostics(uri);
    const labels = async (needle: string, shift: number, nth = 1) => {
      const items = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(text, needle, shift, nth) })) as CompletionItem[];
      return items.map((i) => i.label);
    };
    const options = await labels('    <\n', 5);
    assert.ok(options.includes('location') && options.includes('rules_group') && options.includes('repeated_offenders'), options.join());
    assert.ok(!options.includes('email_to') && !options.includes('executable'));
    assert.deepEqual(await labels('<location>', 10), ['local', 'server', 'defined-agent', 'all']);
    assert.deepEqual(await labels('<command>f', 10), ['firewall-drop']);
    assert.deepEqual(await labels('<agent_id>', 10), ['001', '002']);
    assert.deepEqual(await labels('<rules_id>5712,', 15), ['5712', '5720']);
    const groups = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(text, '<rules_group>', 13) })) as CompletionItem[];
    assert.deepEqual(groups.map((g) => (g.textEdit as { newText: string }).newText), ['sshd,', 'syslog,']);
    assert.deepEqual(await labels('<disabled>', 10), ['yes', 'no']);
    const sections = await labels('  <command>', 3);
    assert.ok(sections.includes('active-response') && sections.includes('global') && !sections.includes('location'));
    // Mid-name (`<com|mand>`), the item replaces the whole name, not only what is before the cursor.
    const midName = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position: at(text, '  <command>', 5) })) as CompletionItem[];
    const edit = midName.find((i) => i.label === 'active-response')!.textEdit as { range: unknown; newText: string };
    assert.deepEqual(edit, { range: { start: at(text, '  <command>', 3), end: at(text, '  <command>', 10) }, newText: 'active-response' });
    const ruleIds = await labels('arctl-disable-next-line ', 24);
    assert.ok(ruleIds.includes('unknown-command') && ruleIds.includes('invalid-location'));
  });
});

test('definition and references between a <command> and the responses that use it; the outline', { timeout: 180_000 }, async () => {
  const dir = tempFiles({ 'ossec.conf': broken });
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, broken);
    await client.diagnostics(uri);
    const definition = (await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri }, position: at(broken, '<command>disable-account', 12) })) as Location[];
    assert.deepEqual(definition.map((l) => l.range.start), [{ line: 40, character: 4 }]);
    const refs = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at(broken, '<name>disable-account', 8), context: { includeDeclaration: true } })) as Location[];
    assert.deepEqual(refs.map((l) => l.range.start.line), [40, 23]);
    const noDeclaration = (await client.connection.sendRequest(ReferencesRequest.type, { textDocument: { uri }, position: at(broken, '<name>firewall-drop', 8), context: { includeDeclaration: false } })) as Location[];
    // The response on line 16 names firewall‐drop with U+2010: not a reference Wazuh would resolve.
    assert.deepEqual(noDeclaration, []);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.equal(symbols.length, 1);
    assert.deepEqual(
      symbols[0].children!.map((s) => s.name),
      ['global', 'command firewall-drop', 'active-response firewall‐drop', 'active-response disable-account', 'active-response block-ip', 'command disable-account'],
    );
    assert.deepEqual(symbols[0].children![3].children!.map((s) => `${s.name}=${s.detail}`), ['command=disable-account', 'location=defined_agent', 'agent_id=002', 'rules_id=5503', 'timeout=1800']);
  });
});

test('settings: client settings win over .arctl.json, as flags do; a bad setting is reported on the file under its editor name', { timeout: 180_000 }, async () => {
  const dir = tempFiles({
    'ossec.conf': broken,
    '.arctl.json': '{ "rules": { "unknown-command": "off", "invalid-location": "warning" } }',
    'bad.keys': '001 web01\n',
    'cfg/ossec.conf': broken,
    'cfg/.arctl.json': '{ "agents": "../bad.keys" }',
  });
  const file = join(dir, 'ossec.conf');
  const uri = uriOf(file);
  const badKeys = `${join(dir, 'bad.keys')}:1: expected a client.keys line 'ID NAME IP KEY' or a JSON array of agents`;
  await withServer({ cwd: dir, initializationOptions: { rules: { 'invalid-location': 'info' } } }, async (client) => {
    client.open(uri, broken);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(asLintMessages(diagnostics), lintMessages(file, ['--rule', 'invalid-location=info']));
    assert.ok(!diagnostics.some((d) => d.code === 'unknown-command'));
    assert.equal(diagnostics.find((d) => d.code === 'invalid-location')!.severity, 3);
    // The agents list of the .arctl.json above this file is named by that file and key.
    const inCfg = uriOf(join(dir, 'cfg/ossec.conf'));
    client.open(inCfg, broken);
    const [refused] = await client.diagnostics(inCfg);
    assert.equal(messageOf(refused), `arctl settings: config ${join(dir, 'cfg/.arctl.json')}: agents ${badKeys}`);
  });
  await withServer({ cwd: dir, initializationOptions: { targetVersion: '5.0' } }, async (client) => {
    client.open(uri, broken);
    const [only] = await client.diagnostics(uri);
    assert.match(messageOf(only), /^arctl settings: arctl\.targetVersion 5\.0 is not supported yet/);
  });
  await withServer({ cwd: dir, initializationOptions: { agents: 'bad.keys' } }, async (client) => {
    client.open(uri, broken);
    const [only] = await client.diagnostics(uri);
    assert.equal(messageOf(only), `arctl settings: arctl.agents ${badKeys}`);
    assert.equal(only.severity, 1);
  });
  // Values of the wrong type (a number for a version, as a YAML or Lua config writes it unquoted) are named the same way.
  await withServer({ cwd: dir, initializationOptions: { targetVersion: 4.14, ruleset: [1], rules: 'off' } }, async (client) => {
    client.open(uri, broken);
    const [only] = await client.diagnostics(uri);
    assert.equal(messageOf(only), 'arctl settings: arctl.targetVersion must be a string; arctl.ruleset must be a string or a list of strings; arctl.rules must be an object of rule id -> off | info | warning | error');
  });
});

test('the managers\' build is a setting too (arch), as --arch: the VS Code extension offers it and a non-ASCII group is judged for that build', { timeout: 180_000 }, async () => {
  const text = '<ossec_config>\n  <command>\n    <name>notify</name>\n    <executable>notify.sh</executable>\n  </command>\n  <active-response>\n    <command>notify</command>\n    <location>server</location>\n    <rules_group>connexion_refusée,</rules_group>\n  </active-response>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': text });
  const file = join(dir, 'ossec.conf');
  const uri = uriOf(file);
  const extension = JSON.parse(readFileSync(join(projectRoot, 'editors/vscode/package.json'), 'utf8')) as { contributes: { configuration: { properties: Record<string, { enum?: string[] }> } } };
  assert.deepEqual(extension.contributes.configuration.properties['arctl.arch']?.enum, ['x86_64', 'aarch64']);
  await withServer({ cwd: dir, initializationOptions: { arch: 'aarch64' } }, async (client) => {
    client.open(uri, text);
    const diagnostics = await client.diagnostics(uri);
    assert.deepEqual(asLintMessages(diagnostics), lintMessages(file, ['--arch', 'aarch64']));
    assert.ok(!diagnostics.some((d) => d.code === 'non-ascii-pattern'));
  });
  await withServer({ cwd: dir, initializationOptions: { arch: 'arm' } }, async (client) => {
    client.open(uri, text);
    assert.deepEqual((await client.diagnostics(uri)).map(messageOf), ['arctl settings: arctl.arch must be one of x86_64, aarch64']);
  });
  // The default build (x86_64) never matches the group: the finding the aarch64 lint has not.
  assert.ok(lintMessages(file).some((m) => m.ruleId === 'non-ascii-pattern'));
});

test('an edited .arctl.json relints the open files: the client watches it for the server, and the findings follow without an edit of the file', { timeout: 180_000 }, async () => {
  const dir = tempFiles({ 'ossec.conf': broken });
  const file = join(dir, 'ossec.conf');
  const uri = uriOf(file);
  await withServer({ cwd: dir, watchesFiles: true }, async (client) => {
    client.open(uri, broken);
    assert.ok((await client.diagnostics(uri)).some((d) => d.code === 'unknown-command'));
    await waitFor(() => client.registrations.some((r) => r.method === 'workspace/didChangeWatchedFiles'));
    const registration = client.registrations.find((r) => r.method === 'workspace/didChangeWatchedFiles')!;
    assert.deepEqual(registration.registerOptions, { watchers: [{ globPattern: '**/.arctl.json' }] });
    const config = join(dir, '.arctl.json');
    writeFileSync(config, '{ "rules": { "unknown-command": "off" } }');
    client.filesChanged([{ uri: uriOf(config), type: 1 }]);
    const after = await client.diagnostics(uri, (d) => !d.some((x) => x.code === 'unknown-command'));
    assert.deepEqual(asLintMessages(after), lintMessages(file));
    writeFileSync(config, '{ "rules": { "unknown-comand": "off" } }');
    client.filesChanged([{ uri: uriOf(config), type: 2 }]);
    const [refused] = await client.diagnostics(uri, (d) => d.length === 1 && messageOf(d[0]!).startsWith('arctl settings:'));
    assert.match(messageOf(refused!), /unknown rule 'unknown-comand'/);
  });
});

test('an edited agents list is read again: the findings that depend on it follow the file, a refusal goes once the file is mended', { timeout: 180_000 }, async () => {
  const conf = '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>002</agent_id>\n    <level>10</level>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>\n';
  const dir = tempFiles({ 'ossec.conf': conf, 'client.keys': '001 web01 any 0123abcd\n' });
  const keys = join(dir, 'client.keys');
  const uri = uriOf(join(dir, 'ossec.conf'));
  await withServer({ cwd: dir, initializationOptions: { agents: 'client.keys' } }, async (client) => {
    client.open(uri, conf);
    assert.deepEqual((await client.diagnostics(uri)).map((d) => d.code), ['agent-id-unknown']);
    // The agent is registered; the next edit of the file is linted with the new list.
    writeFileSync(keys, '001 web01 any 0123abcd\n002 web02 any 4567cdef\n');
    client.change(uri, [{ text: `${conf}\n` }]);
    assert.deepEqual(await client.diagnostics(uri), []);
    // A list the server cannot read is refused, and the refusal goes once it is mended.
    writeFileSync(keys, 'garbage\n');
    client.change(uri, [{ text: conf }]);
    const [refused] = await client.diagnostics(uri, (d) => d.length === 1 && messageOf(d[0]!).startsWith('arctl settings:'));
    assert.match(messageOf(refused!), /client\.keys:1: expected a client\.keys line/);
    writeFileSync(keys, '001 web01 any 0123abcd\n');
    client.change(uri, [{ text: `${conf}\n` }]);
    assert.deepEqual((await client.diagnostics(uri, (d) => !d.some((x) => messageOf(x).startsWith('arctl settings:')))).map((d) => d.code), ['agent-id-unknown']);
  });
});

test('an XML file that is not a Wazuh configuration (the editor starts the server for every XML file) gets no findings, hover or completion', { timeout: 180_000 }, async () => {
  const dir = tempFiles({});
  const pom = uriOf(join(dir, 'pom.xml'));
  const pomText = '<project>\n  <modelVersion>4.0.0</modelVersion>\n  <command>x</command>\n</project>\n';
  const fragment = uriOf(join(dir, 'responses.xml'));
  const fragmentText = '<ossec_config>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined_agent</location>\n  </active-response>\n</ossec_config>\n';
  await withServer({ cwd: dir }, async (client) => {
    client.open(pom, pomText);
    assert.deepEqual(await client.diagnostics(pom), []);
    const inside = at(pomText, '<command>', 2);
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: pom }, position: inside }), null);
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: pom }, position: inside }), []);
    // Whatever its name, a file with an <ossec_config> root is Wazuh's.
    client.open(fragment, fragmentText);
    assert.ok((await client.diagnostics(fragment)).some((d) => d.code === 'invalid-location'));
    // And a file that becomes one is linted from then on.
    client.change(pom, [{ text: fragmentText }]);
    assert.ok((await client.diagnostics(pom, (d) => d.length > 0)).some((d) => d.code === 'invalid-location'));
  });
});

test('malformed and huge documents: the server answers, keeps serving other requests, never crashes', { timeout: 300_000 }, async () => {
  const dir = tempFiles({});
  const small = uriOf(join(dir, 'ossec.conf'));
  const huge = uriOf(join(dir, 'huge.ossec.conf'));
  const unclosed = '<ossec_config>\n  <active-response>\n    <location>local\n  <!-- unfinished';
  // About 20,000 lines and 600 KB: a large ossec.conf, which the lint thread takes a while over.
  const hugeText = generateConfig(20_000);
  await withServer({ cwd: dir }, async (client) => {
    client.open(small, unclosed);
    const [parse] = await client.diagnostics(small);
    assert.equal(parse.code, 'parse-error');
    for (let i = 0; i < unclosed.length; i += 7) {
      const position = at(unclosed, unclosed.slice(i, i + 1), 0, unclosed.slice(0, i + 1).split(unclosed[i]).length - 1);
      await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position });
      await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: small }, position });
      await client.connection.sendRequest(DefinitionRequest.type, { textDocument: { uri: small }, position });
    }
    // Binary junk and a position past the end.
    client.change(small, [{ text: '\u0000<<>>&&<!--\uFFFD<a b="' }]);
    await client.diagnostics(small);
    // What the reader got before the junk, with every name inside its element's range as the protocol wants.
    const junk = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: small } })) as DocumentSymbol[];
    const le = (a: { line: number; character: number }, b: { line: number; character: number }) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    const within = (s: DocumentSymbol): boolean => le(s.range.start, s.selectionRange.start) && le(s.selectionRange.end, s.range.end) && s.children!.every(within);
    assert.ok(junk.every(within), JSON.stringify(junk));
    assert.equal(await client.connection.sendRequest(HoverRequest.type, { textDocument: { uri: small }, position: { line: 99, character: 99 } }), null);

    // A huge document is linted on the lint thread: requests are answered meanwhile.
    client.open(huge, hugeText);
    client.change(small, [{ text: broken }]);
    const started = client.published.length;
    const answered = (await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: small }, position: at(broken, '<location>local', 10) })) as CompletionItem[];
    assert.equal(answered.length, 4);
    assert.ok(!client.published.slice(started).some((p) => p.uri === huge), 'the completion was answered before the huge document was linted');
    const hugeFile = join(dir, 'huge.ossec.conf');
    writeFileSync(hugeFile, hugeText);
    assert.deepEqual(asLintMessages(await client.diagnostics(huge, () => true, 170_000)), lintMessages(hugeFile));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: huge } })) as DocumentSymbol[];
    assert.equal(symbols[0].children!.filter((s) => s.name.startsWith('active-response')).length, hugeText.split('<active-response>').length - 1);
    client.close(huge);
    await client.diagnostics(huge, (d) => d.length === 0);

    // The 32 MB limit is in UTF-8 bytes, as arctl lint reads the file: 11.2 M `€` are 33.6 MB (11.2 M UTF-16 units).
    const euros = uriOf(join(dir, 'euros.ossec.conf'));
    const eurosText = `<ossec_config>\n  <!-- ${'€'.repeat(11_200_000)} -->\n  <active-response>\n    <location>loc</location>\n  </active-response>\n</ossec_config>\n`;
    client.open(euros, eurosText);
    assert.deepEqual((await client.diagnostics(euros)).map(messageOf), ['arctl does not lint files over 32 MB']);
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: euros }, position: { line: 4, character: 14 } }), []);
    client.close(euros);

    // So is the limit on tags (src/util/read-input.ts MAX_CONFIG_TAGS): 100,001 `<x/>` in 500 KB.
    const tags = uriOf(join(dir, 'tags.ossec.conf'));
    client.open(tags, `<ossec_config>\n${'<x/>\n'.repeat(100_000)}</ossec_config>\n`);
    assert.deepEqual((await client.diagnostics(tags)).map(messageOf), ['arctl does not lint files of more than 100000 tags']);
    assert.deepEqual(await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri: tags }, position: { line: 1, character: 1 } }), []);
    client.close(tags);
  });
});

test("Wazuh's stock 4.14.7 manager configuration: the server reports what arctl lint does", { timeout: 180_000, skip: corpusSkip }, async () => {
  const source = join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf');
  const text = readFileSync(source, 'utf8');
  const dir = tempFiles({ 'ossec.conf': text });
  const file = join(dir, 'ossec.conf');
  const uri = uriOf(file);
  await withServer({ cwd: dir }, async (client) => {
    client.open(uri, text);
    assert.deepEqual(asLintMessages(await client.diagnostics(uri)), lintMessages(file));
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri } })) as DocumentSymbol[];
    assert.ok(symbols[0].children!.some((s) => s.name === 'command firewall-drop'));
  });
});

test('requests before initialize and after shutdown are errors, as the protocol says; exit after shutdown is 0, without it 1', { timeout: 180_000 }, async () => {
  const hover = { textDocument: { uri: 'file:///x/ossec.conf' }, position: { line: 0, character: 0 } };
  for (const shutdownFirst of [true, false]) {
    const child = spawnArctl(['lsp', '--stdio'], { cwd: projectRoot, stdio: ['pipe', 'pipe', 'pipe'] });
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    const connection = createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!));
    connection.listen();
    const published: string[] = [];
    connection.onNotification(PublishDiagnosticsNotification.method, (p: { uri: string }) => void published.push(p.uri));
    try {
      // A document opened too early is linted once the client is initialized: nothing is published before.
      const early = uriOf(join(tempFiles({}), 'ossec.conf'));
      await connection.sendNotification(DidOpenTextDocumentNotification.type, { textDocument: { uri: early, languageId: 'xml', version: 1, text: '<ossec_config>\n  <active-response/>\n</ossec_config>\n' } });
      await assert.rejects(connection.sendRequest(HoverRequest.type, hover), (e: ResponseError<unknown>) => e.code === ErrorCodes.ServerNotInitialized);
      await new Promise((resolve) => setTimeout(resolve, 300));
      await connection.sendRequest(InitializeRequest.type, { processId: null, rootUri: null, capabilities: {} });
      assert.equal(published.length, 0, 'no diagnostics before initialize is answered');
      await connection.sendNotification(InitializedNotification.type, {});
      await waitFor(() => published.includes(early));
      assert.equal(await connection.sendRequest(HoverRequest.type, hover), null);
      if (shutdownFirst) {
        // Malformed params are the client's mistake: InvalidParams with one line saying what is wrong, nothing logged.
        const logged: Array<{ type: number; message: string }> = [];
        connection.onNotification('window/logMessage', (m: { type: number; message: string }) => void logged.push(m));
        const invalid = (e: ResponseError<unknown>, what: RegExp) => e.code === ErrorCodes.InvalidParams && what.test(e.message) && !e.message.includes('\n');
        await assert.rejects(connection.sendRequest('textDocument/hover', { textDocument: { uri: early } }), (e: ResponseError<unknown>) => invalid(e, /position/));
        await assert.rejects(connection.sendRequest('textDocument/completion'), (e: ResponseError<unknown>) => invalid(e, /params/));
        await assert.rejects(connection.sendRequest('textDocument/documentSymbol', { textDocument: early }), (e: ResponseError<unknown>) => invalid(e, /textDocument\.uri/));
        await assert.rejects(connection.sendRequest('textDocument/definition', { textDocument: { uri: 7 }, position: { line: 0, character: 0 } }), (e: ResponseError<unknown>) => invalid(e, /textDocument\.uri/));
        await assert.rejects(connection.sendRequest('textDocument/codeAction', { textDocument: { uri: early }, range: hover.position, context: {} }), (e: ResponseError<unknown>) => invalid(e, /range/));
        await assert.rejects(connection.sendRequest('textDocument/references', { ...hover, textDocument: { uri: early } }), (e: ResponseError<unknown>) => invalid(e, /includeDeclaration/));
        assert.equal(await connection.sendRequest(HoverRequest.type, hover), null, 'the server serves on');
        assert.deepEqual(logged, []);
        await connection.sendRequest(ShutdownRequest.type);
        await assert.rejects(connection.sendRequest(HoverRequest.type, hover), (e: ResponseError<unknown>) => e.code === ErrorCodes.InvalidRequest);
      }
      await connection.sendNotification(ExitNotification.type);
      assert.equal(await exited, shutdownFirst ? 0 : 1);
    } finally {
      connection.dispose();
      if (child.exitCode === null) child.kill();
    }
  }
});

test('arctl lsp without a client: end of input ends the server', { timeout: 180_000 }, async () => {
  const client = await startLsp({ cwd: projectRoot });
  try {
    client.child.stdin!.end();
    assert.notEqual(await client.exited, null);
  } finally {
    stopLsp(client);
  }
});
