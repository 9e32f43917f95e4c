/** Read_Remote (src/wazuh/load-remote.ts) on its own: what wazuh-remoted logs for each <remote> value. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigDocument } from '../../src/document/document.ts';
import { loadRemoted } from '../../src/wazuh/load.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';

function remoted(body: string, version = '4.14') {
  const doc = new ConfigDocument('ossec.conf', Buffer.from(`<ossec_config>\n${body}\n</ossec_config>\n`));
  const r = loadRemoted(doc, parseTargetVersion(version));
  return { problems: r.problems.map((m) => m.text), warnings: r.warnings.map((w) => `${w.message.text} -> ${w.applied}`) };
}

test('<protocol>: comma-separated words in any case, spaces before a word skipped and from one on cut; each other word ignored', () => {
  assert.deepEqual(remoted('<remote><connection>secure</connection><protocol> udp ,TCP</protocol></remote>'), { problems: [], warnings: [] });
  assert.deepEqual(remoted('<remote><connection>secure</connection><protocol>tcp,</protocol></remote>').warnings, [
    "(9001): Ignored invalid value '' for 'protocol'. -> ignores it: it listens on TCP only",
  ]);
  assert.deepEqual(remoted('<remote><connection>secure</connection><protocol>tcp;udp</protocol></remote>').warnings, [
    "(9001): Ignored invalid value 'tcp;udp' for 'protocol'. -> then '(9000): Error getting protocol. Default value (TCP) will be used.', and listens on TCP only",
  ]);
  // TCP and UDP: a secure connection's alone.
  assert.deepEqual(remoted('<remote><connection>syslog</connection><protocol>udp,tcp</protocol></remote>').warnings, [
    '(9002): Only secure connection supports TCP and UDP at the same time. Default value (TCP) will be used. -> listens on TCP only',
  ]);
});

test('<connection>, <port>, <queue_size>: what stops remoted', () => {
  assert.deepEqual(remoted('<remote><connection>Secure</connection></remote>').problems, ["(1235): Invalid value for element 'connection': Secure."]);
  assert.deepEqual(remoted('<remote><connection>secure</connection><port></port></remote>').problems, ["(1205): Invalid port number: '0'."]);
  assert.deepEqual(remoted('<remote><connection>secure</connection><port>65536</port></remote>').problems, ["(1205): Invalid port number: '65536'."]);
  assert.deepEqual(remoted('<remote><connection>secure</connection><port>65535</port><queue_size> 1</queue_size></remote>').problems, []);
  assert.deepEqual(remoted('<remote><connection>secure</connection><queue_size>1 </queue_size></remote>').problems, ["Invalid value for option '<queue_size>'"]);
  // Two secure connections, in two blocks or in one.
  const twice = '<remote><connection>secure</connection></remote><remote><connection>secure</connection></remote>';
  assert.deepEqual(remoted(twice).problems, ["(1244): Can't add more than one secure connection."]);
  assert.deepEqual(remoted('<remote><connection>secure</connection><connection>secure</connection></remote>').problems, ["(1244): Can't add more than one secure connection."]);
  // A refused block is not also "not configured".
  assert.deepEqual(remoted('<remote><connection>tcp</connection></remote>').problems, ["(1235): Invalid value for element 'connection': tcp."]);
  assert.deepEqual(remoted('<remote><port>1514</port></remote>').problems, ['(1201): No remote connection configured.']);
});

test('the times: rids_closing_time as w_parse_time reads it, connection_overtake_time digits 0-3600', () => {
  const times = (rids: string, overtake: string) => remoted(`<remote><connection>secure</connection><rids_closing_time>${rids}</rids_closing_time><connection_overtake_time>${overtake}</connection_overtake_time></remote>`).warnings;
  assert.deepEqual(times('1w', '0'), []);
  assert.deepEqual(times('0', '3600'), ["(9004): Invalid value '0' in 'rids_closing_time' option. Default value will be used. -> uses 5m (300 seconds)"]);
  assert.deepEqual(times('5ms', '3601'), [
    "(9004): Invalid value '5ms' in 'rids_closing_time' option. Default value will be used. -> uses 5m (300 seconds)",
    "Invalid value for element 'connection_overtake_time':'3601'. Setting to default value: '60'. -> uses 60 seconds",
  ]);
});

test('versions: <agents> and <connection_overtake_time> from 4.6, (9003) in 4.2 and 4.3, nothing before 4.2', () => {
  const body = '<remote><connection>secure</connection><ipv6>yes</ipv6><agents><allow_higher_versions>yes</allow_higher_versions></agents></remote>';
  assert.deepEqual(remoted(body, '4.6'), { problems: [], warnings: [] });
  assert.deepEqual(remoted(body, '4.5').problems, ["(1230): Invalid element in the configuration: 'agents'."]);
  // (A block refused for one option gets no final checks: here without <agents>.)
  assert.deepEqual(remoted(body.replace(/<agents>.*<\/agents>/, ''), '4.3').warnings, ['(9003): Secure connection does not support IPv6. IPv4 will be used instead. -> listens on IPv4 only']);
  assert.deepEqual(remoted(body, '4.1'), { problems: [], warnings: [] });
});
