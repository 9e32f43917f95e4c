/**
 * simulate's per-alert e-mail decision against Wazuh v4.14.7's wazuh-maild (MailConf, Read_EmailAlerts and
 * OS_RecvMailQ_JSON / OS_RecvMailQ compiled unchanged; the recipients OS_Sendmail and OS_Sendsms address), as data: the
 * cases `npm run oracle -- --mail --record` kept (scripts/oracle/mail-cases.ts) with Wazuh's verdict per
 * alert line. Runs without the oracle.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { arctlMailVerdict, type RecordedMailCase } from '../../scripts/oracle/mail-cases.ts';

const cases = JSON.parse(readFileSync(new URL('../fixtures/oracle/mail-cases.json', import.meta.url), 'utf8')) as RecordedMailCase[];

test('every recorded case: whether each alert is mailed and to whom, as wazuh-maild decides', () => {
  assert.ok(cases.length >= 80);
  const wrong: string[] = [];
  for (const c of cases) {
    const arctl = arctlMailVerdict(c);
    assert.equal(arctl.refused, false, `seed ${c.seed}: analysisd refuses it (such cases are not recorded)`);
    c.wazuh.alerts.forEach((w, i) => {
      const a = arctl.alerts[i]!;
      if (w.sent !== a.sent || w.recipients.join(' ') !== a.recipients.join(' ')) wrong.push(`seed ${c.seed} alert ${i}: Wazuh ${JSON.stringify(w)}, arctl ${JSON.stringify(a)}`);
    });
  }
  assert.deepEqual(wrong, []);
});

test('the recorded cases reach what the oracle found arctl wrong on', () => {
  const sentWhere = (p: (c: RecordedMailCase, i: number) => boolean) => cases.some((c) => c.wazuh.alerts.some((a, i) => a.sent && p(c, i)));
  // A configuration maild refuses: no alert is mailed.
  assert.ok(cases.some((c) => c.wazuh.refused && c.alerts.length > 0));
  // Keys in capitals (cJSON_GetObjectItem ignores case), a level that is a string (valueint 0), a zero in rule_id.
  assert.ok(sentWhere((c, i) => /"(RULE|LEVEL|AGENT|LOCATION)":/.test(c.alerts[i]!)));
  assert.ok(sentWhere((c, i) => /"level":"/.test(c.alerts[i]!)));
  assert.ok(sentWhere((c) => /<rule_id>[^<]*\b0\b/.test(c.config)));
  // maild reading alerts.log, where the granular group is matched against the header's group string.
  assert.ok(sentWhere((c) => /<email_log_source>alerts\.log/.test(c.config) && /<group>/.test(c.config)));
  // Granular recipients beyond the global ones.
  assert.ok(cases.some((c) => c.wazuh.alerts.some((a) => a.recipients.some((r) => !new RegExp(`<global>[^]*<email_to>${r}</email_to>[^]*</global>`).test(c.config)))));
});
