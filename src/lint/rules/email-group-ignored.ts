import { insertBlock, type TextEdit } from '../../document/edit.ts';
import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { globalEmailSettings, notificationOn, maildSource, matchingCriteria } from '../email.ts';

export default defineRule({
  id: 'email-group-ignored',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts><group> is skipped while wazuh-maild reads alerts.json (rule.group vs rule.groups).',
  docs: {
    what: 'An `<email_alerts><group>` while wazuh-maild reads alerts.json (`<email_log_source>` absent or not `alerts.log`). Error when `group` is the block\'s only criterion.',
    why: 'In its JSON path wazuh-maild looks for `rule.group`, but alerts.json carries the groups in `rule.groups`; the lookup finds nothing and the group test is skipped (src/os_maild/os_maild_client.c, 4.x; open bug wazuh/wazuh#6973, earlier fix attempt PR #3300). A block whose only criterion is `group` therefore never mails; with other criteria the group filter silently does nothing.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
  </global>
  <email_alerts>
    <email_to>ssh@example.com</email_to>
    <group>sshd,</group>
  </email_alerts>
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
  <email_alerts>
    <email_to>ssh@example.com</email_to>
    <group>sshd,</group>
  </email_alerts>
</ossec_config>`,
    fix: 'Suggestion only (--fix-suggestions): when `<global>` has `<alerts_log>yes</alerts_log>`, sets `<email_log_source>alerts.log</email_log_source>` (maild then matches groups against the alert\'s group string).',
  },
  messages: {
    onlyGroup: { severity: 'error', text: "This block's only criterion is <group> '{{value}}', which {{maild}} skips when reading alerts.json ({{why}}): the block never sends mail. Read alerts.log instead (<email_log_source>alerts.log</email_log_source> with <alerts_log>yes</alerts_log>)." },
    ignored: { severity: 'warning', text: "<group> '{{value}}' is not applied while {{maild}} reads alerts.json ({{why}}): this block mails on its other criteria whatever the groups. Read alerts.log instead (<email_log_source>alerts.log</email_log_source> with <alerts_log>yes</alerts_log>)." },
  },
  suggestionMessages: {
    useAlertsLog: "Set <email_log_source>alerts.log</email_log_source> (maild then matches groups in alerts.log)",
  },
  check(ctx) {
    const settings = globalEmailSettings(ctx.config);
    // With notification off no block sends anything: email-alerts-without-notification says so once.
    if (!notificationOn(settings) || maildSource(settings) !== 'alerts.json') return;
    const why = settings.logSource ? `email_log_source is '${settings.logSource.text}'` : 'the default without email_log_source';
    let fix: TextEdit | undefined;
    if (settings.alertsLog?.text === 'yes') {
      if (settings.logSource) fix = replaceValue(settings.logSource, 'alerts.log');
      else {
        const global = ctx.config.globals[ctx.config.globals.length - 1];
        fix = insertBlock(ctx.doc, global.element, ['<email_log_source>alerts.log</email_log_source>']);
      }
    }
    for (const block of ctx.config.emailAlerts) {
      const group = block.group;
      if (!group) continue;
      const only = matchingCriteria(block).every((c) => c === 'group');
      ctx.report({
        messageId: only ? 'onlyGroup' : 'ignored',
        data: { value: group.text, why },
        range: valueRange(group),
        // Switching maild to alerts.log changes what every block reads: the user's decision, a suggestion.
        ...(fix ? { suggestions: [{ messageId: 'useAlertsLog', fix }] } : {}),
      });
    }
  },
});
