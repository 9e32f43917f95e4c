/**
 * Start-up refusals reach the rule that owns them (src/lint/refusals.ts, a rule's `ownsRefusal`): on every
 * configuration Wazuh's own code was run on (spec verified/*.json) and the corpus, each refusal is claimed
 * by one rule at most, and `arctl validate` reports a claimed refusal under that rule's id with the claim's hint.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { allRules } from '../../src/lint/rules/index.ts';
import { STARTUP_RULE_IDS } from '../../src/lint/startup.ts';
import { loadAnalysisdConfig } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, hasCorpus, hasSpec, specDir } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const owners = allRules.filter((rule) => rule.ownsRefusal !== undefined);

function configs(): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  for (const file of ['acceptance-full.json', 'acceptance.json', 'maild.json']) {
    const path = join(specDir, 'verified', file);
    if (!existsSync(path)) continue;
    const { cases } = JSON.parse(readFileSync(path, 'utf8')) as { cases: Array<{ name: string; config?: unknown }> };
    for (const c of cases) if (typeof c.config === 'string') out.push([`${file} ${c.name}`, c.config]);
  }
  const conf = join(corpusDir, 'conf');
  if (existsSync(conf)) {
    for (const entry of readdirSync(conf, { recursive: true, withFileTypes: true })) {
      if (entry.isFile() && /ossec.*\.conf$/.test(entry.name)) out.push([entry.name, readFileSync(join(entry.parentPath, entry.name), 'latin1')]);
    }
  }
  return out;
}

test('each start-up refusal is claimed by one rule at most; every owner is a rule id validate can report', { skip: hasSpec || hasCorpus ? false : 'neither ../shared/spec/verified nor ../shared/corpus: nothing to check' }, () => {
  const target = parseTargetVersion();
  const claimedBy = new Set<string>();
  const twice: string[] = [];
  let refusals = 0;
  for (const [name, text] of configs()) {
    const doc = ConfigDocument.fromText('ossec.conf', text);
    if (doc.parseError) continue;
    const config = loadAnalysisdConfig(doc, buildConfigView(doc), target);
    for (const message of [...config.problems, ...config.maild.problems]) {
      refusals++;
      const claims = owners.filter((rule) => rule.ownsRefusal!({ message, config, doc }) !== undefined).map((rule) => rule.id);
      if (claims.length > 1) twice.push(`${name}: ${message.text}: ${claims.join(', ')}`);
      if (claims.length === 1) claimedBy.add(claims[0]!);
    }
  }
  assert.ok(refusals > 50, `${refusals} refusals read`);
  assert.deepEqual(twice, []);
  assert.ok(claimedBy.size >= 8, `refusals claimed by ${[...claimedBy].join(', ')}`);
  for (const rule of owners) assert.ok(STARTUP_RULE_IDS.includes(rule.id), rule.id);
});

test('validate names a claimed refusal by its owner, with the owner\'s hint', () => {
  const dir = tempFiles({
    'ossec.conf': `<ossec_config>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
  </command>
</ossec_config>
`,
    'empty.ossec.conf': '<ossec_config>\n  <command>\n  </command>\n</ossec_config>\n',
  });
  const later = runArctl(['validate', '--format', 'json', 'ossec.conf'], { cwd: dir });
  const [first] = (JSON.parse(later.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>)[0]!.messages;
  assert.equal(first!.ruleId, 'command-defined-after-use');
  assert.match(first!.message, /\(1303\): Invalid command 'firewall-drop' in the active response\. <command> 'firewall-drop' is defined further down: move it above this response\.$/);
  const empty = runArctl(['validate', '--format', 'json', 'empty.ossec.conf'], { cwd: dir });
  assert.deepEqual((JSON.parse(empty.stdout) as Array<{ messages: Array<{ ruleId: string }> }>)[0]!.messages.map((m) => m.ruleId), ['command-missing-field']);
});
