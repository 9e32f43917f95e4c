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

/** A manager whose analysisd starts; maild refuses it (alerts.json is not written: no <jsonout_output>). */
const SIM_MANAGER = `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <email_to>ops@example.com</email_to>
    <email_from>wazuh@example.com</email_from>
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>5</level>
  </active-response>
  <remote><connection>secure</connection></remote>
</ossec_config>
`;
const ALERT = `${JSON.stringify({ timestamp: '2024-05-01T12:00:00.000+0000', rule: { level: 10, id: '5712', groups: ['sshd'], mail: true }, agent: { id: '000', name: 'm' }, id: '1.1', data: { srcip: '203.0.113.5' } })}\n`;

test("simulate and diff name the target's daemons: refusals, crashes, e-mail details (ossec-* before 4.2)", () => {
  const dir = tempFiles({
    'ok.conf': SIM_MANAGER,
    'refused.conf': SIM_MANAGER.replace('<command>firewall-drop</command>', '<command>nosuch</command>'),
    'crash.conf': SIM_MANAGER.replace('<remote>', '<wodle/>\n  <remote>'),
    'nomail.conf': SIM_MANAGER.replace('<email_notification>yes', '<email_notification>no'),
    'alerts.json': ALERT,
  });
  const at = (name: string) => join(dir, name);
  for (const [target, prefix] of [['4.1', 'ossec'], ['3.13', 'ossec'], ['4.2', 'wazuh'], ['4.14', 'wazuh']] as const) {
    const said: string[] = [];
    const simulate = (file: string) => {
      const r = runArctl(['simulate', at('alerts.json'), '--file', at(file), '--target-version', target, '--format', 'json']);
      said.push(r.stdout, r.stderr);
      return r;
    };
    const email = (file: string) => (JSON.parse(simulate(file).stdout) as { alerts: Array<{ email: { detail: string } }> }).alerts[0]!.email.detail;
    assert.match(email('ok.conf'), new RegExp(`^${prefix}-maild: ERROR: Alerts\\.json is disabled \\(line 3\\): ${prefix}-maild does not start, so it sends no e-mail$`), target);
    assert.equal(email('nomail.conf'), `<email_notification> is not yes: ${prefix}-maild does not run`, target);
    const refused = simulate('refused.conf');
    assert.equal(refused.status, 1);
    assert.match(refused.stderr, new RegExp(`refused\\.conf: ${prefix}-analysisd: ERROR: \\(1303\\): Invalid command 'nosuch'`), target);
    const crash = simulate('crash.conf');
    assert.match(crash.stderr, new RegExp(`crash\\.conf: ${prefix}-analysisd crashes \\(SIGSEGV\\): <wodle> without a name attribute .*\\(line 17\\)\\n`), target);
    const diff = runArctl(['diff', at('ok.conf'), at('refused.conf'), '--alerts', at('alerts.json'), '--target-version', target, '--format', 'json']);
    said.push(diff.stdout, diff.stderr);
    const changes = (JSON.parse(diff.stdout) as { static: Array<{ kind: string; messages?: string[] }> }).static;
    assert.match(changes.find((c) => c.kind === 'refusal')!.messages![0]!, new RegExp(`^${prefix}-analysisd: ERROR: \\(1303\\)`), target);
    const named = new Set(said.flatMap((text) => [...text.matchAll(RENAMED)].map((x) => x[0])));
    assert.deepEqual([...named].filter((n) => !n.startsWith(`${prefix}-`)), [], `${target}: ${[...named].join(', ')}`);
  }
});

test("validate: a crash names the target's daemons, both when both die", () => {
  const dir = tempFiles({ 'ossec.conf': SIM_MANAGER.replace('<remote>', '<wodle/>\n  <remote>') });
  for (const [target, prefix] of [['4.1', 'ossec'], ['4.14', 'wazuh']] as const) {
    const r = runArctl(['validate', '--format', 'json', '--target-version', target, join(dir, 'ossec.conf')]);
    const [crash] = (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages;
    assert.match(crash!.message, new RegExp(`^${prefix}-analysisd and ${prefix}-maild crash \\(SIGSEGV\\): <wodle> without a name attribute`), target);
  }
});
