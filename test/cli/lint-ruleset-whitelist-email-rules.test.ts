/**
 * End to end through the real CLI: the ruleset-aware, white_list, e-mail and version rules on a file
 * written to disk, with --ruleset pointing at the corpus rules, --manager-ip, --agents, and --fix.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { lintJson, runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';

const CONFIG = `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>soc@example.com, ops@example.com</email_to>
    <alerts_log>yes</alerts_log>
    <white_list>192.168.1.*</white_list>
    <white_list>10.0.0.0/8</white_list>
    <white_list>10.1.2.3</white_list>
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>notify</name>
    <executable>notify-soc.py</executable>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712, 57100</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>15</level>
    <rules_group>sshd,|authentication_failure,</rules_group>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>12</level>
  </active-response>
  <email_alerts>
    <email_to>ssh@example.com</email_to>
    <group>sshd,</group>
    <do_not_group/>
    <do_not_delay/>
  </email_alerts>
  <email_alerts>
    <email_to>web@example.com</email_to>
    <rule_id>31151 31168</rule_id>
    <format>SMS</format>
  </email_alerts>
</ossec_config>
`;

test('arctl lint reports the ruleset, white_list and e-mail rules on a real file', { skip: corpusSkip }, () => {
  const dir = tempFiles({
    'ossec.conf': CONFIG,
    'agents.json': JSON.stringify([{ id: '001', name: 'a', version: 'Wazuh v4.1.5', status: 'active' }, { id: '002', name: 'b', version: 'Wazuh v4.9.0', status: 'active' }]),
  });
  const file = join(dir, 'ossec.conf');
  const agents = join(dir, 'agents.json');
  const r = runArctl(['lint', '--format', 'json', '--ruleset', join(corpusDir, 'rules/wazuh-v4.14.7'), '--manager-ip', '10.0.0.10', '--agents', agents, file]);
  assert.equal(r.status, 1, r.stderr);
  const [result] = JSON.parse(r.stdout) as JsonReportFile[];
  const found = new Set(result.messages.map((m) => `${m.line}:${m.ruleId}`));
  for (const expected of [
    '6:email-address-invalid',
    '8:whitelist-not-ip',
    '10:whitelist-duplicate',
    '2:whitelist-missing-self',
    '24:rules-id-unknown',
    '30:level-unreachable',
    '31:rules-group-unknown',
    '34:whitelist-suppresses-all-ar',
    '19:mixed-fleet-legacy-message',
    '41:email-group-ignored',
    '43:do-not-delay-misuse',
    '47:email-rule-id-format',
    '48:email-format-invalid',
  ]) {
    assert.ok(found.has(expected), `${expected} missing in ${[...found].join(' ')}`);
  }
});

test('arctl lint --fix applies the safe fixes of these rules and leaves the rest of the file byte for byte', { skip: corpusSkip }, () => {
  const file = tempFile('ossec.conf', CONFIG);
  const r = runArctl(['lint', '--fix', '--format', 'json', '--manager-ip', '10.0.0.10', file]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const fixed = readFileSync(file, 'utf8');
  assert.match(fixed, /<email_to>soc@example\.com<\/email_to>\n    <email_to>ops@example\.com<\/email_to>/);
  assert.match(fixed, /<white_list>192\.168\.1\.0\/24<\/white_list>/);
  // 10.1.2.3 inside 10.0.0.0/8 and maild's log source are decisions: suggestions, left as written.
  assert.match(fixed, /<white_list>10\.1\.2\.3<\/white_list>/);
  assert.doesNotMatch(fixed, /<email_log_source>/);
  // 10.0.0.10 is inside 10.0.0.0/8 already: only loopback is added.
  assert.match(fixed, /<white_list>10\.1\.2\.3<\/white_list>\n    <white_list>127\.0\.0\.1<\/white_list>\n/);
  assert.doesNotMatch(fixed, /10\.0\.0\.10/);
  assert.match(fixed, /<do_not_group\/>\n  <\/email_alerts>/);
  assert.match(fixed, /<rule_id>31151, 31168<\/rule_id>\n    <format>sms<\/format>/);
  // Untouched parts stay exactly as written.
  assert.ok(fixed.includes(CONFIG.slice(CONFIG.indexOf('  <command>'), CONFIG.indexOf('  <email_alerts>'))));
  // On request the suggestions are taken too.
  const again = runArctl(['lint', '--fix', '--fix-suggestions', '--format', 'json', '--manager-ip', '10.0.0.10', file]);
  assert.ok(again.status === 0 || again.status === 1, again.stderr);
  const suggested = readFileSync(file, 'utf8');
  assert.doesNotMatch(suggested, /<white_list>10\.1\.2\.3<\/white_list>/);
  assert.match(suggested, /<email_log_source>alerts\.log<\/email_log_source>/);
});

test('email-rule-id-format: an id-less <rule_id> beside a <level> mails more (warning), alone with <do_not_delay> never (error); a 0 cuts the list (error); off, advice', () => {
  // Wazuh v4.14.7 starts with both files (test/fixtures/oracle/startup-cases.json).
  const dir = join(projectRoot, 'test/fixtures/rules/email-rule-id-format');
  const { status, messages } = lintJson([join(dir, 'invalid.xml')]);
  assert.equal(status, 1);
  const mine = messages.filter((m) => m.ruleId === 'email-rule-id-format').map((m) => `${m.line}:${m.severityName}`);
  assert.deepEqual(mine, ['10:error', '14:error', '18:error', '23:warning', '28:error', '32:error', '36:error', '41:warning']);
  assert.match(messages.find((m) => m.line === 23)!.message, /drops this criterion: the block e-mails every alert its <level> matches/);
  assert.match(messages.find((m) => m.line === 36)!.message, /ends wazuh-maild's id list: only 5712 matches, never 5720/);
  assert.match(messages.find((m) => m.line === 41)!.message, /adds nothing: this block's other <rule_id> \(5712\) still decide/);
  const off = lintJson([join(dir, 'invalid-mail-off.xml')]);
  assert.equal(off.status, 0);
  assert.deepEqual(off.messages.filter((m) => m.ruleId === 'email-rule-id-format').map((m) => `${m.line}:${m.severityName}`), ['5:info', '10:info']);
});

test('email-address-invalid: a bare local name in <email_from> or <email_alerts><email_to> is a warning, a phrase without @ an error', () => {
  // Wazuh v4.14.7 starts with this file (test/fixtures/oracle/startup-cases.json).
  const { status, messages } = lintJson([join(projectRoot, 'test/fixtures/rules/email-address-invalid/invalid-local-name.xml')]);
  assert.equal(status, 1);
  const mine = messages.filter((m) => m.ruleId === 'email-address-invalid').map((m) => `${m.line}:${m.severityName}`);
  assert.deepEqual(mine, ['7:warning', '11:warning', '15:error']);
  assert.match(messages.find((m) => m.line === 11)!.message, /'root' has no domain: .*Postfix/);
});

test('email-address-invalid quotes Wazuh\'s refusal of a global <email_to> word for word, and its message ends with one full stop', () => {
  const file = tempFile('ossec.conf', `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin</email_to>
    <email_to>ops@</email_to>
    <email_to>\u201cadmin\u201d</email_to>
  </global>
</ossec_config>
`);
  const { status, messages } = lintJson([file]);
  assert.equal(status, 1);
  const stop = (value: string) => `wazuh-analysisd and wazuh-maild log "Invalid Email address: ${value}." and refuse to start.`;
  assert.deepEqual(messages.filter((m) => m.ruleId === 'email-address-invalid').map((m) => `${m.line} ${m.message}`), [
    `7 <email_to> 'admin' is not an e-mail address (no '@'): ${stop('admin')}`,
    `8 <email_to> 'ops@' is not a single e-mail address: ${stop('ops@')}`,
    `9 <email_to> contains non-ASCII characters (smart quotes, non-breaking or zero-width spaces?): ${stop('\u201cadmin\u201d')}`,
  ]);
  // validate says the same refusal in Wazuh's words on the same lines (test/lint/lint-reports-validate.test.ts).
  const validated = JSON.parse(runArctl(['validate', '--format', 'json', file]).stdout) as JsonReportFile[];
  assert.deepEqual(validated[0].messages.filter((m) => m.ruleId === 'email-address-invalid').map((m) => `${m.line} ${m.message}`), [
    '7 wazuh-analysisd and wazuh-maild stop: Invalid Email address: admin.',
    '8 wazuh-analysisd and wazuh-maild stop: Invalid Email address: ops@.',
    '9 wazuh-analysisd and wazuh-maild stop: Invalid Email address: \u201cadmin\u201d.',
  ]);
});

test('a catch-all or empty <white_list> is an error only when the file enables a response; without one, a warning', () => {
  // Wazuh v4.14.7 starts with all three files (test/fixtures/oracle/startup-cases.json).
  const rules = join(projectRoot, 'test/fixtures/rules');
  const severities = (file: string, ruleId: string) => lintJson([join(rules, file)]).messages.filter((m) => m.ruleId === ruleId).map((m) => `${m.line}:${m.severityName}`);
  assert.deepEqual(severities('whitelist-not-ip/invalid-catch-all.xml', 'whitelist-not-ip'), ['4:error', '5:error', '6:error']);
  const idle = lintJson([join(rules, 'whitelist-not-ip/invalid-catch-all-no-response.xml')]);
  assert.equal(idle.status, 0);
  assert.deepEqual(idle.messages.filter((m) => m.ruleId === 'whitelist-not-ip').map((m) => `${m.line}:${m.severityName}`), ['5:warning', '6:warning']);
  assert.match(idle.messages[0].message, /enables no <active-response> today, but once one is/);
  assert.deepEqual(severities('empty-value/invalid-white-list-no-response.xml', 'empty-value'), ['4:warning']);
});

test('an empty <email_alerts><email_to> is an error with notification on, a warning with it off', () => {
  // Wazuh v4.14.7 starts with the second file (test/fixtures/oracle/startup-cases.json).
  const rules = join(projectRoot, 'test/fixtures/rules/empty-value');
  const off = lintJson([join(rules, 'invalid-mail-off.xml')]);
  assert.equal(off.status, 0);
  const found = off.messages.filter((m) => m.ruleId === 'empty-value');
  assert.deepEqual(found.map((m) => `${m.line}:${m.severityName}`), ['7:warning']);
  assert.match(found[0].message, /once e-mail notification is on \(it is off\)/);
});

test('no <email_from>: a warning naming the sender maild sends ((null), or <> for an empty tag), not an error: the mail still goes out', () => {
  const file = (from: string) => `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>${from}
    <email_to>soc@example.com</email_to>
  </global>
</ossec_config>
`;
  for (const [from, sender] of [['', '<(null)>'], ['\n    <email_from></email_from>', '<>']] as const) {
    const r = lintJson([tempFile('ossec.conf', file(from))]);
    assert.equal(r.status, 0, 'a warning does not fail the run');
    const found = r.messages.filter((m) => m.ruleId === 'email-notification-incomplete');
    assert.deepEqual(found.map((m) => `${m.messageId}/${m.severityName}`), ['noFrom/warning']);
    assert.ok(found[0]!.message.includes(`sends its mail from '${sender}'`), found[0]!.message);
  }
});
