/**
 * Where the native schema checks follow Wazuh's reader rather than what libxml2 sees in the raw
 * text (everything else is held equal to libxml2 by native-vs-libxml2.test.ts).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigDocument } from '../../src/document/document.ts';
import { schemaDiagnostics } from '../../src/schema/validate.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { runArctl } from '../helpers/cli.ts';
import { tempFile } from '../helpers/temp.ts';

const target = parseTargetVersion('4.14');

async function findings(text: string, engine: 'native' | 'libxml2' = 'native'): Promise<string[]> {
  const doc = ConfigDocument.fromText('ossec.conf', text);
  return (await schemaDiagnostics(doc, target, engine)).map((d) => `${d.ruleId} ${doc.text(d.range)}`);
}

const wrap = (body: string) => `<ossec_config>\n<command><name>x</name><executable>y</executable></command>\n${body}\n</ossec_config>\n`;

test('a comment inside a value is not part of it: <level>1<!-- -->0</level> is level 10', async () => {
  const text = wrap('<active-response><command>x</command><location>local</location><level>1<!-- was 12 -->0</level></active-response>');
  assert.deepEqual(await findings(text), []);
  // libxml2 sees blanks where the comment was and refuses the value: Wazuh reads "10".
  assert.deepEqual(await findings(text, 'libxml2'), ['level-invalid 1<!-- was 12 -->0']);
  assert.deepEqual(await findings(wrap('<active-response><command>x</command><location>lo<!-- -->nowhere</location></active-response>')), [
    'invalid-location lo<!-- -->nowhere',
  ]);
});

test('a value ends at a NUL byte, as in Wazuh: <disabled>no\\0junk</disabled> is no', async () => {
  assert.deepEqual(await findings(wrap('<active-response><disabled>no\0junk</disabled><command>x</command><location>local</location></active-response>')), []);
  assert.deepEqual(await findings(wrap('<active-response><disabled>\0no</disabled><command>x</command><location>local</location></active-response>')), [
    'invalid-boolean \0no',
  ]);
});

test('a refused <name> is reported as its value, not also as a missing <name>', async () => {
  for (const engine of ['native', 'libxml2'] as const) {
    assert.deepEqual(await findings('<ossec_config><command><name>!x</name><executable>y</executable></command></ossec_config>', engine), ['command-name-reserved-bang !x']);
  }
});

test('a <command> without both options is one finding naming both', async () => {
  const doc = ConfigDocument.fromText('ossec.conf', '<ossec_config><command><timeout_allowed>no</timeout_allowed></command></ossec_config>');
  const diags = await schemaDiagnostics(doc, target);
  assert.deepEqual(
    diags.map((d) => [d.ruleId, d.data.option]),
    [['command-missing-field', 'name> or <executable']],
  );
});

test('validate --libxml2 checks through libxml2 with the same report (a shared agent.conf: the schema decides there)', () => {
  // What agents read of it: section names and childless sections (read_main_elements), not the options of an
  // <active-response>, which only the manager's analysisd reads (src/lint/agent-reads.ts).
  const file = tempFile('agent.conf', '<agent_config>\n<active-response><command>x</command><location>nowhere</location><level>5a</level><disbaled>no</disbaled></active-response>\n<localfle><location>/var/log/x</location></localfle>\n<command/>\n</agent_config>\n');
  const native = runArctl(['validate', '--format', 'json', file]);
  const libxml2 = runArctl(['validate', '--libxml2', '--format', 'json', file]);
  assert.equal(native.status, 1, native.stderr);
  assert.equal(libxml2.status, 1, libxml2.stderr);
  assert.deepEqual(JSON.parse(libxml2.stdout), JSON.parse(native.stdout));
  assert.deepEqual(
    JSON.parse(native.stdout)[0].messages.map((m: { ruleId: string }) => m.ruleId),
    ['unknown-element', 'command-missing-field'],
  );
});
