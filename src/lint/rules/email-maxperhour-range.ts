import { defineRule } from '../types.ts';
import { valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

export default defineRule({
  id: 'email-maxperhour-range',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: '<global><email_maxperhour> is not a number from 1 to 1000000 (info above the old maximum 9999).',
  docs: {
    what: '(error) an `<email_maxperhour>` that is not all digits, is 0 or is above 1000000; (info) a value above 9999, the maximum older documentation gives.',
    why: 'The e-mail reader accepts digits only, from 1 to 1000000, and refuses anything else with `(1235)` (src/config/global-config.c); analysisd does not check it, wazuh-maild does and then does not start (verified/acceptance.json notes analysisd accepts it). Older reference pages document 1-9999, default 12.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <email_maxperhour>0</email_maxperhour>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <email_maxperhour>12</email_maxperhour>
  </global>
</ossec_config>`,
  },
  messages: {
    invalid: { severity: 'error', text: "<email_maxperhour> '{{value}}' must be a number from 1 to 1000000: wazuh-maild refuses to start with (1235): Invalid value for element 'email_maxperhour': {{value}}." },
    aboveOldMaximum: { severity: 'info', text: '<email_maxperhour> {{value}} is above 9999, the maximum of Wazuh 3.x documentation: older managers refuse it.' },
    ...schemaMessages('email-maxperhour-range'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const g of ctx.config.globals) {
        for (const option of g.options.all('email_maxperhour')) {
          const value = option.text;
          const number = /^\d+$/.test(value) ? Number(value) : NaN;
          if (Number.isNaN(number) || number < 1 || number > 1_000_000) {
            ctx.report({ messageId: 'invalid', data: { value }, range: valueRange(option) });
          } else if (number > 9999) {
            ctx.report({ messageId: 'aboveOldMaximum', data: { value }, range: valueRange(option) });
          }
        }
      }
    });
  },
});
