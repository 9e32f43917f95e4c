/**
 * Verdicts on configurations written the way other people write them (agents' own files, templates,
 * provisioning tools), checked against what Wazuh v4.14.7's C code does with them: lint and validate
 * spawned on real files, exit codes and findings in JSON.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { lintJson, runArctl, type JsonReportFile } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';
import { projectRoot } from '../helpers/paths.ts';

/** `arctl validate --format json`: the exit status and the one file's findings as [line, rule id]. */
function validateJson(args: string[]): { status: number | null; found: Array<[number, string]> } {
  const r = runArctl(['validate', '--format', 'json', ...args]);
  return { status: r.status, found: (JSON.parse(r.stdout) as JsonReportFile[])[0].messages.map((m) => [m.line, m.ruleId]) };
}

function agentConf(caVerification: string): string {
  return `<ossec_config>
  <client>
    <server>
      <address>10.0.0.1</address>
      <port>1514</port>
    </server>
  </client>
  <active-response>
    <disabled>no</disabled>
    <ca_store>etc/wpk_root.pem</ca_store>
    <ca_verification>${caVerification}</ca_verification>
  </active-response>
</ossec_config>
`;
}

test("an agent's <ca_verification> is read with strcasecmp: YES passes lint and validate, true stops wazuh-modulesd", () => {
  // src/config/wmodules-agent-upgrade.c:255-268: strcasecmp with yes and no, else merror and OS_INVALID (wm_config fails).
  const upper = tempFile('ossec.conf', agentConf('YES'));
  assert.deepEqual(lintJson([upper]), { status: 0, messages: [] });
  assert.deepEqual(validateJson([upper]), { status: 0, found: [] });

  const wrong = tempFile('ossec.conf', agentConf('true'));
  const { status, messages } = lintJson([wrong]);
  assert.equal(status, 1);
  assert.deepEqual(messages.map((m) => [m.line, m.ruleId, m.severity]), [[11, 'invalid-boolean', 2]]);
  assert.match(messages[0].message, /wazuh-modulesd stops with "Invalid content for tag <ca_verification>: 'true'"/);
  // Before 4.1 execd read it and only warned.
  const legacy = lintJson(['--target-version', '3.13', wrong]);
  assert.deepEqual(legacy.messages.map((m) => [m.ruleId, m.severity]), [['invalid-boolean', 1]]);
  // validate lists what stops the agent: from 4.1 this does, before it did not.
  assert.deepEqual(validateJson([wrong]), { status: 1, found: [[11, 'invalid-boolean']] });
  assert.deepEqual(validateJson(['--target-version', '3.13', wrong]), { status: 0, found: [] });
});

test("a response written into an agent's own ossec.conf is reported: agents run no analysisd and take commands from the manager's ar.conf", () => {
  // src/os_execd/exec.c ReadExecConfig reads etc/shared/ar.conf; ReadActiveResponses runs in analysisd only (src/analysisd/active-response.c).
  const file = tempFile(
    'ossec.conf',
    agentConf('yes').replace(
      '  <active-response>',
      `  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
  <active-response>`,
    ),
  );
  const { status, messages } = lintJson([file]);
  assert.equal(status, 0, 'warnings only');
  assert.deepEqual(
    messages.map((m) => [m.line, m.ruleId, m.messageId, m.severityName]),
    [
      [8, 'ar-in-agent-conf', 'agentCommand', 'warning'],
      [13, 'ar-in-agent-conf', 'agentResponse', 'warning'],
    ],
  );
  assert.match(messages[1].message, /binds nothing \(<command>, <location>, <rules_id>, <timeout>\)/);
  // The agent's own <disabled>/<ca_store>/<ca_verification> block stays quiet.
  assert.ok(!messages.some((m) => m.line === 19));
});

test('an <executable> with arguments in it is reported: execd opens the whole text as one file name', () => {
  // src/os_execd/exec.c ReadExecConfig: snprintf("%s/%s", AR_BINDIR, executable), wfopen, else "Active response command not present".
  const conf = `<ossec_config>
  <command>
    <name>notify-soc</name>
    <executable>notify.sh -v --channel soc</executable>
  </command>
  <active-response>
    <command>notify-soc</command>
    <location>server</location>
    <level>12</level>
  </active-response>
</ossec_config>
`;
  const file = tempFile('ossec.conf', conf);
  const { status, messages } = lintJson([file]);
  assert.equal(status, 0);
  assert.deepEqual(messages.map((m) => [m.line, m.column, m.ruleId, m.messageId, m.severityName]), [[4, 17, 'executable-with-path', 'arguments', 'warning']]);
  assert.match(messages[0].message, /Name only the program \('notify\.sh'\) and pass the rest with <extra_args>/);
  const written = tempFile('ossec.conf', conf.replace('notify.sh -v --channel soc</executable>', 'notify.sh</executable>\n    <extra_args>-v --channel soc</extra_args>'));
  assert.deepEqual(lintJson([written]).messages, []);
});

test("what only the manager's readers refuse is no error in an agent's ossec.conf; what execd reads still is", () => {
  // Agents run no analysisd: ReadActiveCommands/ReadActiveResponses never see these blocks (CAR is analysisd's
  // alone, src/analysisd/active-response.c:43). execd reads the file's first active-response/disabled
  // (src/os_execd/config.c ExecdConfig), and every daemon refuses a section without children (config.c).
  const conf = `<ossec_config>
  <client>
    <server>
      <address>10.0.0.1</address>
    </server>
  </client>
  <command>
    <name>block</name>
  </command>
  <active-response>
    <disabled>No</disabled>
    <location>somewhere</location>
    <level>99</level>
    <foo>bar</foo>
  </active-response>
  <active-response>
    <disabled>maybe</disabled>
  </active-response>
</ossec_config>
`;
  const file = tempFile('ossec.conf', conf);
  const lint = lintJson([file]);
  assert.equal(lint.status, 1);
  assert.deepEqual(
    lint.messages.map((m) => [m.line, m.ruleId, m.severityName]),
    [
      [7, 'ar-in-agent-conf', 'warning'],
      [10, 'ar-in-agent-conf', 'warning'],
      [11, 'invalid-boolean', 'error'],
    ],
  );
  assert.deepEqual(validateJson([file]), { status: 1, found: [[11, 'invalid-boolean']] });

  const childless = tempFile('ossec.conf', conf.replace(/<command>[\s\S]*?<\/command>/, '<command/>').replace('<disabled>No</disabled>', '<disabled>no</disabled>'));
  assert.deepEqual(validateJson([childless]), { status: 1, found: [[7, 'command-missing-field']] });
});

test("OSSEC's <include> kept inside <ruleset>: the refusal says Wazuh reads the file from <rule_include>", () => {
  // src/config/rules-config.c:99-105 (the names Read_Rules knows) and :239-242 (XML_INVELEM, OS_INVALID), v4.14.7.
  const file = `${projectRoot}/test/fixtures/unfamiliar/ruleset-include.ossec.conf`;
  const lint = lintJson([file]);
  const validate = runArctl(['validate', '--format', 'json', file]);
  for (const [what, status, messages] of [['lint', lint.status, lint.messages], ['validate', validate.status, (JSON.parse(validate.stdout) as JsonReportFile[])[0].messages]] as const) {
    assert.equal(status, 1, what);
    assert.deepEqual(messages.map((m) => [m.line, m.ruleId]), [[20, 'unknown-element']], what);
    assert.match(messages[0].message, /Invalid element in the configuration: 'include'\. <include> is OSSEC's <rules> syntax: Wazuh's <ruleset> reads a rule file from <rule_include>/, what);
  }
});
