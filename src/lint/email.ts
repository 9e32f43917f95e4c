/**
 * Facts about the e-mail configuration that several lint rules share: the `<global>` e-mail options
 * as wazuh-maild ends up with them (several `<global>` blocks are read in order; single options:
 * last wins, `email_to` accumulates), maild's alert source, and what counts as a criterion of an
 * `<email_alerts>` block (src/config/email-alerts-config.c Read_EmailAlerts; src/os_maild, v4.x).
 */
import type { EmailAlertsView, ConfigView, OptionValue } from '../document/views.ts';
import { isAgentNodeConfig } from '../wazuh/node-role.ts';
import type { FileRole } from './types.ts';

export interface GlobalEmailSettings {
  notification?: OptionValue;
  emailTo: OptionValue[];
  emailFrom?: OptionValue;
  replyTo?: OptionValue;
  smtpServer?: OptionValue;
  maxPerHour?: OptionValue;
  logSource?: OptionValue;
  alertsLog?: OptionValue;
  jsonoutOutput?: OptionValue;
  /** `<alerts><email_alert_level>` (last one), when given. */
  emailAlertLevel?: OptionValue;
}

function last(config: ConfigView, name: string): OptionValue | undefined {
  let found: OptionValue | undefined;
  for (const g of config.globals) found = g.options.get(name) ?? found;
  return found;
}

export function globalEmailSettings(config: ConfigView): GlobalEmailSettings {
  let emailAlertLevel: OptionValue | undefined;
  for (const a of config.alerts) emailAlertLevel = a.emailAlertLevel ?? emailAlertLevel;
  return {
    notification: last(config, 'email_notification'),
    emailTo: config.globals.flatMap((g) => g.emailTo),
    emailFrom: last(config, 'email_from'),
    replyTo: last(config, 'email_reply_to'),
    smtpServer: last(config, 'smtp_server'),
    maxPerHour: last(config, 'email_maxperhour'),
    logSource: last(config, 'email_log_source'),
    alertsLog: last(config, 'alerts_log'),
    jsonoutOutput: last(config, 'jsonout_output'),
    ...(emailAlertLevel ? { emailAlertLevel } : {}),
  };
}

/** `<global><email_notification>yes`: the last value read decides whether wazuh-maild runs at all (strcmp with "yes"). */
export function notificationOn(settings: GlobalEmailSettings): boolean {
  return settings.notification?.text === 'yes';
}

/** E-mail is configured on managers (and local installs): agents run no maild; agent.conf carries none. */
export function readByMaild(config: ConfigView, role: FileRole): boolean {
  return role === 'ossec.conf' && config.kind === 'ossec_config' && !isAgentNodeConfig(config);
}

export type MaildSource = 'alerts.log' | 'alerts.json';

/**
 * The alert file maild reads: `email_log_source` compared by prefix with `alerts.log`, anything else
 * (absent included) is alerts.json (src/config/global-config.c).
 */
export function maildSource(settings: GlobalEmailSettings): MaildSource {
  return settings.logSource?.text.startsWith('alerts.log') ? 'alerts.log' : 'alerts.json';
}

/** An `<email_alerts>` `rule_id` value from which Read_EmailAlerts keeps at least one id. */
function hasRuleIds(option: OptionValue | undefined): boolean {
  return option !== undefined && /^[ ,]*\d/.test(option.text);
}

/**
 * The matching criteria of a block that maild tests per alert (event_location, level, rule_id,
 * group): only these can make a block "match"; format/do_not_* only change how mail is sent.
 */
export function matchingCriteria(block: EmailAlertsView): string[] {
  const out: string[] = [];
  if (block.eventLocation) out.push('event_location');
  if (block.level && /^\d+$/.test(block.level.text) && Number(block.level.text) > 0) out.push('level');
  if (hasRuleIds(block.ruleId)) out.push('rule_id');
  if (block.group) out.push('group');
  return out;
}

/**
 * The `<level>` values of a block Read_EmailAlerts refuses with (1235), stopping Wazuh: any that is not
 * all digits (OS_StrIsNum lets the empty string pass), whichever occurrence it is.
 */
export function refusedLevels(block: EmailAlertsView): OptionValue[] {
  return block.options.all('level').filter((option) => !/^\d*$/.test(option.text));
}

/** The delivery options Read_EmailAlerts also counts as "set" (format sms, do_not_delay, do_not_group). */
export function deliveryFlags(block: EmailAlertsView): string[] {
  const out: string[] = [];
  if (block.options.all('format').some((f) => f.text === 'sms')) out.push('format sms');
  if (block.doNotDelay) out.push('do_not_delay');
  if (block.doNotGroup) out.push('do_not_group');
  return out;
}
