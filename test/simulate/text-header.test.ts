/**
 * The text header of an alert names its facts: an empty data.srcip (which the stock programs refuse) is
 * shown as "", not as the bare word srcip with nothing after it.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const alert = (srcip: string) =>
  tempFile('alert.json', `${JSON.stringify({ timestamp: '2024-05-01T00:00:00.000+0000', id: '1714521600.1', rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'web01' }, data: { srcip }, location: '/var/log/auth.log' })}\n`);

test('simulate text: an empty srcip reads srcip "", a present one as itself', () => {
  const empty = runArctl(['simulate', '--file', 'examples/ossec.conf', alert('')]);
  assert.equal(empty.status, 0, empty.stderr);
  assert.match(empty.stdout, /agent 001 \(web01\) {2}srcip ""\n/);
  const present = runArctl(['simulate', '--file', 'examples/ossec.conf', alert('45.18.142.44')]);
  assert.match(present.stdout, /agent 001 \(web01\) {2}srcip 45\.18\.142\.44\n/);
});

test('simulate text: a group with white space, a comma or a quote is quoted, so it does not run into "agent"', () => {
  const file = tempFile('alert.json', `${JSON.stringify({ timestamp: '2024-05-01T00:00:00.000+0000', id: '1714521600.2', rule: { id: '60204', level: 10, groups: ['windows', 'authentication failures ', 'a,b', ''] }, agent: { id: '003', name: 'win01' } })}\n`);
  const r = runArctl(['simulate', '--file', 'examples/ossec.conf', file]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, /\n {2}rule 60204 level 10 {2}groups windows,"authentication failures ","a,b","" {2}agent 003 \(win01\)\n/);
});
