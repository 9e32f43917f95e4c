import { defineRule } from '../types.ts';
import { globalEmailSettings } from '../email.ts';

export default defineRule({
  id: 'email-alerts-without-notification',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts> blocks are dead while <global><email_notification> is not yes.',
  docs: {
    what: 'One or more `<email_alerts>` blocks while `<global><email_notification>` is missing (default `no`) or `no`.',
    why: 'wazuh-maild reads the global switch first and exits with "Mail notifications are disabled. Exiting." when it is not `yes` (src/os_maild/config.c MailConf), so granular e-mail rules never send anything. The granular options need the global e-mail setup (email-alerts reference page; wazuh/wazuh#12837).',
    bad: `<ossec_config>
  <global>
    <email_notification>no</email_notification>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <level>10</level>
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
    <level>10</level>
  </email_alerts>
</ossec_config>`,
  },
  messages: {
    missing: { severity: 'warning', text: 'This <email_alerts> block never sends mail: <global><email_notification> is not set (default no), so {{maild}} exits at start ("Mail notifications are disabled. Exiting."); add <email_notification>yes</email_notification> to <global>.' },
    off: { severity: 'warning', text: "This <email_alerts> block never sends mail: <global><email_notification> is '{{value}}' (line {{line}}), so {{maild}} exits at start; set it to yes." },
  },
  check(ctx) {
    if (ctx.config.emailAlerts.length === 0) return;
    const notification = globalEmailSettings(ctx.config).notification;
    if (notification?.text === 'yes') return;
    for (const block of ctx.config.emailAlerts) {
      if (notification) {
        const line = ctx.doc.lineOf(notification.element.range.start);
        ctx.report({ messageId: 'off', data: { value: notification.text, line }, range: block.element.openTag });
      } else {
        ctx.report({ messageId: 'missing', range: block.element.openTag });
      }
    }
  },
});
