import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { runArctlInProcess } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

// JSON files users write by hand: .arctl.json, a --agents list, a --assert file. Windows editors (Notepad)
// save UTF-8 with a byte order mark, which JSON.parse refused as an invisible "Unexpected token"; and a
// syntax error said "at position 57" or nothing at all instead of where it is.

const CONF = `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>all</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>
    <command>Firewall-Drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
  </active-response>
</ossec_config>
`;
const ALERT = JSON.stringify({ rule: { id: '5712', level: 10, groups: ['sshd'] }, agent: { id: '001', name: 'web01' }, data: { srcip: '203.0.113.5' } });
const BOM = '\uFEFF';

test('.arctl.json, --agents and --assert JSON saved with a byte order mark are read; a syntax error says FILE:LINE:COLUMN', async () => {
  const dir = tempFiles({
    'ossec.conf': CONF,
    'alert.json': ALERT,
    'agents.json': `${BOM}[{"id": "001", "name": "web01", "ip": "10.0.0.1"}, {"id": "002", "name": "db01", "ip": "10.0.0.2"}]`,
    'bad-agents.json': '[{"id": "001",\n  "name": "web01" "ip": "10.0.0.1"}]',
    'assert.json': `${BOM}[{"alert": 0, "fires": [{"command": "firewall-drop", "targets": ["001", "002"]}]}]`,
    'bad-assert.json': '[{"alert": 0,\n  "fires": [firewall-drop]}]',
    'cfg/ossec.conf': CONF,
    'cfg/.arctl.json': `${BOM}{ "rules": { "unknown-command": "off" } }`,
    'broken/ossec.conf': CONF,
    'broken/.arctl.json': '{\n  "rules": {\n    "unknown-command": "off",\n  }\n}\n',
  });

  // The BOM file's settings apply: unknown-command (Firewall-Drop) is off, so the file passes.
  const withBom = await runArctlInProcess(['lint', 'ossec.conf'], { cwd: join(dir, 'cfg') });
  assert.equal(withBom.status, 0, withBom.stderr + withBom.stdout);
  assert.doesNotMatch(withBom.stdout, /unknown-command/);
  const broken = await runArctlInProcess(['lint', 'ossec.conf'], { cwd: join(dir, 'broken') });
  assert.equal(broken.status, 2);
  assert.equal(broken.stderr, `arctl: config ${join(dir, 'broken/.arctl.json')}:4:3: invalid JSON: Expected double-quoted property name\n`);

  // The agents list is read: `all` reaches both agents, as the assertion says.
  const asserted = await runArctlInProcess(['simulate', 'alert.json', '--file', 'ossec.conf', '--agents', 'agents.json', '--assert', 'assert.json', '--force'], { cwd: dir });
  assert.equal(asserted.status, 0, asserted.stderr + asserted.stdout);
  const badAgents = await runArctlInProcess(['lint', 'ossec.conf', '--agents', 'bad-agents.json'], { cwd: dir });
  assert.equal(badAgents.status, 2);
  assert.equal(badAgents.stderr, "arctl: --agents bad-agents.json:2:19: invalid JSON: Expected ',' or '}' after property value\n");
  // V8 gives no position for an unexpected token (here the 'i' after an 'f' read as the start of false): arctl finds it.
  const badAssert = await runArctlInProcess(['simulate', 'alert.json', '--file', 'ossec.conf', '--assert', 'bad-assert.json', '--force'], { cwd: dir });
  assert.equal(badAssert.status, 2);
  assert.equal(badAssert.stderr, "arctl: --assert bad-assert.json: not valid JSON: Unexpected token 'i' at line 2, column 14\n");
});

test('--config given the ossec.conf (XML) says that --config names the .arctl.json and where the ossec.conf goes', async () => {
  const dir = tempFiles({ 'ossec.conf': CONF });
  const r = await runArctlInProcess(['lint', '--config', 'ossec.conf', 'ossec.conf'], { cwd: dir });
  assert.equal(r.status, 2);
  assert.equal(
    r.stderr,
    "arctl: config ossec.conf:1:1: invalid JSON: Unexpected token '<' (this is XML: --config names arctl's own .arctl.json; the ossec.conf is the FILE argument, or --file where a command edits or simulates it)\n",
  );
});
