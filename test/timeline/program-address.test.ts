/**
 * simulate --timeline says, under the event, what simulate says on the fired row: a stock IP blocker that
 * acts on another address than the one analysisd checked against <white_list> (a Windows alert's
 * win.eventdata.ipAddress, src/active-response/active_responses.c:250-273, against lf->srcip alone,
 * src/analysisd/alerts/exec.c:43-49), or a srcip inet_pton refuses (src/shared/validate_op.c:350-356).
 * Through the built CLI, with and without worker threads (the note crosses the thread boundary).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const dir = tempFiles({
  'ossec.conf': `<ossec_config>
  <global>
    <white_list>10.10.0.0/24</white_list>
  </global>
  <command>
    <name>netsh</name>
    <executable>netsh.exe</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>netsh</command>
    <location>local</location>
    <rules_id>60204</rules_id>
    <timeout>3600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>
`,
  'alerts.json': [
    { timestamp: '2024-05-02T10:00:00.000+0000', id: '1714644000.1', rule: { id: '60204', level: 10, groups: ['windows'] }, agent: { id: '003', name: 'win01' }, data: { win: { eventdata: { ipAddress: '10.10.0.5' } } } },
    { timestamp: '2024-05-02T10:00:05.000+0000', id: '1714644005.2', rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'lnx01' }, data: { srcip: '010.10.0.7' } },
    { timestamp: '2024-05-02T10:00:09.000+0000', id: '1714644009.3', rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'lnx01' }, data: { srcip: '203.0.113.9' } },
  ].map((a) => JSON.stringify(a)).join('\n') + '\n',
});

function timeline(workers: string, format: string[] = []) {
  const r = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--timeline', ...format], { env: { ...process.env, ARCTL_TIMELINE_WORKERS: workers } });
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

test('--timeline: a note under the add of a whitelisted Windows address and of a leading-zero srcip, none under a plain one', () => {
  const text = timeline('0');
  assert.match(text, /add {5}netsh\.exe-10\.10\.0\.5 {2}netsh .*\n {4}note: netsh acts on data\.win\.eventdata\.ipAddress 10\.10\.0\.5, which <white_list> \(10\.10\.0\.0\/24\) covers, but analysisd checks the white list against the alert's srcip alone \(which this alert does not have\): the whitelisted address is blocked\n/);
  assert.match(text, /add {5}firewall-drop-010\.10\.0\.7 .*\n {4}note: data\.srcip '010\.10\.0\.7' is no address to the white list's networks .*: 10\.10\.0\.7, the zeros dropped, is in <white_list> \(10\.10\.0\.0\/24\), never compared\n/);
  assert.match(text, /add {5}firewall-drop-203\.0\.113\.9 .*alert 1714644009\.3\n\n/);
  assert.equal(timeline('2'), text);
});

test('--timeline --format json: the note is the event\'s "note", absent when there is none', () => {
  const lines = timeline('0', ['--format', 'json']).trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  const adds = lines.filter((l) => l.action === 'add');
  assert.deepEqual(adds.map((a) => [a.key, typeof a.note]), [['netsh.exe-10.10.0.5', 'string'], ['firewall-drop-010.10.0.7', 'string'], ['firewall-drop-203.0.113.9', 'undefined']]);
  assert.equal(timeline('2', ['--format', 'json']), timeline('0', ['--format', 'json']));
});
