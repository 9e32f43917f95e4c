/**
 * A rule that judges the manager's ossec.conf only (`appliesTo: 'manager'`) and owns schema ids: on the
 * manager's file the rule's own findings replace the schema pass's. On a shared agent.conf or an agent's own
 * ossec.conf no analysisd or maild reads these blocks (src/lint/agent-reads.ts), so nothing is reported under
 * these ids there; a childless block, which every daemon's read_main_elements refuses, still is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { allRules } from '../../src/lint/rules/index.ts';
import { lintJson } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

const BLOCKS = `  <email_alerts>
    <email_to>soc@example.com</email_to>
    <level>abc</level>
    <format>bogus</format>
  </email_alerts>
  <active-response>
    <command>x</command>
    <location>nowhere</location>
    <level>99</level>
  </active-response>
`;

const OWNERS = ['email-level-invalid', 'email-format-invalid', 'invalid-location', 'level-invalid'];

const findings = (file: string, cwd: string) => lintJson([file], { cwd }).messages.filter((m) => OWNERS.includes(m.ruleId)).map((m) => `${m.line} ${m.ruleId}/${m.messageId}`);

test('manager-only rules that own schema ids: the rule\'s own findings on the manager\'s file, none on agent files', () => {
  for (const id of OWNERS) assert.equal(allRules.find((r) => r.id === id)?.appliesTo, 'manager', id);
  const dir = tempFiles({
    'shared/default/agent.conf': `<agent_config>\n${BLOCKS}</agent_config>\n`,
    'agent/ossec.conf': `<ossec_config>\n  <client>\n    <server><address>10.0.0.1</address></server>\n  </client>\n${BLOCKS}</ossec_config>\n`,
    'manager/ossec.conf': `<ossec_config>\n${BLOCKS}</ossec_config>\n`,
  });
  // Agents run no analysisd or maild: Read_EmailAlerts and ReadActiveResponses never see these values there.
  assert.deepEqual(findings('shared/default/agent.conf', dir), []);
  assert.deepEqual(findings('agent/ossec.conf', dir), []);
  assert.deepEqual(findings('manager/ossec.conf', dir), ['4 email-level-invalid/notDigits', '5 email-format-invalid/invalid', '9 invalid-location/invalid', '10 level-invalid/tooHigh']);
});
