import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { buildConfigView } from '../../src/document/views.ts';
import { loadAnalysisdConfig, type AnalysisdConfig } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { corpusDir, corpusSkip, specDir, specSkip } from '../helpers/paths.ts';

interface AcceptanceCase {
  name: string;
  config: string;
  accepted: boolean;
  wazuh_says: string[];
}

function load(text: string, target = '4.14'): AnalysisdConfig {
  const doc = ConfigDocument.fromText('FILE', text);
  return loadAnalysisdConfig(doc, buildConfigView(doc), parseTargetVersion(target), { fileName: 'FILE' });
}

/** The log as the verified data records it: one entry per line that starts with a level. */
function logLines(config: AnalysisdConfig): string[] {
  return config.messages
    .flatMap((m) => `${m.level}: ${m.text}`.split('\n'))
    .filter((line) => /^(ERROR|WARNING|INFO): /.test(line));
}

test('analysisd acceptance and log agree with every verified case (verified/acceptance.json)', { skip: specSkip }, () => {
  const verified = JSON.parse(readFileSync(join(specDir, 'verified/acceptance.json'), 'utf8')) as { cases: AcceptanceCase[] };
  assert.ok(verified.cases.length > 0);
  const wrong: string[] = [];
  for (const c of verified.cases) {
    const loaded = load(c.config);
    const says = logLines(loaded);
    if (loaded.accepted !== c.accepted || JSON.stringify(says) !== JSON.stringify(c.wazuh_says)) {
      wrong.push(`${c.name}: expected ${c.accepted} ${JSON.stringify(c.wazuh_says)}, got ${loaded.accepted} ${JSON.stringify(says)}`);
    }
  }
  assert.deepEqual(wrong, []);
});

const base = (body: string, global = '') => `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <email_notification>no</email_notification>
    ${global}
  </global>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <command>
    <name>host-deny</name>
    <executable>host-deny</executable>
  </command>
${body}
</ossec_config>
`;

test('the loaded model: names, timeouts, statuses, location flags, rule ids', () => {
  const loaded = load(
    base(`
  <active-response><command>firewall-drop</command><location>local,server</location><rules_id>5710, 5712</rules_id><timeout>600</timeout></active-response>
  <active-response><command>host-deny</command><location>all</location><level>10</level><timeout>60</timeout></active-response>
  <active-response><command>firewall-drop</command><location>defined-agent</location><agent_id>000</agent_id></active-response>
  <active-response><repeated_offenders>30,60</repeated_offenders></active-response>
  <active-response><disabled>yes</disabled><command>nope</command><location>nowhere</location></active-response>
  <active-response><command>firewall-drop</command><location>defined-agent</location><agent_id>7</agent_id></active-response>`),
  );
  assert.equal(loaded.accepted, true);
  assert.deepEqual(loaded.responses.map((r) => r.status), ['active', 'active', 'dropped', 'skipped', 'disabled', 'active']);
  const [first, second, , , , sixth] = loaded.responses;
  assert.equal(first!.name, 'firewall-drop600');
  assert.deepEqual(first!.location, { server: true, local: true, definedAgent: false, all: false });
  assert.deepEqual(first!.rulesId, [5710, 5712]);
  assert.equal(second!.name, 'host-deny0', '1305 forces the timeout to 0');
  assert.equal(second!.configuredTimeout, 60);
  assert.equal(second!.messages[0]?.code, 1305);
  assert.equal(sixth!.agentId, 7);
  assert.equal(sixth!.agentTarget, '007');
  assert.deepEqual(loaded.arQueues, { remote: true, local: false }, 'the disabled block wiped the earlier bits (2a)');
  assert.deepEqual(loaded.messages.map((m) => m.code), [1305, 1306]);
  assert.equal(loaded.activeResponses.length, 3);
  assert.deepEqual(loaded.arConf.slice(6), ['firewall-drop600 - firewall-drop - 600', 'host-deny0 - host-deny - 0', 'firewall-drop0 - firewall-drop - 0']);
  assert.equal(loaded.arConf[4], 'restart-wazuh0 - restart-wazuh - 0');
});

test('start-up report of the white list (only when AR is enabled)', () => {
  const loaded = load(
    base('<active-response><command>firewall-drop</command><location>local</location><level>10</level></active-response>', `
    <white_list>127.0.0.1</white_list><white_list>!10.0.0.0/8</white_list><white_list>^localhost.localdomain$</white_list><white_list>A|b$</white_list>`),
  );
  assert.deepEqual(loaded.startupMessages, [
    "White listing IP: '127.0.0.1'",
    "White listing IP: '10.0.0.0/8'",
    '2 IPs in the white list for active response.',
    "White listing Hostname: 'localhost.localdomain'",
    "White listing Hostname: 'a'",
    "White listing Hostname: 'b'",
    '3 Hostname(s) in the white list for active response.',
  ]);
  assert.deepEqual(load(base('')).startupMessages, [], 'no response, no AR, no report');
});

test('every fatal problem is offered, Wazuh logs only the first', () => {
  const loaded = load(
    base(
      `
  <active-response><command>firewall-drop</command><location>nowhere</location></active-response>
  <active-response><command>missing</command><location>local</location></active-response>
  <active-response><command>firewall-drop</command><location>local</location><level>21</level></active-response>`,
      '<white_list>10.0.0.300</white_list>',
    ),
  );
  assert.equal(loaded.accepted, false);
  assert.equal(loaded.firstFatal?.code, 1302, 'AR_ReadConfig runs before GlobalConf');
  assert.deepEqual(loaded.problems.map((m) => m.code), [1302, 1303, 1235, 1237]);
  assert.deepEqual(loaded.messages.map((m) => m.code), [1302, 1202]);
  assert.deepEqual(loaded.responses.map((r) => r.status), ['refused', 'refused', 'refused']);
  assert.equal(loaded.problems[0]!.element?.name, 'location', 'the message points at the element concerned');
  assert.deepEqual(loaded.problems[0]!.range, loaded.problems[0]!.element?.range);
});

test('structure: roots, empty and unknown sections, XML errors', () => {
  assert.equal(load('<agent_config><localfile><location>x</location></localfile></agent_config>').firstFatal?.text, "(1230): Invalid element in the configuration: 'agent_config'.");
  assert.equal(load('<ossec_config><command/></ossec_config>').firstFatal?.text, "(1230): Invalid element in the configuration: 'command'.");
  assert.equal(load('<ossec_config><syscheck/></ossec_config>').accepted, true, 'syscheck may be empty');
  assert.equal(load('<ossec_config><bogus><a>1</a></bogus></ossec_config>').firstFatal?.code, 1230);
  const broken = load('<ossec_config><global></ossec_config>');
  assert.equal(broken.firstFatal?.code, 1226);
  assert.match(broken.messages[0]!.text, /^\(1226\): Error reading XML file 'FILE': XMLERR: /);
  assert.equal(load('').accepted, true);
});

test('legacy targets: expect is parsed, agent 0 accepted, empty command not treated as missing', () => {
  const loaded = load(
    `<ossec_config>
  <command><name>fw</name><executable>firewall-drop.sh</executable><expect>srcip,user</expect><timeout_allowed>yes</timeout_allowed></command>
  <command><name>r</name><executable>restart.sh</executable><expect>ip</expect></command>
  <active-response><command>fw</command><location>defined-agent</location><agent_id>0</agent_id></active-response>
</ossec_config>`,
    '3.13',
  );
  assert.deepEqual(loaded.commands[0]!.expect, { user: true, srcip: true, filename: false });
  assert.deepEqual(loaded.commands[1]!.expect, { user: false, srcip: false, filename: false });
  assert.deepEqual(loaded.responses.map((r) => r.status), ['active']);
  assert.equal(load(base('<active-response><command></command><location>local</location></active-response>'), '3.13').firstFatal?.code, 1303);
  assert.equal(load(base('<active-response><command></command><location>local</location></active-response>')).firstFatal?.code, 1281);
  const timeoutOnOssec = load(base('<active-response><command>host-deny</command><location>local</location><level>5</level><timeout>60</timeout></active-response>'), '2.8');
  assert.equal(timeoutOnOssec.firstFatal?.text, "(1305): Timeout not allowed for command: 'host-deny'.", 'OSSEC 2.x refused what Wazuh only logs');
});

test('email_alerts, alerts levels and global e-mail options', () => {
  const loaded = load(`<ossec_config>
  <global><email_notification>yes</email_notification><email_to>a@b.c</email_to><email_log_source>alerts.log</email_log_source></global>
  <alerts><email_alert_level>10</email_alert_level><log_alert_level>3</log_alert_level></alerts>
  <email_alerts><email_to>x@y.z</email_to><group>sshd|web</group><rule_id>5710,5712</rule_id></email_alerts>
  <email_alerts><email_to>x@y.z</email_to></email_alerts>
  <email_alerts><format>pager</format></email_alerts>
  <email_alerts><level>12</level></email_alerts>
</ossec_config>`);
  assert.equal(loaded.accepted, true, 'maild problems do not stop analysisd');
  assert.deepEqual(loaded.alerts, { emailAlertLevel: 10, logAlertLevel: 3 });
  assert.equal(loaded.global.emailNotification, true);
  assert.equal(loaded.global.emailLogSource, 'alerts.log');
  assert.deepEqual(loaded.emailAlerts.map((e) => e.valid), [true, false, false, true], 'a global <email_to> read before the block stands for its own');
  assert.deepEqual(loaded.emailAlerts[0]!.ruleIds, [5710, 5712]);
  assert.deepEqual(loaded.maild.problems.map((m) => m.code), [1264, 1235]);
  assert.deepEqual(loaded.maildMessages.map((m) => m.code), [1264, 1202], 'maild prints its first refusal and stops');
  assert.equal(loaded.maild.verdict, 'rejected');
  assert.equal(load('<ossec_config><alerts><log_alert_level>3</log_alert_level></alerts></ossec_config>').alerts.emailAlertLevel, 7);
});

test('real manager configs from the corpus load; agent configs would not pass analysisd', { skip: corpusSkip }, () => {
  const read = (name: string) => {
    const doc = new ConfigDocument(name, readFileSync(join(corpusDir, 'conf', name)));
    return loadAnalysisdConfig(doc, buildConfigView(doc), parseTargetVersion('4.14'));
  };
  for (const name of [
    'wazuh__v4.14.7__etc_ossec-server.conf',
    'wazuh__v4.7.5__etc_ossec-server.conf',
    'wazuh-docker__v4.14.6__single-node__wazuh_manager.conf',
    'wazuh-qa__manager_agent__manager-role__ossec.conf',
  ]) {
    const loaded = read(name);
    assert.deepEqual(loaded.problems.map((m) => m.text), [], name);
    assert.ok(loaded.global.whiteList.length > 0 || name.includes('qa'), name);
  }
  assert.equal(read('wazuh__v4.14.7__etc_ossec-agent.conf').firstFatal?.code, 1281);
  assert.equal(read('wazuh__v4.14.7__src_win32_ossec.conf').firstFatal?.text, "(1230): Invalid element in the configuration: 'ca_verification'.");
});
