/**
 * The argv a pre-4.2 execd gives the program: analysisd escapes the file name and extra_args with
 * os_shell_escape (v4.1.0 src/analysisd/alerts/exec.c:69-77) and execd splits the message at every space,
 * keeping the empty argument between two spaces, and passes the pieces with execv (v4.1.0
 * src/os_execd/execd.c:479-495): the backslashes reach the program. Through the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>quarantine</name>
    <executable>quarantine.sh</executable>
    <expect>filename</expect>
    <extra_args>--to  ops;x</extra_args>
  </command>
  <active-response>
    <command>quarantine</command>
    <location>local</location>
    <rules_id>550</rules_id>
  </active-response>
</ossec_config>
`;

const ALERT = JSON.stringify({
  timestamp: '2024-05-02T09:14:07.123+0000',
  rule: { level: 7, description: 'Integrity checksum changed.', id: '550', groups: ['ossec', 'syscheck'] },
  agent: { id: '001', name: 'web' },
  id: '1714641247.77',
  decoder: { name: 'syscheck_integrity_changed' },
  syscheck: { path: "/srv/it's (1).sh", event: 'modified' },
  location: 'syscheck',
});

test("a 4.1 manager's argv: file name and extra_args shell-escaped, an empty argument for a double space", () => {
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alert.json': `${ALERT}\n` });
  const response = simulateJson(['--target-version', '4.1', '--file', join(dir, 'ossec.conf'), join(dir, 'alert.json')]).alerts[0]!.responses[0]! as { payload?: { argv: string[] } };
  assert.deepEqual(response.payload!.argv, [
    'active-response/bin/quarantine.sh',
    'add',
    '-',
    '-',
    '1714641247.77',
    '550',
    '(web)',
    'any->syscheck',
    "/srv/it\\'s",
    '\\(1\\).sh',
    '--to',
    '',
    'ops\\;x',
  ]);
});
