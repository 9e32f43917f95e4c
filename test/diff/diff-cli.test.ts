/**
 * `arctl diff` end to end through the real CLI: examples/ossec.conf and examples/alerts.json against
 * edited copies (timeout, removed response, location, white list, e-mail, a rename, a refused file),
 * git revisions, gzipped alerts, the corpus, and the Markdown against a stored example.
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { runArctl } from '../helpers/cli.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import { tempFiles, tempGitRepo } from '../helpers/temp.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const baseConf = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
const alerts = readFileSync(join(projectRoot, 'examples/alerts.json'));

/** A copy of examples/ossec.conf with `from` replaced by `to` (which must be there). */
function edited(...edits: Array<[string | RegExp, string]>): string {
  let text = baseConf;
  for (const [from, to] of edits) {
    const next = text.replace(from, to);
    assert.ok(next !== text, `edit not applied: ${from}`);
    text = next;
  }
  return text;
}

const WEB_BLOCK = /\s*<!-- Web attacks[^]*?<\/active-response>/;

/** `arctl diff base.conf head.conf --alerts alerts.json ARGS` in a temp dir; the JSON report and the exit code. */
function diffJson(head: string, args: string[] = [], files: Record<string, string | Buffer> = {}): { status: number | null; report: DiffReport; stderr: string } {
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head, 'alerts.json': alerts, ...files });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--format', 'json', '--exit-code', ...args], { cwd: dir });
  assert.ok(r.status === 0 || r.status === 2, `exit ${r.status}: ${r.stderr}`);
  return { status: r.status, report: JSON.parse(r.stdout) as DiffReport, stderr: r.stderr };
}

const groups = (report: DiffReport) => report.behaviour!.groups.map((g) => `${g.category} ${g.subject}${g.detail ? ` (${g.detail})` : ''}: ${g.alerts} [${g.examples.join(' ')}]`);

test('the same configuration: no change, exit 0 with --exit-code', () => {
  const { status, report } = diffJson(baseConf);
  assert.equal(status, 0);
  assert.deepEqual(report.static, []);
  assert.equal(report.behaviour!.alerts, 5);
  assert.equal(report.behaviour!.changedAlerts, 0);
  assert.equal(report.changed, false);
});

test('the plan line of a change no alert feels: "none of N alerts decided differently"', () => {
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': edited(['<white_list>10.0.0.2</white_list>', '<white_list>10.0.0.3</white_list>']), 'alerts.json': alerts });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json'], { cwd: dir });
  assert.match(r.stdout, /^Plan: 1 configuration change; none of 5 alerts decided differently\.$/m);
});

test('a changed timeout: the response changes and the alerts it fires on get the new timeout', () => {
  const { status, report } = diffJson(edited(['<timeout>600</timeout>', '<timeout>3600</timeout>']));
  assert.equal(status, 2);
  assert.equal(report.static.length, 1);
  const change = report.static[0]!;
  assert.equal(change.kind, 'response-changed');
  assert.deepEqual(change.kind === 'response-changed' && change.fields, [{ field: 'timeout', base: '600 s', head: '3600 s' }]);
  assert.deepEqual(groups(report), ['other-timeout firewall-drop [rules_id 5712,5720 -> local] (600 s -> 3600 s): 2 [1714641247.1549653 1714641552.1561877]']);
});

test('a response removed: the alerts it fired on stop firing', () => {
  const { status, report } = diffJson(edited([WEB_BLOCK, '']));
  assert.equal(status, 2);
  assert.deepEqual(report.static.map((c) => c.kind), ['response-removed']);
  assert.deepEqual(groups(report), ['stops-firing firewall-drop [rules_id 31151,31152,31153 -> local]: 1 [1714642803.1583519]']);
  assert.deepEqual(report.behaviour!.groups[0]!.agents, [{ id: '002 web01', count: 1 }]);
});

test('a location change: other targets', () => {
  const { report } = diffJson(edited([/<location>local<\/location>(\s*<rules_id>31151)/, '<location>all</location>$1']));
  assert.deepEqual(groups(report), ['other-targets firewall-drop [rules_id 31151,31152,31153 -> all] (local -> all): 1 [1714642803.1583519]']);
});

test('a white-list entry added: the alert from that address is now white-listed', () => {
  const { report } = diffJson(edited(['<white_list>10.0.0.2</white_list>', '<white_list>10.0.0.2</white_list>\n    <white_list>198.51.100.0/24</white_list>']));
  assert.deepEqual(report.static, [{ kind: 'white-list', added: ['198.51.100.0/24'], removed: [] }]);
  assert.deepEqual(groups(report), ['now-whitelisted firewall-drop [rules_id 31151,31152,31153 -> local]: 1 [1714642803.1583519]']);
});

test('a response removed while its address is white-listed: it stops firing because it is gone, not "now white-listed"', () => {
  // analysisd checks the white list for a block bound to the rule (src/analysisd/alerts/exec.c:43-49): a block that is gone never gets there.
  const whiteListed = ['<white_list>10.0.0.2</white_list>', '<white_list>10.0.0.2</white_list>\n    <white_list>198.51.100.0/24</white_list>'] as [string, string];
  const removed = diffJson(edited(whiteListed, [WEB_BLOCK, '']));
  assert.deepEqual(groups(removed.report), ['stops-firing firewall-drop [rules_id 31151,31152,31153 -> local]: 1 [1714642803.1583519]']);
  // Swapped: the block comes back with the white-list entry gone: it newly fires, it was not "no longer white-listed".
  const dir = tempFiles({ 'base.conf': edited(whiteListed, [WEB_BLOCK, '']), 'head.conf': baseConf, 'alerts.json': alerts });
  const back = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--format', 'json'], { cwd: dir });
  assert.equal(back.status, 0, back.stderr);
  assert.deepEqual(groups(JSON.parse(back.stdout) as DiffReport), ['newly-fires firewall-drop [rules_id 31151,31152,31153 -> local]: 1 [1714642803.1583519]']);
  // The block kept: the white list is the reason.
  assert.deepEqual(groups(diffJson(edited(whiteListed)).report), ['now-whitelisted firewall-drop [rules_id 31151,31152,31153 -> local]: 1 [1714642803.1583519]']);
});

test('a group whose alerts make a stock IP blocker act on a white-listed address says so, as simulate does on the row', () => {
  // netsh reads data.win.eventdata.ipAddress (src/active-response/active_responses.c:250-273); analysisd checks lf->srcip alone.
  const windows = `${JSON.stringify({ timestamp: '2024-05-02T10:06:00.000+0000', id: '1714644360.3', rule: { id: '60204', level: 10, groups: ['windows'] }, agent: { id: '003', name: 'win01' }, data: { win: { eventdata: { ipAddress: '10.10.0.5' } } }, location: 'EventChannel' })}\n`;
  const { report } = diffJson(edited(['<timeout>3600</timeout>', '<timeout>7200</timeout>']), ['--alerts', 'windows.json'], { 'windows.json': windows });
  assert.deepEqual(groups(report), ['other-timeout netsh.exe [rules_id 60204 -> local] (3600 s -> 7200 s): 1 [1714644360.3]']);
  assert.equal(
    report.behaviour!.groups[0]!.note,
    "alert 1714644360.3: netsh acts on data.win.eventdata.ipAddress 10.10.0.5, which <white_list> (10.10.0.0/24) covers, but analysisd checks the white list against the alert's srcip alone (which this alert does not have): the whitelisted address is blocked",
  );
  // The ordinary alerts of examples/alerts.json carry no such note.
  assert.equal(diffJson(edited(['<timeout>600</timeout>', '<timeout>3600</timeout>'])).report.behaviour!.groups[0]!.note, undefined);
});

test('alerts in a shape arctl does not read (OSSEC 2.x, a flattened export) are named as such, not passed off as "decided the same way"', () => {
  const ossec = `${JSON.stringify({ rule: { level: 10, sidid: 5712, group: 'syslog,sshd,' }, id: '1476185745.1', TimeStamp: 1476185745000, srcip: '203.0.113.77' })}\n`;
  const flat = `${JSON.stringify({ timestamp: '2024-05-02T10:00:00.000+0000', rule_id: '31151', 'rule.level': 10, srcip: '198.51.100.9' })}\n`;
  const head = edited(['<timeout>600</timeout>', '<timeout>3600</timeout>']);
  // Lines no response can fire on are ruled out unparsed: these are read all the same, to be named.
  const { report } = diffJson(head, ['--alerts', 'ossec.json', '--alerts', 'flat.json'], { 'ossec.json': ossec, 'flat.json': flat });
  assert.deepEqual(report.behaviour!.unread, { ossec2: 1, flattened: 1 });
  assert.equal(report.behaviour!.changedAlerts, 2);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head, 'ossec.json': ossec, 'flat.json': flat });
  const text = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'ossec.json', '--alerts', 'flat.json'], { cwd: dir });
  assert.match(text.stdout, /\n {2}note: 1 alert in OSSEC 2\.x's alerts\.json form \(rule\.sidid\) and 1 alert in a flattened export \(a top-level rule_id or "rule\.id"\), which arctl does not read: no rule\.id, so nothing fires on either side; .*\n {2}every alert is decided the same way\n/);
  assert.match(runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'ossec.json', '--format', 'markdown'], { cwd: dir }).stdout, /^> \[!WARNING\]\n> 1 alert in OSSEC 2\.x's alerts\.json form/m);
  // Wazuh's own alerts: no such field.
  assert.equal(diffJson(head).report.behaviour!.unread, undefined);
});

test('e-mail rerouted: the granular block goes to another team', () => {
  const { status, report } = diffJson(edited(['<email_to>web-team@example.com</email_to>', '<email_to>web-sec@example.com</email_to>']));
  assert.equal(status, 2);
  assert.deepEqual(report.static.map((c) => c.kind), ['email', 'email']);
  assert.deepEqual(groups(report), ['email-rerouted e-mail (+web-sec@example.com, -web-team@example.com): 2 [1714641750.1570342 1714642803.1583519]']);
});

test('a rename that changes nothing: command renamed, blocks reordered, comments and spacing changed, rules_id reordered', () => {
  const renamed = edited(
    [/<name>firewall-drop<\/name>/, '<name>fw-drop</name>'],
    [/<command>firewall-drop<\/command>/g, '<command>fw-drop</command>'],
    [/<!--[^]*?-->/g, ''],
    // The same ids in another order, one repeated: the same set of rules to analysisd.
    ['<rules_id>5712,5720</rules_id>', '<rules_id>5720, 5712,5720</rules_id>'],
  );
  // The netsh and disable-account blocks swap places.
  const netsh = /\s*<active-response>\s*<command>netsh[^]*?<\/active-response>/.exec(renamed)![0];
  const moved = renamed.replace(netsh, '').replace('</ossec_config>\n', `${netsh}\n</ossec_config>\n`);
  const { status, report } = diffJson(moved);
  assert.deepEqual(report.static, []);
  assert.equal(report.behaviour!.changedAlerts, 0);
  assert.equal(status, 0);
});

test('one side refused by Wazuh: reported, and nothing fires or is mailed on that side', () => {
  const { status, report } = diffJson(edited([/<location>local<\/location>(\s*<rules_id>60204)/, '<location>nowhere</location>$1']));
  assert.equal(status, 2);
  assert.equal(report.head.refused, true);
  const refusal = report.static.find((c) => c.kind === 'refusal');
  assert.ok(refusal && refusal.kind === 'refusal' && refusal.side === 'head' && /1302/.test(refusal.messages.join()), JSON.stringify(report.static));
  assert.deepEqual(report.behaviour!.groups.map((g) => `${g.category} ${g.alerts}`), ['stops-firing 2', 'stops-firing 1', 'email-no-longer-sent 2', 'email-no-longer-sent 2']);
  const text = runArctl(['diff', join(projectRoot, 'examples/ossec.conf'), '-'], { input: edited([/<location>local<\/location>(\s*<rules_id>60204)/, '<location>nowhere</location>$1']) });
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /! HEAD: Wazuh refuses to start: wazuh-analysisd: ERROR: \(1302\)/);
});

test('a side refused for many problems: the first on its line, the next four listed under it, the rest counted (JSON lists them all)', () => {
  // Seven responses naming no defined command: analysisd stops at the first (1303); each other is met once those before are fixed.
  const blocks = [1, 2, 3, 4, 5, 6, 7].map((i) => `  <active-response>\n    <command>undefined-${i}</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n  </active-response>\n`).join('');
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': baseConf.replace('</ossec_config>', `${blocks}</ossec_config>`) });
  const text = runArctl(['diff', 'base.conf', 'head.conf'], { cwd: dir }).stdout;
  assert.match(
    text,
    /^ {2}! HEAD: Wazuh refuses to start: [^\n]*\(1303\): Invalid command 'undefined-1'[^\n]*\n {6}6 more problems, each met once those before it are fixed:\n( {6}- [^\n]*\(1303\)[^\n]*'undefined-[2-5]'[^\n]*\n){4} {6}- and 2 more \(--format json lists every one\)\n {2}[+~-] /m,
  );
  const markdown = runArctl(['diff', 'base.conf', 'head.conf', '--format', 'markdown'], { cwd: dir }).stdout;
  assert.match(markdown, /^> HEAD: Wazuh refuses to start: .*'undefined-1'.*\n>\n> 6 more problems, .*\n(> - .*'undefined-[2-5]'.*\n){4}> - and 2 more \(--format json lists every one\)\n/m);
  const report = JSON.parse(runArctl(['diff', 'base.conf', 'head.conf', '--format', 'json'], { cwd: dir }).stdout) as DiffReport;
  const refusal = report.static.find((c) => c.kind === 'refusal');
  assert.deepEqual(refusal?.kind === 'refusal' && refusal.messages.map((m) => /'(undefined-\d)'/.exec(m)?.[1]), [1, 2, 3, 4, 5, 6, 7].map((i) => `undefined-${i}`));
});

test('both sides refused the same way: said once per side, but no configuration change (a file diffed with itself, an edit elsewhere)', () => {
  const refused = edited([/<location>local<\/location>(\s*<rules_id>60204)/, '<location>nowhere</location>$1']);
  // Lines moved by an edit above the refusal: the same refusal, at another line.
  const moved = refused.replace('<ossec_config>', '<ossec_config>\n\n  <!-- moved -->');
  const white = moved.replace('<white_list>127.0.0.1</white_list>', '<white_list>127.0.0.1</white_list>\n    <white_list>10.9.9.9</white_list>');
  const dir = tempFiles({ 'refused.conf': refused, 'moved.conf': moved, 'white.conf': white });
  const same = runArctl(['diff', 'refused.conf', 'moved.conf', '--exit-code'], { cwd: dir });
  assert.equal(same.status, 0, same.stdout + same.stderr);
  assert.match(same.stdout, /^ {2}! BASE: Wazuh refuses to start: .*\(1302\).*\n {2}! HEAD: Wazuh refuses to start: .*\(1302\).*\n {2}no semantic change \(names, order, spacing and comments aside\)\n/m);
  assert.match(same.stdout, /^Plan: no configuration change\.$/m);
  const json = JSON.parse(runArctl(['diff', 'refused.conf', 'refused.conf', '--format', 'json'], { cwd: dir }).stdout) as DiffReport;
  assert.deepEqual([json.base.refused, json.head.refused, json.changed, json.static.length], [true, true, false, 2]);
  assert.match(runArctl(['diff', 'refused.conf', 'refused.conf', '--format', 'markdown'], { cwd: dir }).stdout, /^\*\*no configuration change\.\*\*$/m);
  // A real change in a file refused either way is one change.
  const one = runArctl(['diff', 'refused.conf', 'white.conf', '--exit-code'], { cwd: dir });
  assert.equal(one.status, 2);
  assert.match(one.stdout, /^Plan: 1 configuration change\.$/m);
  // Refused on one side only: a change.
  assert.match(runArctl(['diff', join(projectRoot, 'examples/ossec.conf'), 'refused.conf'], { cwd: dir }).stdout, /^Plan: \d+ configuration changes?\.$/m);
});

test('a file Wazuh cannot read (1226), unchanged: its name and line in the message are no change, so --base in CI says "no change"', () => {
  // os_xml's refusal names the file it was given; Wazuh reads one file (etc/ossec.conf) whatever arctl was given.
  const broken = baseConf.replace('<timeout>600</timeout>', '<timeout>600');
  assert.notEqual(broken, baseConf);
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  writeFileSync(join(repo, 'ossec.conf'), broken);
  git('add', 'ossec.conf');
  git('commit', '-q', '-m', 'base');
  // Lines moved above the error, and a copy under another name.
  writeFileSync(join(repo, 'moved.conf'), broken.replace('<ossec_config>', '<!-- moved -->\n<ossec_config>'));
  for (const args of [['--base', 'main', 'ossec.conf'], ['ossec.conf', 'moved.conf']]) {
    const r = runArctl(['diff', ...args, '--exit-code'], { cwd: repo });
    assert.equal(r.status, 0, r.stdout + r.stderr);
    assert.match(r.stdout, /^ {2}! BASE: Wazuh refuses to start: .*\(1226\): Error reading XML file '.*ossec\.conf': .*\n {6}note: .*\n {2}! HEAD: .*\(1226\).*\n {6}note: .*\n {2}no semantic change/m);
    assert.match(r.stdout, /^Plan: no configuration change\.$/m);
  }
});

test('a side os_xml cannot read (a merge conflict left in it): its refusal is the change, not its white list and responses "removed"', () => {
  // Wazuh reads nothing of the file ((1226), src/shared/... os_xml), but the entries are still in it.
  const conflicted = baseConf.replace('<global>', '<global>\n<<<<<<< HEAD\n=======\n>>>>>>> topic');
  assert.notEqual(conflicted, baseConf);
  const { status, report } = diffJson(conflicted);
  assert.equal(status, 2);
  assert.deepEqual(report.static.map((c) => [c.kind, c.kind === 'refusal' ? c.side : '', 'note' in c ? c.note : undefined]), [
    ['refusal', 'head', 'Wazuh reads nothing of a file os_xml refuses, so nothing else in the two files is compared'],
  ]);
  // What stops on that side is still said under the alerts.
  assert.ok(report.behaviour!.groups.every((g) => g.category === 'stops-firing' || g.category === 'email-no-longer-sent'));
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': conflicted });
  const text = runArctl(['diff', 'base.conf', 'head.conf'], { cwd: dir }).stdout;
  assert.match(text, /^ {2}! HEAD: Wazuh refuses to start: .*\(1226\).*\n {6}note: Wazuh reads nothing of a file os_xml refuses, so nothing else in the two files is compared\n\nPlan: 1 configuration change\.$/m);
  const markdown = runArctl(['diff', 'base.conf', 'head.conf', '--format', 'markdown'], { cwd: dir }).stdout;
  assert.match(markdown, /^> Wazuh reads nothing of a file os\\_xml refuses/m);
  assert.doesNotMatch(markdown, /No semantic change/);
});

test('a side Wazuh stops reading at its root element (1230, <ossec_conf>): its refusal is the change, not the other side\'s entries "removed"', () => {
  // ReadConfig stops at a root other than <ossec_config> (src/config/config.c:492-496): nothing under it is read.
  const misnamed = baseConf.replace(/<(\/?)ossec_config>/g, '<$1ossec_conf>');
  assert.notEqual(misnamed, baseConf);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': misnamed, 'alerts.json': alerts });
  const text = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json'], { cwd: dir }).stdout;
  assert.match(text, /^Configuration:\n {2}! HEAD: Wazuh refuses to start: .*\(1230\): Invalid element in the configuration: 'ossec_conf'\. \(line 5\)\n {6}note: Wazuh stops reading at a root element other than <ossec_config> .*\n\nAlerts/m);
  // What stops on that side is still said under the alerts.
  assert.match(text, /^ {2}firewall-drop \[rules_id 5712,5720 -> local\]: 2 alerts no longer fire/m);
  // The two firewall-drop blocks go together: neither is a copy of a response that stays (no execd-repeat note).
  assert.doesNotMatch(text, /blocks nothing more/);
  assert.match(text, /^Plan: 1 configuration change; \d+ of 5 alerts decided differently\.$/m);
});

test('e-mail off on both sides: its recipients, level, source and <email_alerts> changing are no change (maild exits at start)', () => {
  // wazuh-docker's wazuh_manager.conf (cb6fa28b) dropped email_to, <alerts> and email_log_source with e-mail off:
  // '3 configuration changes' that send no e-mail either way (os_maild/config.c:58-63).
  const off = baseConf.replace('<email_notification>yes</email_notification>', '<email_notification>no</email_notification>');
  const head = off.replace('<email_to>soc@example.com</email_to>', '').replace('<email_alert_level>10</email_alert_level>', '<email_alert_level>3</email_alert_level>').replace('<email_log_source>alerts.json</email_log_source>', '<email_log_source>alerts.log</email_log_source>').replace('<level>10</level>', '<level>12</level>');
  assert.equal(head.split('\n').filter((l, i) => l !== off.split('\n')[i]).length, 4);
  const dir = tempFiles({ 'base.conf': off, 'head.conf': head, 'on.conf': head.replace('<email_notification>no</email_notification>', '<email_notification>yes</email_notification>') });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--exit-code'], { cwd: dir });
  assert.equal(r.status, 0, r.stdout);
  assert.match(r.stdout, /^Configuration:\n {2}no semantic change .*\n\nPlan: no configuration change\.$/m);
  // Switched on in HEAD: the switch and what HEAD now mails by.
  const on = runArctl(['diff', 'base.conf', 'on.conf', '--format', 'json'], { cwd: dir });
  assert.deepEqual((JSON.parse(on.stdout) as DiffReport).static.map((c) => (c.kind === 'email' ? c.field : c.kind)), ['email_notification', 'email_to', 'email_alert_level', 'email_log_source', 'email_alerts', 'email_alerts']);
});

test('alerts in gzip give the same report as the plain file', () => {
  const plain = diffJson(edited([WEB_BLOCK, '']));
  const gz = diffJson(edited([WEB_BLOCK, '']), ['--alerts', 'alerts.json.gz'], { 'alerts.json.gz': gzipSync(alerts) });
  assert.equal(gz.report.behaviour!.alerts, 10);
  assert.deepEqual(gz.report.behaviour!.files, ['alerts.json', 'alerts.json.gz']);
  assert.equal(gz.report.behaviour!.groups[0]!.alerts, 2 * plain.report.behaviour!.groups[0]!.alerts);
});

test('git revisions: REV:PATH and --base REV with the working-tree file', () => {
  const repo = tempGitRepo();
  const git = (...args: string[]) => execFileSync('git', args, { cwd: repo, stdio: 'pipe' });
  execFileSync('mkdir', ['-p', join(repo, 'etc')]);
  writeFileSync(join(repo, 'etc/ossec.conf'), baseConf);
  writeFileSync(join(repo, 'alerts.json'), alerts);
  git('add', '.');
  git('commit', '-q', '-m', 'base');
  writeFileSync(join(repo, 'etc/ossec.conf'), edited(['<timeout>600</timeout>', '<timeout>3600</timeout>']));
  for (const args of [['main:etc/ossec.conf', 'etc/ossec.conf'], ['--base', 'main', 'etc/ossec.conf']]) {
    const r = runArctl(['diff', ...args, '--alerts', 'alerts.json', '--format', 'json', '--exit-code'], { cwd: repo });
    assert.equal(r.status, 2, r.stderr);
    const report = JSON.parse(r.stdout) as DiffReport;
    assert.equal(report.behaviour!.changedAlerts, 2);
    assert.equal(report.base.label, args[0] === '--base' ? 'main:./etc/ossec.conf' : 'main:etc/ossec.conf');
  }
  // From a subdirectory, --base reads the same path.
  const sub = runArctl(['diff', '--base', 'main', 'ossec.conf', '--exit-code'], { cwd: join(repo, 'etc') });
  assert.equal(sub.status, 2, sub.stderr);
  // The revision as it is committed: no change.
  assert.equal(runArctl(['diff', 'main:etc/ossec.conf', 'HEAD:etc/ossec.conf', '--exit-code'], { cwd: repo }).status, 0);
  const missing = runArctl(['diff', 'main:etc/nothere.conf', 'etc/ossec.conf'], { cwd: repo });
  assert.equal(missing.status, 2);
  assert.equal(missing.stderr, "arctl: main:etc/nothere.conf: path 'etc/nothere.conf' does not exist in 'main'\n");
});

test('--base REV with a file added since REV: compared with nothing (every response added), as git diff shows a new file', () => {
  const repo = tempGitRepo();
  execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'base'], { cwd: repo, stdio: 'pipe' });
  writeFileSync(join(repo, 'ossec.conf'), baseConf);
  const r = runArctl(['diff', '--base', 'main', 'ossec.conf', '--format', 'json', '--exit-code'], { cwd: repo });
  assert.equal(r.status, 2, r.stderr);
  const report = JSON.parse(r.stdout) as DiffReport;
  assert.equal(report.base.label, 'main:./ossec.conf (absent: a new file)');
  assert.equal(report.static.filter((c) => c.kind === 'response-added').length, 4);
  // A revision git cannot resolve is still an error.
  assert.match(runArctl(['diff', '--base', 'nosuch', 'ossec.conf'], { cwd: repo }).stderr, /^arctl: nosuch:\.\/ossec\.conf: /);
});

test('exit codes: usage errors and unreadable input are 2, or 1 with --exit-code (2 then means changed)', () => {
  const dir = tempFiles({ 'base.conf': baseConf });
  for (const args of [['base.conf'], ['base.conf', 'missing.conf'], ['base.conf', 'base.conf', '--bogus'], ['base.conf', 'base.conf', '--format', 'yaml']]) {
    const plain = runArctl(['diff', ...args], { cwd: dir });
    assert.equal(plain.status, 2, `${args.join(' ')}: ${plain.stderr}`);
    assert.match(plain.stderr, /^arctl: /);
    const withFlag = runArctl(['diff', ...args, '--exit-code'], { cwd: dir });
    assert.equal(withFlag.status, 1, `${args.join(' ')} --exit-code: ${withFlag.stderr}`);
    assert.equal(withFlag.stderr.split('\n').filter(Boolean).length, 1, withFlag.stderr);
  }
  assert.equal(runArctl(['diff', '--help'], { cwd: dir }).status, 0);
});

test('the Markdown for a pull-request comment matches the stored example', () => {
  const head = edited([/<location>local<\/location>(\s*<rules_id>31151)/, '<location>all</location>$1'], ['<white_list>10.0.0.2</white_list>', '<white_list>10.0.0.2</white_list>\n    <white_list>203.0.113.0/24</white_list>'], ['<timeout>3600</timeout>', '<timeout>7200</timeout>']);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head, 'alerts.json': alerts });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--format', 'markdown'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const stored = join(projectRoot, 'test/fixtures/diff/pull-request-comment.md');
  if (process.env.ARCTL_UPDATE_FIXTURES) writeFileSync(stored, r.stdout);
  assert.equal(r.stdout, readFileSync(stored, 'utf8'));
});

test('corpus: a response added to Wazuh 4.14.7 stock ossec-server.conf newly fires on the documented SSH brute force alert', { skip: corpusSkip }, () => {
  const stock = readFileSync(join(corpusDir, 'conf/wazuh__v4.14.7__etc_ossec-server.conf'), 'utf8');
  const head = stock.replace(/<\/ossec_config>\s*$/, '  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5710</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>\n');
  const dir = tempFiles({ 'base.conf': stock, 'head.conf': head });
  const alertsFile = join(corpusDir, 'alerts/wazuh-documentation__learning-wazuh_ssh-brute-force__5710.jsonl');
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', alertsFile, '--format', 'json', '--exit-code'], { cwd: dir });
  assert.equal(r.status, 2, r.stderr);
  const report = JSON.parse(r.stdout) as DiffReport;
  // The stock file binds no response; a local one makes analysisd open both AR queues (agent 000 is the manager).
  assert.deepEqual(report.static.map((c) => (c.kind === 'execd' ? `${c.field}: ${c.base} -> ${c.head}` : c.kind)), ['response-added', 'AR queues opened: none -> manager+agents']);
  assert.deepEqual(report.behaviour!.groups.map((g) => `${g.category} ${g.subject} ${g.alerts}`), ['newly-fires firewall-drop [rules_id 5710 -> local] 1']);
});

test('corpus: with --ruleset, a changed trigger says how many rules of which levels each side binds', { skip: corpusSkip }, () => {
  const head = edited(['<rules_id>5712,5720</rules_id>', '<rules_group>sshd</rules_group>\n    <level>10</level>']);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--ruleset', join(corpusDir, 'rules/wazuh-v4.14.7'), '--format', 'json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  const change = (JSON.parse(r.stdout) as DiffReport).static[0]!;
  assert.equal(change.kind, 'response-changed');
  if (change.kind !== 'response-changed') return;
  assert.deepEqual(change.base.rules, { count: 2, levels: { '10': 2 }, noAr: 0 });
  assert.equal(change.head.rules!.count, 11);
  assert.deepEqual(change.fields.map((f) => f.field), ['trigger', 'rules']);
});

test('--timeline: both sides replayed through execd, blocks and time blocked compared', () => {
  const { status, report } = diffJson(edited(['<timeout>600</timeout>', '<timeout>3600</timeout>']), ['--timeline']);
  assert.equal(status, 2);
  const { base, head } = report.timeline!;
  // The two sshd alerts from one address 5 minutes apart: one add, the second an abort (timer reset).
  assert.equal(base.adds, head.adds);
  // The address is blocked from the add (09:14:07), not from the repeat that restarted execd's timer (09:19:12):
  // 600 s after the repeat on BASE (906 s), to the last alert (09:40:03) on HEAD (1556 s).
  assert.deepEqual([base.blockedSeconds, head.blockedSeconds], [906, 1556], JSON.stringify(report.timeline));
});

test('--timeline, local -> all: without --agents `all` is one host and a note says so; with them each active agent counts, as in simulate --timeline', () => {
  // analysisd sends a location-all response to each active agent wazuh-db lists (src/analysisd/alerts/exec.c:92-179).
  const head = edited(['<location>local</location>', '<location>all</location>']);
  // 004 is a Windows agent: it has no firewall-drop, so what reaches it runs nothing (execd: "Active response command not present").
  const agents = JSON.stringify(['001', '002', '003', '004'].map((id) => ({ id, name: `h${id}`, ip: `10.0.0.${Number(id)}`, status: 'active', version: 'Wazuh v4.14.0', os: id === '004' ? 'windows' : 'linux' })));
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head, 'alerts.json': alerts, 'agents.json': agents });
  const one = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--timeline'], { cwd: dir });
  assert.match(one.stdout, /^Timeline \(BASE -> HEAD\):\n {2}adds 2 -> 2; keys blocked 2 -> 2;.*\n.*\n {6}note: location all is replayed as one host standing for every active agent/m);
  const each = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--timeline', '--agents', 'agents.json', '--format', 'json'], { cwd: dir });
  const { timeline } = JSON.parse(each.stdout) as DiffReport;
  // The two 5712 alerts (one address, the second a repeat) now add it on each of the three Linux agents, beside agent 002's
  // web block, and run nothing on 004, twice, as simulate --timeline --agents counts its fails.
  const { base: b, head: h } = timeline!;
  assert.deepEqual([b.adds, h.adds, b.fails, h.fails, b.addressesBlocked, h.addressesBlocked, timeline!.note], [2, 4, 0, 2, 2, 4, undefined]);
  const text = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--timeline', '--agents', 'agents.json'], { cwd: dir }).stdout;
  assert.match(text, /^ {2}adds 2 -> 4; ran nothing 0 -> 2; keys blocked 2 -> 4;/m);
});

test('--alerts - reads standard input (plain or gzipped) in the one pass, with --timeline too', () => {
  const head = edited(['<timeout>600</timeout>', '<timeout>3600</timeout>']);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head, 'alerts.json': alerts });
  const run = (file: string, input?: Buffer) => {
    const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', file, '--timeline', '--format', 'json'], { cwd: dir, ...(input ? { input } : {}) });
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as DiffReport;
    return { ...report, behaviour: { ...report.behaviour!, files: [] } };
  };
  const fromFile = run('alerts.json');
  assert.ok(fromFile.timeline!.head.blockedSeconds > fromFile.timeline!.base.blockedSeconds);
  assert.ok(fromFile.behaviour.changedAlerts > 0);
  assert.deepEqual(run('-', alerts), fromFile);
  assert.deepEqual(run('-', gzipSync(alerts)), fromFile);
});

test('a response with no command, trigger or location (Wazuh refuses it, 1281) is labelled as such, not with an empty location', () => {
  const head = edited([/<\/ossec_config>\s*$/, '  <active-response>\n    <disabled>no</disabled>\n  </active-response>\n</ossec_config>\n']);
  const dir = tempFiles({ 'base.conf': baseConf, 'head.conf': head });
  const r = runArctl(['diff', 'base.conf', 'head.conf'], { cwd: dir });
  assert.match(r.stdout, /\(1281\)/, r.stdout);
  assert.match(r.stdout, /\+ \(no command\) \[no trigger -> no location\]: response added/, r.stdout);
});
