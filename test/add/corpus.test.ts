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
import { buildActiveResponse } from '../../src/add/kinds/active-response.ts';
import { buildCommand } from '../../src/add/kinds/command.ts';
import { buildEmailAlerts } from '../../src/add/kinds/email-alerts.ts';
import { buildWhiteList } from '../../src/add/kinds/white-list.ts';
import { commandTemplates, recipes } from '../../src/add/templates.ts';
import type { BlockSpec } from '../../src/add/kinds/index.ts';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { isAgentNodeConfig } from '../../src/wazuh/node-role.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { ArctlError } from '../../src/util/errors.ts';
import { pool, runArctlAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';
import { insertedText, lintErrors } from './helpers.ts';
import { LEGACY_SCRIPT_RENAMES } from '../../src/wazuh/programs.ts';

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
    managerOnly: true,
    spec: () => buildCommand({ name: 'arctl-block-ip', executable: 'arctl-block-ip', timeoutAllowed: true }, target, templates).spec!,
  },
  { args: ['active-response', '--recipe', 'ssh-brute-force'], tag: '<active-response>', managerOnly: true, spec: () => recipe.spec!, missingCommand: recipe.extra },
  { args: ['white-list', '203.0.113.7'], tag: '<white_list>203.0.113.7</white_list>', managerOnly: true, spec: () => buildWhiteList({ entries: ['203.0.113.7'] }).spec! },
  {
    args: ['email-alerts', '--to', 'soc@example.com', '--level', '12'],
    tag: '<email_alerts>',
    managerOnly: true,
    spec: () => buildEmailAlerts({ to: ['soc@example.com'], level: '12' }).spec!,
  },
];

type Outcome = { status: 'written'; after: Buffer } | { status: 'refused'; code: number; message: string };

/**
 * What `arctl add` must do with this file: write, or refuse (5.x layout; manager-only block on an agent;
 * a response bound to the file's own command whose executable is a pre-4.2 script, which never runs on 4.14).
 */
function expectedRefusal(doc: ConfigDocument, kind: Kind): { code: number; message: RegExp } | null {
  if (doc.roots.every((r) => r.name !== 'ossec_config')) return { code: 2, message: /no <ossec_config> root/ };
  const view = buildConfigView(doc);
  if (kind.managerOnly && isAgentNodeConfig(view)) return { code: 1, message: /agent's configuration/ };
  const bound = kind.tag === '<active-response>' ? view.commands.find((c) => c.name?.text === recipe.spec!.command) : undefined;
  // Only when no response used it before: the finding is per command, so an already bound one adds no error.
  const alreadyUsed = view.activeResponses.some((ar) => ar.command?.text === recipe.spec!.command);
  if (!alreadyUsed && bound?.executable && LEGACY_SCRIPT_RENAMES.has(bound.executable.text.trim())) return { code: 1, message: /pre-4\.2 script name/ };
  return null;
}

function checkOutcome(label: string, path: string, original: Buffer, kind: Kind, outcome: Outcome): boolean {
  const refusal = expectedRefusal(new ConfigDocument(path, original), kind);
  if (refusal) {
    assert.equal(outcome.status, 'refused', `${label}: must be refused`);
    if (outcome.status === 'refused') {
      assert.equal(outcome.code, refusal.code, `${label}: exit code (${outcome.message})`);
      assert.match(outcome.message, refusal.message, label);
    }
    return false;
  }
  assert.equal(outcome.status, 'written', `${label}: ${outcome.status === 'refused' ? outcome.message : ''}`);
  if (outcome.status !== 'written') return false;
  insertedText(original, outcome.after);
  const count = (b: Buffer) => b.toString('latin1').split(kind.tag).length - 1;
  assert.equal(count(outcome.after), count(original) + 1, `${label}: one more ${kind.tag}`);
  assert.ok(lintErrors(path, outcome.after) <= lintErrors(path, original), `${label}: no new lint errors`);
  const again = planAdd({ path, bytes: outcome.after, spec: kind.spec(), gate: { target, managerIps: [] }, ...(kind.missingCommand ?? {}) });
  assert.equal(again.changed, false, `${label}: a second identical add is a no-op`);
  return true;
}

function inProcess(path: string, original: Buffer, kind: Kind): Outcome {
  try {
    const plan = planAdd({ path, bytes: original, spec: kind.spec(), gate: { target, managerIps: [] }, ...(kind.missingCommand ?? {}) });
    assert.ok(plan.changed);
    return { status: 'written', after: plan.after };
  } catch (error) {
    if (error instanceof ArctlError) return { status: 'refused', code: error.exitCode, message: error.message };
    throw error;
  }
}

const confDir = join(corpusDir, 'conf');
const confFiles = corpusSkip ? [] : readdirSync(confDir).filter((f) => f.endsWith('.conf'));

test('the core adds each kind to every corpus configuration (only the inserted text differs, no new lint errors, idempotent)', { skip: corpusSkip }, () => {
  assert.ok(confFiles.length >= 30);
  let written = 0;
  for (const file of confFiles) {
    const original = readFileSync(join(confDir, file));
    for (const kind of kinds) {
      if (checkOutcome(`${file} [${kind.args.join(' ')}]`, join(confDir, file), original, kind, inProcess(join(confDir, file), original, kind))) written++;
    }
  }
  // Agents' own files take none of the four kinds (nothing there reads them), 5.x files none at all.
  assert.ok(written >= 60, `${written} additions`);
});

// The CLI on every corpus file, one kind per file in turn (every kind on a quarter of the files):
// spawning 130 processes would take minutes on a busy machine, and the core above covers the rest.
test('the CLI adds to every corpus configuration copied to a temp dir; the same add again writes nothing', { skip: corpusSkip, timeout: 240_000 }, async () => {
  const dir = tempDir('arctl-add-corpus-');
  const jobs = confFiles.map((file, i) => ({ file, kind: kinds[i % kinds.length] }));
  await pool(jobs, 2, async ({ file, kind }) => {
    const original = readFileSync(join(confDir, file));
    const path = join(dir, file);
    copyFileSync(join(confDir, file), path);
    const label = `${file} [${kind.args.join(' ')}]`;
    const result = await runArctlAsync(['add', ...kind.args, '--file', path, '--no-input']);
    const after = readFileSync(path);
    const outcome: Outcome = result.status === 0 ? { status: 'written', after } : { status: 'refused', code: result.status ?? -1, message: result.stderr };
    if (!checkOutcome(label, path, original, kind, outcome)) {
      assert.ok(after.equals(original), `${label}: refused, unchanged`);
      return;
    }
    assert.match(result.stdout, /^\+\+\+ b\//m, `${label}: the diff is shown`);
    const second = await runArctlAsync(['add', ...kind.args, '--file', path, '--no-input']);
    assert.equal(second.status, 0, `${label} again: ${second.stderr}`);
    assert.match(second.stderr, /already/);
    assert.ok(readFileSync(path).equals(after), `${label}: second add wrote nothing`);
  });
});
