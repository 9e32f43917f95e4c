/**
 * A program that names the agent's installation by absolute path (Wazuh's documented Python template logs to
 * /var/ossec/logs/active-responses.log) finds the test's installation there when this machine has no Wazuh:
 * in the copy-on-write sandbox the installation directory stands at /var/ossec too. Before, such a program died
 * on FileNotFoundError before its reply, and the test called it not compliant for this machine's sake.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctlAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

// The copy-on-write overlay needs unprivileged overlayfs in a user namespace (as in script-test-cli.test.ts).
const overlayProbe = spawnSync('unshare', ['--user', '--mount', '--map-root-user', 'sh', '-c', 'd=$(mktemp -d) && mkdir "$d/l" "$d/u" "$d/w" "$d/m" && mount -t tmpfs t "$d/u" && mkdir "$d/u/u" "$d/u/w" && mount -t overlay o -o "userxattr,lowerdir=$d/l,upperdir=$d/u/u,workdir=$d/u/w" "$d/m"; s=$?; umount "$d/m" "$d/u" 2>/dev/null; rm -rf "$d"; exit $s']);
const skip = overlayProbe.status !== 0 ? 'unprivileged overlayfs in a user namespace is not permitted here' : existsSync('/var/ossec') ? 'this machine has a Wazuh installation at /var/ossec' : false;

const ABSOLUTE_PATHS = `#!/bin/bash
LOG=/var/ossec/logs/active-responses.log
read -r INPUT_JSON
echo "$(date '+%Y/%m/%d %H:%M:%S') block-abs: started" >> "$LOG" || exit 1
COMMAND=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"command":"\\([a-z_]*\\)".*/\\1/p')
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\\([^"]*\\)".*/\\1/p')
if [ "$COMMAND" = "add" ]; then
  printf '{"version":1,"origin":{"name":"block-abs.sh","module":"active-response"},"command":"check_keys","parameters":{"keys":["%s"]}}\\n' "$SRCIP"
  read -r ANSWER
  case "$ANSWER" in *'"command":"continue"'*) ;; *) exit 0 ;; esac
  echo "$SRCIP" >> /var/ossec/etc/blocked-ips
  echo "$(date '+%Y/%m/%d %H:%M:%S') block-abs: blocked $SRCIP" >> "$LOG"
elif [ "$COMMAND" = "delete" ]; then
  sed -i "/^$SRCIP\\$/d" /var/ossec/etc/blocked-ips
fi
exit 0
`;

test('a program that logs to /var/ossec/logs/active-responses.log and keeps state under /var/ossec runs as on an agent', { skip }, async () => {
  const path = join(tempDir('arctl-script-prog-'), 'block-abs.sh');
  writeFileSync(path, ABSOLUTE_PATHS);
  chmodSync(path, 0o755);
  const r = await runArctlAsync(['script', 'test', path, '--timeout', '60', '--format', 'json']);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as { compliant: boolean; isolation: string; checks: Array<{ id: string; status: string }>; runs: Array<{ effects: string[] }>; activeResponsesLog?: { lines: string[] } };
  assert.equal(report.isolation, 'mount-and-network-namespace');
  assert.deepEqual(report.checks.filter((c) => c.status !== 'pass' && c.status !== 'skip').map((c) => c.id), []);
  assert.equal(report.compliant, true);
  // Its files are the installation's (etc/blocked-ips), not the overlay's /var/ossec.
  const effects = report.runs.flatMap((run) => run.effects);
  assert.ok(effects.some((e) => /^created etc\/blocked-ips\b/.test(e)), JSON.stringify(effects));
  assert.deepEqual(effects.filter((e) => e.includes('/var/ossec')), []);
  assert.ok((report.activeResponsesLog?.lines ?? []).some((l) => l.includes('block-abs: blocked 203.0.113.7')), JSON.stringify(report.activeResponsesLog));
  const text = await runArctlAsync(['script', 'test', path, '--timeout', '60']);
  assert.match(text.stdout, /the installation directory is at \/var\/ossec too \(this machine has none\)/);
});
