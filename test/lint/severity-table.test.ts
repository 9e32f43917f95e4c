/**
 * Severity is one table: each rule's messages with their severities. `arctl rules`, `arctl explain`,
 * the docs pages and the SARIF rule metadata print that table, and every finding lint really
 * reports (on every rule fixture and on the corpus) carries its message's severity.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Log } from 'sarif';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { lintDocument, type LintOptions } from '../../src/lint/engine.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { lintOptions, readFixture } from '../helpers/fixtures.ts';
import { corpusDir, corpusSkip, hasCorpus, projectRoot } from '../helpers/paths.ts';

const catalogue = ruleCatalogue();
const table = (ruleId: string) => Object.fromEntries(Object.entries(catalogue.get(ruleId)!.messages).map(([id, m]) => [id, m.severity]));
const fixturesRoot = join(projectRoot, 'test/fixtures/rules');
const fixtureFiles = readdirSync(fixturesRoot).flatMap((dir) =>
  readdirSync(join(fixturesRoot, dir))
    .filter((f) => f.endsWith('.xml') && !f.endsWith('.fixed.xml'))
    .map((f) => join(fixturesRoot, dir, f)),
);

test('arctl rules --format json lists every message with its severity, as the table says', () => {
  const r = runArctl(['rules', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const listed = JSON.parse(r.stdout) as Array<{ id: string; severities: string[]; messages: Array<{ id: string; severity: string }> }>;
  assert.deepEqual(listed.map((l) => l.id), [...catalogue.keys()]);
  for (const rule of listed) {
    assert.deepEqual(Object.fromEntries(rule.messages.map((m) => [m.id, m.severity])), table(rule.id), rule.id);
    assert.deepEqual(new Set(rule.severities), new Set(Object.values(table(rule.id))), `${rule.id}: severities are those of its messages`);
  }
  const text = runArctl(['rules']).stdout;
  assert.match(text, /^whitelist-not-ip +error\/warning\/info +yes/m);
});

test('arctl explain and the docs pages list each message id with its severity', () => {
  for (const id of ['whitelist-not-ip', 'agent-id-format', 'duplicate-command-name', 'unknown-element']) {
    const explain = runArctl(['explain', id]);
    assert.equal(explain.status, 0, explain.stderr);
    const page = readFileSync(join(projectRoot, 'docs/rules', `${id}.md`), 'utf8');
    for (const [messageId, severity] of Object.entries(table(id))) {
      assert.match(explain.stdout, new RegExp(`^  ${severity} +${messageId}: `, 'm'), `${id}/${messageId} in explain`);
      assert.ok(page.includes(`| \`${messageId}\` | ${severity} |`), `${id}/${messageId} in docs/rules/${id}.md`);
    }
  }
});

test('SARIF rule metadata: message strings and levels from the table, results name their message', () => {
  const file = join(fixturesRoot, 'whitelist-not-ip/invalid.xml');
  const r = runArctl(['lint', '--format', 'sarif', file]);
  const log = JSON.parse(r.stdout) as Log;
  const run = log.runs[0];
  const level = { error: 'error', warning: 'warning', info: 'note' } as const;
  for (const rule of run.tool.driver.rules ?? []) {
    const own = table(rule.id);
    assert.deepEqual(rule.properties?.messageLevels, Object.fromEntries(Object.entries(own).map(([m, s]) => [m, level[s]])), rule.id);
    assert.deepEqual(Object.keys(rule.messageStrings ?? {}).sort(), Object.keys(own).sort(), rule.id);
  }
  assert.ok((run.results ?? []).length > 0);
  for (const result of run.results ?? []) assert.equal(result.level, level[table(result.ruleId!)[result.message.id!]], `${result.ruleId}/${result.message.id}`);
  assert.ok(run.results!.some((x) => x.level === 'note'), 'an info is a SARIF note');
});

test('every finding on every rule fixture (with its options) carries its message severity', async () => {
  let checked = 0;
  for (const path of fixtureFiles) {
    const { doc, options } = readFixture(path);
    if (!hasCorpus && (options.ruleset ?? []).some((d) => d.startsWith('corpus:'))) continue;
    const found = await lintDocument(doc, lintOptions(options, loadRuleset as (dirs: string[]) => LintOptions['ruleset']));
    for (const d of found) {
      assert.ok(Object.hasOwn(table(d.ruleId), d.messageId), `${path}: ${d.ruleId}/${d.messageId} is in the table`);
      assert.equal(d.severity, table(d.ruleId)[d.messageId], `${path}: ${d.ruleId}/${d.messageId}`);
      checked++;
    }
  }
  assert.ok(checked > 300, `${checked} findings checked`);
});

test('every finding the CLI reports on the fixtures and the corpus carries its message severity', (t) => {
  const confDir = join(corpusDir, 'conf');
  if (!hasCorpus) t.diagnostic(corpusSkip || '');
  const corpus = hasCorpus ? readdirSync(confDir).filter((f) => f.endsWith('.conf')).map((f) => join(confDir, f)) : [];
  const r = runArctl(['lint', '--format', 'json', ...fixtureFiles, ...corpus]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const files = JSON.parse(r.stdout) as JsonReportFile[];
  const messages = files.flatMap((f) => f.messages);
  assert.ok(messages.length > 300);
  for (const m of messages) assert.equal(m.severityName, table(m.ruleId)[m.messageId], `${m.ruleId}/${m.messageId}`);
});
