import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { loadRuleset, orderRuleDirs, ruleMails } from '../../src/wazuh/ruleset.ts';
import { corpusDir, corpusSkip } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const rulesDir = (files: Record<string, string>) => tempFiles(files, 'arctl-rules-');

test('group string: the root name attribute followed by every <group> child, concatenated as analysisd does', () => {
  const dir = rulesDir({
    'a.xml': `<group name="syslog,sshd,">
  <rule id="100" level="5">
    <match>x</match>
    <group>authentication_failed,</group>
    <description>first
line</description>
    <group>pci_dss_10.2.4,</group>
  </rule>
</group>
<group name="web,">
  <rule id="101" level="0"><match>y</match><description>d</description></rule>
</group>`,
  });
  const rs = loadRuleset([dir]);
  assert.deepEqual(rs.problems, []);
  const r = rs.rules.get(100)!;
  assert.equal(r.groupString, 'syslog,sshd,authentication_failed,pci_dss_10.2.4,');
  assert.equal(r.description, 'first line');
  assert.equal(r.line, 2);
  assert.equal(rs.rules.get(101)!.groupString, 'web,');
  assert.deepEqual([...rs.groups].sort(), ['authentication_failed', 'pci_dss_10.2.4', 'sshd', 'syslog', 'web']);
});

test('group string over 2048 bytes: (1104) logged, the group string lost, a later piece starts anew; newlines removed (rules.c loadmemory)', () => {
  const long = (n: number) => `${'g'.repeat(n - 1)},`;
  const dir = rulesDir({
    'a.xml': `<group name="syslog,">
  <rule id="200" level="5"><match>x</match><group>${long(2049)}</group><description>a piece over 2048 bytes</description></rule>
  <rule id="201" level="5"><match>x</match><group>${long(2047)}</group><group>late,</group><description>string 2054 bytes, then a piece: lost</description></rule>
  <rule id="202" level="5"><match>x</match><group>${long(2040)}</group><group>ok,</group><description>2047 + 3 bytes: kept</description></rule>
  <rule id="203" level="5"><match>x</match><group>${long(2049)}</group><group>${long(2048)}</group><group>again,</group><description>lost; after a loss 2048 bytes is too many; then anew</description></rule>
  <rule id="204" level="5"><match>x</match><group>multi,
line,</group><description>newlines go</description></rule>
</group>`,
  });
  const rs = loadRuleset([dir]);
  assert.equal(rs.rules.get(200)!.groupString, '');
  assert.equal(rs.rules.get(201)!.groupString, '', 'syslog, + 2047 bytes is over 2048: the next piece loses it');
  assert.equal(rs.rules.get(202)!.groupString, `syslog,${long(2040)}ok,`);
  assert.equal(rs.rules.get(203)!.groupString, 'again,');
  assert.equal(rs.rules.get(204)!.groupString, 'syslog,multi,line,');
  assert.deepEqual(rs.problems.map((p) => [p.line, p.severity, p.message.slice(0, 41)]), [
    [2, 'warning', '(1104): Maximum string size reached for: '],
    [3, 'warning', '(1104): Maximum string size reached for: '],
    [5, 'warning', '(1104): Maximum string size reached for: '],
    [5, 'warning', '(1104): Maximum string size reached for: '],
  ]);
  assert.ok(rs.problems[1]!.message.endsWith('for: late,.'), 'the piece that failed is named');
});

test('options, accuracy="0" and the mail flag', () => {
  const dir = rulesDir({
    'a.xml': `<group name="g,">
  <rule id="1" level="10"><match>a</match><options>no_ar</options><options>no_email_alert</options></rule>
  <rule id="2" level="3"><match>a</match><options>alert_by_email</options></rule>
  <rule id="3" level="8" accuracy="0"><match>a</match></rule>
  <rule id="4" level="12"><match>a</match><options>no_email_alert</options><options>alert_by_email</options></rule>
</group>`,
  });
  const rs = loadRuleset([dir]);
  assert.deepEqual(rs.problems, []);
  assert.equal(rs.rules.get(1)!.noAr, true);
  assert.equal(rs.rules.get(1)!.noEmailAlert, true);
  assert.equal(ruleMails(rs.rules.get(1)!, 7), false);
  assert.equal(ruleMails(rs.rules.get(2)!, 7), true);
  assert.equal(rs.rules.get(3)!.arLevel, 0);
  assert.equal(rs.rules.get(3)!.level, 8);
  assert.equal(ruleMails(rs.rules.get(4)!, 7), true, 'the last option wins');
});

test('duplicates keep the first (7612); overwrite="yes" replaces and remembers the original; overwrite of a missing id loads it (7613)', () => {
  const stock = rulesDir({
    '0010-a.xml': `<group name="a,"><rule id="5" level="3"><match>a</match><description>orig</description></rule></group>`,
    '0020-b.xml': `<group name="b,">
  <rule id="5" level="9"><match>b</match><description>dup</description></rule>
  <rule id="6" level="2" overwrite="yes"><match>b</match><description>new</description></rule>
</group>`,
  });
  const local = join(
    rulesDir({
      'etc/rules/local_rules.xml': `<group name="local,"><rule id="5" level="12" overwrite="yes"><match>c</match><options>no_ar</options><description>mine</description></rule></group>`,
    }),
    'etc/rules',
  );
  const rs = loadRuleset([local, stock]);
  const r = rs.rules.get(5)!;
  assert.equal(r.level, 12);
  assert.equal(r.groupString, 'local,');
  assert.equal(r.description, 'mine');
  assert.equal(r.noAr, true);
  assert.equal(r.overwritten, true);
  assert.deepEqual(r.overwrittenFrom, { file: join(stock, '0010-a.xml'), line: 1 });
  assert.equal(rs.rules.get(6)!.overwritten, false);
  assert.deepEqual(
    rs.problems.map((p) => [p.severity, p.message.slice(0, 6), p.line]),
    [
      ['warning', '(7612)', 2],
      ['warning', '(7613)', 3],
    ],
  );
});

test('local rules dirs (etc/rules) load after the stock ruleset whatever the order given', () => {
  assert.deepEqual(orderRuleDirs(['/var/ossec/etc/rules', '/var/ossec/ruleset/rules']), ['/var/ossec/ruleset/rules', '/var/ossec/etc/rules']);
  assert.deepEqual(orderRuleDirs(['b', 'a']), ['b', 'a']);
});

test('the files of all directories load sorted by file name, as analysisd sorts its rule list (rules-config.c cmpr)', () => {
  const rule = (id: number, description: string, overwrite = false) =>
    `<group name="x,"><rule id="${id}" level="5"${overwrite ? ' overwrite="yes"' : ''}><match>m</match><description>${description}</description></rule></group>\n`;
  const stock = rulesDir({ '0100-stock.xml': rule(100, 'stock') + rule(200, 'stock 200'), 'local_rules.xml': rule(300, 'stock copy') });
  const local = rulesDir({ '0000-first.xml': rule(100, 'local first'), 'local_rules.xml': rule(200, 'local overwrite', true) + rule(300, 'local copy') });
  const ruleset = loadRuleset([local, stock]);
  assert.deepEqual(ruleset.files.map((f) => f.slice(f.lastIndexOf('/') + 1)), ['0000-first.xml', '0100-stock.xml', 'local_rules.xml', 'local_rules.xml']);
  // 0000-first.xml defines 100 first; the stock 100 is the duplicate (7612). Equal names: the given order.
  assert.equal(ruleset.rules.get(100)?.description, 'local first');
  assert.equal(ruleset.rules.get(200)?.description, 'local overwrite');
  assert.equal(ruleset.rules.get(300)?.description, 'local copy');
  assert.ok(ruleset.problems.some((p) => p.message.startsWith("(7612): Rule ID '100' is duplicated")));
});

test('variables are substituted as OS_ApplyVariables does; problems never throw', () => {
  const dir = rulesDir({
    'a.xml': `<var name="GRP">sshd,</var>
<group name="syslog,$GRP">
  <rule id="7" level="4"><match>a</match><description>user $(dstuser) on $GRP</description></rule>
</group>`,
    'b.xml': `<group name="x,"><rule id="8" level="3"><match>a</match></rule>`,
    'c.xml': `<group name="x,"><rule id="9" level="3"><match>a</match><options>noar</options></rule></group>`,
    'd.xml': `<var name="A">v</var><group name="x,"><rule id="10" level="3"><match>$BB</match></rule></group>`,
    'e.xml': '',
  });
  mkdirSync(join(dir, 'sub.xml'));
  const rs = loadRuleset([dir, join(dir, 'missing')]);
  assert.equal(rs.rules.get(7)!.groupString, 'syslog,sshd,');
  // OS_ApplyVariables does not count an unknown $(...) reference in its write offset, so the value of a
  // later variable overwrites the text from there (v4.14.7 compiled gives exactly this; see os_xml.json).
  assert.equal(rs.rules.get(7)!.description, 'user $(dssshd,');
  assert.equal(rs.rules.has(8), false);
  assert.equal(rs.rules.has(9), false);
  assert.equal(rs.rules.has(10), false);
  const byFile = rs.problems.map((p) => `${p.file.replace(dir, '')}:${p.line}:${p.severity}:${p.message.replaceAll(dir, '')}`);
  assert.equal(byFile.length, 4);
  assert.equal(byFile[0], "/b.xml:1:error:(1226): Error reading XML file '/b.xml': XMLERR: End of file and some elements were not closed. (line 1).");
  assert.match(byFile[1], /^\/c\.xml:1:error:Invalid value for element 'options': noar\./);
  assert.equal(byFile[2], "/d.xml:1:error:(1227): Error applying XML variables '/d.xml': XMLERR: Unknown variable: 'BB'..");
  assert.match(byFile[3], /^\/missing:0:error:cannot read rules directory: ENOENT: no such file or directory, scandir '\/missing'$/);
});

test('corpus: the Wazuh 4.14.7 ruleset loads cleanly, with the ids, levels and groups analysisd builds', { skip: corpusSkip }, () => {
  const dir = join(corpusDir, 'rules/wazuh-v4.14.7');
  const rs = loadRuleset([dir]);
  assert.deepEqual(rs.problems, []);
  assert.equal(rs.files.length, 168);
  assert.ok(rs.rules.size > 4000);
  const r5710 = rs.rules.get(5710)!;
  assert.equal(r5710.level, 5);
  assert.match(r5710.groupString, /^syslog,sshd,authentication_failed,/);
  assert.match(r5710.file, /0095-sshd_rules\.xml$/);
  assert.equal(rs.rules.get(5712)!.level, 10);
  assert.equal(rs.rules.get(600)!.level, 0);
  assert.equal(rs.rules.get(600)!.groupString, 'ossec,active_response,');
  assert.equal(rs.rules.get(31151)!.level, 10);
  assert.ok(rs.groups.has('authentication_failed'));
  assert.ok(!rs.groups.has('authentication_failure'));
  assert.equal(Math.max(...[...rs.rules.values()].map((r) => r.level)), 15);
});

test('corpus: 3.13, OSSEC and the extra overwrite rules', { skip: corpusSkip }, () => {
  const v3 = loadRuleset([join(corpusDir, 'rules/wazuh-v3.13.6')]);
  assert.deepEqual(v3.problems, []);
  assert.equal(v3.rules.get(5712)!.level, 10);
  const ossec = loadRuleset([join(corpusDir, 'rules/ossec-hids-master')]);
  assert.deepEqual(ossec.problems, []);
  assert.ok(ossec.rules.has(5712));
  const withExtra = loadRuleset([join(corpusDir, 'rules/wazuh-v4.14.7'), join(corpusDir, 'rules/extra')]);
  const r100002 = withExtra.rules.get(100002)!;
  assert.equal(r100002.level, 6);
  assert.equal(r100002.description, 'Overwrite rule');
  assert.equal(r100002.overwritten, true);
  const r31533 = withExtra.rules.get(31533)!;
  assert.equal(r31533.level, 9);
  assert.equal(r31533.overwritten, true);
  assert.match(r31533.overwrittenFrom!.file, /0270-web_appsec_rules\.xml$/);
  assert.match(r31533.groupString, /^web,appsec,attack,pci_dss_6\.5,/);
  assert.deepEqual(withExtra.problems, []);
});
