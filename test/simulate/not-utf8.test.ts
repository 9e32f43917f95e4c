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

/**
 * The alerts as bytes, the last one holding `marker` so that its first byte is the last of the reader's first
 * 64 KB chunk (src/util/file-chunks.ts): a character cut between two chunks. `before` come first.
 */
function atChunkEdge(before: string[], marker: Buffer, after: string[] = []): Buffer {
  const head = Buffer.from(before.map((line) => `${line}\n`).join(''), 'utf8');
  const template = alert('1.9', 'edge ~');
  const prefix = Buffer.from(template.slice(0, template.indexOf('~')), 'utf8');
  const pad = 64 * 1024 - 1 - head.length - prefix.length;
  assert.ok(pad > 0);
  const line = alert('1.9', `edge ${'x'.repeat(pad)}~`);
  const [start, end] = line.split('~') as [string, string];
  const bytes = Buffer.concat([head, Buffer.from(start, 'utf8'), marker, Buffer.from(`${end}\n`, 'utf8'), Buffer.from(after.map((l) => `${l}\n`).join(''), 'utf8')]);
  assert.ok(bytes.subarray(64 * 1024 - 1, 64 * 1024 - 1 + marker.length).equals(marker));
  return bytes;
}

function simulateStderr(bytes: Buffer, timeline: boolean): string {
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alerts.json': bytes });
  const r = runArctl(['simulate', join(dir, 'alerts.json'), '--file', join(dir, 'ossec.conf'), '--format', 'json', ...(timeline ? ['--timeline'] : [])], { env: { ARCTL_TIMELINE_WORKERS: '0' } });
  assert.equal(r.status, 0, r.stderr);
  return r.stderr.replaceAll(join(dir, 'alerts.json'), 'ALERTS');
}

const note = (line: number) => `arctl: ALERTS:${line} has bytes that are not UTF-8 (a log line in Latin-1 or another code page): Wazuh passes them on as they are, arctl reads each as U+FFFD (3 bytes), so its payloads and message sizes differ there\n`;

test('a character cut between two chunks read is UTF-8, even beside a real U+FFFD', () => {
  for (const marker of ['é', '€', '😀', '\uFFFD']) {
    const bytes = atChunkEdge([alert('1.1', 'user \uFFFD ok')], Buffer.from(marker, 'utf8'));
    assert.equal(simulateStderr(bytes, false), '', marker);
  }
});

test('a byte that is not UTF-8 just before or after the chunk edge, or only in a later chunk, is said with its own line', () => {
  // 0xC3 then an ASCII byte: the sequence breaks across the edge.
  assert.equal(simulateStderr(atChunkEdge([alert('1.1', 'ok')], Buffer.from([0xc3, 0x41])), false), note(2));
  // A lone 0xE9 (Latin-1 'é') as the chunk's last byte.
  assert.equal(simulateStderr(atChunkEdge([alert('1.1', 'ok')], Buffer.from([0xe9])), false), note(2));
  // A real U+FFFD and a cut 'é' in the first chunk; the Latin-1 byte two lines into the second.
  const later = atChunkEdge([alert('1.1', 'user \uFFFD ok')], Buffer.from('é', 'utf8'), [alert('1.10', 'fine'), alert('1.11', 'JOS~')]);
  const latin1 = Buffer.from(later.map((b, i) => (b === 0x7e && i > 64 * 1024 ? 0xc9 : b)));
  assert.equal(simulateStderr(latin1, false), note(4));
});

test('the timeline says it too, on the main thread, in a worker and gzipped', () => {
  const text = `${alert('1.1', 'plain')}\n${alert('1.2', 'Failed password for JOS~')}\n`;
  const bytes = Buffer.from(Buffer.from(text, 'utf8').map((b) => (b === 0x7e ? 0xc9 : b)));
  const dir = tempFiles({ 'ossec.conf': CONFIG, 'alerts.json': bytes, 'alerts.json.gz': gzipSync(bytes) });
  for (const [file, workers] of [['alerts.json', '0'], ['alerts.json', '1'], ['alerts.json.gz', '1']] as const) {
    const r = runArctl(['simulate', join(dir, file), '--file', join(dir, 'ossec.conf'), '--timeline'], { env: { ARCTL_TIMELINE_WORKERS: workers } });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr.replaceAll(join(dir, file), 'ALERTS'), note(2), `${file}, ${workers} workers`);
    assert.match(r.stdout, /firewall-drop/);
  }
});
