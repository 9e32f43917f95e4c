/**
 * `arctl add` is gated by lint, end to end through the spawned CLI on examples/ossec.conf and corpus
 * files: what the change brings is judged with the settings `arctl lint` would use (.arctl.json, target,
 * arch, rule severities); new warnings are written and printed after the summary, new errors are refused
 * with the findings in lint's layout and nothing written, findings already in the file only counted.
 * lintGate itself is a pure function of the two files and the settings (set/remove reuse it).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintGate } from '../../src/add/gate.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempDir } from '../helpers/temp.ts';

const example = join(projectRoot, 'examples/ossec.conf');

/** A temp dir holding `source` as ossec.conf (and an .arctl.json when given); arctl runs there. */
function workspace(source: string, arctlJson?: object): { dir: string; path: string; original: Buffer } {
  const dir = tempDir('arctl-add-gate-');
  const path = join(dir, 'ossec.conf');
  copyFileSync(source, path);
  if (arctlJson) writeFileSync(join(dir, '.arctl.json'), JSON.stringify(arctlJson));
  return { dir, path, original: readFileSync(path) };
}

const add = (dir: string, ...args: string[]) => runArctl(['add', ...args, '--no-input'], { cwd: dir });

/** The stylish rows of a finding: position, severity, then (maybe wrapped) message and rule id. */
const row = (severity: string, ruleId: string) => new RegExp(`^ {2}\\d+:\\d+ +${severity} +[\\s\\S]*?${ruleId}`, 'm');

test('add --location all --level 3 without a timeout: written, then the permanent fleet-wide block and the broad trigger are printed as lint shows them', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '3');
  assert.equal(r.status, 0, r.stderr);
  assert.notDeepEqual(readFileSync(path), original);
  assert.match(readFileSync(path, 'utf8'), /<location>all<\/location>\n {4}<level>3<\/level>\n {2}<\/active-response>/);
  const summary = r.stderr.indexOf("added <active-response> for 'firewall-drop'");
  const warned = r.stderr.indexOf('written, but lint warns about the new block (2 warnings)');
  assert.ok(summary >= 0 && warned > summary, `warnings after the summary:\n${r.stderr}`);
  assert.match(r.stderr, row('warning', 'permanent-block'));
  assert.match(r.stderr, row('warning', 'trigger-too-broad'));
  // Advice (all-excludes-manager is an info) is lint's to give, not add's.
  assert.doesNotMatch(r.stderr, /all-excludes-manager/);
  // The same file through lint: the warnings add printed are lint's own.
  const lint = runArctl(['lint', 'ossec.conf'], { cwd: dir });
  assert.match(lint.stdout, row('warning', 'permanent-block'));
  assert.match(lint.stdout, row('warning', 'trigger-too-broad'));
});

test('add --timeout 90d and a second firewall-drop on rules the file already answers: written and warned', () => {
  const long = workspace(example);
  const r = add(long.dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--level', '10', '--timeout', '90d');
  assert.equal(r.status, 0, r.stderr);
  assert.match(readFileSync(long.path, 'utf8'), /<timeout>7776000<\/timeout>/);
  assert.match(r.stderr, /lint warns about the new block \(1 warning\)/);
  assert.match(r.stderr, row('warning', 'permanent-block'));
  assert.match(r.stderr, /90 days/);

  const twice = workspace(example);
  const d = add(twice.dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712', '--timeout', '600');
  assert.equal(d.status, 0, d.stderr);
  assert.match(d.stderr, row('warning', 'duplicate-active-response'));
  assert.match(d.stderr, /the one on line 77 both run/);
});

test('--dry-run shows the warnings the change would bring and writes nothing', () => {
  const { dir, path, original } = workspace(example);
  const r = add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--level', '10', '--timeout', '90d', '--dry-run');
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^\+ {4}<timeout>7776000<\/timeout>$/m);
  assert.match(r.stderr, /dry run: .*nothing written\narctl: lint would warn about the new block \(1 warning\):/);
  assert.match(r.stderr, row('warning', 'permanent-block'));
  assert.deepEqual(readFileSync(path), original);
});

test('a new error is refused (exit 1, nothing written) with the finding in lint\'s layout; findings already in the file are counted, never blamed', { skip: corpusSkip }, () => {
  // The 3.13 manager file binds firewall-drop to firewall-drop.sh: a response using it runs nothing on 4.14.
  const { dir, path, original } = workspace(join(corpusDir, 'conf/wazuh__v3.13.6__etc_ossec-server.conf'));
  const before = runArctl(['lint', '--format', 'json', 'ossec.conf'], { cwd: dir });
  const existing = (JSON.parse(before.stdout) as Array<{ messages: unknown[] }>)[0].messages.length;
  assert.ok(existing > 0, 'the stock 3.13 file has findings of its own');
  const r = add(dir, 'active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-id', '5712', '--timeout', '600');
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(readFileSync(path), original);
  assert.match(r.stderr, /^\.\/ossec\.conf$/m);
  assert.match(r.stderr, row('error', 'legacy-script-name'));
  assert.match(r.stderr, /✖ 1 problem \(1 error, 0 warnings\)/);
  assert.doesNotMatch(r.stderr, /--fix/, "the finding is fixable, but add has no --fix: the gate's report does not point to one");
  assert.match(r.stderr, new RegExp(`refusing to write: the change would add 1 lint error \\(${existing} findings were already in the file\\); nothing written\\n$`));

  // A white-list entry brings nothing: written, and the file's own findings are only counted.
  const w = add(dir, 'white-list', '192.0.2.7');
  assert.equal(w.status, 0, w.stderr);
  assert.doesNotMatch(w.stderr, /lint warns/);
  assert.match(w.stderr, new RegExp(`${existing} findings were already in the file, not caused by this change \\(arctl lint ./ossec.conf shows them\\)`));
});

test('the gate lints with .arctl.json: its rule severities and its arch, and --arch as lint takes it', () => {
  // permanent-block raised to an error in .arctl.json: the permanent block is refused.
  const strict = workspace(example, { rules: { 'permanent-block': 'error' } });
  const r = add(strict.dir, 'active-response', '--command', 'firewall-drop', '--location', 'all', '--level', '3');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, row('error', 'permanent-block'));
  assert.deepEqual(readFileSync(strict.path), strict.original);

  // A non-ASCII group never matches on x86_64 managers (signed char): refused by default...
  const args = ['active-response', '--command', 'firewall-drop', '--location', 'local', '--rules-group', 'sshdé,', '--timeout', '600'];
  const x86 = workspace(example);
  const refused = add(x86.dir, ...args);
  assert.equal(refused.status, 1, refused.stderr);
  assert.match(refused.stderr, row('error', 'non-ascii-pattern'));
  assert.deepEqual(readFileSync(x86.path), x86.original);
  // ...and written for aarch64 managers, named by the flag or by .arctl.json's arch, as lint would.
  const flag = add(x86.dir, ...args, '--arch', 'aarch64');
  assert.equal(flag.status, 0, flag.stderr);
  const arm = workspace(example, { arch: 'aarch64' });
  const fromConfig = add(arm.dir, ...args);
  assert.equal(fromConfig.status, 0, fromConfig.stderr);
  assert.match(readFileSync(arm.path, 'utf8'), /<rules_group>sshdé,<\/rules_group>/);
  assert.equal(runArctl(['lint', '--quiet', 'ossec.conf'], { cwd: arm.dir }).status, 0);
});

test('lintGate: findings the change brings, by severity, and those already there even when the insertion moved them and the lines they name', () => {
  const before = Buffer.from(readFileSync(example, 'utf8'));
  const block = '  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n\n';
  // Inserted before every other response: the file's own findings move down and the duplicate's text names a line.
  const at = before.indexOf('  <!-- SSH brute force');
  const after = Buffer.concat([before.subarray(0, at), Buffer.from(block), before.subarray(at)]);
  const settings = { target: parseTargetVersion('4.14'), managerIps: [] };
  const gate = lintGate('ossec.conf', before, after, settings);
  assert.deepEqual(gate.newErrors, []);
  assert.deepEqual(
    gate.newWarnings.map((d) => d.ruleId),
    ['duplicate-active-response'],
  );
  const same = lintGate('ossec.conf', before, before, settings);
  assert.deepEqual([same.newErrors, same.newWarnings, same.newInfos, same.preexisting], [[], [], [], []]);

  // A file with errors and warnings of its own: a command inserted above them all moves every one.
  const quirks = readFileSync(join(projectRoot, 'examples/quirks.ossec.conf'));
  const top = quirks.indexOf('\n') + 1;
  const moved = Buffer.concat([quirks.subarray(0, top), Buffer.from('  <command>\n    <name>arctl-extra</name>\n    <executable>arctl-extra</executable>\n  </command>\n'), quirks.subarray(top)]);
  const shifted = lintGate('ossec.conf', quirks, moved, settings);
  assert.deepEqual([shifted.newErrors, shifted.newWarnings], [[], []]);
  assert.deepEqual(shifted.newInfos.map((d) => d.ruleId), ['unused-command']);
  assert.deepEqual(
    shifted.preexisting.map((d) => [d.ruleId, d.severity, shifted.after.position(d.range.start).line]),
    [
      ['permanent-block', 'warning', 11],
      ['noncanonical-location', 'warning', 13],
      ['rules-id-format', 'error', 14],
      ['untrimmed-value', 'error', 17],
      ['noncanonical-location', 'warning', 18],
      ['level-invalid', 'error', 19],
    ],
  );
});
