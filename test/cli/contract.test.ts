/**
 * cli.md's global contract, end to end: exit codes of help and usage errors, global flags in any
 * position, `-` for standard input wherever a command reads a file.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, runArctlInProcess } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

test('a command group run without its subcommand is a usage error (exit 2, help on stderr); asked-for help is exit 0', () => {
  for (const args of [[], ['add'], ['hook']]) {
    const r = runArctl(args);
    assert.equal(r.status, 2, `arctl ${args.join(' ')}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /^Usage: arctl/m);
  }
  for (const args of [['--help'], ['help'], ['help', 'lint'], ['add', '--help'], ['add', 'help'], ['hook', '--help'], ['lint', '--help'], ['--version']]) {
    const r = runArctl(args);
    assert.equal(r.status, 0, `arctl ${args.join(' ')}: ${r.stderr}`);
    assert.notEqual(r.stdout, '');
  }
});

test('--target-version is global: before the command it applies to lint, validate, simulate and add alike', async () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const alerts = join(projectRoot, 'examples/alerts.json');
  const lintAfter = await runArctlInProcess(['lint', conf, '--format', 'json', '--target-version', '3.13']);
  const lintBefore = await runArctlInProcess(['--target-version', '3.13', 'lint', conf, '--format', 'json']);
  assert.equal(lintBefore.stderr, '');
  assert.equal(lintBefore.status, lintAfter.status);
  assert.equal(lintBefore.stdout, lintAfter.stdout);
  assert.notEqual(lintBefore.stdout, (await runArctlInProcess(['lint', conf, '--format', 'json'])).stdout, 'the version changes the findings');

  const validate = await runArctlInProcess(['--target-version=3.13', 'validate', conf, '--format', 'json']);
  assert.equal(validate.stdout, (await runArctlInProcess(['validate', conf, '--format', 'json', '--target-version', '3.13'])).stdout);

  const sim = await runArctlInProcess(['--target-version', '3.13', 'simulate', alerts, '--file', conf, '--format', 'json']);
  assert.equal(sim.status, 0, sim.stderr);
  assert.equal(JSON.parse(sim.stdout).targetVersion, '3.13');

  const add = await runArctlInProcess(['--target-version', '3.13', 'add', 'command', '--template', 'firewall-drop', '--replace', '--file', conf, '--dry-run']);
  assert.match(add.stdout, /<executable>firewall-drop\.sh<\/executable>/);

  const refused = await runArctlInProcess(['--target-version', '5.0', 'lint', conf]);
  assert.equal(refused.status, 2);
  assert.match(refused.stderr, /5\.0 is not supported yet/);
});

/** Block 0 goes to agent 002 only, block 1 to every agent (`all`); both fire on rule 5712. */
const DEFINED_AGENT = `<ossec_config>
  <command><name>firewall-drop</name><executable>firewall-drop</executable><timeout_allowed>yes</timeout_allowed></command>
  <active-response><command>firewall-drop</command><location>defined-agent</location><agent_id>002</agent_id><rules_id>5712</rules_id></active-response>
  <active-response><command>firewall-drop</command><location>all</location><rules_id>5712</rules_id></active-response>
</ossec_config>
`;
const ONE_AGENT = '001 bastion01 any 0123456789abcdef\n';

test('- reads standard input for --agents (lint, validate, simulate) and for --config (.arctl.json of lint and validate)', () => {
  const dir = tempFiles({ 'ossec.conf': DEFINED_AGENT, 'client.keys': ONE_AGENT, 'arctl.json': '{"rules":{"unknown-command":"off"}}' });
  const conf = join(dir, 'ossec.conf');
  const fromFile = runArctl(['lint', conf, '--format', 'json', '--agents', join(dir, 'client.keys')]);
  assert.match(fromFile.stdout, /agent-id-unknown/);
  const fromStdin = runArctl(['lint', conf, '--format', 'json', '--agents', '-'], { input: ONE_AGENT });
  assert.equal(fromStdin.stderr, '');
  assert.equal(fromStdin.stdout, fromFile.stdout);
  assert.equal(fromStdin.status, fromFile.status);
  const validate = runArctl(['validate', conf, '--agents', '-'], { input: ONE_AGENT });
  assert.equal(validate.status, 0, validate.stderr);

  const broken = join(projectRoot, 'examples/broken.ossec.conf');
  const rc = runArctl(['lint', broken, '--format', 'json', '--config', '-'], { input: '{"rules":{"unknown-command":"off"}}' });
  assert.equal(rc.stderr, '');
  assert.equal(rc.stdout, runArctl(['lint', broken, '--format', 'json', '--config', join(dir, 'arctl.json')]).stdout);
  assert.doesNotMatch(rc.stdout, /unknown-command/);

  const alerts = join(projectRoot, 'examples/alerts.json');
  const sim = runArctl(['simulate', alerts, '--file', conf, '--agents', '-', '--format', 'json'], { input: ONE_AGENT });
  assert.equal(sim.status, 0, sim.stderr);
  const fired = (JSON.parse(sim.stdout) as { alerts: { responses: { block: number; fired: boolean; targets?: string[] }[] }[] }).alerts[0].responses.filter((r) => r.fired);
  assert.deepEqual(fired.map((r) => [r.block, r.targets]), [[1, ['001']]], '`all` reaches the one agent read from standard input');
  assert.equal(sim.stdout, runArctl(['simulate', alerts, '--file', conf, '--agents', join(dir, 'client.keys'), '--format', 'json']).stdout);
});

test('only one input can read standard input: two - in one run are a usage error naming both', () => {
  const dir = tempFiles({ 'ossec.conf': DEFINED_AGENT });
  const conf = join(dir, 'ossec.conf');
  const alerts = join(projectRoot, 'examples/alerts.json');
  const cases: [string[], RegExp][] = [
    [['lint', '-', '--agents', '-'], /--agents -.*standard input/],
    [['validate', '-', '--config', '-'], /--config -.*standard input/],
    [['simulate', '-', '--file', conf, '--assert', '-'], /ALERTS -.*--assert -.*standard input/],
    [['simulate', alerts, '--file', '-', '--agents', '-'], /--file -.*--agents -.*standard input/],
    [['simulate', alerts, '--file', conf, '--agents', '-', '--agent-config', '-'], /--agents -.*--agent-config -.*standard input/],
  ];
  for (const [args, message] of cases) {
    const r = runArctl(args, { input: DEFINED_AGENT });
    assert.equal(r.status, 2, `arctl ${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, message);
    assert.equal(r.stderr.split('\n').filter(Boolean).length, 1, r.stderr);
  }
});

test('add --file - edits standard input and prints the new file on standard output (--dry-run: the diff)', () => {
  const original = readFileSync(join(projectRoot, 'examples/ossec.conf'));
  const r = runArctl(['add', 'white-list', '192.0.2.7', '--file', '-'], { input: original });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stderr, /^arctl: <stdin>: added/);
  const dir = tempFiles({ 'ossec.conf': original });
  const inPlace = runArctl(['add', 'white-list', '192.0.2.7', '--file', join(dir, 'ossec.conf')]);
  assert.equal(inPlace.status, 0, inPlace.stderr);
  assert.equal(r.stdout, readFileSync(join(dir, 'ossec.conf'), 'utf8'), 'the same bytes as an in-place add');

  const dry = runArctl(['add', 'white-list', '192.0.2.7', '--file', '-', '--dry-run'], { input: original });
  assert.equal(dry.status, 0, dry.stderr);
  assert.match(dry.stdout, /^\+ {4}<white_list>192\.0\.2\.7<\/white_list>$/m);
  assert.match(dry.stderr, /dry run/);

  // Nothing to add: the input goes through unchanged, so a pipeline still gets the file.
  const same = runArctl(['add', 'white-list', '192.0.2.7', '--file', '-'], { input: r.stdout });
  assert.equal(same.status, 0, same.stderr);
  assert.equal(same.stdout, r.stdout);
  assert.match(same.stderr, /already in <white_list>/);

  // Refused (more errors than before): exit 1 and nothing on standard output.
  const refused = runArctl(['add', 'active-response', '--command', 'block-ip', '--location', 'local', '--rules-id', '5551', '--file', '-'], { input: original });
  assert.equal(refused.status, 1);
  assert.equal(refused.stdout, '');

  const missing = runArctl(['add', 'command', '--name', 'x', '--file', '-'], { input: original });
  assert.equal(missing.status, 2);
  assert.match(missing.stderr, /missing --executable/);
});

test('simulate: a timeline-only flag without --timeline is a usage error naming it (as ESLint refuses --fix-type without --fix)', async () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const alerts = join(projectRoot, 'examples/alerts.json');
  for (const flag of [['--key', 'srcip'], ['--since', '2024-05-01T00:00:00Z'], ['--until', '2024-05-03T00:00:00Z'], ['--at', '2024-05-02T09:30:00Z'], ['--reorder-window', '10'], ['--no-progress']]) {
    const r = await runArctlInProcess(['simulate', alerts, '--file', conf, ...flag]);
    assert.equal(r.status, 2, `${flag.join(' ')}: ${r.stderr}`);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, new RegExp(`^arctl: ${flag[0]} needs --timeline`));
    assert.equal((await runArctlInProcess(['simulate', alerts, '--file', conf, '--timeline', ...flag])).status, 0, flag.join(' '));
  }
});

test('a rules directory that cannot be read is named after where it was given: --ruleset or the .arctl.json', async () => {
  const conf = join(projectRoot, 'examples/ossec.conf');
  const alerts = join(projectRoot, 'examples/alerts.json');
  const dir = tempFiles({ '.arctl.json': JSON.stringify({ ruleset: ['no-such-rules'] }) });
  for (const args of [['lint', conf], ['validate', conf], ['simulate', alerts, '--file', conf]]) {
    const fromConfig = await runArctlInProcess(args, { cwd: dir });
    assert.equal(fromConfig.status, 2, args.join(' '));
    assert.match(fromConfig.stderr, /^arctl: config .*\.arctl\.json: ruleset .*no-such-rules: no such file/m, args.join(' '));
    const fromFlag = await runArctlInProcess([...args, '--ruleset', join(dir, 'missing-too')], { cwd: dir });
    assert.equal(fromFlag.status, 2, args.join(' '));
    assert.match(fromFlag.stderr, /^arctl: --ruleset .*missing-too: no such file\n$/, args.join(' '));
  }
});
