/**
 * The address a stock IP blocker acts on, next to the one analysisd checked against <white_list>
 * (src/simulate/program-address.ts), through the built CLI on test/fixtures/simulate/program-address*:
 * analysisd checks the white list against lf->srcip alone (alerts/exec.c:43-49, get_ip:287-321), which a
 * Windows eventchannel alert never has (decoders/winevtchannel.c:737, plugins/json_decoder.c:24-25), while
 * the programs read data.win.eventdata.ipAddress first (active_responses.c:250-273); a srcip with leading
 * zeros is no address to inet_pton (validate_op.c:350-356) but one to getaddrinfo (active_responses.c:562-590;
 * on Windows, which host netsh.exe then blocks is not modelled);
 * netsh blocks remoteip=<address>/32 (netsh.c:115).
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFile } from '../helpers/temp.ts';

const fixtures = join(projectRoot, 'test/fixtures/simulate');
const args = [join(fixtures, 'program-address-alerts.jsonl'), '--file', join(fixtures, 'program-address.conf')];

const rows = (extra: string[] = []) =>
  simulateJson([...args, ...extra]).alerts.map((a) => a.responses.filter((r) => r.fired).map((r) => [r.command, r.detail ?? '']));

test('a whitelisted Windows ipAddress is blocked, a srcip with leading zeros is not whitelisted, netsh blocks IPv6 /32', () => {
  assert.deepEqual(rows(), [
    [
      [
        'netsh',
        'netsh acts on data.win.eventdata.ipAddress 192.168.80.13, which <white_list> (192.168.80.0/24) covers, but analysisd checks the white list against the alert\'s srcip alone (which this alert does not have): the whitelisted address is blocked',
      ],
    ],
    // 203.0.113.50 is in no white-list entry: nothing to say.
    [['netsh', '']],
    [
      // netsh runs on Windows, whose getaddrinfo and netsh.exe are not modelled: no claim about the host it
      // blocks, only that the manager's white list never compares '010.1.1.1' (inet_pton refuses it).
      [
        'netsh',
        "data.srcip '010.1.1.1' is no address to the white list's networks (analysisd reads it with inet_pton, which refuses leading zeros and short forms), so no entry spares it: netsh passes it on as written if Windows' getaddrinfo takes it, and which host Windows then blocks (8.1.1.1, its zeros read as octal, or another) is not modelled here: 10.1.1.1, the zeros dropped, is in <white_list> (10.1.1.0/24), never compared",
      ],
      [
        'firewall-drop',
        "data.srcip '010.1.1.1' is no address to the white list's networks (analysisd reads it with inet_pton, which refuses leading zeros and short forms), but firewall-drop takes it (getaddrinfo reads it as inet_aton does: 8.1.1.1) and passes it on as written: 10.1.1.1, the zeros dropped, is in <white_list> (10.1.1.0/24), never compared",
      ],
    ],
    [
      ['netsh', 'netsh blocks remoteip=2001:db8:4a::17/32, as it does every address: for an IPv6 one that is a whole /32 network, not the one host'],
      // ip6tables gets the address itself.
      ['firewall-drop', ''],
    ],
  ]);
});

test('the text report carries the note after the match; pre-4.2 targets (srcip argument from analysisd) get none', () => {
  const text = runArctl(['simulate', ...args]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /netsh +fired +003 +600s +matched by rules_id \(netsh acts on data\.win\.eventdata\.ipAddress 192\.168\.80\.13, which <white_list> \(192\.168\.80\.0\/24\) covers, .*the whitelisted address is blocked\)\n/);
  // With the agent's client.keys address, the legacy message's location is known: nothing to say.
  const legacy = rows(['--target-version', '4.1', '--agents', tempFile('client.keys', '003 fileserver any 0123456789abcdef\n')]).flat();
  assert.equal(legacy.length, 6);
  assert.deepEqual(legacy.map(([, detail]) => detail), legacy.map(() => ''));
});

test("an IPv4-mapped srcip: analysisd's white list strips '::ffff:', firewall-drop writes an ip6tables rule IPv4 packets never meet", () => {
  // exec.c:291-293 compares 10.1.1.9 with the white list; default-firewall-drop.c:63-67 takes the text as IPv6.
  const alerts = tempFile(
    'mapped.jsonl',
    ['10.1.1.9', '203.0.113.5']
      .map((ip, i) => JSON.stringify({ timestamp: `2025-03-05T20:4${i}:00.000+0000`, rule: { level: 10, description: 'sshd: brute force', id: '5712', groups: ['sshd'] }, agent: { id: '003', name: 'web03' }, id: `1741207200.${i}`, data: { srcip: `::ffff:${ip}` }, location: '/var/log/secure' }))
      .join('\n'),
  );
  const [whitelisted, blocked] = simulateJson([alerts, '--file', join(fixtures, 'program-address.conf')]).alerts.map((a) => a.responses.map((r) => [r.command, r.fired, r.detail ?? '']));
  assert.deepEqual(whitelisted, [['netsh', false, 'srcip 10.1.1.9 is in <white_list> (10.1.1.0/24): analysisd skips every response for it'], ['firewall-drop', false, 'srcip 10.1.1.9 is in <white_list> (10.1.1.0/24): analysisd skips every response for it']]);
  assert.deepEqual(blocked![1], ['firewall-drop', true, "firewall-drop reads data.srcip '::ffff:203.0.113.5' as an IPv6 address (getaddrinfo) and drops it with ip6tables, but 203.0.113.5's packets reach the host as IPv4, which that rule never sees: nothing is blocked"]);
});
