/**
 * A rule that judges the manager's ossec.conf only (`appliesTo: 'manager'`) and owns schema ids: on a
 * shared agent.conf or an agent's own ossec.conf its check does not run, and the schema pass's findings
 * under its id are reported as they are; on the manager's file the rule's own findings replace them.
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

test('manager-only rules that own schema ids: the schema findings on agent files, the rule\'s own on the manager\'s', () => {
  for (const id of OWNERS) assert.equal(allRules.find((r) => r.id === id)?.appliesTo, 'manager', id);
  const dir = tempFiles({
    'shared/default/agent.conf': `<agent_config>\n${BLOCKS}</agent_config>\n`,
    'agent/ossec.conf': `<ossec_config>\n  <client>\n    <server><address>10.0.0.1</address></server>\n  </client>\n${BLOCKS}</ossec_config>\n`,
    'manager/ossec.conf': `<ossec_config>\n${BLOCKS}</ossec_config>\n`,
  });
  const schema = ['4 email-level-invalid/schema-invalid-value', '5 email-format-invalid/schema-invalid-value', '9 invalid-location/schema-invalid-location', '10 level-invalid/schema-invalid-value'];
  assert.deepEqual(findings('shared/default/agent.conf', dir), schema);
  assert.deepEqual(findings('agent/ossec.conf', dir), schema.map((f) => f.replace(/^\d+/, (n) => String(Number(n) + 3))));
  assert.deepEqual(findings('manager/ossec.conf', dir), ['4 email-level-invalid/notDigits', '5 email-format-invalid/invalid', '9 invalid-location/invalid', '10 level-invalid/tooHigh']);
});
