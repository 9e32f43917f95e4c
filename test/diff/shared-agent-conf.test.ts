/**
 * `arctl diff` on shared agent.conf files (etc/shared/GROUP/agent.conf, `<agent_config>` roots): the
 * agents' execd reads only their own ossec.conf (os_execd/main.c:63,126 ExecdConfig(OSSECCONF)) and
 * analysisd runs on the manager, so no change there is an active-response change. They were diffed as
 * a manager's ossec.conf: "Wazuh refuses to start" on both sides with (1230) 'agent_config', and
 * repeated_offenders / execd switches that nothing reads. An ossec.conf against an agent.conf is an error.
 * Fixtures: test/fixtures/diff/shared-agent-conf/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const dir = join(projectRoot, 'test/fixtures/diff/shared-agent-conf');

test('two shared agent.conf files: no change and no refusal, in every format, exit 0 with --exit-code', () => {
  const json = runArctl(['diff', 'base/agent.conf', 'head/agent.conf', '--format', 'json', '--exit-code'], { cwd: dir });
  assert.equal(json.status, 0, json.stderr);
  const report = JSON.parse(json.stdout) as DiffReport;
  assert.deepEqual(report.static, []);
  assert.equal(report.sharedAgentConf, true);
  assert.equal(report.changed, false);
  assert.deepEqual([report.base.refused, report.head.refused], [false, false]);
  const text = runArctl(['diff', 'base/agent.conf', 'head/agent.conf', '--alerts', join(projectRoot, 'examples/alerts.json')], { cwd: dir });
  assert.equal(text.status, 0, text.stderr);
  assert.doesNotMatch(text.stdout, /refuses|repeated_offenders|execd:/);
  assert.match(text.stdout, /^ {2}shared agent\.conf: no active-response change is possible here \(agents run execd with their own ossec\.conf only/m);
  assert.match(text.stdout, /^Plan: no configuration change\.$/m);
  const markdown = runArctl(['diff', 'base/agent.conf', 'head/agent.conf', '--format', 'markdown'], { cwd: dir });
  assert.match(markdown.stdout, /^Shared agent\.conf: no active-response change is possible here/m);
  assert.doesNotMatch(markdown.stdout, /CAUTION/);
});

test('a shared agent.conf read from standard input is known by its <agent_config> roots', () => {
  const r = runArctl(['diff', 'base/agent.conf', '-', '--format', 'json'], { cwd: dir, input: readFileSync(join(dir, 'head/agent.conf')) });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as DiffReport).sharedAgentConf, true);
});

test('an ossec.conf against a shared agent.conf: one line on stderr, exit 2 (1 with --exit-code)', () => {
  const example = join(projectRoot, 'examples/ossec.conf');
  const plain = runArctl(['diff', example, 'head/agent.conf'], { cwd: dir });
  assert.equal(plain.status, 2);
  assert.equal(plain.stdout, '');
  // Each kind is said with what told it, so a renamed copy (old.conf holding <ossec_config>) is no puzzle.
  assert.match(plain.stderr, /^arctl: BASE .*ossec\.conf is an ossec\.conf \(by its name\) and HEAD head\/agent\.conf a shared agent\.conf \(by its name\): arctl diff compares two files of one kind\n$/);
  assert.equal(runArctl(['diff', 'head/agent.conf', example, '--exit-code'], { cwd: dir }).status, 1);
});

test('a side with nothing that tells its kind (/dev/null for a new group\'s agent.conf, an empty file) is of the other side\'s kind', () => {
  // No telling name and no root element: it was an ossec.conf, and a new agent.conf against it an error.
  const r = runArctl(['diff', '/dev/null', 'head/agent.conf', '--format', 'json', '--exit-code'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  assert.equal((JSON.parse(r.stdout) as DiffReport).sharedAgentConf, true);
});
