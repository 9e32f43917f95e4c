/**
 * A response that hands the block to another host (wazuh/integrations' Ansible response runs ansible-playbook; others
 * ssh to a router) shows that command as its action: it is recorded, not run, like iptables. Before, the command was
 * looked up on this machine, usually not found, and the test said the program did nothing visible.
 */
import assert from 'node:assert/strict';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runArctlAsync } from '../helpers/cli.ts';
import { tempDir } from '../helpers/temp.ts';

const HANDS_OFF = `#!/bin/bash
read -r INPUT_JSON
COMMAND=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"command":"\\([a-z_]*\\)".*/\\1/p')
SRCIP=$(printf '%s' "$INPUT_JSON" | sed -n 's/.*"srcip":"\\([^"]*\\)".*/\\1/p')
if [ "$COMMAND" = "add" ]; then
  ansible-playbook /etc/ansible/block_ip.yml -e "ip_to_block=$SRCIP" >/dev/null 2>&1
  ssh fw01 "block $SRCIP" >/dev/null 2>&1
fi
exit 0
`;

test('ansible-playbook and ssh run by a response are recorded as its actions', async () => {
  const path = join(tempDir('arctl-script-prog-'), 'hand-off.sh');
  writeFileSync(path, HANDS_OFF);
  chmodSync(path, 0o755);
  const r = await runArctlAsync(['script', 'test', path, '--timeout', '0', '--format', 'json', '--no-isolation']);
  assert.equal(r.stderr, '');
  const report = JSON.parse(r.stdout) as { checks: Array<{ id: string; status: string }>; runs: Array<{ action: string; effects: string[] }> };
  assert.deepEqual(report.runs[0]!.effects, ['ran ansible-playbook /etc/ansible/block_ip.yml -e ip_to_block=203.0.113.7', 'ran ssh fw01 block 203.0.113.7']);
  assert.equal(report.checks.find((c) => c.id === 'acts')?.status, 'pass');
});
