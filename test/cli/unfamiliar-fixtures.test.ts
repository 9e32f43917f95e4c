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

function found(command: 'lint' | 'validate', file: string, targetVersion: string | undefined): string[] {
  const r = runArctl([command, '--format', 'json', ...(targetVersion ? ['--target-version', targetVersion] : []), file]);
  assert.equal(r.stderr, '', `${command} ${file}`);
  return (JSON.parse(r.stdout) as JsonReportFile[])[0].messages.map((m) => `${m.line}:${m.ruleId}/${m.messageId}`).sort();
}

// A shared agent.conf is known by its name: those live in a folder of their own (group-name/agent.conf).
for (const name of readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.conf')).sort()) {
  test(`unfamiliar configuration ${name}: lint and validate report what Wazuh does`, () => {
    const path = join(dir, name);
    const text = readFileSync(path, 'latin1');
    const header = /<!--\s*arctl-test:\s*(\{[\s\S]*?\})\s*-->/.exec(text);
    const { targetVersion } = (header ? JSON.parse(header[1]) : {}) as { targetVersion?: string };
    assert.deepEqual(found('lint', path, targetVersion), marked(text, 'expect'), `lint ${name}`);
    assert.deepEqual(found('validate', path, targetVersion), marked(text, 'validate'), `validate ${name}`);
  });
}
