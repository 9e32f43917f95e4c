import { defineRule } from '../types.ts';
import { valueRange } from '../active-response.ts';
import { globalEmailSettings, maildSource } from '../email.ts';
import { versionAtLeast } from '../../wazuh/version.ts';

/**
 * maild's own <global> starts zeroed but for alerts_log (memset, then global.alerts_log = 1: src/os_maild/config.c:46-47,
 * v4.14.7), so an absent <jsonout_output> is off for it whatever analysisd writes, and it refuses alerts.json (:77-79).
 */
const JSON_ABSENT = 'and {{maild}} takes that as no, its own default';
const ADD_JSON = 'Add <jsonout_output>yes</jsonout_output> to <global>.';

export default defineRule({
  id: 'email-notification-incomplete',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'email_notification is yes but maild lacks an SMTP server, a recipient or its alert file (errors), or a sender (warning).',
  docs: {
    what: '`<email_notification>yes</email_notification>` with no `<smtp_server>`, no `<email_from>`, no recipient at all (no global `<email_to>` and no `<email_alerts><email_to>`), or with `<email_log_source>` pointing at an alerts output that is switched off (`alerts.log` with `<alerts_log>no</alerts_log>`, `alerts.json` with `<jsonout_output>no</jsonout_output>` or with no `<jsonout_output>` at all: maild\'s own default is no, from 3.8 on).',
    why: 'wazuh-maild exits at start with "SMTP server not set. Exiting." and refuses a disabled source ("Alerts.log is disabled" / "Alerts.json is disabled", src/os_maild). Without a recipient the SMTP dialogue fails for every mail (wazuh/wazuh#3489). Without `<email_from>` maild still sends (a warning): MailConf leaves the sender NULL and sendmail.c writes `Mail From: <%s>` with it, i.e. `<(null)>` (`<>` for an empty tag), which some mail servers refuse and others deliver as from nobody.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <email_to>soc@example.com</email_to>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
</ossec_config>`,
  },
  messages: {
    noSmtp: { severity: 'error', text: 'E-mail notification is on but no <smtp_server> is set: {{maild}} exits at start ("SMTP server not set. Exiting.").' },
    noFrom: { severity: 'warning', text: "E-mail notification is on but no <email_from> is set: {{maild}} sends its mail from '{{sender}}', which some mail servers refuse; set a sender address." },
    noRecipient: { severity: 'error', text: 'E-mail notification is on but there is no recipient: add a <global><email_to> or an <email_alerts> block with <email_to>.' },
    logDisabled: { severity: 'error', text: 'email_log_source is alerts.log but <alerts_log> is no: {{maild}} exits ("Alerts.log is disabled").' },
    jsonDisabled: { severity: 'error', text: '{{maild}} reads alerts.json ({{why}}) but <jsonout_output> is no: {{maild}} exits ("Alerts.json is disabled").' },
    jsonAbsent: { severity: 'error', text: `{{maild}} reads alerts.json ({{why}}) but no <global> sets <jsonout_output>, ${JSON_ABSENT}: it exits ("Alerts.json is disabled"). ${ADD_JSON}` },
  },
  // maild's own checks of the alert formats it reads (no code); with no <jsonout_output> at all, said why.
  ownsRefusal: ({ message }) => {
    if (!/^(All alert formats are disabled\.|Alerts\.(log|json) is disabled)$/.test(message.text)) return undefined;
    return message.text === 'Alerts.json is disabled' && message.element?.name !== 'jsonout_output' ? { hint: ` (no <global> sets <jsonout_output>, ${JSON_ABSENT}). ${ADD_JSON}` } : {};
  },

  check(ctx) {
    const s = globalEmailSettings(ctx.config);
    if (s.notification?.text !== 'yes') return;
    const at = valueRange(s.notification);
    if (!s.smtpServer || s.smtpServer.text.trim() === '') ctx.report({ messageId: 'noSmtp', range: at });
    // MailConf leaves the sender NULL, which glibc prints as (null); an empty tag is the null sender <>.
    if (!s.emailFrom || s.emailFrom.text.trim() === '') ctx.report({ messageId: 'noFrom', data: { sender: s.emailFrom ? '<>' : '<(null)>' }, range: at });
    const recipients = s.emailTo.length + ctx.config.emailAlerts.reduce((n, b) => n + b.emailTo.length, 0);
    if (recipients === 0) ctx.report({ messageId: 'noRecipient', range: at });
    if (maildSource(s) === 'alerts.log') {
      if (s.alertsLog?.text === 'no') ctx.report({ messageId: 'logDisabled', range: valueRange(s.alertsLog) });
    } else if (s.jsonoutOutput?.text === 'no') {
      const why = s.logSource ? `email_log_source is '${s.logSource.text}'` : 'the default when email_log_source is absent';
      ctx.report({ messageId: 'jsonDisabled', data: { why }, range: valueRange(s.jsonoutOutput) });
    } else if (!s.jsonoutOutput && versionAtLeast(ctx.target, 3, 8)) {
      // At the start tag, where validate's refusal points (src/wazuh/load.ts loadMaild's format checks, 3.8+).
      const why = s.logSource ? `email_log_source is '${s.logSource.text}'` : 'the default when email_log_source is absent';
      ctx.report({ messageId: 'jsonAbsent', data: { why }, range: s.notification.element.openTag });
    }
  },
});
