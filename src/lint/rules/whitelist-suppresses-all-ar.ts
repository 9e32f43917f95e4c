import { defineRule } from '../types.ts';
import { acceptedResponses } from '../active-response.ts';
import { whiteListItems } from '../white-list.ts';
import { isBlockingProgram, isRestartProgram } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'whitelist-suppresses-all-ar',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'White-listed source IPs also skip non-blocking responses (notifications, custom scripts).',
  docs: {
    what: 'A response that does not block anything (notification, Slack, ticketing or other custom script) in a configuration with `<white_list>` entries. arctl tells by the name: a stock blocking program (firewall-drop, host-deny, route-null, netsh...), restart-wazuh, and a custom program whose executable or command name says it blocks (block, ban, drop, deny, firewall, fw, iptables, ipset, blacklist, quarantine, isolate...) are left out.',
    why: 'get_ip() skips the whole response when the alert\'s srcip is white-listed, whatever the command does (src/analysisd/alerts/exec.c; confirmed in wazuh/wazuh#4422, where an `ignore_whitelist` option was discussed). Alerts from white-listed hosts therefore never reach a notification script either.',
    bad: `<ossec_config>
  <global>
    <white_list>10.0.0.0/8</white_list> <!-- alerts from 10.x never reach notify-soc -->
  </global>
  <command>
    <name>notify-soc</name>
    <executable>notify-soc.sh</executable>
  </command>
  <active-response>
    <command>notify-soc</command>
    <location>server</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <email_notification>yes</email_notification>
    <jsonout_output>yes</jsonout_output>
    <smtp_server>localhost</smtp_server>
    <email_from>wazuh@example.com</email_from>
    <email_to>admin@example.com</email_to>
    <white_list>10.0.0.0/8</white_list>
  </global>
  <email_alerts>
    <email_to>soc@example.com</email_to>
    <level>10</level>
  </email_alerts>
</ossec_config>`,
  },
  messages: {
    suppressed: { severity: 'info', text: "'{{command}}' is not named like a blocking program (a notification, ticket or scan?), yet it is skipped for every alert whose srcip is white-listed ({{count}} <white_list> entries): use <integration> or <email_alerts> if these alerts must still be notified." },
  },
  check(ctx) {
    const count = whiteListItems(ctx.config).length;
    if (count === 0) return;
    for (const { ar, command } of acceptedResponses(ctx)) {
      const exe = command.executable?.text ?? '';
      if (isBlockingProgram(exe, command.name?.text) || isRestartProgram(exe)) continue;
      // A custom program named for blocking (custom-block.sh, fortigate_blockip.py, ban.sh) blocks: the white list keeps it off those hosts, as meant.
      if (namedForBlocking(exe) || namedForBlocking(command.name?.text ?? '')) continue;
      ctx.report({ messageId: 'suppressed', data: { command: command.name?.text ?? exe, count }, range: ar.element.openTag });
    }
  },
});

/** Words in a program's name that say it blocks a source: a part of the name (between - _ . /) or inside one for the long ones. */
const BLOCKING_WORDS = ['block', 'firewall', 'iptables', 'nftables', 'ipset', 'blacklist', 'blocklist', 'denylist', 'nullroute', 'quarantin', 'isolat'];
const BLOCKING_PARTS = new Set(['ban', 'drop', 'deny', 'fw', 'null']);

function namedForBlocking(name: string): boolean {
  const lower = name.toLowerCase();
  return BLOCKING_WORDS.some((w) => lower.includes(w)) || lower.split(/[^a-z0-9]+/).some((part) => BLOCKING_PARTS.has(part));
}
