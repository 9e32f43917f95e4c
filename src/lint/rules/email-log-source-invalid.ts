import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { isStrNum } from '../../wazuh/c-number.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

const SOURCES = ['alerts.log', 'alerts.json'];

export default defineRule({
  id: 'email-log-source-invalid',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<global><email_log_source> is neither alerts.log nor alerts.json.',
  docs: {
    what: 'An `<email_log_source>` other than exactly `alerts.log` or `alerts.json`.',
    why: 'The reader compares the value with `alerts.log` by prefix; any other non-numeric text silently selects alerts.json, and an all-digit or empty value is refused with `(1235)` (OS_StrIsNum is true for an empty string) (src/config/global-config.c), so a typo quietly changes where wazuh-maild reads alerts from.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <email_log_source>Alerts.log</email_log_source>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <email_log_source>alerts.log</email_log_source>
  </global>
</ossec_config>`,
    fix: 'A value equal to alerts.log or alerts.json apart from case or surrounding spaces is rewritten exactly.',
  },
  messages: {
    numeric: { severity: 'error', text: "<email_log_source> '{{value}}' is {{what}}: {{maild}} refuses to start with (1235): Invalid value for element 'email_log_source': {{value}}." },
    other: { severity: 'warning', text: "<email_log_source> '{{value}}' is neither alerts.log nor alerts.json: {{maild}} reads {{used}} instead." },
    ...schemaMessages('email-log-source-invalid'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const g of ctx.config.globals) {
        for (const option of g.options.all('email_log_source')) {
          const value = option.text;
          if (SOURCES.includes(value)) continue;
          // OS_StrIsNum: digits only, and an empty value counts as a number too.
          if (isStrNum(value)) {
            ctx.report({ messageId: 'numeric', data: { value, what: value === '' ? 'empty (Wazuh reads an empty value as a number)' : 'a number' }, range: valueRange(option) });
            continue;
          }
          const canonical = value.trim().toLowerCase();
          const fix = SOURCES.includes(canonical) ? replaceValue(option, canonical) : undefined;
          const used = value.startsWith('alerts.log') ? 'alerts.log' : 'alerts.json';
          ctx.report({ messageId: 'other', data: { value, used }, range: valueRange(option), ...(fix ? { fix } : {}) });
        }
      }
    });
  },
});
