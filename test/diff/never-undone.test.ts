/**
 * `arctl diff` says what a timeout of 0 means: execd puts nothing in its timeout list
 * (os_execd/execd.c:344-345), so the response is never undone. "600 s -> 0 s" read as "blocked for
 * no time" when the address stays blocked for good. Here the command's <timeout_allowed> becomes no,
 * which analysisd turns into a timeout of 0 (1305). Fixtures: test/fixtures/diff/never-undone/.
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const dir = join(projectRoot, 'test/fixtures/diff/never-undone');

test('a timeout that becomes 0 reads as never undone, in the configuration and in the alerts', () => {
  const text = runArctl(['diff', 'base.ossec.conf', 'head.ossec.conf', '--alerts', 'alerts.json'], { cwd: dir });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /^ {2}~ firewall-drop \[rules_id 5712 -> local\]: timeout 300 s -> 0 s, never undone$/m);
  assert.match(text.stdout, /^ {2}firewall-drop \[rules_id 5712 -> local\]: 1 alert fires with another timeout \(300 s -> 0 s, never undone\) on 1 agent, 1 source address$/m);
  const json = runArctl(['diff', 'head.ossec.conf', 'base.ossec.conf', '--alerts', 'alerts.json', '--format', 'json'], { cwd: dir });
  const report = JSON.parse(json.stdout) as DiffReport;
  assert.deepEqual(report.static.map((c) => c.kind === 'response-changed' && c.fields), [[{ field: 'timeout', base: '0 s, never undone', head: '300 s' }]]);
  assert.deepEqual(report.behaviour!.groups.map((g) => g.detail), ['0 s, never undone -> 300 s']);
});
