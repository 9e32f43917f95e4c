/**
 * The message formats of analysisd's OS_Exec (src/analysisd/alerts/exec.c, v4.14.7), worked out by hand
 * from the code; the exec oracle's recorded cases (test/simulate/exec-oracle-cases.test.ts) check the
 * whole messages against Wazuh's compiled code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { agentMessageFormat, escapeFor42Agents, execQueueMessage, legacyAgentMessage, osShellEscape } from '../../src/wazuh/exec-message.ts';

test('agent versions: strtok on "v", then MAJOR.MINOR.PATCH read with atoi; below 4.2 legacy, 4.2.0-4.2.4 escaped JSON', () => {
  const cases: Array<[string, ReturnType<typeof agentMessageFormat>]> = [
    ['Wazuh v4.14.7', 'json'],
    ['Wazuh v4.2.5', 'json'],
    ['Wazuh v4.2.4', 'json-escaped'],
    ['Wazuh v4.2.0', 'json-escaped'],
    ['Wazuh v4.1.5', 'legacy'],
    ['Wazuh v3.13.6', 'legacy'],
    // The first strtok skips the leading "v" and takes "5.0.0" as the text before it: nothing is left to read.
    ['v5.0.0', null],
    // No "v", or fewer than three numbers: "Unable to read agent version." and nothing is sent.
    ['Wazuh 4.14.7', null],
    ['Wazuh v4.14', null],
    ['', null],
    // strtok skips empty tokens: "v4..2.1" reads 4, 2, 1.
    ['Wazuh v4..2.1', 'json-escaped'],
    // atoi stops at the first non-digit: "4x.2y.3z" is 4.2.3.
    ['Wazuh v4x.2y.3z', 'json-escaped'],
    // atoi as glibc reads a number past int: strtol saturates, the cast keeps the low 32 bits (2^32 + 3 -> 3).
    ['Wazuh v4294967299.9.0', 'legacy'],
    ['Wazuh v 4.+2.-1', 'json-escaped'],
  ];
  for (const [version, format] of cases) assert.equal(agentMessageFormat(version), format, version);
});

test("os_shell_escape, the 4.2.0-4.2.4 escape and the legacy string's fields", () => {
  assert.equal(osShellEscape('a;b $(c) \\;'), 'a\\;b \\$\\(c\\) \\;');
  assert.equal(escapeFor42Agents(`{"a":"it's $HOME! \`id\`"}`), String.raw`{"a":"it\\x27s \\x24HOME\\x21 \\x60id\\x60"}`);
  const legacy = legacyAgentMessage({ name: 'firewall-drop0', user: 'root', ip: '203.0.113.5', alertId: '1714521600.12', ruleId: '5712', location: '(web01) 10.0.0.2->/var/log/auth.log', extraArgs: '-p 22;x' });
  assert.equal(legacy, 'firewall-drop0 root 203.0.113.5 1714521600.12 5712 (web01) 10.0.0.2->/var/log/auth.log - -p 22\\;x');
  // snprintf into OS_SIZE_1024 keeps 1023 bytes.
  assert.equal(Buffer.byteLength(legacyAgentMessage({ name: 'x', alertId: '1.1', ruleId: '1', location: 'l'.repeat(2000) })), 1023);
  assert.equal(execQueueMessage({ local: true, definedAgent: false, all: false }, '001', 'msg'), '(local_source) [] NRN 001 msg');
  assert.equal(execQueueMessage({ local: false, definedAgent: true, all: false }, '003', 'msg'), '(local_source) [] NNS 003 msg');
});
