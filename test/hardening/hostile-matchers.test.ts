/**
 * Patterns and alert values as large as an attacker can make them (issue: bounded cost). OS_Regex and
 * OSMatch cost up to pattern x subject per alert; values no Wazuh manager can produce are refused
 * (src/wazuh/event-bounds.ts), and the literal alternatives are searched in one pass. Through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { join } from 'node:path';
import { classAlternatives } from '../../bench/hostile.ts';

/** `prefix0|prefix1|...` up to `bytes` bytes: literal alternatives none of which occurs in the alerts below. */
function alternatives(prefix: string, bytes: number): string {
  let out = '';
  for (let i = 0; ; i++) {
    const next = `${out ? '|' : ''}${prefix}${i}`;
    if (out.length + next.length > bytes) return out;
    out += next;
  }
}

const config = (size: number) => `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <smtp_server>smtp.example.com</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_log_source>alerts.json</email_log_source>
    <jsonout_output>yes</jsonout_output>
    <white_list>${alternatives('host', size)}</white_list>
  </global>
  <alerts>
    <email_alert_level>3</email_alert_level>
  </alerts>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <event_location>${alternatives('loc', size)}</event_location>
  </email_alerts>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_group>${alternatives('grp', size)}</rules_group>
    <timeout>60</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>10</level>
    <timeout>60</timeout>
  </active-response>
</ossec_config>
`;

const alert = (o: { srcip: string; location: string; groups: string[]; fullLog?: string; id?: number }) =>
  JSON.stringify({
    timestamp: '2024-01-01T00:00:00.000+0000',
    rule: { id: '5712', level: 10, description: 'x', groups: o.groups },
    agent: { id: '000', name: 'manager' },
    manager: { name: 'manager' },
    id: `1704067200.${o.id ?? 1}`,
    location: o.location,
    data: { srcip: o.srcip },
    ...(o.fullLog !== undefined ? { full_log: o.fullLog } : {}),
  });

test('values no manager can produce are invalid entries named by line: a 100 KB srcip, location or group string', () => {
  const dir = tempFiles({
    'ossec.conf': config(2000),
    'alerts.json': [
      alert({ srcip: 'a'.repeat(100_000), location: 'x', groups: ['sshd'] }),
      alert({ srcip: '10.0.0.1', location: 'l'.repeat(100_000), groups: ['sshd'] }),
      alert({ srcip: '10.0.0.1', location: 'x', groups: Array.from({ length: 10_000 }, (_, i) => `g${i}`) }),
      alert({ srcip: '10.0.0.1', location: 'x', groups: ['sshd'] }),
    ].join('\n') + '\n',
  });
  const conf = join(dir, 'ossec.conf');
  const alerts = join(dir, 'alerts.json');
  const refused = runArctl(['simulate', alerts, '--file', conf]);
  assert.equal(refused.status, 2, refused.stderr);
  assert.match(refused.stderr, /alerts\.json:1: data\.srcip is 100000 bytes, but analysisd reads each event into 65536 bytes \(OS_MAXSTR\)/);
  const skipped = runArctl(['simulate', alerts, '--file', conf, '--format', 'json', '--skip-invalid']);
  assert.equal(skipped.status, 0, skipped.stderr);
  const doc = JSON.parse(skipped.stdout) as { alerts: Array<{ line: number }>; summary: { invalidSkipped: number } };
  assert.equal(doc.summary.invalidSkipped, 3);
  assert.deepEqual(doc.alerts.map((a) => a.line), [4]);
  const timeline = runArctl(['simulate', alerts, '--file', conf, '--timeline', '--format', 'json', '--skip-invalid']);
  assert.equal(timeline.status, 0, timeline.stderr);
  assert.equal((timeline.stderr.match(/\(skipped\)$/gm) ?? []).length, 3, timeline.stderr);
  assert.match(timeline.stdout, /"summary":\{"alerts":1,/);
});

test('20 KB patterns against values as large as Wazuh allows: simulate and the timeline finish, with the answers of the code', () => {
  const near = 20_000;
  const atBound = [
    // data.srcip of 65535 bytes (OS_MAXSTR - 1) against a 20 KB white-list hostname pattern.
    alert({ srcip: `${'a'.repeat(65_535 - 9)}10.0.0.99`, location: 'x', groups: ['sshd'], id: 1 }),
    // A group string of 20480 bytes against a 20 KB rules_group; a location near 64 KB against event_location.
    alert({ srcip: '10.0.0.1', location: 'l'.repeat(60_000), groups: Array.from({ length: 2048 }, (_, i) => `g${String(i).padStart(8, '0')}`), id: 2 }),
    // The same alert with the last alternative present: now the rules_group binds and event_location matches.
    alert({ srcip: 'host1', location: `${'l'.repeat(1000)}${alternatives('loc', near).split('|').at(-1)}`, groups: ['sshd', alternatives('grp', near).split('|').at(-1)!], id: 3 }),
  ];
  const dir = tempFiles({ 'ossec.conf': config(near), 'alerts.json': atBound.join('\n') + '\n' });
  const conf = join(dir, 'ossec.conf');
  const alerts = join(dir, 'alerts.json');
  const r = runArctl(['simulate', alerts, '--file', conf, '--format', 'json'], { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean; reason?: string; matchedBy?: string[] }>; email: { sent: boolean; blocks: number[] } }> };
  assert.equal(doc.alerts.length, 3);
  // Alert 1: level 10 fires the second response; the srcip is in no white-list alternative.
  assert.equal(doc.alerts[0]!.responses[1]!.fired, true);
  assert.equal(doc.alerts[0]!.responses[0]!.fired, false);
  // Alert 2: no group of the 20 KB list is in the 20 KB rules_group; the location matches no event_location.
  assert.equal(doc.alerts[1]!.responses[0]!.fired, false);
  assert.deepEqual(doc.alerts[1]!.email.blocks, []);
  // Alert 3: srcip host1 is white-listed (OSMatch 'host1' alternative), so nothing fires; e-mail block 0 matches.
  assert.ok(doc.alerts[2]!.responses.every((x) => !x.fired && x.reason === 'whitelisted'), JSON.stringify(doc.alerts[2]!.responses));
  assert.deepEqual(doc.alerts[2]!.email.blocks, [0]);
  const t = runArctl(['simulate', alerts, '--file', conf, '--timeline', '--format', 'json'], { maxBuffer: 64 << 20 });
  assert.equal(t.status, 0, t.stderr);
});

test("maild skips an alerts.json line of OS_MAXSTR bytes or more: no e-mail (json-queue.c 'Overlong JSON alert read')", () => {
  const dir = tempFiles({ 'ossec.conf': config(100) });
  const line = (fullLog: string) => alert({ srcip: '10.0.0.1', location: 'x', groups: ['sshd'], fullLog });
  const base = Buffer.byteLength(line(''));
  const file = tempFile('alerts.json', `${line('f'.repeat(65_535 - base))}\n${line('f'.repeat(65_536 - base))}\n`);
  const r = runArctl(['simulate', file, '--file', join(dir, 'ossec.conf'), '--format', 'json'], { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { alerts: Array<{ email: { sent: boolean; detail?: string } }> };
  assert.equal(doc.alerts[0]!.email.sent, false, 'no recipient matches, but maild read it');
  assert.doesNotMatch(doc.alerts[0]!.email.detail ?? '', /Overlong/);
  assert.equal(doc.alerts[1]!.email.sent, false);
  assert.match(doc.alerts[1]!.email.detail ?? '', /65536 bytes: maild reads lines of less than 65536 \(OS_MAXSTR\) and skips this one \("Overlong JSON alert read"\)/);
});

test('a pattern as long as os_xml refuses: XMLERR: String overflow, an error (Wazuh does not start)', () => {
  const file = tempFile('ossec.conf', config(100).replace(/<rules_group>[^<]*</, `<rules_group>${'a'.repeat(20_480)}<`));
  const r = runArctl(['lint', file, '--format', 'json']);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stdout, /XMLERR: String overflow\./);
  assert.match(r.stdout, /"severityName":"error"/);
});

test('a 20 KB rules_group of class alternatives against 20 KB group strings: each alert costs one pass, the answers are the walk of the code', () => {
  const pattern = classAlternatives(20_000);
  const conf = config(100).replace(/<rules_group>[^<]*</, `<rules_group>${pattern}<`);
  // 40 distinct group strings of about 20 KB (the bound), none holding the letters the alternatives need.
  const groups = (i: number) => Array.from({ length: 1800 }, (_, g) => `grp${i}${String(g).padStart(5, '0')}`);
  const lines = Array.from({ length: 40 }, (_, i) => alert({ srcip: '10.0.0.1', location: 'x', groups: groups(i), id: i }));
  // The last alternative's letters after a word byte: `\w+` takes 'a', then the literals follow.
  const last = pattern.split('|').at(-1)!.slice(3);
  lines.push(alert({ srcip: '10.0.0.1', location: 'x', groups: [...groups(99).slice(0, 1000), `a${last}`], id: 99 }));
  const dir = tempFiles({ 'ossec.conf': conf, 'alerts.json': lines.join('\n') + '\n' });
  const r = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--format', 'json'], { maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  const doc = JSON.parse(r.stdout) as { alerts: Array<{ responses: Array<{ fired: boolean }> }> };
  assert.equal(doc.alerts.length, 41);
  assert.ok(doc.alerts.slice(0, 40).every((a) => !a.responses[0]!.fired), 'no group string holds the letters of an alternative');
  assert.equal(doc.alerts[40]!.responses[0]!.fired, true, `the group 'a${last}' matches the last alternative`);
});
