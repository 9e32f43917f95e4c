/**
 * Schema validation end to end: `arctl validate` spawned on real files (fixtures and the corpus),
 * checking rule ids, positions, message text, exit codes and that hostile input stays inert.
 */
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';

const fixtures = join(projectRoot, 'test/fixtures/schema');

function validateJson(args: string[]): { status: number | null; files: JsonReportFile[]; stderr: string } {
  const r = runArctl(['validate', '--format', 'json', ...args]);
  return { status: r.status, files: r.stdout ? (JSON.parse(r.stdout) as JsonReportFile[]) : [], stderr: r.stderr };
}

test('validate reports every refusal with its position and Wazuh message, exit 1', () => {
  const { status, files } = validateJson([join(fixtures, 'invalid.conf')]);
  assert.equal(status, 1);
  const messages = files[0].messages;
  const at = (line: number, ruleId: string) => messages.find((m) => m.line === line && m.ruleId === ruleId);
  assert.deepEqual(
    [at(16, 'unknown-element')?.column, at(16, 'unknown-element')?.message],
    [5, "wazuh-analysisd stops: (1230): Invalid element in the configuration: 'disbaled'. Did you mean <disabled>?"],
  );
  assert.equal(at(17, 'level-invalid')?.column, 12, 'a refused value is pointed at');
  assert.match(at(19, 'option-from-other-block')!.message, /'rule_id'\. Did you mean <rules_id>\?$/);
  assert.match(at(25, 'unknown-element')!.message, /Did you mean <active-response>\?/);
  assert.equal(at(28, 'unknown-element')?.column, 3);
  for (const m of messages) assert.doesNotMatch(m.message, /\{\{|schema-/, m.message);
  assert.ok(files[0].errorCount >= 15, `${files[0].errorCount} errors`);
  // Wazuh's order: the AR pass (commands, responses, sections), then GlobalConf, then maild.
  assert.deepEqual([messages[0]!.line, messages.at(-1)!.message], [12, "wazuh-maild stops: (1230): Invalid element in the configuration: 'rules_id'. Did you mean <rule_id>?"]);
});

test('validate: hostile DOCTYPEs are parse errors or inert text, never fetched or expanded', () => {
  for (const name of ['hostile-doctype-file.conf', 'hostile-doctype-http.conf', 'billion-laughs.conf']) {
    const started = Date.now();
    const { status, files } = validateJson([join(fixtures, name)]);
    assert.equal(status, 1, name);
    assert.deepEqual(
      files[0].messages.map((m) => m.ruleId),
      ['parse-error'],
      name,
    );
    assert.ok(Date.now() - started < 30_000, name);
  }
  const { status, files } = validateJson([join(fixtures, 'hostile-doctype-closed-as-comment.conf')]);
  assert.equal(status, 1);
  assert.deepEqual(
    files[0].messages.map((m) => [m.ruleId, m.line]),
    [['invalid-boolean', 5]],
  );
  assert.match(files[0].messages[0].message, /'email_notification': &passwd;\.$/);
});

test('validate --target-version: options the version does not know are refusals (1230), exit 1', () => {
  const r = runArctl(['validate', '--format', 'json', '--target-version', '3.4', '-', '--stdin-filename', 'ossec.conf'], {
    input: '<ossec_config>\n  <command>\n    <name>a</name>\n    <executable>a</executable>\n    <extra_args>-x</extra_args>\n  </command>\n</ossec_config>\n',
  });
  assert.equal(r.status, 1, r.stderr);
  const [file] = JSON.parse(r.stdout) as JsonReportFile[];
  assert.deepEqual(
    file.messages.map((m) => [m.ruleId, m.severity, m.line, m.column]),
    [['option-not-in-version', 2, 5, 5]],
  );
  assert.match(file.messages[0]!.message, /not known to Wazuh 3\.4 \(added in 3\.5\): it stops with \(1230\)/);
});

test('validate accepts every Wazuh 4.x configuration Wazuh ships (corpus), exit 0', { skip: corpusSkip }, () => {
  const dir = join(corpusDir, 'conf');
  const shipped = readdirSync(dir).filter((f) => /^(wazuh__v4|wazuh-docker__v4)/.test(f));
  assert.ok(shipped.length >= 8);
  const { status, files } = validateJson(shipped.map((f) => join(dir, f)));
  const errors = files.flatMap((f) => f.messages.filter((m) => m.severity === 2).map((m) => `${f.filePath}:${m.line} ${m.ruleId}`));
  assert.deepEqual(errors, []);
  assert.equal(status, 0);
});
