/**
 * `arctl diff` on two agents' own ossec.conf files (`<client>`, no manager-only section): agents run no
 * analysisd, so nothing there is refused by it or fires; execd reads the first <disabled> under an
 * <active-response> and <repeated_offenders> (src/os_execd/config.c). Diffed as a manager's file, the
 * agent's <ca_verification> (read by the upgrade module, src/config/wmodules-agent-upgrade.c:243) read
 * "Wazuh refuses to start: (1230) 'ca_verification'" on both sides, a refusal no agent makes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runArctl } from '../helpers/cli.ts';
import { tempFiles } from '../helpers/temp.ts';
import type { DiffReport } from '../../src/diff/model.ts';

const agent = (ar: string) => `<ossec_config>
  <client>
    <server><address>10.0.0.1</address></server>
  </client>
  <active-response>
${ar}
    <ca_store>etc/wpk_root.pem</ca_store>
    <ca_verification>yes</ca_verification>
  </active-response>
</ossec_config>
`;

test("two agents' own ossec.conf: only execd's switches compared, no analysisd refusal; an agent's against a manager's is an error", () => {
  const dir = tempFiles({
    'base.conf': agent('    <disabled>no</disabled>'),
    'head.conf': agent('    <disabled>yes</disabled>\n    <repeated_offenders>30,60</repeated_offenders>'),
    'manager.conf': '<ossec_config>\n  <remote><connection>secure</connection></remote>\n</ossec_config>\n',
  });
  const r = runArctl(['diff', 'base.conf', 'head.conf', '--format', 'json', '--exit-code'], { cwd: dir });
  assert.equal(r.status, 2, r.stderr);
  const report = JSON.parse(r.stdout) as DiffReport;
  assert.equal(report.agentNode, true);
  assert.deepEqual([report.base.refused, report.head.refused], [false, false]);
  assert.deepEqual(report.static, [
    { kind: 'execd', field: "agent's execd", base: 'enabled', head: 'disabled' },
    { kind: 'execd', field: 'repeated_offenders', base: 'none', head: '30,60' },
  ]);
  // A new agent's file (/dev/null, or --base REV on a file added since) is compared as one: no kinds' error.
  const added = runArctl(['diff', '/dev/null', 'head.conf', '--format', 'json'], { cwd: dir });
  assert.equal(added.status, 0, added.stderr);
  assert.equal((JSON.parse(added.stdout) as DiffReport).agentNode, true);
  const mixed = runArctl(['diff', 'base.conf', 'manager.conf'], { cwd: dir });
  assert.equal(mixed.status, 2);
  assert.match(mixed.stderr, /^arctl: BASE base\.conf is an agent's own ossec\.conf \(a <client> section\) and HEAD manager\.conf a manager's ossec\.conf: arctl diff compares two files of one kind\n$/);
});
