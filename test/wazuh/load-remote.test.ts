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

test('versions: <agents> and <connection_overtake_time> from 4.6, (9003) in 4.2 and 4.3, nothing before 3.7', () => {
  const body = '<remote><connection>secure</connection><ipv6>yes</ipv6><agents><allow_higher_versions>yes</allow_higher_versions></agents></remote>';
  assert.deepEqual(remoted(body, '4.6'), { problems: [], warnings: [] });
  assert.deepEqual(remoted(body, '4.5').problems, ["(1230): Invalid element in the configuration: 'agents'."]);
  // (A block refused for one option gets no final checks: here without <agents>.)
  const noAgents = body.replace(/<agents>.*<\/agents>/, '');
  assert.deepEqual(remoted(noAgents, '4.3').warnings, ['(9003): Secure connection does not support IPv6. IPv4 will be used instead. -> listens on IPv4 only']);
  assert.deepEqual(remoted(noAgents, '4.1'), { problems: [], warnings: [] });
  assert.deepEqual(remoted(body, '4.1').problems, ["(1230): Invalid element in the configuration: 'agents'."]);
  assert.deepEqual(remoted(body, '3.6'), { problems: [], warnings: [] });
});

test('before 4.2 (3.7 to 4.1): one <protocol> word or (1235); <ipv6> warned about from 4.1.2; <rids_closing_time> from 4.1, refused in 4.1.0 and 4.1.1', () => {
  const block = (options: string) => `<remote><connection>secure</connection>${options}</remote>`;
  for (const version of ['3.7', '4.0', '4.1']) {
    assert.deepEqual(remoted(block('<protocol>UDP</protocol>'), version), { problems: [], warnings: [] }, version);
    assert.deepEqual(remoted(block('<protocol>tcp,udp</protocol>'), version).problems, ["(1235): Invalid value for element 'protocol': tcp,udp."], version);
    // 4.2 on: a list, the bad word warned about.
    assert.deepEqual(remoted(block('<protocol>tcp,udp</protocol>'), '4.2'), { problems: [], warnings: [] });
  }
  assert.deepEqual(remoted(block('<ipv6>maybe</ipv6>'), '4.1.1'), { problems: [], warnings: [] });
  assert.deepEqual(remoted(block('<ipv6>maybe</ipv6>'), '4.1.2').warnings, ["(9001): Ignored invalid value 'maybe' for 'ipv6'. -> listens on IPv4 only (the default, no)"]);
  const rids = (value: string, version: string) => remoted(block(`<rids_closing_time>${value}</rids_closing_time>`), version);
  assert.deepEqual(rids('5m', '4.0').problems, ["(1230): Invalid element in the configuration: 'rids_closing_time'."]);
  for (const ok of ['5m', '300', '0x10s', '10d']) assert.deepEqual(rids(ok, '4.1.0').problems, [], ok);
  for (const bad of ['0', 'm', '5x', '1w', '2147483647', '5M']) assert.deepEqual(rids(bad, '4.1.1').problems, ["Invalid value for option '<rids_closing_time>'"], bad);
  assert.deepEqual(rids('5x', '4.1.2'), { problems: [], warnings: ["(9004): Invalid value '5x' in 'rids_closing_time' option. Default value will be used. -> uses 5m (300 seconds)"] });
  // A syslog <queue_size> is refused from 3.7 (the reader of 3.7.0 to 4.0.4).
  assert.deepEqual(remoted('<remote><connection>syslog</connection><queue_size>10</queue_size></remote>', '3.7').problems, ['Invalid option <queue_size> for Syslog remote connection.']);
});
