/** OS_Exec's message per agent version: Wazuh's test_exec.c and wazuh-qa's test_os_exec.py as data. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { agentMessageFormat, escapeFor42Agents, execQueueMessage, legacyAgentMessage, osShellEscape } from '../../src/wazuh/exec-message.ts';
import { projectRoot } from '../helpers/paths.ts';

interface ExecFixture {
  event: { name: string; alert_id: string; rule_id: string; location: string; filename: string; node: string; alert_json: string };
  os_exec: Array<{ test: string; location: 'all' | 'defined-agent' | 'local'; agent_version: string; agent_id: string; exec_msg: string }>;
  qa_os_exec: { cases: Array<{ case: string; agent_version: string; format: string; extra_args?: string; name?: string; expect_tokens?: Record<string, string> }> };
  versions: { cases: Array<[string, string | null]> };
}

const fixture = JSON.parse(readFileSync(join(projectRoot, 'test/fixtures/wazuh-tests/exec.json'), 'utf8')) as ExecFixture;

test('test_exec.c: the queue message for each agent version and location', () => {
  const e = fixture.event;
  const json = `{"version":1,"origin":{"name":${JSON.stringify(e.node)},"module":"wazuh-analysisd"},"command":${JSON.stringify(e.name)},"parameters":{"extra_args":[],"alert":${e.alert_json}}}`;
  assert.equal(fixture.os_exec.length, 12);
  for (const c of fixture.os_exec) {
    const format = agentMessageFormat(c.agent_version);
    const message =
      format === 'legacy'
        ? legacyAgentMessage({ name: e.name, alertId: e.alert_id, ruleId: e.rule_id, location: e.location, filename: e.filename })
        : format === 'json-escaped'
          ? escapeFor42Agents(json)
          : json;
    const where = { local: c.location === 'local', definedAgent: c.location === 'defined-agent', all: c.location === 'all' };
    assert.equal(execQueueMessage(where, c.agent_id, message), c.exec_msg, `${c.test} (${c.agent_version})`);
  }
});

test("test_os_exec.py: legacy fields by position, JSON for 4.2 agents", () => {
  for (const c of fixture.qa_os_exec.cases) {
    assert.equal(agentMessageFormat(c.agent_version), c.format === 'json' ? 'json-escaped' : c.format, c.case);
    if (!c.expect_tokens) continue;
    const message = legacyAgentMessage({
      name: c.name!,
      user: 'root',
      ip: '172.16.5.15',
      alertId: '1611747145.1234',
      ruleId: '5715',
      location: '(agent) any->logcollector',
      ...(c.extra_args ? { extraArgs: c.extra_args } : {}),
    });
    const tokens = execQueueMessage({ local: true, definedAgent: false, all: false }, '001', message).split(/\s+/);
    for (const [at, value] of Object.entries(c.expect_tokens)) assert.equal(tokens[Number(at)], value, `${c.case}: token ${at}`);
  }
});

test('exec.c version parsing, the 4.2.0-4.2.4 escape and os_shell_escape', () => {
  for (const [version, format] of fixture.versions.cases) assert.equal(agentMessageFormat(version), format, version);
  // atoi as glibc reads a number past int: strtol saturates, the cast keeps the low 32 bits (2^32 + 3 -> 3).
  assert.equal(agentMessageFormat('Wazuh v4294967299.9.0'), 'legacy');
  assert.equal(agentMessageFormat('Wazuh v 4.+2.-1'), 'json-escaped');
  assert.equal(escapeFor42Agents(`{"a":"it's $HOME! \`id\`"}`), String.raw`{"a":"it\\x27s \\x24HOME\\x21 \\x60id\\x60"}`);
  assert.equal(osShellEscape('a;b $(c) \\;'), 'a\\;b \\$\\(c\\) \\;');
});
