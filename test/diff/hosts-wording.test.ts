/**
 * Where a group's responses run, in words: the manager (target 000: location server, or local on the manager's
 * own event) is no agent, and location all never reaches it (src/analysisd/alerts/exec.c iterates the active
 * agents). Through the CLI.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { runArctl } from '../helpers/cli.ts';
import { projectRoot } from '../helpers/paths.ts';
import { tempFiles } from '../helpers/temp.ts';

const base = readFileSync(join(projectRoot, 'examples/ossec.conf'), 'utf8');
const alert = (id: string, agent: string, srcip: string) =>
  JSON.stringify({ timestamp: '2024-05-02T09:14:07.123+0000', id, rule: { id: '5712', level: 10, groups: ['syslog', 'sshd'] }, agent: { id: agent, name: `host${agent}` }, data: { srcip }, location: '/var/log/auth.log' });

test('a response that now runs on the manager is said to, not counted as an agent', () => {
  const dir = tempFiles({
    'base.conf': base,
    // The sshd block moves from local to server: it runs on the manager whatever agent the event came from.
    'server.conf': base.replace('<location>local</location>\n    <rules_id>5712,5720</rules_id>', '<location>server</location>\n    <rules_id>5712,5720</rules_id>'),
    'alerts.json': [alert('1.1', '001', '203.0.113.5'), alert('1.2', '000', '203.0.113.6'), alert('1.3', '002', '203.0.113.7')].join('\n') + '\n',
  });
  const r = runArctl(['diff', 'base.conf', 'server.conf', '--alerts', 'alerts.json'], { cwd: dir });
  assert.equal(r.status, 0, r.stderr);
  // 1.2 is the manager's own event: local ran it there already, so only 1.1 and 1.3 change.
  assert.match(r.stdout, /: 2 alerts fire on other targets \(local -> server\) on the manager, 2 source addresses$/m);
  const back = runArctl(['diff', 'server.conf', 'base.conf', '--alerts', 'alerts.json'], { cwd: dir });
  assert.match(back.stdout, /: 2 alerts fire on other targets \(server -> local\) on 2 agents, 2 source addresses$/m);
});
