/**
 * The data in templates/: every recipe cites real Wazuh rules (id, level, group, description checked
 * against the v4.14.7 ruleset in the corpus), and the stock commands equal the ones Wazuh ships.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { commandTemplates, recipes } from '../../src/add/templates.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { loadRuleset, splitGroups } from '../../src/wazuh/ruleset.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';

test('at least six recipes, each with a stock command of every target version', () => {
  const all = recipes();
  assert.ok(all.length >= 6, `${all.length} recipes`);
  assert.equal(new Set(all.map((r) => r.name)).size, all.length, 'recipe names are unique');
  for (const target of ['4.14', '3.13']) {
    const names = commandTemplates(parseTargetVersion(target)).map((c) => c.name);
    for (const r of all) assert.ok(names.includes(r.command), `${r.name}: command ${r.command} is a stock command of ${target}`);
  }
  const commands = new Set(all.map((r) => r.command));
  for (const needed of ['firewall-drop', 'netsh', 'disable-account']) assert.ok(commands.has(needed), `a recipe uses ${needed}`);
});

test('every recipe trigger is a real Wazuh v4.14.7 rule with that level, group and description', { skip: corpusSkip }, () => {
  const ruleset = loadRuleset([join(corpusDir, 'rules/wazuh-v4.14.7')]);
  assert.ok(ruleset.rules.size > 3000, 'the stock ruleset loaded');
  for (const recipe of recipes()) {
    assert.ok(recipe.triggers.length > 0, `${recipe.name} cites rules`);
    for (const t of recipe.triggers) {
      const rule = ruleset.rules.get(t.id);
      assert.ok(rule, `${recipe.name}: rule ${t.id} exists`);
      assert.equal(rule.level, t.level, `${recipe.name}: rule ${t.id} level`);
      assert.ok(splitGroups(rule.groupString).includes(t.group), `${recipe.name}: rule ${t.id} carries group ${t.group} (${rule.groupString})`);
      assert.equal(rule.description.trim(), t.description.trim(), `${recipe.name}: rule ${t.id} description`);
      assert.equal(rule.noAr, false, `${recipe.name}: rule ${t.id} can trigger active responses`);
    }
  }
});

function stockCommands(file: string): Array<Record<string, string>> {
  const doc = new ConfigDocument(file, readFileSync(join(corpusDir, 'conf', file)));
  return buildConfigView(doc).commands.map((c) => Object.fromEntries(c.element.children.map((ch) => [ch.name, ch.content])));
}

function templateAsElements(t: { name: string; executable: string; timeoutAllowed?: boolean; expect?: string }): Record<string, string> {
  return {
    name: t.name,
    executable: t.executable,
    ...(t.expect !== undefined ? { expect: t.expect } : {}),
    ...(t.timeoutAllowed ? { timeout_allowed: 'yes' } : {}),
  };
}

test('stock commands equal the ones Wazuh ships (4.14 manager, docker manager with netsh, 3.13 template)', { skip: corpusSkip }, () => {
  const modern = commandTemplates(parseTargetVersion('4.14')).map(templateAsElements);
  assert.deepEqual(stockCommands('wazuh-docker__v4.14.6__single-node__wazuh_manager.conf'), modern);
  const legacy = commandTemplates(parseTargetVersion('3.13')).map(templateAsElements);
  assert.deepEqual(stockCommands('wazuh-qa__agentless_cluster__master-role__ossec.conf'), legacy);
  assert.deepEqual(stockCommands('wazuh__v3.13.6__etc_ossec-server.conf'), legacy.slice(0, 6));
});

test('templates ship in the npm package', () => {
  const pkg = JSON.parse(readFileSync(join(projectRoot, 'package.json'), 'utf8')) as { files: string[] };
  assert.ok(pkg.files.includes('templates/'));
});
