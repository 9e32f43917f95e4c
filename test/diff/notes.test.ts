/**
 * `arctl diff` notes what a change does that the alerts cannot show, or show misleadingly:
 * - an <email_alert_level> change: maild mails by each alert's rule.mail (os_maild/os_maild_client.c:375),
 *   which the analysisd that wrote the alert set (analysisd/rules.c:2130, format/to_json.c:244), so a
 *   recorded alert that carries the flag is mailed as before; only one without it follows the new level;
 * - a response pasted twice: "#2 newly fires", but execd takes the second add of a key as a repeat
 *   (os_execd/execd.c:387-399: the script aborts, the timeout restarts), so the copy blocks nothing more;
 *   nothing more where both fire when its trigger reaches further, and nothing to say when the triggers never meet.
 * Fixtures: test/fixtures/diff/notes/ (alert 1714557600.1 has rule.mail false, 1714557601.2 none).
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import { corpusDir, corpusSkip, projectRoot } from '../helpers/paths.ts';
import type { DiffReport } from '../../src/diff/model.ts';
import { diffConfigurations } from '../../src/index.ts';

const dir = join(projectRoot, 'test/fixtures/diff/notes');
// One sentence, each thing said once (it said 'repeat', 'repeated offence' and the later <timeout> twice before).
const COPY = /a copy of the response at line 20: it runs firewall-drop on the same hosts, on alerts that response fires on too, and execd takes the second add of a key as a repeat \(the script aborts, the timeout restarts\), so it blocks nothing more$/;
const LEVEL = /recorded alerts keep the rule\.mail flag the analysisd that wrote them set, and maild mails by that flag/;

test('an email_alert_level change and a pasted copy of a response carry notes, in text, Markdown and JSON', () => {
  const text = runArctl(['diff', 'base.ossec.conf', 'head.ossec.conf', '--alerts', 'alerts.json'], { cwd: dir });
  assert.equal(text.status, 0, text.stderr);
  const lines = text.stdout.split('\n');
  const after = (re: RegExp) => lines[lines.findIndex((l) => re.test(l)) + 1] ?? '';
  assert.match(after(/^ {2}\+ firewall-drop \[rules_id 5712 -> local\] #2: response added \(600 s\)$/), new RegExp(`^ {6}note: ${COPY.source}`));
  assert.match(after(/^ {2}~ e-mail email_alert_level: 12 -> 7$/), new RegExp(`^ {6}note: ${LEVEL.source}`));
  // The alert flagged rule.mail false stays unmailed; the one without the flag follows the new level.
  assert.match(text.stdout, /^ {2}e-mail: 1 alert is now e-mailed \(soc@example\.com\)\n.*e\.g\. 1714557601\.2$/m);
  const markdown = runArctl(['diff', 'base.ossec.conf', 'head.ossec.conf', '--alerts', 'alerts.json', '--format', 'markdown'], { cwd: dir });
  assert.equal(markdown.stdout.match(/> \[!NOTE\]/g)?.length, 2, 'each note once');
  const report = JSON.parse(runArctl(['diff', 'base.ossec.conf', 'head.ossec.conf', '--alerts', 'alerts.json', '--format', 'json'], { cwd: dir }).stdout) as DiffReport;
  const notes = report.static.map((c) => ('note' in c ? c.note : undefined));
  assert.match(notes[0]!, COPY);
  assert.match(notes[1]!, LEVEL);
  assert.match(report.behaviour!.groups.find((g) => g.category === 'newly-fires')!.note!, COPY);
  // Removing the copy again notes the same: it blocked nothing more.
  const back = JSON.parse(runArctl(['diff', 'head.ossec.conf', 'base.ossec.conf', '--format', 'json'], { cwd: dir }).stdout) as DiffReport;
  assert.match((back.static.find((c) => c.kind === 'response-removed') as { note?: string }).note!, COPY);
});

const head = readFileSync(join(dir, 'head.ossec.conf'), 'utf8');
const copyStart = head.indexOf('  <!-- pasted twice');
/** head.ossec.conf with its pasted copy (below line 20's response) edited. */
const twin = (from: string, to: string) => head.slice(0, copyStart) + head.slice(copyStart).replace(from, to);

test('no note on a response with no twin: another place, a timeout of 0 (execd keeps no list, the script runs again), a trigger that never meets the other', () => {
  // rules_id 5720 and rules_id 5712 never fire on one alert: each blocks on alerts of its own.
  for (const variant of [twin('<location>local</location>', '<location>server</location>'), twin('<timeout>600</timeout>', '<timeout>0</timeout>'), twin('<rules_id>5712</rules_id>', '<rules_id>5720</rules_id>')]) {
    const r = runArctl(['diff', 'base.ossec.conf', '-', '--format', 'json'], { cwd: dir, input: variant });
    assert.equal(r.status, 0, r.stderr);
    const added = (JSON.parse(r.stdout) as DiffReport).static.filter((c) => c.kind === 'response-added');
    assert.equal(added.length, 1, r.stdout);
    assert.equal(added[0]!.note, undefined);
  }
});

test('a twin that reaches further blocks nothing more only where both fire; one sent later with another timeout sets how long the block lasts', () => {
  const note = (variant: string) => {
    const r = runArctl(['diff', 'base.ossec.conf', '-', '--format', 'json'], { cwd: dir, input: variant });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as DiffReport).static.find((c) => c.kind === 'response-added')?.note ?? '';
  };
  assert.match(note(twin('<rules_id>5712</rules_id>', '<rules_id>5712,5720</rules_id>')), /: it runs firewall-drop on the same hosts and execd takes .*, so where both fire it blocks nothing more; on alerts only it fires on \(its trigger rules_id 5712,5720, line 20's rules_id 5712\) it blocks as a response of its own$/);
  // analysisd sends a rule's responses in file order, and execd's repeat takes the second add's timeout (execd.c:394-397).
  assert.match(note(twin('<timeout>600</timeout>', '<timeout>3600</timeout>')), /, so it blocks nothing more, but the block then lasts its 3600 s, not line 20's 600 s$/);
});

test("with the manager's <repeated_offenders>, the copy's add is a repeated offence: the note gives the list's first timeout where it applies", () => {
  // The side's own list times what runs on the manager; agents read their own file (os_execd/config.c), unknown here.
  const variant = twin('<rules_id>5712</rules_id>', '<rules_id>5712</rules_id>\n    <repeated_offenders>2,10</repeated_offenders>');
  const r = runArctl(['diff', 'base.ossec.conf', '-', '--format', 'json'], { cwd: dir, input: variant });
  assert.equal(r.status, 0, r.stderr);
  const note = (JSON.parse(r.stdout) as DiffReport).static.find((c) => c.kind === 'response-added')?.note ?? '';
  assert.match(note, /, so it blocks nothing more, but the repeat counts as a second offence and the block lasts the first entry of the host's <repeated_offenders>, not line 28's 600 s: 120 s on the manager \(list 2,10\), later alerts taking the next entries; on the agents, line 28's 600 s unless their own <repeated_offenders> say otherwise \(--agent-config reads them\)$/);
});

test('corpus: with --ruleset, the rules each binds decide whether the twin fires on every alert the other does', { skip: corpusSkip }, () => {
  // Rule 99999999 is in no ruleset: by the lists alone the twin reaches further; by the rules it binds, it does not.
  const variant = twin('<rules_id>5712</rules_id>', '<rules_id>5712,99999999</rules_id>');
  const note = (extra: string[]) => {
    const r = runArctl(['diff', 'base.ossec.conf', '-', '--format', 'json', ...extra], { cwd: dir, input: variant });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as DiffReport).static.find((c) => c.kind === 'response-added')?.note ?? '';
  };
  assert.match(note([]), /, so where both fire it blocks nothing more; .*it blocks as a response of its own$/);
  assert.match(note(['--ruleset', join(corpusDir, 'rules/wazuh-v4.14.7')]), COPY);
});

test('another timeout is no change for an alert the stock program cannot act on (no srcip: it exits before check_keys on both sides)', async () => {
  // active_responses.c:256 "Cannot read 'srcip'": firewall-drop adds no key, so 600 s or 60 s blocks nothing either way.
  const base = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
  const head = base.replace('<timeout>600</timeout>', '<timeout>60</timeout>');
  assert.notEqual(head, base);
  const alert = (id: string, data?: Record<string, string>) => ({ id, rule: { id: '5712', level: 10, groups: ['syslog', 'sshd'] }, agent: { id: '001', name: 'web01' }, ...(data ? { data } : {}) });
  const report = await diffConfigurations(base, head, [alert('1.1', { srcip: '203.0.113.5' }), alert('1.2')]);
  assert.equal(report.behaviour!.changedAlerts, 1);
  assert.deepEqual(
    report.behaviour!.groups.map((g) => [g.category, g.detail, g.alerts, g.examples]),
    [['other-timeout', '600 s -> 60 s', 1, ['1.1']]],
  );
});

test('other hosts are no change for an alert the stock program cannot act on, through the CLI; an agent below 4.2 may act', () => {
  // local -> all: firewall-drop runs on every agent, each logs "Cannot read 'srcip'" for the alert without one.
  const base = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
  const head = base.replace('<location>local</location>\n    <rules_id>5712,5720</rules_id>', '<location>all</location>\n    <rules_id>5712,5720</rules_id>');
  assert.notEqual(head, base);
  const alert = (id: string, agent: string, data?: Record<string, string>) =>
    JSON.stringify({ timestamp: '2024-05-02T09:14:07.123+0000', id, rule: { id: '5712', level: 10, groups: ['syslog', 'sshd'] }, agent: { id: agent, name: `web${agent}` }, ...(data ? { data } : {}), location: '/var/log/auth.log' });
  const alerts = [alert('1.1', '001', { srcip: '203.0.113.5' }), alert('1.2', '001'), alert('1.3', '002')].join('\n') + '\n';
  // Agent 002 runs 4.1: its firewall-drop.sh is no 4.2+ program, and with `all` it gets the alert too.
  const agents = JSON.stringify([
    { id: '001', name: 'web001', version: 'Wazuh v4.14.7', os: { platform: 'ubuntu', uname: 'Linux' } },
    { id: '002', name: 'web002', version: 'Wazuh v4.1.5', os: { platform: 'ubuntu', uname: 'Linux' } },
  ]);
  const dir = tempFiles({ 'base.conf': base, 'head.conf': head, 'alerts.json': alerts, 'agents.json': agents });
  const groups = (extra: string[]) => {
    const r = runArctl(['diff', 'base.conf', 'head.conf', '--alerts', 'alerts.json', '--format', 'json', ...extra], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    const behaviour = (JSON.parse(r.stdout) as DiffReport).behaviour!;
    return { changed: behaviour.changedAlerts, groups: behaviour.groups.map((g) => [g.category, g.detail, g.alerts, g.examples]) };
  };
  assert.deepEqual(groups([]), { changed: 1, groups: [['other-targets', 'local -> all', 1, ['1.1']]] });
  // With an agent below 4.2 among the hosts (002: its own script, which may act), the change counts: 1.2 now reaches
  // 002 too, 1.3 ran there before.
  assert.equal(groups(['--agents', 'agents.json']).changed, 3);
});

test('a group that newly fires (or stops) says how many of its alerts the stock program acts on nothing for', () => {
  const base = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
  const head = base.replace('<rules_id>5712,5720</rules_id>', '<rules_id>5712,5720,5760</rules_id>');
  assert.notEqual(head, base);
  const alert = (id: string, data?: Record<string, string>) =>
    JSON.stringify({ timestamp: '2024-05-02T09:14:07.123+0000', id, rule: { id: '5760', level: 5, groups: ['syslog', 'sshd'] }, agent: { id: '001', name: 'web01' }, ...(data ? { data } : {}), location: '/var/log/auth.log' });
  const dir = tempFiles({ 'base.conf': base, 'head.conf': head, 'alerts.json': [alert('1.1', { srcip: '203.0.113.5' }), alert('1.2', { dstuser: 'bob' })].join('\n') + '\n' });
  const group = (from: string, to: string) => {
    const r = runArctl(['diff', from, to, '--alerts', 'alerts.json', '--format', 'json'], { cwd: dir });
    assert.equal(r.status, 0, r.stderr);
    return (JSON.parse(r.stdout) as DiffReport).behaviour!.groups[0]!;
  };
  const added = group('base.conf', 'head.conf');
  assert.deepEqual([added.category, added.alerts], ['newly-fires', 2]);
  // Both still count: analysisd sends the message and execd runs the program, which logs and exits (active_responses.c:256).
  assert.equal(added.note, `1 of the 2 alerts lack what the program acts on, so it blocks nothing for it; alert 1.2: no srcip in the alert: firewall-drop logs "Cannot read 'srcip' from data or invalid IP format" and exits before check_keys, acting on nothing`);
  const removed = group('head.conf', 'base.conf');
  assert.equal(removed.category, 'stops-firing');
  assert.match(removed.note ?? '', /^1 of the 2 alerts lack what the program acts on, so it blocks nothing for it \(so stopping it changes nothing there\); alert 1\.2: /);
});
