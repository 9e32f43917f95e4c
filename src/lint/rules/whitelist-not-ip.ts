import type { TextEdit } from '../../document/edit.ts';
import { defineRule, type MessageSpec } from '../types.ts';
import { noResponseToWhiteList, replaceValue, splitIntoElements, valueRange } from '../active-response.ts';
import { rangeToCidrs, whiteListItems } from '../white-list.ts';
import { parseIpv4 } from '../../wazuh/ip.ts';
import { classifyWhiteListEntry, ipv6WhiteListEntry } from '../../wazuh/whitelist.ts';
import { catchAllOsMatchAlternatives, describeOsMatch } from '../../wazuh/os-match.ts';
import { describeCatchAll } from '../pattern-alternatives.ts';

/** The host-name entry of etc/ossec-server.conf (every 3.x and 4.x manager has it). */
const STOCK_HOST_ENTRY = '^localhost.localdomain$';

const isIpEntry = (text: string) => classifyWhiteListEntry(text).kind === 'ip';


const WHITE_LIST_MESSAGES = {
  catchAll: { severity: 'error', text: "'{{value}}' has {{alternative}}, which Wazuh's OSMatch matches in every srcip: every source IP is white-listed, so no response runs for an alert that carries one. Write '{{suggestion}}'." },
  catchAllOnly: { severity: 'error', text: "'{{value}}' matches every srcip: every source IP is white-listed, so no response runs for an alert that carries one." },
  catchAllNoResponse: {
    severity: 'warning',
    text: "'{{value}}' matches every srcip: this file enables no <active-response> today, but once one is, every source IP is white-listed and no response runs for an alert that carries one.",
  },
  untrimmed: { severity: 'warning', text: "'{{value}}' has spaces around the address: Wazuh keeps them, so it is read as a text pattern that no srcip matches." },
  invalidIp: { severity: 'error', text: "'{{value}}' looks like an IPv4 address but is not valid: {{analysisd}} and {{maild}} refuse to start with (1237): Invalid ip address: '{{value}}'." },
  list: { severity: 'warning', text: "<white_list> holds {{count}} addresses in one element: Wazuh reads the whole text as one pattern that no srcip matches; write one <white_list> per address." },
  wildcard: { severity: 'warning', text: "'{{value}}' is not a netblock: '*' is literal in Wazuh's pattern matching, so this entry never matches any srcip; write {{cidr}}." },
  range: { severity: 'warning', text: "'{{value}}' is not a netblock: Wazuh reads it as a literal pattern that no srcip matches; write {{cidrs}}." },
  trailingText: { severity: 'warning', text: "'{{value}}' has text after the address: Wazuh reads it as a literal pattern that no srcip matches; keep only {{ip}} (comments go in <!-- -->)." },
  ipv6: { severity: 'warning', text: "'{{value}}' is IPv6: Wazuh only parses IPv4 entries and substring-matches anything else against the srcip text, so it also whitelists longer addresses that contain it." },
  ipv6Cidr: { severity: 'warning', text: "'{{value}}' is an IPv6 netblock: Wazuh substring-matches it against the srcip text, so it never matches any address." },
  partial: { severity: 'warning', text: "'{{value}}' is not a complete address: as a substring pattern it whitelists every srcip containing it (e.g. 1{{value}}.5); write a CIDR netblock." },
  hostname: { severity: 'info', text: "'{{value}}' is matched as text against the alert's source IP address, not resolved by DNS: it only matters for a srcip that {{matches}}." },
  pattern: { severity: 'warning', text: "'{{value}}' is not an IPv4 address or netblock: Wazuh matches it as a text pattern against the srcip, so it white-lists every srcip that {{matches}}." },
} satisfies Record<string, MessageSpec>;

type Finding = { messageId: keyof typeof WHITE_LIST_MESSAGES; data?: Record<string, string>; values?: string[] };

export function classifyNonIp(text: string): Finding | undefined {
  const value = text.trim();
  if (value !== text && isIpEntry(value)) return { messageId: 'untrimmed', values: [value] };
  const wildcard = /^(\d{1,3})(?:\.(\d{1,3}|\*)){1,3}$/.exec(value);
  if (wildcard && value.includes('*')) {
    const octets = value.split('.');
    const firstStar = octets.indexOf('*');
    if (firstStar > 0 && octets.slice(firstStar).every((o) => o === '*')) {
      const network = [...octets.slice(0, firstStar), ...Array.from({ length: 4 - firstStar }, () => '0')].join('.');
      const cidr = `${network}/${firstStar * 8}`;
      if (isIpEntry(cidr)) return { messageId: 'wildcard', data: { cidr }, values: [cidr] };
    }
    return { messageId: 'wildcard', data: { cidr: 'a CIDR netblock' } };
  }
  const range = /^(\d{1,3}(?:\.\d{1,3}){3})\s*-\s*(\d{1,3}(?:\.\d{1,3}){3})$/.exec(value);
  if (range) {
    const first = parseIpv4(range[1]);
    const last = parseIpv4(range[2]);
    if (first !== null && last !== null && first <= last) {
      const cidrs = rangeToCidrs(first, last);
      return { messageId: 'range', data: { cidrs: cidrs.join(', ') }, values: cidrs };
    }
    return { messageId: 'range', data: { cidrs: 'CIDR netblocks' } };
  }
  const parts = value.split(/[\s,;]+/).filter((p) => p !== '');
  if (parts.length > 1 && parts.every(isIpEntry)) return { messageId: 'list', data: { count: String(parts.length) }, values: parts };
  if (parts.length > 1 && isIpEntry(parts[0])) return { messageId: 'trailingText', data: { ip: parts[0] } };
  const v6 = ipv6WhiteListEntry(value);
  if (v6) return { messageId: v6 === 'network' ? 'ipv6Cidr' : 'ipv6' };
  if (/^\d{1,3}(\.\d{1,3}){0,2}\.?$/.test(value)) return { messageId: 'partial' };
  // OSMatch: `^` and `$` anchor an alternative (`^10.0.` white-lists the srcips starting with it), the rest is a substring.
  const matches = describeOsMatch(text);
  if (/^\^?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*\$?$/i.test(value) && /[a-z]/i.test(value)) {
    return { messageId: 'hostname', data: { matches } };
  }
  return { messageId: 'pattern', data: { matches } };
}

export default defineRule({
  id: 'whitelist-not-ip',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<white_list> entries that are not one IPv4 address or netblock (lists, ranges, wildcards, IPv6, names).',
  docs: {
    what: '`<global><white_list>` values that are not a single IPv4 address or CIDR / dotted-mask netblock: (error) IPv4-looking values Wazuh refuses (`10.0.0.300`, `/33`), patterns with an empty alternative (`10.0.0.1|`) or `^` / `$` alone, which white-list every source IP, several values in one element, ranges, wildcards, text after the address; (warning) IPv6 addresses and netblocks, partial addresses (`10.0.0`) and other patterns; (info) host names.',
    why: 'Read_Global tests each value against an IPv4 regex: a match must be a valid address or netblock, else analysisd stops with `(1237)`; anything else is silently compiled as an OSMatch pattern and substring-matched against the alert\'s srcip TEXT (src/config/global-config.c, src/analysisd/alerts/exec.c get_ip). So lists, ranges and wildcards never match, `2001:db8::1` also matches `2001:db8::10`, an IPv6 netblock never matches, `10.0.0` whitelists `110.0.0.5`, and a DNS name never matches because srcip is an address (wazuh/wazuh#14067, #13969; ossec/ossec-hids#1801). An entry that matches every srcip (an empty alternative, `^` or `$` alone) stops every response to an alert with a srcip: an error, or a warning while the file enables no `<active-response>` (only exec.c reads the white list).',
    bad: `<ossec_config>
  <global>
    <white_list>10.0.0.1, 10.0.0.2</white_list>
    <white_list>192.168.1.*</white_list>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <white_list>10.0.0.1</white_list>
    <white_list>10.0.0.2</white_list>
    <white_list>192.168.1.0/24</white_list>
  </global>
</ossec_config>`,
    fix: 'Splits lists of addresses into one element each; rewrites `a.b.c.*` as `a.b.c.0/24` (and `a.b.*.*` as /16, `a.*.*.*` as /8); rewrites an address range as the fewest CIDR netblocks covering it. IPv6 entries and host names are left alone.',
  },
  messages: WHITE_LIST_MESSAGES,

  // (1237) Invalid ip address: a <white_list> value OS_IsValidIP refuses.
  ownsRefusal({ message }) {
    return message.code === 1237 && message.element?.name === 'white_list' ? {} : undefined;
  },

  check(ctx) {
    // Without an enabled response nothing is suppressed yet: a catch-all entry is a warning, not an error.
    const idle = noResponseToWhiteList(ctx.config, ctx.role);
    for (const { option, entry } of whiteListItems(ctx.config)) {
      const value = option.text;
      if (value.trim() === '') continue;
      if (entry.kind === 'ip') continue;
      if (entry.kind === 'invalid-ip') {
        ctx.report({ messageId: 'invalidIp', data: { value }, range: valueRange(option) });
        continue;
      }
      // Wazuh's own server template ships this entry; it is harmless, not a user's mistake.
      if (value === STOCK_HOST_ENTRY) continue;
      const catchAll = entry.kind === 'pattern' ? catchAllOsMatchAlternatives(value) : [];
      if (catchAll.length > 0) {
        const rest = value.split('|').filter((a) => !catchAll.includes(a));
        const alternative = describeCatchAll(catchAll);
        const fix = rest.length === 0 ? undefined : replaceValue(option, rest.join('|'));
        const messageId = idle ? 'catchAllNoResponse' : rest.length === 0 ? 'catchAllOnly' : 'catchAll';
        ctx.report({ messageId, data: { value, alternative, suggestion: rest.join('|') }, range: valueRange(option), ...(fix ? { fix } : {}) });
        continue;
      }
      const finding = classifyNonIp(value);
      if (!finding) continue;
      let fix: TextEdit | undefined;
      if (finding.values?.length === 1) fix = replaceValue(option, finding.values[0]);
      else if (finding.values) fix = splitIntoElements(ctx.doc, option, finding.values);
      ctx.report({ messageId: finding.messageId, data: { value, ...finding.data }, range: valueRange(option), ...(fix ? { fix } : {}) });
    }
  },
});
