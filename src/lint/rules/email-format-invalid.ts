import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

const FORMATS = ['full', 'default', 'sms'];

export default defineRule({
  id: 'email-format-invalid',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts><format> is not exactly full, default or sms (1235).',
  docs: {
    what: 'An `<email_alerts><format>` other than exactly `full`, `default` or `sms` (compared byte for byte: case and spaces count).',
    why: 'Read_EmailAlerts compares the value with strcmp and refuses anything else with `(1235): Invalid value for element \'format\'` (src/config/email-alerts-config.c), so Wazuh does not start.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>oncall@example.com</email_to>
    <level>12</level>
    <format>SMS</format>
  </email_alerts>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>oncall@example.com</email_to>
    <level>12</level>
    <format>sms</format>
  </email_alerts>
</ossec_config>`,
    fix: 'A value that is one of the three words in another case or with spaces around it is rewritten in lower case without the spaces.',
  },
  messages: {
    invalid: { severity: 'error', text: "<format> '{{value}}' is not full, default or sms: {{maild}} refuses to start with (1235): Invalid value for element 'format': {{value}}." },
    ...schemaMessages('email-format-invalid'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const block of ctx.config.emailAlerts) {
        for (const option of block.options.all('format')) {
          if (FORMATS.includes(option.text)) continue;
          const canonical = option.text.trim().toLowerCase();
          const fix = FORMATS.includes(canonical) ? replaceValue(option, canonical) : undefined;
          ctx.report({ messageId: 'invalid', data: { value: option.text }, range: valueRange(option), ...(fix ? { fix } : {}) });
        }
      }
    });
  },
});
