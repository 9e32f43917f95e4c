/**
 * `arctl validate` as an offline `wazuh-analysisd -t` plus maild's start-up check, through the real CLI
 * on every configuration of verified/acceptance-full.json and verified/maild.json (one run over a
 * directory of files), and on hand-written files for the order, the daemons and non-configurations.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl, type JsonReportFile, type JsonReportMessage } from '../helpers/cli.ts';
import { tempFile, tempFiles } from '../helpers/temp.ts';
import { specDir, specSkip } from '../helpers/paths.ts';
import { printable } from '../../src/util/printable.ts';

function verified<T>(name: string): T[] | undefined {
  const path = join(specDir, 'verified', name);
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as { cases: T[] }).cases : undefined;
}

/** `arctl validate --format json` over one file per case; the messages by case index. */
function validateAll(configs: string[], extra: string[] = []): Map<number, JsonReportMessage[]> {
  const files = Object.fromEntries(configs.map((c, i) => [`${String(i).padStart(3, '0')}.ossec.conf`, c]));
  const dir = tempFiles(files);
  const r = runArctl(['validate', '--format', 'json', ...extra, dir]);
  assert.ok(r.status === 0 || r.status === 1, r.stderr);
  const out = new Map<number, JsonReportMessage[]>();
  for (const f of JSON.parse(r.stdout) as JsonReportFile[]) out.set(Number(/(\d{3})\.ossec\.conf$/.exec(f.filePath)![1]), f.messages);
  return out;
}

/** The first error Wazuh logs (whole, a value's newlines included), as arctl's messages print it. */
function firstError(log: string[]): string | undefined {
  const line = log.find((l) => l.startsWith('ERROR: '))?.slice('ERROR: '.length);
  return line === undefined ? undefined : printable(line);
}

interface AnalysisdCase {
  name: string;
  config: string;
  accepted: boolean;
  crash: boolean;
  log: string[];
}

const full = verified<AnalysisdCase>('acceptance-full.json');

test('validate agrees with wazuh-analysisd on every case of acceptance-full.json: verdict, first refusal first, its text', { skip: specSkip || (!full && 'verified/acceptance-full.json is missing') }, () => {
  const cases = full!;
  const results = validateAll(cases.map((c) => c.config));
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const messages = results.get(i) ?? [];
    const errors = messages.filter((m) => m.severity === 2);
    const first = errors[0];
    if (c.accepted) {
      // analysisd starts; maild and remoted (which reads <remote>, where analysisd reads only the name) may still refuse, and say so
      // by name; so may logcollector, modulesd, csyslogd, monitord, wazuh-db, agentlessd and clusterd, which read <localfile>,
      // <wodle>, <sca>, <syslog_output>, <reports>, <wdb> (af-0044: a first child other than <backup>), <agentless> (af-0124:
      // options it does not know) and (with their own checks) <cluster>.
      const others = errors.filter((m) => !/^wazuh-(maild|remoted) (stops|never starts): |: wazuh-(logcollector|modulesd|csyslogd|monitord|db|agentlessd) stops with |: wazuh-clusterd -t exits 1 with /.test(m.message));
      if (others.length > 0) wrong.push(`${c.name}: accepted by analysisd, arctl: ${others.map((m) => m.message).join(' | ')}`);
      return;
    }
    if (!first) {
      wrong.push(`${c.name}: refused by analysisd, arctl reports nothing`);
      return;
    }
    if (c.crash) {
      if (!/^wazuh-analysisd (crashes|and wazuh-maild crash) \(SIGSEGV\): /.test(first.message)) wrong.push(`${c.name}: crash expected first, got ${first.message}`);
      return;
    }
    const text = firstError(c.log)!;
    const want = [`wazuh-analysisd stops: ${text}`, `wazuh-analysisd and wazuh-maild stop: ${text}`];
    if (text.startsWith('(1226)')) {
      if (first.ruleId !== 'parse-error') wrong.push(`${c.name}: XML error expected, got ${first.ruleId}`);
    } else if (!want.some((w) => first.message === w || first.message.startsWith(`${w} `))) {
      // Wazuh's text, then at most arctl's hint after it.
      wrong.push(`${c.name}: first finding ${JSON.stringify(first.message)}, Wazuh: ${JSON.stringify(text)}`);
    }
  });
  assert.deepEqual(wrong, []);
});

interface MaildCase {
  name: string;
  config: string;
  verdict: 'ACCEPTED' | 'REJECTED' | 'DISABLED';
  log: string[];
  analysisd_accepted: boolean;
}

const maild = verified<MaildCase>('maild.json');

test('validate names wazuh-maild when it refuses, on every case of maild.json', { skip: specSkip || (!maild && 'verified/maild.json is missing') }, () => {
  const cases = maild!;
  const results = validateAll(cases.map((c) => c.config));
  const wrong: string[] = [];
  cases.forEach((c, i) => {
    const errors = (results.get(i) ?? []).filter((m) => m.severity === 2);
    const maildFindings = errors.filter((m) => /^wazuh-maild stops: |and wazuh-maild stop: /.test(m.message));
    const text = firstError(c.log);
    if (c.verdict !== 'REJECTED') {
      if (maildFindings.length > 0) wrong.push(`${c.name}: maild ${c.verdict}, arctl: ${maildFindings[0]!.message}`);
    } else if (text?.startsWith('(1226)')) {
      if (errors[0]?.ruleId !== 'parse-error') wrong.push(`${c.name}: XML error expected`);
    } else if (!maildFindings.some((m) => m.message.endsWith(`: ${text}`) || m.message.includes(`: ${text} `))) {
      wrong.push(`${c.name}: maild stops with ${JSON.stringify(text)}, arctl: ${errors.map((m) => m.message).join(' | ')}`);
    }
    if (c.analysisd_accepted !== !errors.some((m) => m.message.startsWith('wazuh-analysisd') || m.ruleId === 'parse-error')) {
      wrong.push(`${c.name}: analysisd accepted=${c.analysisd_accepted}, arctl: ${errors.map((m) => m.message).join(' | ')}`);
    }
  });
  assert.deepEqual(wrong, []);
});

test("every refusal in Wazuh's order: AR_ReadConfig, then GlobalConf, then maild; each daemon named", () => {
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <global>
    <jsonout_output>yes</jsonout_output>
    <email_notification>yes</email_notification>
    <email_maxperhour>0</email_maxperhour>
    <rotate_interval>10</rotate_interval>
    <geoip_db_path>/etc/GeoIP.dat</geoip_db_path>
  </global>
  <logging/>
  <active_response><command>x</command></active_response>
  <command>
    <name>fw</name>
    <executable>firewall-drop</executable>
  </command>
  <active-response>
    <command>nope</command>
    <location>local</location>
  </active-response>
  <socket><location>/var/run/x</location></socket>
  <labels><label>no key</label></labels>
</ossec_config>
`,
  );
  const r = runArctl(['validate', '--format', 'json', file]);
  assert.equal(r.status, 1);
  const messages = (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages;
  assert.deepEqual(
    messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    [
      "10:3 unknown-element wazuh-analysisd and wazuh-maild stop: (1230): Invalid element in the configuration: 'active_response'. Did you mean <active-response>?",
      "16:14 unknown-command wazuh-analysisd stops: (1303): Invalid command 'nope' in the active response.",
      "7:5 unknown-element wazuh-analysisd and wazuh-maild stop: (1230): Invalid element in the configuration: 'geoip_db_path'.",
      "19:3 invalid-value wazuh-analysisd stops: (1954): Missing field 'name' for socket.",
      "20:11 invalid-value wazuh-analysisd stops: Expected 'key' attribute for label.",
      '6:5 invalid-value wazuh-analysisd stops: Rotate interval setting must be between 600 seconds and one day.',
      "5:23 email-maxperhour-range wazuh-maild stops: (1235): Invalid value for element 'email_maxperhour': 0.",
    ],
    '<logging/> is accepted; the AR pass comes first, GlobalConf next, maild last',
  );
  const lint = runArctl(['lint', '--format', 'json', file]);
  const linted = (JSON.parse(lint.stdout) as JsonReportFile[])[0]!.messages;
  // lint has each refusal at the same place, with the same rule id and severity (in validate's words, or
  // in the words of the rule that already reports that cause).
  for (const m of messages) {
    assert.ok(
      linted.some((l) => l.line === m.line && l.column === m.column && l.ruleId === m.ruleId && l.severity === m.severity),
      `lint reports ${m.line}:${m.column} ${m.ruleId} ${m.message}`,
    );
  }
});

test("wazuh-remoted's refusals of <remote> come after analysisd's and maild's, in its words", () => {
  const manager = `<ossec_config>
  <remote>
    <connection>secure</connection>
    <Port>1514</Port>
    <protocoll>tcp</protocoll>
    <queue_size>-1</queue_size>
  </remote>
  <global>
    <email_notification>no</email_notification>
    <logal>yes</logal>
  </global>
  <remote>
    <connection>syslog</connection>
    <allowed-ips>10.0.0.0/33</allowed-ips>
    <agents/>
  </remote>
  <remote>
    <port>0</port>
  </remote>
</ossec_config>
`;
  const r = runArctl(['validate', '--format', 'json', tempFile('ossec.conf', manager)]);
  assert.equal(r.status, 1, r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    [
      "10:5 unknown-element wazuh-analysisd and wazuh-maild stop: (1230): Invalid element in the configuration: 'logal'. Did you mean <logall>?",
      "5:5 unknown-element wazuh-remoted stops: (1230): Invalid element in the configuration: 'protocoll'. Did you mean <protocol>?",
      "6:17 invalid-value wazuh-remoted stops: Invalid value for option '<queue_size>'",
      "14:18 invalid-value wazuh-remoted stops: (1237): Invalid ip address: '10.0.0.0/33'.",
      '15:5 invalid-value wazuh-remoted never starts: an <agents> without child elements makes Read_Remote read it again and again (src/config/remote-config.c:262-266: the continue skips i++)',
      "18:11 invalid-value wazuh-remoted stops: (1205): Invalid port number: '0'.",
    ],
  );
  // Before 4.2 Read_Remote was another reader (3.7 to 4.1): <agents> is (1230), the addresses are not judged (another OS_IsValidIP); before 3.7 not modelled.
  const file = tempFile('ossec.conf', manager.replace('<logal>yes</logal>', ''));
  const old = runArctl(['validate', '--format', 'json', '--target-version', '4.1', file]);
  assert.deepEqual(
    (JSON.parse(old.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`),
    [
      "5:5 unknown-element ossec-remoted stops: (1230): Invalid element in the configuration: 'protocoll'. Did you mean <protocol>?",
      "6:17 invalid-value ossec-remoted stops: Invalid value for option '<queue_size>'",
      "15:5 unknown-element ossec-remoted stops: (1230): Invalid element in the configuration: 'agents'. ossec-remoted reads <agents> from Wazuh 4.6.",
      "18:11 invalid-value ossec-remoted stops: (1205): Invalid port number: '0'.",
    ],
  );
  assert.equal(runArctl(['validate', '--format', 'json', '--target-version', '3.6', file]).status, 0);
});

test("a manager's file without <remote>: remoted exits, wazuh-control start (ossec-control before 4.2) stops (3.12 on); a local installation's file is left alone", () => {
  const manager = `<ossec_config>
  <auth>
    <disabled>no</disabled>
  </auth>
  <ruleset>
    <rule_dir>ruleset/rules</rule_dir>
  </ruleset>
</ossec_config>
`;
  const file = tempFile('ossec.conf', manager);
  const findings = (command: string, version: string) => {
    const r = runArctl([command, '--format', 'json', '--target-version', version, file]);
    return (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.severityName} ${m.ruleId} ${m.message}`);
  };
  const hint = "This is a manager's file (<auth> on line 2, which only a manager's installation writes)";
  assert.deepEqual(findings('validate', '4.14'), [
    `1:1 error remote-not-configured wazuh-remoted stops: Remoted connection is not configured. ${hint}: wazuh-control start stops with it, and without a <remote> block no agent could connect. Add <remote> with <connection>secure</connection>.`,
  ]);
  assert.deepEqual(findings('validate', '4.6'), [
    `1:1 error remote-not-configured wazuh-remoted stops: Remoted connection is not configured... Exiting. ${hint}: wazuh-control start, which waits for it, stops with 'wazuh-remoted did not start correctly.', and without a <remote> block no agent could connect. Add <remote> with <connection>secure</connection>.`,
  ]);
  // Before 4.2 the control script was bin/ossec-control, as the daemons were ossec-* (src/init/inst-functions.sh at v4.1.5).
  assert.deepEqual(findings('validate', '4.1'), [
    `1:1 error remote-not-configured ossec-remoted stops: Remoted connection is not configured... Exiting. ${hint}: ossec-control start, which waits for it, stops with 'ossec-remoted did not start correctly.', and without a <remote> block no agent could connect. Add <remote> with <connection>secure</connection>.`,
  ]);
  // Before 3.12 ossec-control starts the rest: the manager runs, no agent connects (lint's warning; validate: it starts).
  assert.deepEqual(findings('validate', '3.11'), []);
  assert.deepEqual(findings('lint', '3.11'), [
    "1:1 warning remote-not-configured This manager's file has no <remote> (it has <auth> on line 2, which only a manager's installation writes): ossec-remoted finds no connection to open and exits at start, and the manager runs without it: no agent connects, so no event comes from an agent and no response is sent to one. Add a <remote> block with <connection>secure</connection>.",
  ]);
  // A local installation's file (no <auth>, no <cluster>) and a fragment (no <ruleset>): nothing.
  for (const other of [manager.replace(/ {2}<auth>[\s\S]*<\/auth>\n/, ''), manager.replace(/ {2}<ruleset>[\s\S]*<\/ruleset>\n/, '')]) {
    const r = runArctl(['validate', '--format', 'json', tempFile('ossec.conf', other)]);
    assert.equal(r.status, 0, r.stdout);
  }
});

test("agentlessd's <agentless> (3.9 on) and wazuh-db's <wdb> (4.4 on) after csyslogd, and modulesd's cloud modules, in testconfig's order", () => {
  // In the file: the module, <wdb>, <syslog_output>, <agentless>; testconfig tests csyslogd, agentlessd, wazuh-db, ..., modulesd.
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <remote><connection>secure</connection></remote>
  <wodle name="azure-logs">
    <disabled>no</disabled>
    <graph/>
  </wodle>
  <wdb>
    <backup database="global"><max_files>none</max_files></backup>
  </wdb>
  <syslog_output><server>10.0.0.20</server><port>udp/514</port></syslog_output>
  <agentless><type>ssh_integrity_check_linux</type><host>admin@10.0.0.9</host><state>periodical</state></agentless>
</ossec_config>
`,
  );
  const findings = (...extra: string[]) => {
    const r = runArctl(['validate', '--format', 'json', ...extra, file]);
    assert.equal(r.stderr, '');
    return (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  };
  const csyslogd = "10:50 invalid-value <syslog_output><port> is refused: wazuh-csyslogd stops with (1235): Invalid value for element 'port': udp/514, and wazuh-control start with it.";
  const wazuhDb = '8:42 invalid-value <backup><max_files> is refused: wazuh-db stops with (1235): Invalid value for element \'max_files\': none ("Invalid configuration block for Wazuh-DB."), and wazuh-control start with it.';
  const modulesd = "5:5 invalid-value <wodle><graph> is refused: wazuh-modulesd stops with \"(1230): Invalid element in the configuration: 'graph'\".";
  const agentlessd = "11:86 invalid-value <agentless><state> is refused: wazuh-agentlessd stops with (1235): Invalid value for element 'state': periodical, and wazuh-control start with it.";
  assert.deepEqual(findings(), [csyslogd, agentlessd, wazuhDb, modulesd]);
  // Before 3.9 ossec-control tested agentlessd only once enabled (\${AGENTLESS_DAEMON}, src/init/ossec-server.sh at v3.8.2).
  assert.ok(findings('--target-version', '3.9').some((f) => f.includes('ossec-agentlessd stops')));
  assert.ok(!findings('--target-version', '3.8').some((f) => f.includes('agentlessd')));
  // 4.3: no <wdb> section yet (analysisd refuses it first, as any section it does not know); azure-logs read as 4.14 reads it.
  const old = findings('--target-version', '4.3');
  assert.ok(old[0]!.includes('option-not-in-version <wdb> is not known to Wazuh 4.3'), old[0]);
  assert.ok(!old.some((f) => f.includes('wazuh-db stops')), old.join('\n'));
  assert.ok(old.includes(modulesd), old.join('\n'));
});

test("a manager's other daemons: what stops csyslogd, syscheckd (before 3.13), logcollector, monitord and modulesd, in wazuh-control's testconfig order after the start-up model; rule ids, disable comments and --rule kept", () => {
  // The module's refusal comes first in the file, the start-up model's last: validate lists by daemon, not by line.
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <remote><connection>secure</connection></remote>
  <wodle name="syscollector">
    <scan_on_start>maybe</scan_on_start>
    <synchronize>yes</synchronize>
  </wodle>
  <localfile>
    <log_format>docker</log_format>
    <location>/var/lib/docker/containers/*/*-json.log</location>
  </localfile>
  <syscheck>
    <frequency>12h</frequency>
  </syscheck>
  <global>
    <email_notification>no</email_notification>
    <jsonout_output>maybe</jsonout_output>
  </global>
  <reports><title>Daily</title><emailto>soc@example.com</emailto></reports>
  <syslog_output><server>10.0.0.20</server><port>udp/514</port></syslog_output>
</ossec_config>
`,
  );
  const findings = (command: string, ...extra: string[]) => {
    const r = runArctl([command, '--format', 'json', ...extra, file]);
    assert.equal(r.stderr, '');
    return (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.severityName} ${m.ruleId} ${m.message}`);
  };
  const analysisd = "16:21 error invalid-boolean wazuh-analysisd and wazuh-maild stop: (1235): Invalid value for element 'jsonout_output': maybe.";
  const logcollector = "8:17 error invalid-value <localfile><log_format> is refused: wazuh-logcollector stops with (1235): Invalid value for element 'log_format': docker.";
  const csyslogd = "19:50 error invalid-value <syslog_output><port> is refused: wazuh-csyslogd stops with (1235): Invalid value for element 'port': udp/514, and wazuh-control start with it.";
  const monitord = "18:32 error unknown-element <reports> has no option '<emailto>': wazuh-monitord stops with (1230): Invalid element in the configuration: 'emailto', and wazuh-control start with it.";
  const modulesd = [
    "4:20 error invalid-boolean <wodle><scan_on_start> must be 'yes' or 'no', not 'maybe': wazuh-modulesd stops with \"Invalid content for tag 'scan_on_start' at module 'syscollector'\".",
    "5:5 error unknown-element <wodle> has no option '<synchronize>': wazuh-modulesd stops with \"No such tag 'synchronize' at module 'syscollector'\".",
  ];
  // From 3.13 syscheckd runs without file integrity monitoring: lint's warning, not validate's.
  assert.deepEqual(findings('validate'), [analysisd, csyslogd, logcollector, monitord, ...modulesd]);
  assert.ok(findings('lint').some((f) => f.startsWith('12:16 warning invalid-value <syscheck><frequency> is refused: wazuh-syscheckd logs')));
  // Before 3.13 it exits, and ossec-control start with it (testconfig, src/init/ossec-server.sh): after csyslogd.
  const old = findings('validate', '--target-version', '3.12');
  assert.deepEqual(old.slice(1).map((f) => f.split(' ').slice(0, 3).join(' ')), [
    '19:50 error invalid-value', '12:16 error invalid-value', '8:17 error invalid-value', '18:32 error unknown-element', '4:20 error invalid-boolean', '5:5 error unknown-element',
  ]);
  assert.match(old[1]!, /ossec-csyslogd stops with .*ossec-control start with it/);
  assert.match(old[2]!, /ossec-syscheckd stops with \(1235\): Invalid value for element 'frequency': 12h .*ossec-control start stops there/);
  assert.match(old[3]!, /ossec-logcollector stops with/);
  // Before 3.9 ossec-control tested csyslogd only once enabled (\${CSYSLOG_DAEMON}, src/init/ossec-server.sh at v3.8.2): not reported.
  assert.ok(!findings('validate', '--target-version', '3.8').some((f) => f.includes('csyslogd')));
  // Each keeps its rule id: --rule turns it off, a disable comment silences it.
  assert.deepEqual(findings('validate', '--rule', 'unknown-element=off'), [analysisd, csyslogd, logcollector, modulesd[0]]);
  const silenced = tempFile('ossec.conf', readFileSync(file, 'utf8').replace('    <log_format>docker', '    <!-- arctl-disable-next-line invalid-value -->\n    <log_format>docker'));
  const r = runArctl(['validate', '--format', 'json', silenced]);
  assert.ok(!(JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.some((m) => m.message.includes('wazuh-logcollector')), r.stdout);
  // lint reports each at the same place, with the same rule id and severity.
  const linted = findings('lint');
  for (const f of [csyslogd, logcollector, monitord, ...modulesd]) assert.ok(linted.includes(f), f);
});

test("wazuh-clusterd -t's checks of the last <cluster>, last in testconfig's order, from 4.9 (the same Python code to 4.14)", () => {
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <remote><connection>secure</connection></remote>
  <cluster>
    <key>to_be_replaced_by_cluster_key</key>
    <disabled>no</disabled>
  </cluster>
  <wodle name="syscollector"><synchronize>yes</synchronize></wodle>
</ossec_config>
`,
  );
  const findings = (version: string) => {
    const r = runArctl(['validate', '--format', 'json', '--target-version', version, file]);
    return (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line}:${m.column} ${m.ruleId} ${m.message}`);
  };
  // No <nodes>: the default ['NODE_IP'] is refused, said at the <cluster> (a daemon's findings go by line).
  assert.deepEqual(findings('4.14'), [
    "7:30 unknown-element <wodle> has no option '<synchronize>': wazuh-modulesd stops with \"No such tag 'synchronize' at module 'syscollector'\".",
    '3:3 invalid-value <ossec_config><cluster> is refused: wazuh-clusterd -t exits 1 with "Error 3004 - Error in cluster configuration: Invalid elements in node fields: NODE_IP", and wazuh-control start stops there.',
    // wazuh-kubernetes' template key: refused as written, and said to be a placeholder.
    "4:10 invalid-value <cluster><key> is refused: wazuh-clusterd -t exits 1 with \"Error 3004 - Error in cluster configuration: Key must be 32 characters long and only have alphanumeric characters\", and wazuh-control start stops there. 'to_be_replaced_by_cluster_key' reads as a placeholder: a deployment that puts a key of 32 letters and digits in its place before Wazuh starts is fine; the file as written is not.",
  ]);
  assert.deepEqual(findings('4.8').map((f) => f.split(' ')[0]), ['7:30']);
});

test("a rule's hint after Wazuh's text names the daemon as the target does (no placeholder left)", () => {
  const file = tempFile('ossec.conf', '<ossec_config>\n  <global>\n    <email_notification>yes</email_notification>\n    <smtp_server>localhost</smtp_server>\n    <email_to>a@example.com</email_to>\n  </global>\n</ossec_config>\n');
  for (const [version, maild] of [['4.14', 'wazuh-maild'], ['4.1', 'ossec-maild']] as const) {
    const r = runArctl(['validate', '--format', 'json', '--target-version', version, file]);
    const message = (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.find((m) => m.ruleId === 'email-notification-incomplete')?.message ?? '';
    assert.match(message, new RegExp(`^${maild} stops: Alerts\\.json is disabled \\(no <global> sets <jsonout_output>, and ${maild} takes that as no`), version);
  }
});

test('a file that is not a Wazuh configuration says so: an error when Wazuh refuses it, a warning when Wazuh reads nothing from it', () => {
  const dir = tempFiles({
    'package.json': '{\n  "name": "x",\n  "version": "1.0.0"\n}\n',
    'passwd': 'root:x:0:0:root:/root:/bin/bash\n',
    'alerts.json': '{"rule":{"level":5,"id":"5712"},"full_log":"<b>x"}\n',
    'values.yaml': 'wazuh:\n  manager: true\n',
    'empty.conf': '',
    'comments.conf': '<!-- <ossec_config> moved to 50-ar.conf -->\n',
  });
  // Wazuh's XML reader refuses the unclosed '<b>' of the alert: the daemons stop.
  const refused = runArctl(['validate', '--format', 'json', join(dir, 'alerts.json')]);
  assert.equal(refused.status, 1, refused.stderr);
  const refusal = (JSON.parse(refused.stdout) as JsonReportFile[])[0]!.messages;
  assert.deepEqual(refusal.map((m) => [m.severity, m.messageId]), [[2, 'no-config-root']]);
  assert.match(refusal[0]!.message, /^Not a Wazuh configuration: no <ossec_config> root \(it looks like JSON\)/);
  // No element at all: ReadConfig (src/config/config.c) returns 0 without a node, and Wazuh starts with none of these settings.
  for (const [name, looksLike] of [['package.json', ' \\(it looks like JSON\\)'], ['passwd', ''], ['values.yaml', ' \\(it looks like YAML or a key: value file\\)'], ['empty.conf', ' \\(the file is empty\\)'], ['comments.conf', ' \\(it holds only comments\\)']]) {
    const r = runArctl(['validate', '--format', 'json', join(dir, name!)]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    const messages = (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages;
    assert.deepEqual(messages.map((m) => [m.severity, m.messageId]), [[1, 'no-config-elements']], name);
    assert.match(messages[0]!.message, new RegExp(`^Not a Wazuh configuration: no <ossec_config> root${looksLike}; Wazuh starts with this file but reads nothing from it`), name);
  }
  const stylish = runArctl(['validate', join(dir, 'package.json')]);
  // stylish wraps long messages at the output width (the rule id may sit inside): match with breaks folded.
  assert.match(stylish.stdout.replace(/outside-ossec-config/g, ' ').replace(/\s+/g, ' '), /it looks like JSON\); Wazuh starts with this file/);
});

test('an option the target version does not know is a refusal (1230), not a warning', () => {
  // A manager's file: its <remote> (no manager starts without one) keeps the 5.x <agent> from making it an agent's.
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <global><logall>no</logall></global> <remote><connection>secure</connection></remote>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
    <extra_args>-v</extra_args>
  </command>
  <vulnerability-detection><enabled>yes</enabled></vulnerability-detection>
  <agent><enabled>yes</enabled></agent>
</ossec_config>
`,
  );
  const at = (target: string) => {
    const r = runArctl(['validate', '--format', 'json', '--target-version', target, file]);
    return { status: r.status, messages: (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages };
  };
  const old = at('2.8');
  assert.equal(old.status, 1);
  assert.ok(old.messages.some((m) => m.severity === 2 && m.line === 6 && /extra_args/.test(m.message) && /\(1230\)/.test(m.message)));
  // Before 4.2 the daemons log as ossec-* (ARGV0 of v4.1.5 src/analysisd/analysisd.h), as a 3.x ossec.log shows them.
  assert.ok(old.messages.some((m) => /^ossec-analysisd and ossec-maild stop: /.test(m.message)), JSON.stringify(old.messages.map((m) => m.message)));
  assert.ok(!old.messages.some((m) => /wazuh-(analysisd|maild)/.test(m.message)));
  const v47 = at('4.7');
  assert.ok(v47.messages.some((m) => m.severity === 2 && m.line === 8 && /vulnerability-detection/.test(m.message) && /\(1230\)/.test(m.message)));
  assert.ok(v47.messages.some((m) => /^wazuh-analysisd and wazuh-maild stop: /.test(m.message)));
  const current = at('4.14');
  assert.deepEqual(
    current.messages.map((m) => `${m.line} ${m.severity} ${m.message}`),
    ["9 2 wazuh-analysisd and wazuh-maild stop: (1230): Invalid element in the configuration: 'agent'."],
  );
});

test("a hint after a Wazuh text without a period starts a sentence of its own (authd's key-request reader)", () => {
  const file = tempFile(
    'ossec.conf',
    `<ossec_config>
  <remote>
    <connection>secure</connection>
  </remote>
  <wodle name="agent-key-polling">
    <enabled>maybe</enabled>
  </wodle>
</ossec_config>
`,
  );
  const r = runArctl(['validate', '--format', 'json', file]);
  assert.equal(r.status, 1, r.stdout + r.stderr);
  assert.deepEqual(
    (JSON.parse(r.stdout) as JsonReportFile[])[0]!.messages.map((m) => `${m.line} ${m.ruleId} ${m.message}`),
    [
      `6 invalid-boolean wazuh-authd stops: Invalid content for tag 'enabled' at module 'key-request'. wazuh-authd reads the deprecated <wodle name="agent-key-polling"> as its <auth><key_request> and stops at what that reader refuses (src/config/config.c:180-186): put the options in <auth><key_request>.`,
    ],
  );
});
