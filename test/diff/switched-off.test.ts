/**
 * `arctl diff` on blocks analysisd never loads (config/active-response.c ReadActiveResponses leaves
 * them at `goto end` before OSList_AddData): a response switched off with <disabled>yes</disabled>
 * is the same response with another status, not one removed and another added; a block disabled on
 * both sides, or added disabled, or only carrying execd's <repeated_offenders>, is no response change.
 * Fixtures: test/fixtures/diff/switched-off/.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const dir = join(projectRoot, 'test/fixtures/diff/switched-off');

function diff(base: string, head: string, format = 'json'): { status: number | null; stdout: string } {
  const r = runArctl(['diff', base, head, '--alerts', 'alerts.json', '--format', format, '--exit-code'], { cwd: dir });
  assert.equal(r.stderr, '');
  return { status: r.status, stdout: r.stdout };
}

test('a response switched off is one change of status, named as it ran; the disabled and repeated_offenders-only blocks added are none', () => {
  const { status, stdout } = diff('base.ossec.conf', 'head.ossec.conf');
  assert.equal(status, 2);
  const report = JSON.parse(stdout) as DiffReport;
  const responses = report.static.filter((c) => c.kind.startsWith('response'));
  assert.deepEqual(
    responses.map((c) => [c.kind, 'response' in c ? c.response : '', c.kind === 'response-changed' ? c.fields : []]),
    [['response-changed', 'disable-account [rules_id 5503 -> local]', [{ field: 'status', base: 'active', head: 'disabled' }]]],
  );
  // The first <disabled> execd reads is yes (os_execd/config.c:40-45); each disabled block resets
  // analysisd's ar_flag (config/active-response.c:127,149), so no AR queue is opened any more.
  assert.deepEqual(
    report.static.filter((c) => c.kind === 'execd').map((c) => c.kind === 'execd' && `${c.field}: ${c.base} -> ${c.head}`),
    ["manager's execd: enabled -> disabled", "manager's repeated_offenders: none -> 10,30", 'AR queues opened: manager+agents -> none'],
  );
  assert.deepEqual(
    report.behaviour!.groups.map((g) => `${g.category} ${g.subject}: ${g.examples.join(' ')}`),
    ['stops-firing disable-account [rules_id 5503 -> local]: 1772438460.200', 'stops-firing firewall-drop [rules_id 5712 -> local]: 1772438400.100'],
  );
});

test('switched back on: the same pair the other way; one alert agrees with its verb', () => {
  const { status, stdout } = diff('head.ossec.conf', 'base.ossec.conf', 'text');
  assert.equal(status, 2);
  assert.match(stdout, /^ {2}~ disable-account \[rules_id 5503 -> local\]: status disabled -> active$/m);
  assert.doesNotMatch(stdout, /response (added|removed)/);
  assert.match(stdout, /disable-account \[rules_id 5503 -> local\]: 1 alert newly fires on 1 agent, 1 source address$/m);
});

test('disabled on both sides: no change, whatever else the block says', () => {
  const { status, stdout } = diff('head.ossec.conf', 'head-retuned.ossec.conf');
  assert.equal(status, 0, stdout);
  const report = JSON.parse(stdout) as DiffReport;
  assert.deepEqual(report.static, []);
});

test('a response Wazuh refuses (defined-agent without agent_id, 1304): the refusal, and one change of status', () => {
  const { status, stdout } = diff('base.ossec.conf', 'head-refused.ossec.conf', 'text');
  assert.equal(status, 2);
  assert.match(stdout, /^ {2}! HEAD: Wazuh refuses to start: .*\(1304\): No agent defined for response\. \(line 23\)$/m);
  assert.match(stdout, /^ {2}~ disable-account \[rules_id 5503 -> local\]: status active -> rejected$/m);
  assert.doesNotMatch(stdout, /response (added|removed)/);
});

test('a response added that Wazuh refuses (1304) says it never runs and no timeout applies, not "(0 s, rejected)"', () => {
  const block = '  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <rules_id>100200</rules_id>\n  </active-response>\n';
  const base = readFileSync(join(dir, 'base.ossec.conf'), 'utf8');
  const head = base.replace('</ossec_config>', `${block}</ossec_config>`);
  assert.notEqual(head, base);
  const tmp = tempFiles({ 'base.conf': base, 'head.conf': head });
  const r = runArctl(['diff', 'base.conf', 'head.conf'], { cwd: tmp });
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /^ {2}! HEAD: Wazuh refuses to start: .*\(1304\): No agent defined for response\./m);
  assert.match(r.stdout, /^ {2}\+ firewall-drop \[rules_id 100200 -> 'defined-agent'\]: response added \(rejected: Wazuh refuses to start with it, so it never runs and no timeout applies\)$/m);
});
