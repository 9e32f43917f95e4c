import { defineRule } from '../types.ts';
import { valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { EMAIL_MAXPERHOUR_BEFORE_3_10, emailMaxPerHourMax } from '../../wazuh/load-global.ts';

export default defineRule({
  id: 'email-maxperhour-range',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: '<global><email_maxperhour> is not a number from 1 to 1000000 (9999 before Wazuh 3.10; info above 9999 from 3.10 on).',
  docs: {
    what: '(error) an `<email_maxperhour>` that is not all digits, is 0 or is above 1000000 (above 9999 when the target is older than 3.10); (info) from 3.10 on, a value above 9999, which managers older than 3.10 refuse.',
    why: 'The e-mail reader accepts digits only, from 1 to 1000000, and refuses anything else with `(1235)` (src/config/global-config.c); analysisd does not check it, wazuh-maild does and then does not start (verified/acceptance.json notes analysisd accepts it). Before Wazuh 3.10 (and in OSSEC) the reader took 1 to 9999 only (src/config/global-config.c:533 at v3.9.5; 1000000 from v3.10.0), as older reference pages document; default 12.',
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
    invalid: { severity: 'error', text: "<email_maxperhour> '{{value}}' must be a number from 1 to {{max}}: {{maild}} refuses to start with (1235): Invalid value for element 'email_maxperhour': {{value}}." },
    aboveOldMaximum: { severity: 'info', text: '<email_maxperhour> {{value}} is above 9999, the most Wazuh before 3.10 (and OSSEC) accepts: managers older than 3.10 refuse it with (1235).' },
    ...schemaMessages('email-maxperhour-range'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const g of ctx.config.globals) {
        for (const option of g.options.all('email_maxperhour')) {
          const value = option.text;
          const number = /^\d+$/.test(value) ? Number(value) : NaN;
          const max = emailMaxPerHourMax(ctx.target);
          if (Number.isNaN(number) || number < 1 || number > max) {
            ctx.report({ messageId: 'invalid', data: { value, max }, range: valueRange(option) });
          } else if (number > EMAIL_MAXPERHOUR_BEFORE_3_10) {
            ctx.report({ messageId: 'aboveOldMaximum', data: { value }, range: valueRange(option) });
          }
        }
      }
    });
  },
});
