import { test } from 'node:test';
import assert from 'node:assert/strict';
import { alertFacts, rebuildGroupString } from '../../src/simulate/alert.ts';
import { atoi } from '../../src/wazuh/c-number.ts';
import { orderSensitive } from '../../src/simulate/engine.ts';
import { splitExtraArgs } from '../../src/wazuh/programs.ts';
import { subjectHost } from '../../src/simulate/email.ts';
import { parseAssertFile } from '../../src/simulate/assert.ts';

test('the group string is rebuilt with the compliance prefixes alerts.json strips', () => {
  const rule = { groups: ['syslog', 'sshd'], pci_dss: ['10.2.4'], gdpr: ['IV_35.7.d'], nist_800_53: ['AU.14'], tsc: ['CC6.1'], hipaa: ['164.312.b'], gpg13: ['7.1'], cis: ['1.1'] };
  assert.equal(rebuildGroupString(rule), 'syslog,sshd,pci_dss_10.2.4,cis_1.1,gdpr_IV_35.7.d,gpg13_7.1,hipaa_164.312.b,nist_800_53_AU.14,tsc_CC6.1,');
  assert.equal(rebuildGroupString({}), '');
});

test('order-sensitive rules_group patterns: a comma followed by more text, or an end anchor', () => {
  assert.equal(orderSensitive('sshd'), false);
  assert.equal(orderSensitive('authentication_failed,'), false);
  assert.equal(orderSensitive('sshd|web'), false);
  assert.equal(orderSensitive('sshd,authentication_failed'), true);
  assert.equal(orderSensitive('web|pci_dss_10.2.4,$'), true);
});

test('extra_args: strtok on single spaces, 2047 bytes at most', () => {
  assert.deepEqual(splitExtraArgs(undefined), []);
  assert.deepEqual(splitExtraArgs('  -a   b\tc  '), ['-a', 'b\tc']);
  assert.equal(splitExtraArgs('x'.repeat(3000))[0].length, 2047);
});

test('alert facts: C atoi on ids, data.srcip or a top-level srcip, syscheck path', () => {
  assert.equal(atoi(' 12ab'), 12);
  assert.equal(atoi('abc'), 0);
  const f = alertFacts({ rule: { id: 5715, level: '7' }, srcip: '1.2.3.4', syscheck: { path: '/etc/passwd' }, agent: { id: '002', name: 'a', ip: '10.0.0.2' }, location: '/var/log/x' });
  assert.equal(f.ruleId, 5715);
  assert.equal(f.ruleIdText, '5715');
  assert.equal(f.ruleLevel, 7);
  assert.equal(f.srcip, '1.2.3.4');
  assert.equal(f.filename, '/etc/passwd');
  assert.equal(subjectHost(f), '(a) 10.0.0.2->/var/log/x');
  // alerts.log's location (the host maild reading it matches): an agent's event keeps `(name) ip->`, `any` when
  // alerts.json has no agent.ip (json_extended.c:497 leaves `any` out); the manager's own is `name->`.
  assert.equal(subjectHost({ ...f, agentIp: undefined }), '(a) any->/var/log/x');
  assert.equal(subjectHost({ ...f, agentId: '000', agentIp: undefined }), 'a->/var/log/x');
});

test('assert files: YAML or JSON, targets normalised, mistakes named', () => {
  const [e] = parseAssertFile('- alert: 3\n  fires: [{command: firewall-drop, targets: [1, "002"]}, host-deny]\n');
  assert.deepEqual(e.fires, [{ command: 'firewall-drop', targets: ['001', '002'] }, { command: 'host-deny' }]);
  assert.throws(() => parseAssertFile('{"alert": 1}'), /expected a list/);
  assert.throws(() => parseAssertFile('[{"alert": 1}]'), /neither fires nor notFires/);
  assert.throws(() => parseAssertFile('[{"alert": 1, "fire": []}]'), /unknown key 'fire'/);
  assert.throws(() => parseAssertFile('[{"alert": -1, "notFires": ["x"]}]'), /'alert' must be/);
});
