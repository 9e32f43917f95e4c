/**
 * The recorders' firewall: `iptables -C` and `ipset test` answer from what the program's recorded commands added,
 * on a machine whose firewall starts empty, as an agent's would for the rules a response adds. A recorder that
 * always succeeded told every check "already there": a program that checks before it acts (`iptables -C ... ||
 * iptables -I ...`) then never showed its action, and one that checks before it deletes always deleted.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, test } from 'node:test';
import { runArctlAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';
import { RecordedFirewall } from '../../src/script/recorders.ts';

test('iptables -C finds a rule once -A or -I added it, in its table and family, and not once -D or -F took it out', () => {
  const fw = new RecordedFirewall();
  assert.equal(fw.answer('iptables -C INPUT -s 203.0.113.7 -j DROP'), false);
  fw.apply('iptables -I INPUT 1 -s 203.0.113.7 -j DROP');
  assert.equal(fw.answer('iptables -C INPUT -s 203.0.113.7 -j DROP'), true);
  assert.equal(fw.answer('iptables -w -t filter --check INPUT -s 203.0.113.7 -j DROP'), true);
  assert.equal(fw.answer('iptables -t nat -C INPUT -s 203.0.113.7 -j DROP'), false);
  assert.equal(fw.answer('ip6tables -C INPUT -s 203.0.113.7 -j DROP'), false);
  assert.equal(fw.answer('iptables -C FORWARD -s 203.0.113.7 -j DROP'), false);
  fw.apply('iptables -D INPUT -s 203.0.113.7 -j DROP');
  assert.equal(fw.answer('iptables -C INPUT -s 203.0.113.7 -j DROP'), false);
  fw.apply('iptables-legacy -A INPUT -s 198.51.100.23 -j REJECT');
  fw.apply('ip6tables -A INPUT -s 2001:db8::1 -j DROP');
  assert.equal(fw.answer('iptables-nft -C INPUT -s 198.51.100.23 -j REJECT'), true);
  fw.apply('iptables -F INPUT');
  assert.equal(fw.answer('iptables -C INPUT -s 198.51.100.23 -j REJECT'), false);
  assert.equal(fw.answer('ip6tables -C INPUT -s 2001:db8::1 -j DROP'), true);
});

test('ipset test finds an entry once ipset add put it in its set, and not after del or flush', () => {
  const fw = new RecordedFirewall();
  assert.equal(fw.answer('ipset test blocked 203.0.113.7'), false);
  fw.apply('ipset -exist add blocked 203.0.113.7');
  assert.equal(fw.answer('ipset test blocked 203.0.113.7'), true);
  assert.equal(fw.answer('ipset test other 203.0.113.7'), false);
  fw.apply('ipset del blocked 203.0.113.7');
  assert.equal(fw.answer('ipset test blocked 203.0.113.7'), false);
  fw.apply('ipset add blocked 203.0.113.8');
  fw.apply('ipset flush blocked');
  assert.equal(fw.answer('ipset test blocked 203.0.113.8'), false);
});

/** A blocker that checks before it inserts and before it deletes, as idempotent scripts do. */
const CHECK_FIRST = `#!/bin/bash
read -r INPUT_JSON
COMMAND=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"command":"\\([a-z_]*\\)".*/\\1/p')
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\\([^"]*\\)".*/\\1/p')
if [ "$COMMAND" = "add" ]; then
  printf '{"version":1,"origin":{"name":"check-first.sh","module":"active-response"},"command":"check_keys","parameters":{"keys":["%s"]}}\\n' "$SRCIP"
  read -r ANSWER
  case "$ANSWER" in *'"command":"continue"'*) ;; *) exit 0 ;; esac
  iptables -C INPUT -s "$SRCIP" -j DROP 2>/dev/null || iptables -I INPUT -s "$SRCIP" -j DROP
elif [ "$COMMAND" = "delete" ]; then
  if iptables -C INPUT -s "$SRCIP" -j DROP 2>/dev/null; then iptables -D INPUT -s "$SRCIP" -j DROP; fi
fi
exit 0
`;

const namespaceSkip = spawnSync('unshare', ['--user', '--net', '--map-root-user', 'true']).status === 0 ? false : 'unshare of user and network namespaces is not permitted here';

for (const [label, args, skip] of [['without isolation', ['--no-isolation'], false], ['isolated', [], namespaceSkip]] as const) {
  describe(`arctl script test, ${label}`, { skip }, () => {
    test('a program that checks with iptables -C before it inserts and before it deletes shows both actions', async () => {
      const path = join(tempDir('arctl-script-prog-'), 'check-first.sh');
      writeFileSync(path, CHECK_FIRST);
      chmodSync(path, 0o755);
      const r = await runArctlAsync(['script', 'test', path, '--timeout', '60', '--format', 'json', ...args]);
      assert.equal(r.stderr, '');
      const report = JSON.parse(r.stdout) as { compliant: boolean; runs: Array<{ action: string; answer?: string; effects: string[] }> };
      const ran = (action: string) => report.runs.filter((run) => run.action === action && run.answer !== 'abort').map((run) => run.effects.filter((e) => e.startsWith('ran ')));
      assert.deepEqual(ran('add'), [['ran iptables -I INPUT -s 203.0.113.7 -j DROP'], ['ran iptables -I INPUT -s 198.51.100.23 -j DROP'], ['ran iptables -I INPUT -s 203.0.113.7 -j DROP']]);
      assert.deepEqual(ran('delete'), [['ran iptables -D INPUT -s 203.0.113.7 -j DROP'], ['ran iptables -D INPUT -s 198.51.100.23 -j DROP'], ['ran iptables -D INPUT -s 203.0.113.7 -j DROP']]);
      assert.equal(report.compliant, true, r.stdout);
      assert.equal(r.status, 0);
    });
  });
}
