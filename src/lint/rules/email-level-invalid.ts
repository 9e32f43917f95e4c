import { defineRule } from '../types.ts';
import { valueRange } from '../active-response.ts';
import { globalEmailSettings, refusedLevels } from '../email.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

export default defineRule({
  id: 'email-level-invalid',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts><level> is not a number, above 16, or below the global email_alert_level.',
  docs: {
    what: '(error) a non-digit `<email_alerts><level>`; (warning) a level above 16; (warning) a level lower than an explicit `<alerts><email_alert_level>`.',
    why: 'Read_EmailAlerts accepts digits only and refuses anything else with `(1235): Invalid value for element \'level\'` (src/config/email-alerts-config.c), but does no range check: rule levels stop at 16, so a higher level never matches. maild only considers alerts whose rule carries the mail flag, which analysisd sets from `email_alert_level` (or `alert_by_email`), so a lower granular level is silently raised to it (e-mail reference page; wazuh/wazuh#8788, #12837).',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <level>high</level>
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
    <email_to>soc@example.com</email_to>
    <level>12</level>
  </email_alerts>
</ossec_config>`,
  },
  messages: {
    notDigits: { severity: 'error', text: "<level> '{{value}}' is not a number: {{maild}} refuses to start with (1235): Invalid value for element 'level': {{value}}." },
    tooHigh: { severity: 'warning', text: '<level> {{value}} is above 16, the highest rule level: this block never matches.' },
    belowGlobal: { severity: 'warning', text: '<level> {{value}} is below <alerts><email_alert_level> {{global}}: only alerts of level {{global}} or more (or rules with alert_by_email) reach this block.' },
    ...schemaMessages('email-level-invalid'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      const globalLevel = globalEmailSettings(ctx.config).emailAlertLevel;
      const global = globalLevel && /^\d+$/.test(globalLevel.text) ? Number(globalLevel.text) : undefined;
      for (const block of ctx.config.emailAlerts) {
        const refused = refusedLevels(block);
        for (const option of refused) ctx.report({ messageId: 'notDigits', data: { value: option.text }, range: valueRange(option) });
        const kept = block.level;
        if (!kept || kept.text === '' || refused.includes(kept)) continue;
        const value = kept.text;
        const level = Number(value);
        if (level > 16) ctx.report({ messageId: 'tooHigh', data: { value }, range: valueRange(kept) });
        else if (level > 0 && global !== undefined && level < global) {
          ctx.report({ messageId: 'belowGlobal', data: { value, global }, range: valueRange(kept) });
        }
      }
    });
  },
});
