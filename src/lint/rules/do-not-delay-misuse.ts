import { defineRule } from '../types.ts';
import { removeElement } from '../active-response.ts';
import { matchingCriteria } from '../email.ts';

export default defineRule({
  id: 'do-not-delay-misuse',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<do_not_delay>/<do_not_group> written with a value, after do_not_group, or together with format sms.',
  docs: {
    what: '`<do_not_delay>` or `<do_not_group>` in an `<email_alerts>` block written with content (`<do_not_delay>no</do_not_delay>`); `<do_not_delay>` after `<do_not_group>` in the same block; either flag in a block with `<format>sms</format>`.',
    why: 'Read_EmailAlerts treats both as presence flags and ignores their content, so `no` still switches the flag on; `do_not_delay` is ignored once `do_not_group` was read, and `sms` overrides both whatever the order (src/config/email-alerts-config.c). The e-mail reference page documents them as empty elements.',
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
    <level>10</level>
    <do_not_group/>
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
    <do_not_group/>
  </email_alerts>
</ossec_config>`,
    fix: 'Rewrites a flag with content as an empty element (`yes`, any text) or removes it when the content is `no`; removes a flag that Wazuh ignores (after do_not_group, or with format sms).',
  },
  messages: {
    content: { severity: 'warning', text: "<{{flag}}> has content '{{value}}', which Wazuh ignores: the flag is on whatever it says; write <{{flag}}/>." },
    contentNo: { severity: 'warning', text: "<{{flag}}>no</{{flag}}> still switches the flag on: Wazuh ignores the content; remove the element to switch it off." },
    afterDoNotGroup: { severity: 'warning', text: '<do_not_delay> after <do_not_group> is ignored: do_not_group already applies to this block.' },
    withSms: { severity: 'warning', text: '<{{flag}}> has no effect with <format>sms</format>: SMS-format mails are never delayed or grouped differently.' },
  },
  check(ctx) {
    for (const block of ctx.config.emailAlerts) {
      const sms = block.options.all('format').some((f) => f.text === 'sms');
      let sawDoNotGroup = false;
      for (const child of block.element.children) {
        if (child.name !== 'do_not_delay' && child.name !== 'do_not_group') continue;
        const flag = child.name;
        const ignored = sms || (flag === 'do_not_delay' && sawDoNotGroup);
        if (flag === 'do_not_group') sawDoNotGroup = true;
        if (ignored) {
          ctx.report({ messageId: sms ? 'withSms' : 'afterDoNotGroup', data: { flag }, range: child.openTag, fix: removeElement(ctx.doc, child) });
          continue;
        }
        const value = child.content;
        if (value.trim() === '' || child.contentHasComment || child.children.length > 0) continue;
        // Removing the flag from a block without criteria would leave it empty, which Wazuh refuses (1264).
        const fix =
          value.trim() !== 'no'
            ? { start: child.range.start, end: child.range.end, text: `<${flag}/>` }
            : matchingCriteria(block).length > 0
              ? removeElement(ctx.doc, child)
              : undefined;
        ctx.report({ messageId: value.trim() === 'no' ? 'contentNo' : 'content', data: { flag, value }, range: child.contentRange, ...(fix ? { fix } : {}) });
      }
    }
  },
});
