/**
 * Configurations written the way others write them, each judged as Wazuh v4.14.7's code judges it: every file
 * in test/fixtures/unfamiliar/ marks what `arctl lint` reports next to the line (`<!-- expect: rule/messageId -->`)
 * and what `arctl validate` reports (`<!-- validate: rule/messageId -->`); a file without markers of a kind
 * expects nothing; a shared agent.conf sits in a folder named for its group. A first-line
 * `<!-- arctl-test: {"targetVersion": "3.2.2"} -->` sets the target version.
 * Each file's own comments cite the C code its verdict comes from.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';

const dir = join(projectRoot, 'test/fixtures/unfamiliar');

/** The markers of one kind as sorted `line:rule/messageId`. */
function marked(text: string, kind: 'expect' | 'validate'): string[] {
  const out: string[] = [];
  text.split('\n').forEach((line, i) => {
    for (const m of line.matchAll(new RegExp(`<!--\\s*${kind}:\\s*([^>]*?)\\s*-->`, 'g'))) {
      for (const marker of m[1].split(',').map((s) => s.trim()).filter(Boolean)) out.push(`${i + 1}:${marker}`);
    }
  });
  return out.sort();
}

// A shared agent.conf is known by its name: those live in a folder of their own (group-name/agent.conf).
const fixtures = readdirSync(dir, { recursive: true, encoding: 'utf8' })
  .filter((f) => f.endsWith('.conf'))
  .sort()
  .map((name) => {
    const text = readFileSync(join(dir, name), 'latin1');
    const header = /<!--\s*arctl-test:\s*(\{[\s\S]*?\})\s*-->/.exec(text);
    const { targetVersion } = (header ? JSON.parse(header[1]) : {}) as { targetVersion?: string };
    return { name, path: join(dir, name), text, targetVersion };
  });

/**
 * What `command` reports on each file, from one run over all the files of its target version (made on
 * first use): lint and validate judge each file on its own, as one by one (src/commands/lint-runner.ts:
 * one ConfigDocument and lintDocument() per input; test/cli/lint-dirs.test.ts compares the two).
 */
const runs = new Map<string, Map<string, string[]>>();
function found(command: 'lint' | 'validate', targetVersion: string | undefined, path: string): string[] {
  const key = `${command} ${targetVersion ?? ''}`;
  let byPath = runs.get(key);
  if (!byPath) {
    const paths = fixtures.filter((f) => f.targetVersion === targetVersion).map((f) => f.path);
    const r = runArctl([command, '--format', 'json', ...(targetVersion ? ['--target-version', targetVersion] : []), ...paths], { timeout: 300_000 });
    assert.equal(r.stderr, '', `${command} of the files of target version ${targetVersion ?? '(default)'}`);
    const files = JSON.parse(r.stdout) as JsonReportFile[];
    assert.deepEqual(files.map((f) => f.filePath), paths);
    byPath = new Map(files.map((f) => [f.filePath, f.messages.map((m) => `${m.line}:${m.ruleId}/${m.messageId}`).sort()]));
    runs.set(key, byPath);
  }
  return byPath.get(path)!;
}

for (const { name, path, text, targetVersion } of fixtures) {
  test(`unfamiliar configuration ${name}: lint and validate report what Wazuh does`, () => {
    assert.deepEqual(found('lint', targetVersion, path), marked(text, 'expect'), `lint ${name}`);
    assert.deepEqual(found('validate', targetVersion, path), marked(text, 'validate'), `validate ${name}`);
  });
}
