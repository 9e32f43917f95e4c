import { defineRule } from '../types.ts';
import { lineOf } from '../active-response.ts';
import { readByMaild } from '../email.ts';

export default defineRule({
  id: 'event-location-repeated',
  fixable: false,
  needs: [],
  summary: 'Several <event_location> in one <email_alerts>: only the last one is used.',
  docs: {
    what: 'More than one `<event_location>` in one `<email_alerts>` block.',
    why: 'Read_EmailAlerts compiles each `<event_location>` into the same slot, so every one replaces the previous pattern and only the last is used (src/config/email-alerts-config.c; the e-mail reference page says so too).',
    bad: '<ossec_config>\n  <global>\n    <email_notification>yes</email_notification>\n    <jsonout_output>yes</jsonout_output>\n    <smtp_server>localhost</smtp_server>\n    <email_from>wazuh@example.com</email_from>\n    <email_to>admin@example.com</email_to>\n  </global>\n  <email_alerts>\n    <email_to>web@example.com</email_to>\n    <event_location>web01</event_location>\n    <event_location>web02</event_location>\n  </email_alerts>\n</ossec_config>',
    good: '<ossec_config>\n  <global>\n    <email_notification>yes</email_notification>\n    <jsonout_output>yes</jsonout_output>\n    <smtp_server>localhost</smtp_server>\n    <email_from>wazuh@example.com</email_from>\n    <email_to>admin@example.com</email_to>\n  </global>\n  <email_alerts>\n    <email_to>web@example.com</email_to>\n    <event_location>web01|web02</event_location>\n  </email_alerts>\n</ossec_config>',
  },
  messages: {
    overridden: { severity: 'warning', text: "<event_location> '{{value}}' is ignored: the <event_location> on line {{line}} replaces it. To match several, join them with '|' in one element ('{{joined}}')." },
  },
  check(ctx) {
    if (!readByMaild(ctx.config, ctx.role)) return;
    for (const block of ctx.config.emailAlerts) {
      const all = block.options.all('event_location');
      if (all.length < 2) continue;
      const lastOne = all[all.length - 1];
      const joined = all.map((o) => o.text.trim()).filter((t) => t !== '').join('|');
      for (const option of all.slice(0, -1)) {
        ctx.report({
          messageId: 'overridden',
          data: { value: option.text, line: lineOf(ctx.doc, lastOne.element), joined },
          range: option.element.openTag,
        });
      }
    }
  },
});
