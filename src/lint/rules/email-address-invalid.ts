import type { OptionValue } from '../../document/views.ts';
import type { TextEdit } from '../../document/edit.ts';
import { defineRule } from '../types.ts';
import { replaceValue, splitIntoElements, valueRange } from '../active-response.ts';
import { globalEmailSettings, notificationOn } from '../email.ts';
import { replaceLookalikes } from '../support/lookalikes.ts';
import { globalEmailToAccepted, invalidEmailAddressText } from '../../wazuh/load-global.ts';
import { isBlankText } from '../support/ranges.ts';
import { withDaemonNames } from '../daemon-names.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

/** One plain address: printable ASCII, one `@`, nothing that separates or quotes. */
const SINGLE_ADDRESS = /^[^\s@<>,;"'()\\]+@[^\s@<>,;"'()\\]+$/;

/** An unqualified mailbox name, as local delivery knows it. */
const LOCAL_PART = /^[A-Za-z0-9._%+-]+$/;

function isAscii(text: string): boolean {
  return /^[\x20-\x7e\t\r\n]*$/.test(text);
}

type Problem = { messageId: 'list' | 'nonAscii' | 'untrimmed' | 'displayName' | 'noAt' | 'invalid'; data: Record<string, string>; addresses?: string[]; trimmed?: string };

export function classifyAddress(text: string): Problem | undefined {
  const trimmed = text.trim();
  if (trimmed === '') return undefined;
  if (!isAscii(text)) {
    // Look-alike characters only (a Unicode hyphen, smart quotes around a good address): the ASCII text is certain.
    const ascii = replaceLookalikes(text).trim().replace(/^["'](.*)["']$/, '$1');
    return { messageId: 'nonAscii', data: {}, ...(isAscii(ascii) && SINGLE_ADDRESS.test(ascii) ? { trimmed: ascii } : {}) };
  }
  if (SINGLE_ADDRESS.test(trimmed)) return trimmed === text ? undefined : { messageId: 'untrimmed', data: {}, trimmed };
  const display = /^[^<>]*<([^<>\s]+@[^<>\s]+)>\s*$/.exec(trimmed);
  if (display) return { messageId: 'displayName', data: { address: display[1] } };
  const parts = trimmed.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length > 1 && parts.every((p) => SINGLE_ADDRESS.test(p))) return { messageId: 'list', data: { count: String(parts.length) }, addresses: parts };
  if (!trimmed.includes('@')) return { messageId: 'noAt', data: {} };
  return { messageId: 'invalid', data: {} };
}


export default defineRule({
  id: 'email-address-invalid',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'An e-mail option holds something other than one plain address (lists, display names, typos).',
  docs: {
    what: '`<email_to>` (in `<global>` or `<email_alerts>`), `<email_from>` or `<email_reply_to>` that is not a single address: lists separated by `,` `;` or spaces, display-name forms `Name <a@b>`, a value without `@`, smart quotes or non-breaking spaces, spaces around the address.',
    why: 'Read_Global refuses a global `<email_to>` matching no `[a-zA-Z0-9._-]+@[a-zA-Z0-9._-]` ("Invalid Email address", src/config/global-config.c), but the regex is not anchored, so `a@x.io, b@y.io` passes and is used as one bogus recipient; `<email_alerts><email_to>`, `<email_from>` and `<email_reply_to>` are not checked at all and fail only at SMTP time. A bare name there (`root`) is a warning: wazuh-maild sends `RCPT TO:<root>` as written (os_maild/sendmail.c), which a local Postfix qualifies with its own domain and delivers. The reference pages say one address per tag: repeat the tag.',
    bad: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>soc@example.com, ops@example.com</email_to>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>soc@example.com</email_to>
    <email_to>ops@example.com</email_to>
  </global>
</ossec_config>`,
    fix: 'A list of valid `<email_to>` addresses is split into one `<email_to>` element per address; spaces around a single address are removed.',
  },
  messages: {
    list: { severity: 'error', text: '<{{element}}> lists {{count}} addresses in one element: Wazuh uses the whole text as a single recipient; write one <{{element}}> per address.' },
    displayName: { severity: 'error', text: "<{{element}}> uses a display-name form: Wazuh sends to the whole text, not to '{{address}}'; write the bare address." },
    noAt: { severity: 'error', text: "<{{element}}> '{{value}}' is not an e-mail address (no '@'){{fatal}}." },
    localName: {
      severity: 'warning',
      text: "<{{element}}> '{{value}}' has no domain: {{maild}} sends it as written, and only a mail server that completes local names (Postfix does for local clients) accepts it; write the full address.",
    },
    invalid: { severity: 'error', text: "<{{element}}> '{{value}}' is not a single e-mail address{{fatal}}." },
    nonAscii: { severity: 'error', text: '<{{element}}> contains non-ASCII characters (smart quotes, non-breaking or zero-width spaces?){{fatal}}{{smtp}}.' },
    mailOff: { severity: 'info', text: "<{{element}}> '{{value}}' is not a single e-mail address; e-mail notification is off, so nothing is sent today: fix it before turning notification on." },
    replyTo: { severity: 'warning', text: "<email_reply_to> '{{value}}' is not a single e-mail address: {{maild}} still sends the alert, but replies to it go nowhere." },
    untrimmed: { severity: 'error', text: '<{{element}}> has spaces around the address: Wazuh keeps them and sends to the padded text.' },
    ...schemaMessages('email-address-invalid'),
  },
  // Read_Global's check of <global><email_to> (no code); an empty or blank value is empty-value's.
  ownsRefusal: ({ message }) => (/^Invalid Email address: /.test(message.text) && !(message.element && isBlankText(message.element.content)) ? {} : undefined),

  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      const checks: Array<{ option: OptionValue; global: boolean }> = [];
      for (const g of ctx.config.globals) {
        for (const name of ['email_to', 'email_from', 'email_reply_to']) for (const option of g.options.all(name)) checks.push({ option, global: true });
      }
      for (const b of ctx.config.emailAlerts) for (const option of b.emailTo) checks.push({ option, global: false });
      checks.sort((a, b) => a.option.element.range.start - b.option.element.range.start);
      const mailOn = notificationOn(globalEmailSettings(ctx.config));
      for (const { option, global } of checks) {
        const problem = classifyAddress(option.text);
        if (!problem) continue;
        const element = option.element.name;
        const refused = global && element === 'email_to' && !globalEmailToAccepted(option.text);
        // Wazuh's line ends with its own full stop: quoted mid-sentence so the message does not end '.".'.
        const fatal = refused ? withDaemonNames(`: {{analysisd}} and {{maild}} log "${invalidEmailAddressText(option.text)}" and refuse to start`, ctx.target) : '';
        let fix: TextEdit | undefined;
        if (problem.addresses && element === 'email_to') fix = splitIntoElements(ctx.doc, option, problem.addresses);
        if (problem.trimmed) fix = replaceValue(option, problem.trimmed);
        // A bad Reply-To header does not stop the mail: runs, not as written.
        const replyTo = element === 'email_reply_to' && !problem.addresses && problem.messageId !== 'untrimmed';
        // A bare local part ('root') that Wazuh does not check: an MTA that qualifies local names delivers it.
        const localName = problem.messageId === 'noAt' && LOCAL_PART.test(option.text);
        ctx.report({
          messageId: refused ? problem.messageId : !mailOn ? 'mailOff' : replyTo ? 'replyTo' : localName ? 'localName' : problem.messageId,
          data: { ...problem.data, element, value: option.text, fatal, smtp: refused ? '' : ': the SMTP server sees them as part of the address' },
          range: valueRange(option),
          ...(fix ? { fix } : {}),
        });
      }
    });
  },
});
