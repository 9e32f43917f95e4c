/**
 * The `.pre-commit-hooks.yaml` manifest with the real pre-commit framework (Debian's package; .ci/run
 * installs it): `pre-commit try-repo` installs arctl as a node hook and runs `arctl-lint` on a broken
 * and a valid ossec.conf.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import YAML from 'yaml';
import { CONFIG_FILE_PATTERN } from '../../src/config/config-files.ts';
import { projectRoot } from '../helpers/paths.ts';
import { npmEnv, tempDir, tempGitRepo } from '../helpers/temp.ts';

const hasPreCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' }).status === 0;
const hasGitCheckout = spawnSync('git', ['rev-parse', '--git-dir'], { cwd: projectRoot }).status === 0;

test('the manifest declares arctl-lint with pre-commit fields, matching config files by name', () => {
  const hooks = YAML.parse(readFileSync(join(projectRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Array<Record<string, unknown>>;
  assert.equal(hooks.length, 1);
  const hook = hooks[0];
  for (const key of ['id', 'name', 'entry', 'language']) assert.ok(hook[key], `required field ${key}`);
  assert.equal(hook.id, 'arctl-lint');
  assert.equal(hook.language, 'node');
  assert.match(String(hook.entry), /^arctl lint\b/);
  // The names `arctl hook install` and `arctl lint DIR` use; YAML cannot import them, so they are held equal here.
  assert.equal(hook.files, CONFIG_FILE_PATTERN);
  const files = new RegExp(String(hook.files));
  for (const name of ['ossec.conf', 'etc/ossec.conf', 'shared/default/agent.conf', 'roles/wazuh/files/manager.ossec.conf']) assert.ok(files.test(name), `${name} matches`);
  for (const name of ['ossec.conf.bak', 'notes.conf', 'ossec.config']) assert.ok(!files.test(name), `${name} does not match`);
  const known = new Set(['id', 'name', 'entry', 'language', 'files', 'exclude', 'types', 'types_or', 'exclude_types', 'always_run', 'fail_fast', 'verbose', 'pass_filenames', 'require_serial', 'description', 'language_version', 'minimum_pre_commit_version', 'args', 'stages']);
  assert.deepEqual(Object.keys(hook).filter((k) => !known.has(k)), []);
});

test(
  'pre-commit try-repo runs arctl-lint: a broken ossec.conf fails with the finding, a valid one passes',
  { skip: !hasPreCommit ? 'pre-commit is not installed (apt-get install pre-commit): manifest checked above only' : !hasGitCheckout ? 'not a git checkout' : false, timeout: 300_000 },
  () => {
    const repo = tempGitRepo('arctl-precommit-');
    const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
    copyFileSync(join(projectRoot, 'examples/ossec.conf'), join(repo, 'ossec.conf'));
    writeFileSync(join(repo, 'broken.ossec.conf'), '<ossec_config>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined_agent</location>\n    <level>10</level>\n  </active-response>\n</ossec_config>\n');
    git('add', '.');
    // pre-commit keeps its clones, and npm its cache, in temporary directories rather than under HOME.
    const env = { ...npmEnv(), PRE_COMMIT_HOME: tempDir('arctl-precommit-home-'), NO_COLOR: '1' };
    const run = (file: string) => spawnSync('pre-commit', ['try-repo', projectRoot, 'arctl-lint', '--files', file], { cwd: repo, encoding: 'utf8', env });
    const good = run('ossec.conf');
    assert.equal(good.status, 0, good.stdout + good.stderr);
    assert.match(good.stdout, /arctl lint .*Passed/);
    const bad = run('broken.ossec.conf');
    assert.equal(bad.status, 1, bad.stdout + bad.stderr);
    assert.match(bad.stdout, /Failed/);
    assert.match(bad.stdout, /unknown-command|invalid-location/);
  },
);
