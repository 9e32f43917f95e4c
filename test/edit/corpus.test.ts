/**
 * `disable` / `enable`, `set` and `remove` on every real configuration of the corpus: every response
 * switched off and on comes back byte for byte, Wazuh's reader then no longer sees it (and still reads
 * the file), a set changes only its line and is idempotent, and the CLI does the same on copies.
 * Skipped, saying so, when ../shared/corpus is missing.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { candidates } from '../../src/add/address.ts';
import { planEdit, type EditOperation, type EditPlan } from '../../src/add/edit-plan.ts';
import { LintGateRefusal } from '../../src/add/plan.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { lintDocumentSync } from '../../src/lint/engine.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { pool, runArctlAsync } from '../helpers/cli.ts';
import { targetFor } from '../helpers/corpus.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const confDir = join(corpusDir, 'conf');
const confFiles = corpusSkip ? [] : readdirSync(confDir).filter((f) => f.endsWith('.conf'));

function editable(bytes: Buffer): boolean {
  const doc = new ConfigDocument('x', bytes);
  return !doc.parseError && doc.roots.some((r) => r.name === 'ossec_config');
}

function plan(file: string, bytes: Buffer, operation: EditOperation): EditPlan {
  return planEdit({ path: file, bytes, operation, gate: { target: parseTargetVersion(targetFor(file)), managerIps: [] } });
}

function errorsOf(file: string, bytes: Buffer) {
  return lintDocumentSync(new ConfigDocument(file, bytes), { target: parseTargetVersion(targetFor(file)), managerIps: [] }).filter((d) => d.severity === 'error');
}

function responseCount(bytes: Buffer): number {
  return [...new ConfigDocument('x', bytes).elements()].filter((e) => e.name === 'active-response').length;
}

test('every response of every corpus file switches off and back on byte for byte', { skip: corpusSkip }, () => {
  let toggled = 0;
  let refused = 0;
  for (const file of confFiles) {
    const original = readFileSync(join(confDir, file));
    if (!editable(original)) continue;
    const blocks = candidates(new ConfigDocument(file, original), 'active-response');
    for (const block of blocks) {
      const label = `${file} line ${block.line}`;
      const off = plan(file, original, { verb: 'disable', address: { line: block.line } });
      assert.ok(off.changed, label);
      const offDoc = new ConfigDocument(file, off.after);
      assert.equal(offDoc.parseError, null, `${label}: Wazuh still reads the file`);
      assert.equal(responseCount(off.after), responseCount(original) - 1, `${label}: one response less`);
      assert.equal(plan(file, off.after, { verb: 'disable', address: { line: block.line } }).changed, false, `${label}: disable is idempotent`);
      let on: EditPlan;
      try {
        on = plan(file, off.after, { verb: 'enable', address: { line: block.line } });
      } catch (error) {
        // Switching back on a response bound to a pre-4.2 script brings back the file's own error: the gate refuses it, naming it.
        assert.ok(error instanceof LintGateRefusal, `${label}: ${String(error)}`);
        const had = new Set(errorsOf(file, original).map((d) => `${d.ruleId}@${d.range.start}`));
        for (const d of error.gate.newErrors) assert.ok(had.has(`${d.ruleId}@${d.range.start}`), `${label}: ${d.ruleId} was in the original file`);
        refused++;
        continue;
      }
      assert.ok(on.changed && on.after.equals(original), `${label}: enable gives back every byte`);
      toggled++;
    }
  }
  assert.ok(toggled >= 20, `${toggled} responses toggled (${refused} refused back on)`);
});

test('set a timeout and remove a response on every corpus file: only those lines change; set again changes nothing', { skip: corpusSkip }, () => {
  let edited = 0;
  for (const file of confFiles) {
    const original = readFileSync(join(confDir, file));
    if (!editable(original)) continue;
    const block = candidates(new ConfigDocument(file, original), 'active-response').find((c) => c.name !== '' && !c.commented);
    if (!block) continue;
    const op: EditOperation = { verb: 'set', kind: 'active-response', address: { line: block.line }, changes: [{ option: 'rules_id', set: '100100' }] };
    let set: EditPlan;
    try {
      set = plan(file, original, op);
    } catch (error) {
      // Files whose response binds a pre-4.2 script or an undefined command already refuse edits that make it fire.
      assert.ok(error instanceof LintGateRefusal, `${file}: ${String(error)}`);
      continue;
    }
    assert.ok(set.changed, file);
    const lines = (b: Buffer) => b.toString('latin1').split('\n');
    const removedLines = lines(original).filter((l) => !lines(set.after).includes(l));
    assert.ok(removedLines.every((l) => /<rules_id>/.test(l)), `${file}: only a rules_id line goes: ${removedLines.join(' | ')}`);
    assert.equal(plan(file, set.after, op).changed, false, `${file}: idempotent`);
    const removed = plan(file, original, { verb: 'remove', kind: 'active-response', address: { line: block.line } });
    assert.ok(removed.changed, file);
    assert.equal(responseCount(removed.after), responseCount(original) - 1, `${file}: one response removed`);
    edited++;
  }
  // Most corpus files hold only agent-side blocks (<disabled>, <repeated_offenders>) with no command.
  assert.ok(edited >= 4, `${edited} files edited`);
});

test('the CLI switches a response off and on in corpus files copied to a temp dir', { skip: corpusSkip, timeout: 240_000 }, async () => {
  const dir = tempDir('arctl-edit-corpus-');
  const files = confFiles.filter((f) => {
    const bytes = readFileSync(join(confDir, f));
    return editable(bytes) && candidates(new ConfigDocument(f, bytes), 'active-response').length > 0;
  });
  // Every third file: the core test above covers all of them, each spawn costs start-up time.
  const chosen = files.filter((_, i) => i % 3 === 0);
  assert.ok(chosen.length >= 6, `${chosen.length} files`);
  await pool(chosen, 2, async (file) => {
    const path = join(dir, file);
    copyFileSync(join(confDir, file), path);
    const original = readFileSync(path);
    const line = String(candidates(new ConfigDocument(file, original), 'active-response')[0].line);
    const target = ['--target-version', targetFor(file)];
    const off = await runArctlAsync(['disable', '--line', line, '--file', path, '--no-input', ...target]);
    assert.equal(off.status, 0, `${file}: ${off.stderr}`);
    assert.match(off.stdout, /^\+ *<!-- arctl-disabled: <active-response/m, file);
    assert.equal(responseCount(readFileSync(path)), responseCount(original) - 1, file);
    const on = await runArctlAsync(['enable', '--line', line, '--file', path, '--no-input', ...target]);
    assert.equal(on.status, 0, `${file}: ${on.stderr}`);
    assert.ok(readFileSync(path).equals(original), `${file}: byte for byte`);
  });
});
