import { defineRule } from '../types.ts';
import { deliveryFlags, matchingCriteria, refusedLevels } from '../email.ts';
import { analysisdModel } from '../active-response.ts';

export default defineRule({
  id: 'email-alerts-no-filter',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <email_alerts> block without recipient or criterion is refused, one with only delivery flags never mails.',
  docs: {
    what: '(error) an `<email_alerts>` block with none of `level`, `group`, `rule_id`, `event_location`, `format sms`, `do_not_delay`, `do_not_group`; (error) a block without an `<email_to>` when no global `<email_to>` is read before it; (error) a block whose only criterion is a `<rule_id>` of zeros and that has two `<email_to>` or more (the check reads the entry of the last recipient, cloned without the zeros); (warning) a block whose only options besides `email_to` are the delivery flags `format sms`, `do_not_delay`, `do_not_group`.',
    why: 'Read_EmailAlerts refuses a block whose criteria are all empty or that has no `<email_to>` while no global one was read before it (`Mail->to == NULL && gran_to[n] == NULL`; a `<global>` further down the file comes too late) with `(1264): Invalid \'email_alerts\' config (missing parameters)` (src/config/email-alerts-config.c). It counts the delivery flags as "set", but wazuh-maild only uses a block once one of event_location, level, rule_id or group matched an alert (src/os_maild/os_maild_client.c), so a block with delivery flags only never sends (compare wazuh/wazuh#3489).',
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
    <do_not_delay/>
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
    <do_not_delay/>
  </email_alerts>
</ossec_config>`,
  },
  messages: {
    noCriterion: { severity: 'error', text: "This <email_alerts> block has no criterion (level, group, rule_id, event_location): {{maild}} stops with (1264): Invalid 'email_alerts' config (missing parameters)." },
    noRecipient: { severity: 'error', text: "This <email_alerts> block has no <email_to> and no global <email_to> is read before it: {{maild}} stops with (1264): Invalid 'email_alerts' config (missing parameters)." },
    zeroRuleIds: { severity: 'error', text: "This <email_alerts> block's only criterion is a <rule_id> of zeros and it has {{count}} <email_to>: Read_EmailAlerts copies the ids for each further recipient up to the first 0, so the last recipient's entry has no criterion and {{maild}} stops with (1264): Invalid 'email_alerts' config (missing parameters)." },
    onlyDelivery: { severity: 'warning', text: 'This <email_alerts> block has only delivery options ({{flags}}): maild uses a block only when its level, group, rule_id or event_location matched, so it never sends; add a criterion.' },
  },
  ownsRefusal: ({ message }) => (message.code === 1264 ? {} : undefined),

  check(ctx) {
    // maild's verdict (src/wazuh/load-mail.ts): a global <email_to> read before a block stands for its own.
    const refused = new Set(analysisdModel(ctx.doc, ctx.config, ctx.target).maild.problems.filter((p) => p.code === 1264).map((p) => p.element));
    for (const block of ctx.config.emailAlerts) {
      const criteria = matchingCriteria(block);
      const flags = deliveryFlags(block);
      if (block.emailTo.length === 0 && refused.has(block.element)) ctx.report({ messageId: 'noRecipient', range: block.element.openTag });
      // A <level> that is not digits is meant as a criterion; Wazuh stops on it (1235, email-level-invalid)
      // before it looks for missing criteria.
      if (refusedLevels(block).length > 0) continue;
      if (criteria.length === 0 && flags.length === 0 && refused.has(block.element)) ctx.report({ messageId: 'noCriterion', range: block.element.openTag });
      else if (criteria.length > 0 && block.emailTo.length > 1 && refused.has(block.element)) ctx.report({ messageId: 'zeroRuleIds', data: { count: String(block.emailTo.length) }, range: block.element.openTag });
      // No delivery option either: a block without children is refused by name (1230, unknown-element), and one
      // with an <email_to> alone is maild's (1264) above, or nothing at all when maild does not run.
      else if (criteria.length === 0 && flags.length > 0) ctx.report({ messageId: 'onlyDelivery', data: { flags: flags.join(', ') }, range: block.element.openTag });
    }
  },
});
