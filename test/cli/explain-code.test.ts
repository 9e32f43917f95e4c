/**
 * `arctl explain CODE` (a Wazuh error code): the rules it lists are the catalogue's, and every refusal
 * `arctl validate` reports with a code is explained by a list that names the refusal's rule.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ruleCatalogue } from '../../src/lint/catalogue.ts';
import { runArctl, runArctlInProcess } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';

test('explain 1303 lists the rules whose messages name (1303), and those whose docs do, from the catalogue', async () => {
  const run = await runArctlInProcess(['explain', '1303']);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stdout, /^Wazuh 1303\n {2}\(1303\): Invalid command '<name>' in the active response\.\n/);
  const [reported, alsoLeads] = run.stdout.split('Also leads to it');
  const listed = (text: string) => [...text.matchAll(/^ {2}([a-z0-9-]+) {2,}/gm)].map((m) => m[1]);
  const rules = [...ruleCatalogue().values()];
  const byMessage = rules.filter((r) => Object.values(r.messages).some((m) => m.text.includes('(1303)'))).map((r) => r.id).sort();
  const byDocs = rules.filter((r) => !byMessage.includes(r.id) && [r.summary, r.docs.what, r.docs.why].some((t) => t.includes('(1303)'))).map((r) => r.id).sort();
  assert.deepEqual(listed(reported), byMessage);
  assert.deepEqual(listed(alsoLeads), byDocs);
  assert.ok(byMessage.includes('unknown-command') && byMessage.includes('command-defined-after-use'));
});

test('every coded refusal of validate is explained by its code, naming the rule that reported it', () => {
  const dir = tempFiles({
    'ossec.conf': `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
  </command>
  <active-response>
    <command>block-ip</command>
    <location>local</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>defined_agent</location>
    <level>10</level>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <level>abc</level>
  </active-response>
</ossec_config>
`,
  });
  const validate = runArctl(['validate', '--format', 'json', 'ossec.conf'], { cwd: dir });
  assert.equal(validate.status, 1, validate.stderr);
  const coded = (JSON.parse(validate.stdout) as Array<{ messages: Array<{ ruleId: string; message: string }> }>)[0].messages
    .map((m) => ({ ruleId: m.ruleId, code: /\((\d{4})\)/.exec(m.message)?.[1] }))
    .filter((m): m is { ruleId: string; code: string } => m.code !== undefined);
  assert.deepEqual([...new Set(coded.map((m) => m.code))].sort(), ['1235', '1302', '1303']);
  for (const { ruleId, code } of coded) {
    const explain = runArctl(['explain', code]);
    assert.equal(explain.status, 0, explain.stderr);
    assert.match(explain.stdout.split('Also leads to it')[0], new RegExp(`^ {2}${ruleId} `, 'm'), `explain ${code} names ${ruleId}`);
  }
});

test('a code no rule names is a usage error listing the codes arctl knows', async () => {
  const run = await runArctlInProcess(['explain', '9999']);
  assert.equal(run.status, 2);
  assert.match(run.stderr, /^arctl: no rule reports Wazuh code 9999 \(codes arctl knows: (\d{4}, )+\d{4}\)\n$/);
  assert.match(run.stderr, /1303/);
});
