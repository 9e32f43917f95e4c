import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { parseRuleIdList } from '../../wazuh/rules-id.ts';
import { atoi } from '../../wazuh/c-number.ts';
import { globalEmailSettings, notificationOn } from '../email.ts';
import type { EmailAlertsView } from '../../document/views.ts';

/**
 * The block's other criteria, as wazuh-maild tests them (os_maild_client.c:220-275, all must match): a
 * non-zero <level>, a <group>, an <event_location>. A <rule_id> without ids leaves gran_id NULL, no
 * criterion at all (email-alerts-config.c:107-160): with another criterion the block mails more, not less.
 */
function otherCriteria(block: EmailAlertsView): string[] {
  const out: string[] = [];
  if (block.level && atoi(block.level.text) > 0) out.push('<level>');
  if (block.group) out.push('<group>');
  if (block.eventLocation) out.push('<event_location>');
  return out;
}

/** Only ids and separators (`,` `;` `|` blanks): the list the user meant is unambiguous. */
const IDS_AND_SEPARATORS = /^[\s,;|]*\d+([\s,;|]+\d+)*[\s,;|]*$/;

export default defineRule({
  id: 'email-rule-id-format',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts><rule_id> uses separators or text that make Wazuh silently drop ids.',
  docs: {
    what: '`<email_alerts><rule_id>` whose ids are separated by anything but commas (`|`, `;`, spaces only), or that holds ranges or words.',
    why: 'Read_EmailAlerts walks the list like analysisd walks `<rules_id>`: after a number it jumps to the next comma, and any other character at the start of an item ends the walk, without a log line (src/config/email-alerts-config.c). `5710 5712 5716` and `5710|5712` mean just 5710; `100-105` means 100; `sshd` means nothing: the block then has no rule-id criterion, so with a `<level>`, `<group>` or `<event_location>` it mails every alert those match (a warning), and without one it never mails. An id that reads as 0 ends the list wazuh-maild keeps: the ids after it never match. With e-mail notification off nothing is sent at all: the finding is advice (info) until it is turned on. The e-mail reference page separates ids with ", ".',
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
    <rule_id>5710 5712 5716</rule_id>
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
    <rule_id>5710, 5712, 5716</rule_id>
  </email_alerts>
</ossec_config>`,
    fix: 'A value made only of ids and `,` `;` `|` or blank separators is rewritten as `id, id, id`.',
  },
  messages: {
    dropped: { severity: 'error', text: "<rule_id> '{{value}}' is read as {{kept}}: Wazuh stops at '{{stop}}' or skips to the next comma; separate the ids with commas." },
    range: { severity: 'error', text: "<rule_id> '{{value}}' holds a range: Wazuh reads only {{kept}}; list every id, separated by commas." },
    noIds: { severity: 'error', text: "<rule_id> '{{value}}' gives no rule id at all: Wazuh reads rule ids separated by commas." },
    zero: { severity: 'error', text: "<rule_id> '{{value}}' holds an id that reads as 0, which ends {{maild}}'s id list: {{effect}}. Remove it." },
    mailOff: {
      severity: 'info',
      text: "<rule_id> '{{value}}' is read as {{kept}}; e-mail notification is off, so nothing is sent today: separate the ids with commas before turning it on.",
    },
    noIdsIgnored: {
      severity: 'warning',
      text: "<rule_id> '{{value}}' gives no rule id at all, so it adds nothing: this block's other <rule_id> ({{siblings}}) still decide which rules it mails. Wazuh reads rule ids separated by commas.",
    },
    noIdsBroader: {
      severity: 'warning',
      text: "<rule_id> '{{value}}' gives no rule id at all, so {{maild}} drops this criterion: the block e-mails every alert its {{others}} match{{s}}. Wazuh reads rule ids separated by commas.",
    },
  },
  check(ctx) {
    const mailOn = notificationOn(globalEmailSettings(ctx.config));
    /**
     * gran_id is a 0-terminated list (os_maild_client.c:249-263): an id that reads as 0 ends it, so the
     * ids after it, in this <rule_id> or a later one of the block (they add up), never match.
     */
    const reportZero = (block: EmailAlertsView, on: boolean) => {
      const before: number[] = [];
      const options = block.options.all('rule_id');
      for (const [k, option] of options.entries()) {
        const ids = parseRuleIdList(option.text);
        const zero = ids.indexOf(0);
        if (zero < 0) {
          before.push(...ids);
          continue;
        }
        before.push(...ids.slice(0, zero));
        const lost = [...ids.slice(zero + 1), ...options.slice(k + 1).flatMap((o) => parseRuleIdList(o.text))].filter((id) => id !== 0);
        const kept = before.length ? before.join(', ') : 'no id';
        const effect = before.length === 0 ? 'no alert matches it, so the block never sends mail' : lost.length > 0 ? `only ${kept} match${before.length === 1 ? 'es' : ''}, never ${lost.join(', ')}` : '';
        // A 0 after every id cuts nothing: no rule has id 0.
        if (before.length > 0 && lost.length === 0) return;
        ctx.report({ messageId: on ? 'zero' : 'mailOff', data: { value: option.text, kept, effect }, range: valueRange(option) });
        return;
      }
    };
    for (const block of ctx.config.emailAlerts) {
      // Every <rule_id> of a block adds its ids to one list (email-alerts-config.c:127-141).
      const options = block.options.all('rule_id');
      for (const option of options) {
        const text = option.text;
        if (text.trim() === '') continue;
        const kept = parseRuleIdList(text);
        const written = (text.match(/\d+/g) ?? []).map(Number);
        if (/^[\d, ]*$/.test(text) && kept.length === written.length) continue;
        const keptText = kept.length ? kept.join(', ') : 'no id';
        const stop = /[^\d, ]/.exec(text)?.[0] ?? ' ';
        const fix = IDS_AND_SEPARATORS.test(text) ? replaceValue(option, written.join(', ')) : undefined;
        const others = otherCriteria(block);
        const siblings = options.filter((o) => o !== option).flatMap((o) => parseRuleIdList(o.text));
        const noIds = siblings.length > 0 ? 'noIdsIgnored' : others.length > 0 ? 'noIdsBroader' : 'noIds';
        const messageId = kept.length === 0 ? noIds : /\d\s*-\s*\d/.test(text) ? 'range' : 'dropped';
        const data = { value: text, kept: keptText, stop, others: others.join(' and '), s: others.length === 1 ? 'es' : '', siblings: siblings.join(', ') };
        ctx.report({ messageId: mailOn ? messageId : 'mailOff', data, range: valueRange(option), ...(fix ? { fix } : {}) });
      }
      reportZero(block, mailOn);
    }
  },
});
