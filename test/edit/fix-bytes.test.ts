/**
 * `arctl lint --fix` on a file with bytes that are not UTF-8 (a Latin-1 comment): a fix whose text was
 * read from those bytes would write U+FFFD over them, so it is neither offered nor applied; the other
 * fixes are, and every other byte stays. Spawned CLI on a file written here.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const dir = tempDir('arctl-fix-bytes-');

const latin1 = Buffer.concat([
  Buffer.from('<ossec_config>\n  <active-response>\n    <command>host-deny</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n\n  <command>\n    <!-- r'),
  Buffer.from([0xe9]),
  Buffer.from('ponse (Latin-1) -->\n    <name>host-deny</name>\n    <executable>host-deny</executable>\n  </command>\n</ossec_config>\n'),
]);

test('a fix that would turn Latin-1 bytes into U+FFFD (moving a command whose comment holds them) is not offered; the others are applied, bytes kept', () => {
  const path = join(dir, 'ossec.conf');
  writeFileSync(path, latin1);
  const json = runArctl(['lint', path, '--format', 'json']);
  const messages = (JSON.parse(json.stdout) as Array<{ messages: Array<{ ruleId: string; fix?: unknown }> }>)[0].messages;
  const moved = messages.find((m) => m.ruleId === 'command-defined-after-use');
  assert.ok(moved, json.stdout);
  assert.equal(moved.fix, undefined, 'no fix that would rewrite the Latin-1 byte');
  const r = runArctl(['lint', '--fix', path]);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /fixed 1 problem \(stateful-command-without-timeout-allowed 1\); 1 problem remains/);
  const after = readFileSync(path);
  assert.ok(after.includes(Buffer.from([0x72, 0xe9, 0x70])), 'the Latin-1 byte is still there');
  assert.ok(!after.includes(Buffer.from('\uFFFD')), 'no replacement character written');
  assert.equal(after.toString('latin1'), latin1.toString('latin1').replace('    <executable>host-deny</executable>\n', '    <executable>host-deny</executable>\n    <timeout_allowed>yes</timeout_allowed>\n'));
});
