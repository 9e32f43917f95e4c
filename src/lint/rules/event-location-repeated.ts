import { defineRule } from '../types.ts';
import { lineOf } from '../active-response.ts';

export default defineRule({
  id: 'event-location-repeated',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'Several <event_location> in one <email_alerts>: only the last one is used.',
  docs: {
    what: 'More than one `<event_location>` in one `<email_alerts>` block.',
    why: 'Read_EmailAlerts compiles each `<event_location>` into the same slot, so every one replaces the previous pattern and only the last is used (src/config/email-alerts-config.c; the e-mail reference page says so too).',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>web@example.com</email_to>
    <event_location>web01</event_location>
    <event_location>web02</event_location>
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
    <email_to>web@example.com</email_to>
    <event_location>web01|web02</event_location>
  </email_alerts>
</ossec_config>`,
  },
  messages: {
    overridden: { severity: 'warning', text: "<event_location> '{{value}}' is ignored: the <event_location> on line {{line}} replaces it. To match several, join them with '|' in one element ('{{joined}}')." },
  },
  check(ctx) {
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
