/**
 * `--print-config` (the resolved settings as JSON) and `.arctlignore` (gitignore syntax, for directories
 * given to lint and validate), through the spawned CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const example = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
const broken = readFileSync(join(projectRoot, 'examples/broken.ossec.conf'), 'utf8');
const rulesDir = join(projectRoot, 'test/fixtures/simulate/rules');

test('--print-config prints the settings lint and validate would use: config file over defaults, flags over both', () => {
  const dir = tempFiles({
    '.arctl.json': JSON.stringify({ targetVersion: '4.8', rules: { 'unknown-command': 'off' }, agents: 'client.keys', ruleset: [rulesDir] }),
    'client.keys': '001 web01 10.0.0.1 key\n002 db01 10.0.0.2 key\n',
    '.arctlignore': 'archive/\n',
    'sub/ossec.conf': broken,
  });
  for (const command of ['lint', 'validate']) {
    const r = runArctl([command, 'ossec.conf', '--print-config', '--rule', 'invalid-location=info', '--arch', 'aarch64', '--manager-ip', '10.0.0.9'], { cwd: join(dir, 'sub') });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), {
      configFile: join(dir, '.arctl.json'),
      ignoreFile: join(dir, '.arctlignore'),
      targetVersion: '4.8',
      targetRelease: '4.8.2',
      arch: 'aarch64',
      rules: { 'invalid-location': 'info', 'unknown-command': 'off' },
      ruleset: { dirs: [rulesDir], files: 1, rules: JSON.parse(r.stdout).ruleset.rules },
      arBin: null,
      agents: { file: join(dir, 'client.keys'), count: 2 },
      managerIps: ['10.0.0.9'],
      sources: { targetVersion: 'config', arch: 'option', ruleset: 'config', arBin: 'default', agents: 'config' },
    }, command);
    assert.ok(JSON.parse(r.stdout).ruleset.rules > 0);
  }
  const defaults = runArctl(['lint', '--print-config', '--target-version', '3.13'], { cwd: tempFiles({}) });
  assert.equal(defaults.status, 0, defaults.stderr);
  const printed = JSON.parse(defaults.stdout) as Record<string, unknown>;
  assert.equal(printed.configFile, null);
  assert.equal(printed.targetRelease, '3.13.6');
  const bad = runArctl(['lint', '--print-config', '--target-version', '4.99'], { cwd: dir });
  assert.equal(bad.status, 2);
  assert.match(bad.stderr, /^arctl: --target-version 4\.99 is not a Wazuh\/OSSEC version arctl knows/);
  assert.equal(bad.stdout, '');
});

test('.arctlignore leaves files and directories out of a directory search, in gitignore syntax; named files are always checked', () => {
  const root = tempFiles({
    '.arctlignore': '# old copies and the archive\n*.old.ossec.conf\narchive/\n!keep.old.ossec.conf\n',
    'etc/ossec.conf': example,
    'etc/shared/default/agent.conf': '<agent_config>\n</agent_config>\n',
    'etc/previous.old.ossec.conf': broken,
    'etc/keep.old.ossec.conf': example,
    'etc/archive/ossec.conf': broken,
    'etc/archive/deep/agent.conf': broken,
  });
  const linted = (args: string[], cwd = root) => {
    const r = runArctl(['lint', ...args, '--format', 'json'], { cwd });
    return { status: r.status, stderr: r.stderr, files: (JSON.parse(r.stdout || '[]') as { filePath: string }[]).map((f) => f.filePath.slice(root.length + 1)).sort() };
  };
  const all = linted(['etc']);
  assert.equal(all.status, 0, all.stderr);
  assert.deepEqual(all.files, ['etc/keep.old.ossec.conf', 'etc/ossec.conf', 'etc/shared/default/agent.conf']);
  // The nearest .arctlignore walking up from the working directory, its patterns relative to its own directory.
  assert.deepEqual(linted(['.'], join(root, 'etc')).files, all.files);
  const validated = runArctl(['validate', 'etc', '--format', 'json'], { cwd: root });
  assert.deepEqual((JSON.parse(validated.stdout) as { filePath: string }[]).map((f) => f.filePath.slice(root.length + 1)).sort(), all.files);
  // Named on the command line, an ignored file is checked.
  const named = linted(['etc/archive/ossec.conf']);
  assert.equal(named.status, 1);
  assert.deepEqual(named.files, ['etc/archive/ossec.conf']);
  // A directory whose every file is left out says so.
  const empty = runArctl(['lint', 'etc/archive'], { cwd: root });
  assert.equal(empty.status, 2);
  assert.match(empty.stderr, /^arctl: etc\/archive: no ossec\.conf, agent\.conf or \*\.ossec\.conf file in this directory or below it \(name a file to lint it under another name; .*\.arctlignore leaves out 2 files or directories here\)\n$/);
  // Without the ignore file (another working directory), the same tree gives every file.
  const outside = tempFiles({});
  const everything = runArctl(['lint', join(root, 'etc'), '--format', 'json'], { cwd: outside });
  assert.equal((JSON.parse(everything.stdout) as unknown[]).length, 6);
});
