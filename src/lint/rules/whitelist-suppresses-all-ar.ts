import { defineRule } from '../types.ts';
import { acceptedResponses, readByAnalysisd } from '../active-response.ts';
import { whiteListItems } from '../white-list.ts';
import { isBlockingProgram, programBaseName } from '../../wazuh/programs.ts';

/** Restart commands are run by hand or by the API, not because of an attacker's address. */
const RESTART_PROGRAMS = new Set(['restart-wazuh', 'restart-ossec', 'restart']);

export default defineRule({
  id: 'whitelist-suppresses-all-ar',
  severity: 'info',
  fixable: false,
  needs: [],
  summary: 'White-listed source IPs also skip non-blocking responses (notifications, custom scripts).',
  docs: {
    what: 'A response that does not block anything (notification, Slack, ticketing or other custom script) in a configuration with `<white_list>` entries.',
    why: 'get_ip() skips the whole response when the alert\'s srcip is white-listed, whatever the command does (src/analysisd/alerts/exec.c; confirmed in wazuh/wazuh#4422, where an `ignore_whitelist` option was discussed). Alerts from white-listed hosts therefore never reach a notification script either.',
    bad: '<white_list>10.0.0.0/8</white_list> with <active-response><command>notify-soc</command><location>server</location><level>10</level></active-response>',
    good: 'Send notifications through <integration> or <email_alerts>, which the white list does not affect.',
  },
  messages: {
    suppressed: "'{{command}}' does not block anything, yet it is skipped for every alert whose srcip is white-listed ({{count}} <white_list> entries): use <integration> or <email_alerts> if these alerts must still be notified.",
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    const count = whiteListItems(ctx.config).length;
    if (count === 0) return;
    for (const { ar, command } of acceptedResponses(ctx)) {
      const exe = command.executable?.text ?? '';
      if (isBlockingProgram(exe, command.name?.text) || RESTART_PROGRAMS.has(programBaseName(exe))) continue;
      ctx.report({ messageId: 'suppressed', data: { command: command.name?.text ?? exe, count }, range: ar.element.openTag });
    }
  },
});
