/**
 * Focused tests for the tricky parts of the ruleset-aware, white_list, e-mail and version rules, and
 * their agreement with verified/acceptance.json (what wazuh-analysisd v4.14.7 really accepts).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigDocument } from '../../src/document/document.ts';
import { formatMessage, runRules } from '../../src/lint/engine.ts';
import { classifyAddress } from '../../src/lint/rules/email-address-invalid.ts';
import { normalisedGroupPattern } from '../../src/lint/rules/email-group-format.ts';
import { classifyNonIp } from '../../src/lint/rules/whitelist-not-ip.ts';
import { rangeToCidrs } from '../../src/lint/white-list.ts';
import { rulesBoundTo } from '../../src/lint/ruleset-facts.ts';
import { loadRuleset } from '../../src/wazuh/ruleset.ts';
import { parseIpv4 } from '../../src/wazuh/ip.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import type { Ruleset, WazuhRule } from '../../src/wazuh/ruleset-types.ts';
import { corpusDir, corpusSkip, specDir, specSkip } from '../helpers/paths.ts';

const RULE_IDS = [
  'rules-id-unknown', 'level-unreachable', 'rules-group-unknown', 'self-lockout-risk',
  'whitelist-not-ip', 'whitelist-missing-self', 'whitelist-duplicate', 'whitelist-suppresses-all-ar',
  'email-alerts-without-notification', 'email-notification-incomplete', 'email-address-invalid', 'email-rule-id-format',
  'email-level-invalid', 'email-group-format', 'email-alerts-no-filter', 'email-format-invalid', 'do-not-delay-misuse',
  'event-location-repeated', 'email-maxperhour-range', 'email-log-source-invalid', 'email-group-ignored',
  'option-not-in-version', 'mixed-fleet-legacy-message',
];

test('e-mail address classification', () => {
  assert.equal(classifyAddress('soc@example.com'), undefined);
  assert.equal(classifyAddress('root@localhost'), undefined);
  assert.deepEqual(classifyAddress('a@x.io, b@y.io')?.addresses, ['a@x.io', 'b@y.io']);
  assert.deepEqual(classifyAddress('a@x.io b@y.io;c@z.io')?.addresses, ['a@x.io', 'b@y.io', 'c@z.io']);
  assert.equal(classifyAddress('Ops <ops@x.io>')?.messageId, 'displayName');
  assert.equal(classifyAddress('admin')?.messageId, 'noAt');
  assert.equal(classifyAddress(' a@x.io ')?.trimmed, 'a@x.io');
  assert.equal(classifyAddress('a@x.io\u00a0')?.messageId, 'nonAscii');
});

test('e-mail group normalisation keeps anchored and negated patterns alone', () => {
  assert.equal(normalisedGroupPattern('sshd, authentication_failed'), 'sshd,|authentication_failed,');
  assert.equal(normalisedGroupPattern('web;attack | ids'), 'web,|attack,|ids,');
  assert.equal(normalisedGroupPattern('^syslog,sshd,$'), undefined);
  assert.equal(normalisedGroupPattern('!sshd'), undefined);
});

test('white_list values that are not one IPv4 entry', () => {
  assert.deepEqual(classifyNonIp('10.0.0.*')?.values, ['10.0.0.0/24']);
  assert.deepEqual(classifyNonIp('10.*.*.*')?.values, ['10.0.0.0/8']);
  assert.equal(classifyNonIp('10.*.0.1')?.values, undefined);
  assert.deepEqual(classifyNonIp('10.0.0.0 - 10.0.1.255')?.values, ['10.0.0.0/23']);
  assert.deepEqual(classifyNonIp('1.1.1.1,2.2.2.2')?.values, ['1.1.1.1', '2.2.2.2']);
  assert.equal(classifyNonIp('fe80::1')?.messageId, 'ipv6');
  assert.equal(classifyNonIp('2001:db8::/32')?.messageId, 'ipv6Cidr');
  assert.equal(classifyNonIp('1.1.1')?.messageId, 'partial');
  assert.equal(classifyNonIp('gw.example.com')?.messageId, 'hostname');
  assert.equal(classifyNonIp('a(b')?.messageId, 'pattern');
});

test('address ranges become the fewest covering CIDR blocks', () => {
  const r = (a: string, b: string) => rangeToCidrs(parseIpv4(a)!, parseIpv4(b)!);
  assert.deepEqual(r('10.0.0.0', '10.0.0.255'), ['10.0.0.0/24']);
  assert.deepEqual(r('10.0.0.1', '10.0.0.9'), ['10.0.0.1', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/31']);
  assert.deepEqual(r('0.0.0.0', '255.255.255.255'), ['0.0.0.0/0']);
  assert.deepEqual(r('255.255.255.254', '255.255.255.255'), ['255.255.255.254/31']);
});

test('Rule_AddAR binding: level AND group when both are set, rules_id OR-ed, level 0 and no_ar excluded', () => {
  const rule = (id: number, level: number, groupString: string, more: Partial<WazuhRule> = {}): WazuhRule => ({
    id, level, arLevel: level, groupString, correlation: false, noAr: false, alertByEmail: false, noEmailAlert: false, options: [],
    description: '', file: 'x.xml', line: 1, overwritten: false, ...more,
  });
  const rules = [rule(1, 10, 'syslog,sshd,'), rule(2, 5, 'syslog,sshd,'), rule(3, 12, 'web,'), rule(4, 0, 'sshd,'), rule(5, 13, 'sshd,', { noAr: true })];
  const ruleset: Ruleset = { rules: new Map(rules.map((r) => [r.id, r])), groups: new Set(), files: [], problems: [] };
  const ids = (t: { level: number; group?: string; ruleIds?: number[] }) =>
    rulesBoundTo({ level: t.level, group: t.group, ruleIds: t.ruleIds ?? [] }, ruleset).map((r) => r.id);
  assert.deepEqual(ids({ level: 10, group: 'sshd,' }), [1]);
  assert.deepEqual(ids({ level: 10 }), [1, 3]);
  assert.deepEqual(ids({ level: 0, group: 'SSHD' }), [1, 2]);
  assert.deepEqual(ids({ level: 11, group: 'sshd,', ruleIds: [2, 4, 5] }), [2]);
  assert.deepEqual(ids({ level: 0 }), []);
});

test('verified/acceptance.json: these rules say "refuses to start" exactly where analysisd refuses an e-mail or white_list value', { skip: specSkip }, () => {
  const { cases } = JSON.parse(readFileSync(join(specDir, 'verified/acceptance.json'), 'utf8')) as {
    cases: Array<{ name: string; config: string; accepted: boolean; wazuh_says: string[] }>;
  };
  const relevant = cases.filter((c) => /white_list|email_to/.test(c.name));
  assert.ok(relevant.length >= 10);
  for (const c of relevant) {
    const doc = ConfigDocument.fromText('ossec.conf', c.config);
    const found = runRules(doc, { target: parseTargetVersion('4.14'), managerIps: [], only: RULE_IDS });
    const refusals = found.filter((d) => d.severity === 'error' && /refuses? to start/.test(formatMessage(d)));
    assert.equal(refusals.length > 0, !c.accepted, `${c.name}: accepted=${c.accepted}, found: ${found.map((e) => e.ruleId).join(', ')}`);
  }
});

test('corpus: none of these rules reports anything on Wazuh 4.14.7 stock configurations', { skip: corpusSkip }, () => {
  const ruleset = loadRuleset([join(corpusDir, 'rules/wazuh-v4.14.7')]);
  for (const name of ['wazuh__v4.14.7__etc_ossec-server.conf', 'wazuh__v4.14.7__etc_ossec-agent.conf', 'wazuh__v4.14.7__src_win32_ossec.conf']) {
    const path = join(corpusDir, 'conf', name);
    const doc = new ConfigDocument(path, readFileSync(path));
    const found = runRules(doc, { target: parseTargetVersion('4.14'), managerIps: ['10.0.0.2'], ruleset, only: RULE_IDS });
    assert.deepEqual(found.map((d) => `${d.ruleId}@${doc.position(d.range.start).line}`), [], name);
  }
});
