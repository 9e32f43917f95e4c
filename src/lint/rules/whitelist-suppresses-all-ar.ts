import { defineRule } from '../types.ts';
import { acceptedResponses, readByAnalysisd } from '../active-response.ts';
import { whiteListItems } from '../white-list.ts';
import { isBlockingProgram, isRestartProgram } from '../../wazuh/programs.ts';

export default defineRule({
  id: 'whitelist-suppresses-all-ar',
  fixable: false,
  needs: [],
  summary: 'White-listed source IPs also skip non-blocking responses (notifications, custom scripts).',
  docs: {
    what: 'A response that does not block anything (notification, Slack, ticketing or other custom script) in a configuration with `<white_list>` entries.',
    why: 'get_ip() skips the whole response when the alert\'s srcip is white-listed, whatever the command does (src/analysisd/alerts/exec.c; confirmed in wazuh/wazuh#4422, where an `ignore_whitelist` option was discussed). Alerts from white-listed hosts therefore never reach a notification script either.',
    bad: '<ossec_config>\n  <global>\n    <white_list>10.0.0.0/8</white_list> <!-- alerts from 10.x never reach notify-soc -->\n  </global>\n  <command>\n    <name>notify-soc</name>\n    <executable>notify-soc.sh</executable>\n  </command>\n  <active-response>\n    <command>notify-soc</command>\n    <location>server</location>\n    <level>10</level>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <global>\n    <email_notification>yes</email_notification>\n    <jsonout_output>yes</jsonout_output>\n    <smtp_server>localhost</smtp_server>\n    <email_from>wazuh@example.com</email_from>\n    <email_to>admin@example.com</email_to>\n    <white_list>10.0.0.0/8</white_list>\n  </global>\n  <email_alerts>\n    <email_to>soc@example.com</email_to>\n    <level>10</level>\n  </email_alerts>\n</ossec_config>',
  },
  messages: {
    suppressed: { severity: 'info', text: "'{{command}}' does not block anything, yet it is skipped for every alert whose srcip is white-listed ({{count}} <white_list> entries): use <integration> or <email_alerts> if these alerts must still be notified." },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    const count = whiteListItems(ctx.config).length;
    if (count === 0) return;
    for (const { ar, command } of acceptedResponses(ctx)) {
      const exe = command.executable?.text ?? '';
      if (isBlockingProgram(exe, command.name?.text) || isRestartProgram(exe)) continue;
      ctx.report({ messageId: 'suppressed', data: { command: command.name?.text ?? exe, count }, range: ar.element.openTag });
    }
  },
});
