/**
 * An alert with bytes that are not UTF-8 (a Latin-1 log line): analysisd writes them into alerts.json as they
 * came (cJSON escapes only control characters) and execd hands them on, while arctl reads each as U+FFFD, so
 * simulate says once, with the line, that its payloads and message sizes differ there. A real U+FFFD in
 * the text is UTF-8 and says nothing. Through the CLI, gzipped.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gzipSync } from 'node:zlib';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const CONFIG = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5760</rules_id>
  </active-response>
</ossec_config>
`;

const alert = (id: string, fullLog: string) =>
  JSON.stringify({
    timestamp: '2024-05-02T09:14:07.123+0000',
    rule: { level: 5, description: 'sshd: authentication failed.', id: '5760', groups: ['syslog', 'sshd'] },
    agent: { id: '001', name: 'web' },
    id,
    full_log: fullLog,
    data: { srcip: '203.0.113.9' },
    location: '/var/log/auth.log',
  });

test('a byte that is not UTF-8 is said once with its line; a real U+FFFD is not', () => {
  const text = `${alert('1.1', 'user \uFFFD ok')}\n${alert('1.2', 'plain')}\n${alert('1.3', 'Failed password for JOS~')}\n${alert('1.4', 'JOS~ again')}\n`;
  // Latin-1 'É' (0xC9) where the tildes are.
  const bytes = Buffer.from(text, 'utf8').map((b) => (b === 0x7e ? 0xc9 : b));
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alerts.json.gz': gzipSync(bytes) });
  const r = runArctl(['simulate', join(dir, 'alerts.json.gz'), '--file', join(dir, 'ossec.conf'), '--format', 'json']);
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stderr, `arctl: ${join(dir, 'alerts.json.gz')}:3 has bytes that are not UTF-8 (a log line in Latin-1 or another code page): Wazuh passes them on as they are, arctl reads each as U+FFFD (3 bytes), so its payloads and message sizes differ there\n`);
  const alerts = (JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ payload: { parameters: { alert: { full_log: string } } } }> }> }).alerts;
  assert.equal(alerts[2]!.responses[0]!.payload.parameters.alert.full_log, 'Failed password for JOS\uFFFD');
});
