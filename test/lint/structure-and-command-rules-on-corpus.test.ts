/**
 * The file-structure and <command> rules on real configurations: Wazuh's own shipped files give no
 * finding, and the markdown-fenced fragment is reported as having no <ossec_config> root.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { formatMessage, runRules } from '../../src/lint/engine.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';

const RULES = [
  'outside-ossec-config', 'unknown-element', 'option-from-other-block', 'empty-value', 'unicode-lookalike', 'untrimmed-value',
  'ar-in-agent-conf', 'command-missing-field', 'duplicate-command-name', 'command-name-reserved-bang', 'command-name-charset',
  'ar-name-collision', 'executable-with-path', 'legacy-script-name', 'executable-not-found', 'expect-deprecated',
  'expect-missing-srcip', 'expect-unknown-field', 'invalid-boolean', 'stateful-command-without-timeout-allowed',
  'unused-command', 'extra-args-shell-syntax',
];

const confDir = join(corpusDir, 'conf');

function lintFile(path: string, version: string) {
  const doc = new ConfigDocument(path, readFileSync(path));
  const found = runRules(doc, { target: parseTargetVersion(version), managerIps: [], only: RULES });
  return found.map((d) => `${doc.position(d.range.start).line}:${d.ruleId}: ${formatMessage(d)}`);
}

test("Wazuh's shipped 4.x configurations give no finding", { skip: corpusSkip }, () => {
  const shipped = readdirSync(confDir).filter((f) => /^(wazuh__v4\.|wazuh-docker__)/.test(f));
  assert.ok(shipped.length >= 5, 'corpus has the shipped 4.x files');
  for (const f of shipped) assert.deepEqual(lintFile(join(confDir, f), '4.14'), [], f);
});

const shipped313 = join(confDir, 'wazuh__v3.13.6__etc_ossec-server.conf');
const shipped313Skip = corpusSkip || (existsSync(shipped313) ? false : `${shipped313} is missing from the corpus: skipped`);

test("Wazuh's shipped 3.13 configuration on a 3.13 target only notes the pre-4.2 script names", { skip: shipped313Skip }, () => {
  const path = shipped313;
  const found = lintFile(path, '3.13');
  assert.ok(found.length > 0);
  assert.ok(found.every((f) => f.includes(':legacy-script-name:')), found.join('\n'));
});

test('a markdown-fenced fragment is reported as a file without <ossec_config>', { skip: corpusSkip }, () => {
  const found = lintFile(join(confDir, 'broken/markdown-fenced-fragment.conf'), '4.14');
  const noRoot = found.find((f) => f.includes('has no <ossec_config> root element'));
  assert.ok(noRoot?.startsWith('2:outside-ossec-config'), found.join('\n'));
  assert.ok(noRoot?.includes("'<command>'"));
  assert.ok(found.some((f) => f.startsWith('1:outside-ossec-config') && f.includes('```xml')));
});
