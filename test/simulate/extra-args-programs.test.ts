/**
 * wazuh-slack and kaspersky take what they act on from parameters.extra_args (v4.14.7 wazuh-slack.c:64-70,
 * kaspersky.c:27-33): a command without <extra_args> (or with blanks only, which analysisd's strtok turns
 * into no word) makes them log "Cannot read 'extra_args' from data" and exit. simulate says so on the fired
 * row, --timeline reports a fail instead of an add, diff notes it on the blocks it lists; with a URL they
 * run. Through the built CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>slack</name>
    <executable>wazuh-slack</executable>
  </command>
  <command>
    <name>slack-blank</name>
    <executable>wazuh-slack</executable>
    <extra_args>   </extra_args>
  </command>
  <command>
    <name>slack-hook</name>
    <executable>wazuh-slack</executable>
    <extra_args>https://hooks.slack.com/services/T0/B0/x</extra_args>
  </command>
  <command>
    <name>kasp</name>
    <executable>kaspersky</executable>
  </command>
  <active-response>
    <command>slack</command>
    <location>server</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>slack-blank</command>
    <location>server</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>slack-hook</command>
    <location>server</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>kasp</command>
    <location>local</location>
    <level>10</level>
  </active-response>
</ossec_config>
`;

const ALERT = JSON.stringify({
  timestamp: '2024-05-01T10:00:00.000+0000',
  rule: { level: 10, description: 'sshd: brute force', id: '5712', groups: ['syslog', 'sshd'] },
  agent: { id: '001', name: 'web1', ip: '10.1.1.1' },
  id: '1714557600.1',
  data: { srcip: '203.0.113.9' },
  location: '/var/log/auth.log',
});

function files(): string[] {
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alert.json': ALERT });
  return ['--file', join(dir, 'ossec.conf'), join(dir, 'alert.json')];
}

test('wazuh-slack and kaspersky without extra_args fire with a note that they exit; with a webhook URL no note', () => {
  const args = files();
  const rows = simulateJson(args).alerts[0]!.responses.map((r) => [r.command, r.fired, r.detail]);
  assert.deepEqual(rows, [
    ['slack', true, `the command has no <extra_args>: wazuh-slack logs "Cannot read 'extra_args' from data" and exits, posting nothing to Slack, as its <extra_args> is the webhook URL`],
    ['slack-blank', true, `the command's <extra_args> holds no word (analysisd sends none): wazuh-slack logs "Cannot read 'extra_args' from data" and exits, posting nothing to Slack, as its <extra_args> is the webhook URL`],
    ['slack-hook', true, undefined],
    ['kasp', true, `the command has no <extra_args>: kaspersky logs "Cannot read 'extra_args' from data" and exits, running nothing, as its <extra_args> are the arguments for kaspersky.py`],
  ]);
  const text = runArctl(['simulate', ...args]);
  assert.equal(text.status, 0);
  assert.match(text.stdout, /slack +fired .* matched by level \(the command has no <extra_args>: wazuh-slack logs/);
});

test('--timeline: a fail for each program without extra_args, an add for the one with a URL', () => {
  const r = runArctl(['simulate', ...files(), '--timeline', '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  lines.pop();
  assert.deepEqual(
    lines.map((e) => [e.host, e.command, e.action, e.reason]),
    [
      ['000', 'slack', 'fail', `no extra_args: wazuh-slack logs "Cannot read 'extra_args' from data" and exits, posting nothing to Slack, as its <extra_args> is the webhook URL`],
      ['000', 'slack-blank', 'fail', `no extra_args: wazuh-slack logs "Cannot read 'extra_args' from data" and exits, posting nothing to Slack, as its <extra_args> is the webhook URL`],
      ['000', 'slack-hook', 'add', undefined],
      ['001', 'kasp', 'fail', `no extra_args: kaspersky logs "Cannot read 'extra_args' from data" and exits, running nothing, as its <extra_args> are the arguments for kaspersky.py`],
    ],
  );
});

test('diff: a note on each wazuh-slack / kaspersky block changed or removed that a side sends no extra_args', () => {
  const hook = CONFIG.replace('<name>slack</name>\n    <executable>wazuh-slack</executable>', '<name>slack</name>\n    <executable>wazuh-slack</executable>\n    <extra_args>https://hooks.slack.com/services/T0/B0/y</extra_args>');
  const dir = tempFiles({ 'base.conf': CONFIG, 'head.conf': hook.replace('<command>kasp</command>\n    <location>local</location>\n    <level>10</level>', '<command>kasp</command>\n    <location>local</location>\n    <level>12</level>') });
  const r = runArctl(['diff', join(dir, 'base.conf'), join(dir, 'head.conf'), '--format', 'json']);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as DiffReport;
  assert.deepEqual(
    report.static.filter((c) => c.kind === 'response-changed').map((c) => [c.kind === 'response-changed' && c.fields.map((f) => f.field), c.kind === 'response-changed' && c.note]),
    [
      [['extra_args'], `the base sends wazuh-slack no extra_args: wazuh-slack logs "Cannot read 'extra_args' from data" and exits, posting nothing to Slack, as its <extra_args> is the webhook URL`],
      [['trigger'], `both sides send kaspersky no extra_args: kaspersky logs "Cannot read 'extra_args' from data" and exits, running nothing, as its <extra_args> are the arguments for kaspersky.py`],
    ],
  );
  // The kaspersky block removed: its note says what it did (nothing).
  const without = tempFiles({ 'head.conf': CONFIG.replace(/ {2}<active-response>\n {4}<command>kasp<\/command>[^]*?<\/active-response>\n/, '') });
  const gone = JSON.parse(runArctl(['diff', join(dir, 'base.conf'), join(without, 'head.conf'), '--format', 'json']).stdout) as DiffReport;
  assert.deepEqual(
    gone.static.filter((c) => c.kind.startsWith('response')).map((c) => [c.kind, 'note' in c ? c.note : undefined]),
    [['response-removed', `this block sends kaspersky no extra_args: kaspersky logs "Cannot read 'extra_args' from data" and exits, running nothing, as its <extra_args> are the arguments for kaspersky.py`]],
  );
});
