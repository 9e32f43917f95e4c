/**
 * planEdit in-process (what `arctl set`, `remove`, `disable` and `enable` plan) on the shipped example:
 * the exact bytes each change writes, addressing, idempotence and the lint gate.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { planEdit, type EditOperation, type EditPlan } from '../../src/add/edit-plan.ts';
import { setActiveResponseChanges, setEmailAlertsChanges, setGlobalChanges } from '../../src/add/edit-specs.ts';
import { AmbiguousAddressError } from '../../src/add/address.ts';
import { LintGateRefusal } from '../../src/add/plan.ts';
import { ArctlError } from '../../src/util/errors.ts';
import { parseTargetVersion } from '../../src/wazuh/version.ts';
import { projectRoot } from '../helpers/paths.ts';

const example = readFileSync(join(projectRoot, 'examples/ossec.conf'));
const gate = { target: parseTargetVersion('4.14'), managerIps: [] };

function plan(operation: EditOperation, bytes: Buffer = example): EditPlan {
  return planEdit({ path: 'ossec.conf', bytes, operation, gate });
}

function changed(operation: EditOperation, bytes: Buffer = example): Extract<EditPlan, { changed: true }> {
  const p = plan(operation, bytes);
  assert.ok(p.changed, p.changed ? '' : p.message);
  return p;
}

/** The lines removed and added, as a compact diff of whole lines. */
function lineDiff(before: Buffer, after: Buffer): { removed: string[]; added: string[] } {
  const a = before.toString().split('\n');
  const b = after.toString().split('\n');
  let start = 0;
  while (start < a.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return { removed: a.slice(start, a.length - end), added: b.slice(start, b.length - end) };
}

test('set: the timeout of the second firewall-drop response, in place', () => {
  const p = changed({ verb: 'set', kind: 'active-response', address: { name: 'firewall-drop', nth: 2 }, changes: setActiveResponseChanges({ timeout: '1h' }) });
  assert.deepEqual(lineDiff(p.before, p.after), { removed: ['    <timeout>1800</timeout>'], added: ['    <timeout>3600</timeout>'] });
  assert.match(p.summary[0], /the <active-response> at line 85 \(firewall-drop\): <timeout> '1800' -> '3600'/);
  const again = plan({ verb: 'set', kind: 'active-response', address: { name: 'firewall-drop', nth: 2 }, changes: setActiveResponseChanges({ timeout: '3600' }) }, p.after);
  assert.equal(again.changed, false);
  assert.match(again.changed ? '' : again.message, /<timeout> is already '3600'/);
});

test('set: options added in the block\'s order, removed with their line; rule ids added and removed', () => {
  const p = changed({
    verb: 'set',
    kind: 'active-response',
    address: { name: 'netsh' },
    changes: setActiveResponseChanges({ level: '10', addRulesId: '60122', timeout: false }),
  });
  assert.deepEqual(lineDiff(p.before, p.after), {
    removed: ['    <rules_id>60204</rules_id>', '    <timeout>3600</timeout>'],
    added: ['    <rules_id>60204,60122</rules_id>', '    <level>10</level>'],
  });
  const q = changed({ verb: 'set', kind: 'email-alerts', address: {}, changes: setEmailAlertsChanges({ removeRuleId: '31152', addTo: ['soc2@example.com'] }) });
  assert.ok(
    q.after.toString().includes('    <email_to>web-team@example.com</email_to>\n    <email_to>soc2@example.com</email_to>\n    <level>10</level>\n    <rule_id>31151, 31153</rule_id>\n'),
    q.after.toString(),
  );
});

test('set global: email_notification where Wazuh reads it', () => {
  const p = changed({ verb: 'set-global', changes: setGlobalChanges({ emailNotification: 'no' }) });
  assert.deepEqual(lineDiff(p.before, p.after), { removed: ['    <email_notification>yes</email_notification>'], added: ['    <email_notification>no</email_notification>'] });
});

test('an address that fits several blocks is refused with the candidates and their lines', () => {
  assert.throws(
    () => plan({ verb: 'set', kind: 'active-response', address: { name: 'firewall-drop' }, changes: setActiveResponseChanges({ timeout: '60' }) }),
    (error: unknown) => {
      assert.ok(error instanceof AmbiguousAddressError);
      assert.match(error.message, /2 <active-response> running command 'firewall-drop' blocks fit/);
      // Columns line up however wide the rule lists are.
      assert.ok(
        error.message.endsWith(
          'nothing written\n' +
            '  line 77  firewall-drop  local  rules_id 5712,5720          timeout 600   (--nth 1 or --line 77)\n' +
            '  line 85  firewall-drop  local  rules_id 31151,31152,31153  timeout 1800  (--nth 2 or --line 85)',
        ),
        error.message,
      );
      return true;
    },
  );
  // A very long command name is cut in the middle (48 characters), not padded into every row; a tab shows as \t.
  const long = `x${'y'.repeat(3000)}z`;
  const twoLong = Buffer.from(`<ossec_config>\n  <active-response><command>${long}</command><location>all</location></active-response>\n  <active-response><command>${long}</command><location>local\t</location></active-response>\n</ossec_config>\n`);
  assert.throws(
    () => plan({ verb: 'set', kind: 'active-response', address: { name: long }, changes: setActiveResponseChanges({ timeout: '60' }) }, twoLong),
    (error: unknown) => {
      assert.ok(error instanceof AmbiguousAddressError);
      const cut = `x${'y'.repeat(31)}…${'y'.repeat(14)}z`;
      assert.ok(error.message.endsWith(`\n  line 2  ${cut}  all      (--nth 1 or --line 2)\n  line 3  ${cut}  local\\t  (--nth 2 or --line 3)`), error.message.slice(-400));
      return true;
    },
  );
  // Line numbers of two widths, rows of unequal length: the flags still line up.
  const block = (options: string) => `  <active-response><command>firewall-drop</command>${options}</active-response>\n`;
  const uneven = Buffer.from(`<ossec_config>\n${'\n'.repeat(7)}${block('<location>all</location><timeout>60</timeout>')}${block('<rules_id>5712</rules_id>')}</ossec_config>\n`);
  assert.throws(
    () => plan({ verb: 'set', kind: 'active-response', address: { name: 'firewall-drop' }, changes: setActiveResponseChanges({ timeout: '60' }) }, uneven),
    (error: unknown) => {
      assert.ok(error instanceof AmbiguousAddressError);
      assert.ok(
        error.message.endsWith('\n  line 9   firewall-drop  all            timeout 60  (--nth 1 or --line 9)\n  line 10  firewall-drop  rules_id 5712              (--nth 2 or --line 10)'),
        error.message,
      );
      return true;
    },
  );
  const byLine = changed({ verb: 'set', kind: 'active-response', address: { line: 88 }, changes: setActiveResponseChanges({ timeout: '60' }) });
  assert.match(byLine.summary[0], /at line 85/);
});

test('disable comments the block out, enable restores every byte; both are idempotent', () => {
  const off = changed({ verb: 'disable', address: { name: 'netsh' } });
  assert.match(off.after.toString(), /\n {2}<!-- arctl-disabled: <active-response>\n {4}<command>netsh<\/command>[\s\S]*?<\/active-response> -->\n/);
  assert.doesNotMatch(off.after.toString(), /<disabled>yes/);
  const again = plan({ verb: 'disable', address: { name: 'netsh' } }, off.after);
  assert.equal(again.changed, false);
  const on = changed({ verb: 'enable', address: { name: 'netsh' } }, off.after);
  assert.ok(on.after.equals(example));
  assert.equal(plan({ verb: 'enable', address: { name: 'netsh' } }).changed, false);
  assert.throws(() => plan({ verb: 'set', kind: 'active-response', address: { name: 'netsh' }, changes: [{ option: 'level', set: '3' }] }, off.after), /switched off .*arctl enable --line/);
});

test('remove: a block with its line and the blank line it would leave doubled; a second run says nothing to remove', () => {
  const p = changed({ verb: 'remove', kind: 'active-response', address: { name: 'disable-account' } });
  assert.deepEqual(lineDiff(p.before, p.after).added, []);
  assert.match(p.after.toString(), /<timeout>3600<\/timeout>\n {2}<\/active-response>\n<\/ossec_config>\n$/);
  const again = plan({ verb: 'remove', kind: 'active-response', address: { name: 'disable-account' } }, p.after);
  assert.equal(again.changed, false);
  assert.match(again.changed ? '' : again.message, /nothing to remove/);
  const wl = changed({ verb: 'remove-white-list', entries: ['10.0.0.2'] });
  assert.deepEqual(lineDiff(wl.before, wl.after), { removed: ['    <white_list>10.0.0.2</white_list>'], added: [] });
});

test('the lint gate: removing a command a response uses is refused; invalid values are usage errors', () => {
  assert.throws(() => plan({ verb: 'remove', kind: 'command', address: { name: 'netsh' } }), (error: unknown) => error instanceof LintGateRefusal && /refusing to write/.test(error.message));
  assert.throws(() => setActiveResponseChanges({ level: '99' }), (error: unknown) => error instanceof ArctlError && error.exitCode === 2 && /--level/.test(error.message));
  assert.throws(() => setActiveResponseChanges({ rulesId: '1', addRulesId: '2' }), /replaces the whole list/);
});

test('the library API: planEdit returns byte-offset edits that applyEdits applies, and the warnings the change brings', async () => {
  const api = await import('../../src/index.ts');
  const text = example.toString();
  const set = api.planEdit({ text, operation: { verb: 'set', kind: 'active-response', address: { name: 'netsh' }, changes: api.activeResponseChanges({ timeout: '2h' }) } });
  assert.ok(set.changed);
  assert.ok(api.applyEdits(example, set.edits).equals(set.after));
  assert.match(set.after.toString(), /<timeout>7200<\/timeout>/);
  const quiet = api.planEdit({ text, operation: { verb: 'set-global', changes: api.globalChanges({ emailNotification: 'no' }) } });
  assert.ok(quiet.changed);
  assert.deepEqual(quiet.warnings.map((w) => w.ruleId), ['email-alerts-without-notification']);
  assert.throws(() => api.planEdit({ text, operation: { verb: 'disable', address: { name: 'firewall-drop' } } }), (error: unknown) => error instanceof api.AmbiguousAddressError && error.choices.length === 2);
  const off = api.planEdit({ text, operation: { verb: 'disable', address: { name: 'firewall-drop', nth: 2 } } });
  assert.ok(off.changed);
  const on = api.planEdit({ text: off.after, operation: { verb: 'enable', address: { line: 85 } } });
  assert.ok(on.changed && on.after.equals(example));
});

test('entries added to and removed from one list in one change; a list left empty is removed', () => {
  const p = changed({ verb: 'set', kind: 'email-alerts', address: { line: 35 }, changes: setEmailAlertsChanges({ addRuleId: '31161', removeRuleId: '31151,31153' }) });
  assert.deepEqual(lineDiff(p.before, p.after), { removed: ['    <rule_id>31151, 31152, 31153</rule_id>'], added: ['    <rule_id>31152, 31161</rule_id>'] });
  const q = changed({ verb: 'set', kind: 'active-response', address: { name: 'netsh' }, changes: setActiveResponseChanges({ removeRulesId: '60204', addRulesGroup: 'win_group|rdp' }) });
  assert.deepEqual(lineDiff(q.before, q.after), { removed: ['    <rules_id>60204</rules_id>'], added: ['    <rules_group>win_group|rdp</rules_group>'] });
});
