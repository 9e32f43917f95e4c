/**
 * Rule messages name daemons as the target version does: Wazuh 4.2.0 renamed OSSEC's ossec-* daemons wazuh-*
 * (ARGV0 "ossec-maild" at v4.1.5, "wazuh-maild" at v4.2.0: src/os_maild/maild.c:17), through the real CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const MANAGER = `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <email_to></email_to>
    <email_from>wazuh@example.com</email_from>
  </global>
  <email_alerts>
    <email_to>ops@example.com</email_to>
    <level>12</level>
    <format>bogus</format>
  </email_alerts>
  <syscheck>
    <directories recursion_level="abc">/etc</directories>
  </syscheck>
  <remote><connection>secure</connection></remote>
</ossec_config>
`;

const AGENT = `<ossec_config>
  <client>
    <server><address>10.0.0.1</address></server>
  </client>
  <client_buffer>
    <queue_size>0</queue_size>
  </client_buffer>
  <auth><disabled>no</disabled></auth>
</ossec_config>
`;

const RENAMED = /\b(wazuh|ossec)-(analysisd|maild|execd|agentd|syscheckd|logcollector|authd|remoted)\b/g;

function messages(target: string): string[] {
  const dir = tempFiles({ 'manager/ossec.conf': MANAGER, 'agent/ossec.conf': AGENT });
  const r = runArctl(['lint', '--format', 'json', '--target-version', target, join(dir, 'manager/ossec.conf'), join(dir, 'agent/ossec.conf')]);
  assert.equal(r.status, 1, r.stderr);
  return (JSON.parse(r.stdout) as JsonReportFile[]).flatMap((f) => f.messages.map((m) => m.message));
}

test('before 4.2 rule messages name the ossec-* daemons; from 4.2 the wazuh-* ones', () => {
  for (const [target, prefix] of [['4.1', 'ossec'], ['3.13', 'ossec'], ['4.2', 'wazuh'], ['4.14', 'wazuh']] as const) {
    const all = messages(target);
    const named = new Set(all.flatMap((m) => [...m.matchAll(RENAMED)].map((x) => x[0])));
    // maild (e-mail rules), analysisd with maild (an empty global <email_to>), syscheckd, agentd, authd.
    for (const daemon of ['maild', 'analysisd', 'syscheckd', 'agentd', 'authd']) assert.ok(named.has(`${prefix}-${daemon}`), `${target}: ${prefix}-${daemon} in ${JSON.stringify(all)}`);
    assert.deepEqual([...named].filter((n) => !n.startsWith(`${prefix}-`)), [], `${target}: ${JSON.stringify(all)}`);
    // No placeholder left unfilled.
    assert.ok(!all.some((m) => /\{\{/.test(m)), JSON.stringify(all));
  }
});
