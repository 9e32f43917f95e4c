/**
 * simulate's per-alert decisions against Wazuh v4.14.7's analysisd (Rule_AddAR; the AR loop's crafted-field
 * checks; OS_Exec, get_ip, getActiveResponseInString / InJSON and get_exec_msg compiled unchanged), as data:
 * the cases `npm run oracle -- --exec --record` kept (scripts/oracle/exec-cases.ts) with Wazuh's verdict:
 * which responses the rule binds and every message analysisd sends, byte for byte. Runs without the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arctlVerdict, verdictDifference, type RecordedExecCase } from '../../scripts/oracle/exec-cases.ts';

const cases = JSON.parse(readFileSync(new URL('../fixtures/oracle/exec-cases.json', import.meta.url), 'utf8')) as RecordedExecCase[];

test('every recorded case: the bound responses and the messages analysisd sends, as Wazuh gives them', () => {
  assert.ok(cases.length >= 50);
  const wrong: string[] = [];
  for (const c of cases) {
    const difference = verdictDifference(c.wazuh, arctlVerdict(c));
    if (difference) wrong.push(`seed ${c.seed}: ${difference.text}`);
  }
  assert.deepEqual(wrong, []);
});

test('the recorded cases reach what the oracle found arctl wrong on, and every message form', () => {
  const sent = cases.flatMap((c) => c.wazuh.bound.flatMap((b) => b.sent ?? []));
  // No <cluster><node_name>: get_node_name's "undefined".
  assert.ok(sent.some((m) => m.msg.includes('"origin":{"name":"undefined","module":"wazuh-analysisd"}')));
  // Numbers as cJSON prints them.
  assert.ok(sent.some((m) => /"score":(1e\+16|1\.5e-07)/.test(m.msg)));
  // The manager's queue, the legacy string and the 4.2.0-4.2.4 escaped JSON to agents.
  assert.ok(sent.some((m) => m.queue === 'exec'));
  assert.ok(sent.some((m) => m.queue === 'ar' && !m.msg.includes(' {"version"')));
  assert.ok(sent.some((m) => m.msg.includes('\\\\x')));
  // A crafted dstuser or srcip, and a bound response that sends nothing.
  assert.ok(cases.some((c) => c.wazuh.bound.some((b) => b.crafted)));
  assert.ok(cases.some((c) => c.wazuh.bound.some((b) => !b.crafted && b.sent !== null && b.sent.length === 0)));
});
