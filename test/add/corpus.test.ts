/**
 * `arctl add` of each kind on every real configuration of the corpus (copied to a temp dir), through
 * the spawned CLI: only the inserted text differs, no new lint errors, and the same add again
 * changes nothing. Files arctl must not touch (Wazuh 5.x layout; manager-only blocks on agents)
 * are refused with the file unchanged.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { planAdd } from '../../src/add/plan.ts';
import { buildActiveResponse, buildCommand, buildEmailAlerts, buildWhiteList } from '../../src/add/specs.ts';
import { commandTemplates, recipes } from '../../src/add/templates.ts';
import type { BlockSpec } from '../../src/add/blocks.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { isAgentNodeConfig } from '../../src/lint/active-response.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { tempDir } from '../helpers/cli.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';
import { insertedText, lintErrors, pool, runArctlAsync } from './helpers.ts';

const target = parseTargetVersion('4.14');
const templates = commandTemplates(target);

interface Kind {
  args: string[];
  tag: string;
  managerOnly: boolean;
  spec: () => BlockSpec;
  missingCommand?: ReturnType<typeof buildActiveResponse>['extra'];
}

const recipe = buildActiveResponse({ recipe: 'ssh-brute-force' }, recipes(), templates);
const kinds: Kind[] = [
  {
    args: ['command', '--name', 'arctl-block-ip', '--executable', 'arctl-block-ip', '--timeout-allowed'],
    tag: '<command>',
    managerOnly: false,
    spec: () => buildCommand({ name: 'arctl-block-ip', executable: 'arctl-block-ip', timeoutAllowed: true }, target, templates).spec!,
  },
  { args: ['active-response', '--recipe', 'ssh-brute-force'], tag: '<active-response>', managerOnly: false, spec: () => recipe.spec!, missingCommand: recipe.extra },
  { args: ['white-list', '203.0.113.7'], tag: '<white_list>203.0.113.7</white_list>', managerOnly: true, spec: () => buildWhiteList({ entries: ['203.0.113.7'] }).spec! },
  {
    args: ['email-alerts', '--to', 'soc@example.com', '--level', '12'],
    tag: '<email_alerts>',
    managerOnly: true,
    spec: () => buildEmailAlerts({ to: ['soc@example.com'], level: '12' }).spec!,
  },
];

test('add each kind to every corpus configuration', { skip: corpusSkip, timeout: 240_000 }, async () => {
  const confDir = join(corpusDir, 'conf');
  const files = readdirSync(confDir).filter((f) => f.endsWith('.conf'));
  assert.ok(files.length >= 30);
  const dir = tempDir('arctl-add-corpus-');
  const jobs = files.flatMap((file, fileIndex) => kinds.map((kind, kindIndex) => ({ file, kind, respawn: (fileIndex + kindIndex) % kinds.length === 0 })));
  let written = 0;
  await pool(jobs, 2, async ({ file, kind, respawn }) => {
    const original = readFileSync(join(confDir, file));
    const path = join(dir, `${kind.args[0]}--${file}`);
    copyFileSync(join(confDir, file), path);
    const doc = new ConfigDocument(path, original);
    const label = `${file} [${kind.args.join(' ')}]`;
    const result = await runArctlAsync(['add', ...kind.args, '--file', path, '--no-input']);
    const after = readFileSync(path);
    if (doc.roots.every((r) => r.name !== 'ossec_config')) {
      assert.equal(result.status, 2, `${label}: refused (${result.stderr})`);
      assert.match(result.stderr, /no <ossec_config> root/);
      assert.ok(after.equals(original), `${label}: unchanged`);
      return;
    }
    if (kind.managerOnly && isAgentNodeConfig(buildConfigView(doc))) {
      assert.equal(result.status, 1, `${label}: refused on an agent (${result.stderr})`);
      assert.match(result.stderr, /agent's configuration/);
      assert.ok(after.equals(original), `${label}: unchanged`);
      return;
    }
    assert.equal(result.status, 0, `${label}: ${result.stderr}`);
    insertedText(original, after);
    const count = (b: Buffer) => b.toString('latin1').split(kind.tag).length - 1;
    assert.equal(count(after), count(original) + 1, `${label}: one more ${kind.tag}`);
    assert.ok(result.stdout.includes(`+`), `${label}: the diff is shown`);
    assert.ok(lintErrors(path, after) <= lintErrors(path, original), `${label}: no new lint errors`);
    written++;
    // The same add again changes nothing: through the CLI for a rotating share, in-process for all.
    const again = planAdd({ path, bytes: after, spec: kind.spec(), target, ...(kind.missingCommand ?? {}) });
    assert.equal(again.changed, false, `${label}: a second identical add is a no-op`);
    if (respawn) {
      const second = await runArctlAsync(['add', ...kind.args, '--file', path, '--no-input']);
      assert.equal(second.status, 0, `${label} again: ${second.stderr}`);
      assert.match(second.stderr, /already/);
      assert.ok(readFileSync(path).equals(after), `${label}: second add wrote nothing`);
    }
  });
  assert.ok(written >= 90, `${written} additions written`);
});
