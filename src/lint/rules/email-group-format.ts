import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { catchAllOsMatchAlternatives } from '../../wazuh/os-match.ts';
import { describeCatchAll, groupAlternation, listedGroups } from '../pattern-alternatives.ts';
import { globalEmailSettings, maildSource, notificationOn } from '../email.ts';

/** The `g1,|g2,` form the reference pages recommend, or undefined when anchors or negation make it unsafe. */
export function normalisedGroupPattern(value: string): string | undefined {
  if (/[\^$!]/.test(value)) return undefined;
  const groups = listedGroups(value);
  return groups.length ? groupAlternation(groups) : undefined;
}

export default defineRule({
  id: 'email-group-format',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<email_alerts><group> lists groups with , ; or spaces instead of |, or omits the trailing comma.',
  docs: {
    what: '`<email_alerts><group>` with an empty alternative (`sshd,|`) or `^` / `$` alone, which matches every alert; `<email_alerts><group>` whose groups are separated by `,`, `;` or spaces instead of `|`, with spaces around `|`, or (info) a group without the trailing comma.',
    why: '`group` is an OSMatch pattern (src/config/email-alerts-config.c): `|` is the only alternation and every other character, spaces included, is literal; it is matched as a substring of the alert\'s comma-joined groups, so `authentication` also hits `authentication_success`. The e-mail reference page: separate with `|` and end each group with a comma.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <email_log_source>alerts.log</email_log_source>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <group>sshd, authentication_failed</group>
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
    <email_to>soc@example.com</email_to>
    <group>sshd,|authentication_failed,</group>
  </email_alerts>
</ossec_config>`,
    fix: 'Splits on `,` `;` `|` and blanks and rewrites the value as `g1,|g2,` (not when it uses `^`, `$` or `!`).',
  },
  messages: {
    catchAll: { severity: 'warning', text: "<group> '{{value}}' has {{alternative}}, which OSMatch matches in every alert: this block mails alerts of any group to its recipients, not only {{groups}}. Write '{{suggestion}}'." },
    catchAllOnly: { severity: 'warning', text: "<group> '{{value}}' matches every alert: this block mails alerts of any group to its recipients; name the groups, or leave <group> out." },
    separator: { severity: 'warning', text: "<group> '{{value}}' separates groups with '{{separator}}': OSMatch reads it literally, so it only matches that exact sequence; use '|' between groups." },
    spaces: { severity: 'warning', text: "<group> '{{value}}' has spaces around '|': they are part of the pattern and never match a group name." },
    trailingComma: { severity: 'info', text: "<group> '{{value}}': end each group with a comma ('{{suggestion}}') so it does not also match longer group names." },
  },
  check(ctx) {
    const settings = globalEmailSettings(ctx.config);
    const groupsApplied = notificationOn(settings) && maildSource(settings) === 'alerts.log';
    for (const block of ctx.config.emailAlerts) {
      const option = block.group;
      if (!option || option.text.trim() === '') continue;
      const value = option.text;
      const alternatives = value.split('|');
      // Only alerts.log mode applies <group> at all (email-group-ignored says so for alerts.json).
      const catchAll = groupsApplied ? catchAllOsMatchAlternatives(value) : [];
      if (catchAll.length > 0) {
        const rest = alternatives.filter((a) => !catchAll.includes(a));
        const alternative = describeCatchAll(catchAll);
        const suggestion = normalisedGroupPattern(rest.join('|')) ?? rest.join('|');
        if (rest.length === 0) ctx.report({ messageId: 'catchAllOnly', data: { value }, range: valueRange(option) });
        else ctx.report({ messageId: 'catchAll', data: { value, alternative, groups: rest.map((g) => `'${g}'`).join(', '), suggestion }, range: valueRange(option), fix: replaceValue(option, suggestion) });
        continue;
      }
      const suggestion = normalisedGroupPattern(value);
      const fix = suggestion !== undefined && suggestion !== value ? replaceValue(option, suggestion) : undefined;
      const withFix = fix ? { fix } : {};
      // Anchored alternatives match the whole group string on purpose, commas included.
      const inner = alternatives.map((a) => a.trim()).find((a) => !/[\^$]/.test(a) && /[,;\s]/.test(a.replace(/,$/, '')));
      if (inner !== undefined) {
        const separator = /[;]/.test(inner) ? ';' : /,./.test(inner) ? ',' : 'space';
        ctx.report({ messageId: 'separator', data: { value, separator }, range: valueRange(option), ...withFix });
      } else if (alternatives.some((a) => a !== a.trim())) {
        ctx.report({ messageId: 'spaces', data: { value }, range: valueRange(option), ...withFix });
      } else if (alternatives.some((a) => a !== '' && !a.endsWith(',') && !/[\^$]/.test(a)) && suggestion) {
        ctx.report({ messageId: 'trailingComma', data: { value, suggestion }, range: valueRange(option), ...withFix });
      }
    }
  },
});
