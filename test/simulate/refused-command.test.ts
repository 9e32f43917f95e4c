/**
 * A response whose <command> analysisd refused for its own content (here wazuh-ansible's rendered
 * `<timeout_allowed>True</timeout_allowed>`, (1235), src/config/active-response.c:342-349): analysisd stops
 * at the command and never reads the response. `simulate --force` says that, not "because of this block:
 * invalid block".
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runArctl, simulateJson } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const config = 'test/fixtures/unfamiliar/ansible-rendered-booleans.ossec.conf';
const alert = tempFile(
  'alert.json',
  `${JSON.stringify({ timestamp: '2024-05-01T00:00:00.000+0000', id: '1714521600.1', rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'web01' }, data: { srcip: '45.18.142.44' }, location: '/var/log/auth.log' })}\n`,
);

test('simulate --force: a response whose command Wazuh refused is rejected at that command, in text and JSON', () => {
  const json = simulateJson(['--force', '--file', config, alert]);
  const response = json.alerts[0]!.responses[0]!;
  assert.equal(response.reason, 'rejected');
  assert.equal(response.detail, "Wazuh refuses the configuration at its <command> 'firewall-drop' and never reads this block");
  const text = runArctl(['simulate', '--force', '--file', config, alert]);
  assert.equal(text.status, 0, text.stderr);
  assert.match(text.stdout, /rejected .*at its <command> 'firewall-drop' and never reads this block/);
  assert.doesNotMatch(text.stdout, /because of this block/);
});
