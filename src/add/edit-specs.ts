/**
 * From the flags (or prompt answers) of `arctl set` to checked option changes. Values are checked as
 * `add` checks them (src/add/values.ts); an invalid one is an InputError naming the flag (exit 2).
 */
import { InputError } from '../util/errors.ts';
import { need } from './kinds/support.ts';
import type { OptionChange } from './option-edits.ts';
import {
  checkAgentId,
  checkEmail,
  checkEmailFormat,
  checkEventLocation,
  checkGroupPattern,
  checkHost,
  checkLevel,
  checkLocation,
  checkMaxPerHour,
  checkRuleIds,
  checkTimeout,
  checkYesNo,
  type Check,
} from './values.ts';

/** A value flag that has a `--no-` form: the text, `false` to remove the option, or undefined. */
type Unsettable = string | false | undefined;

export interface RawSetActiveResponse {
  timeout?: Unsettable;
  location?: string;
  agentId?: Unsettable;
  level?: Unsettable;
  rulesId?: Unsettable;
  addRulesId?: string;
  removeRulesId?: string;
  rulesGroup?: Unsettable;
  addRulesGroup?: string;
  removeRulesGroup?: string;
}

export interface RawSetEmailAlerts {
  level?: Unsettable;
  ruleId?: Unsettable;
  addRuleId?: string;
  removeRuleId?: string;
  group?: Unsettable;
  addGroup?: string;
  removeGroup?: string;
  eventLocation?: Unsettable;
  format?: Unsettable;
  doNotDelay?: boolean;
  doNotGroup?: boolean;
  addTo?: string[];
  removeTo?: string[];
}

export interface RawSetGlobal {
  emailNotification?: string;
  smtpServer?: string;
  emailFrom?: string;
  /** The global recipients become exactly these (every <global> read counts: Wazuh adds each <email_to>). */
  emailTo?: string[];
  addEmailTo?: string[];
  removeEmailTo?: string[];
  emailMaxperhour?: string;
}

/** `--x VALUE` sets, `--no-x` removes; nothing when neither was given. */
function settable(out: OptionChange[], option: string, flag: string, raw: Unsettable, check: (text: string) => Check<string | number>): void {
  if (raw === undefined) return;
  out.push(raw === false ? { option, unset: true } : { option, set: String(need(flag, check(raw))) });
}

/** `--x`, `--add-x` and `--remove-x` of a list option (rule ids by commas, group patterns by `|`). */
function listChanges(
  out: OptionChange[],
  option: string,
  flag: string,
  raw: { whole: Unsettable; add?: string; remove?: string },
  separator: ',' | '|',
): void {
  if (raw.whole !== undefined && (raw.add !== undefined || raw.remove !== undefined)) {
    throw new InputError(`--${flag} replaces the whole list: give it alone, or --add-${flag} / --remove-${flag}`);
  }
  const items = (name: string, text: string) =>
    separator === ',' ? need(name, checkRuleIds(text)).split(',') : text.split('|').map((item) => need(name, checkGroupPattern(option, item)));
  settable(out, option, `--${flag}`, raw.whole, (t) => (separator === ',' ? checkRuleIds(t) : checkGroupPattern(option, t)));
  if (raw.add !== undefined) out.push({ option, addItems: items(`--add-${flag}`, raw.add), separator });
  if (raw.remove !== undefined) out.push({ option, removeItems: items(`--remove-${flag}`, raw.remove), separator });
}

export function setActiveResponseChanges(raw: RawSetActiveResponse): OptionChange[] {
  const out: OptionChange[] = [];
  if (raw.location !== undefined) out.push({ option: 'location', set: need('--location', checkLocation(raw.location)) });
  settable(out, 'agent_id', '--agent-id', raw.agentId, checkAgentId);
  listChanges(out, 'rules_id', 'rules-id', { whole: raw.rulesId, add: raw.addRulesId, remove: raw.removeRulesId }, ',');
  listChanges(out, 'rules_group', 'rules-group', { whole: raw.rulesGroup, add: raw.addRulesGroup, remove: raw.removeRulesGroup }, '|');
  settable(out, 'level', '--level', raw.level, checkLevel);
  settable(out, 'timeout', '--timeout', raw.timeout, checkTimeout);
  return out;
}

export function setEmailAlertsChanges(raw: RawSetEmailAlerts): OptionChange[] {
  const out: OptionChange[] = [];
  for (const to of raw.addTo ?? []) out.push({ option: 'email_to', addElement: need('--add-to', checkEmail(to)) });
  for (const to of raw.removeTo ?? []) out.push({ option: 'email_to', removeElement: to });
  settable(out, 'level', '--level', raw.level, checkLevel);
  listChanges(out, 'rule_id', 'rule-id', { whole: raw.ruleId, add: raw.addRuleId, remove: raw.removeRuleId }, ',');
  listChanges(out, 'group', 'group', { whole: raw.group, add: raw.addGroup, remove: raw.removeGroup }, '|');
  settable(out, 'event_location', '--event-location', raw.eventLocation, checkEventLocation);
  settable(out, 'format', '--format', raw.format, checkEmailFormat);
  if (raw.doNotDelay !== undefined) out.push({ option: 'do_not_delay', flag: raw.doNotDelay });
  if (raw.doNotGroup !== undefined) out.push({ option: 'do_not_group', flag: raw.doNotGroup });
  return out;
}

export function setGlobalChanges(raw: RawSetGlobal): OptionChange[] {
  const out: OptionChange[] = [];
  if (raw.emailNotification !== undefined) out.push({ option: 'email_notification', set: need('--email-notification', checkYesNo('email_notification', raw.emailNotification)) });
  if (raw.smtpServer !== undefined) out.push({ option: 'smtp_server', set: need('--smtp-server', checkHost('smtp_server', raw.smtpServer)) });
  if (raw.emailFrom !== undefined) out.push({ option: 'email_from', set: need('--email-from', checkEmail(raw.emailFrom)) });
  const to = raw.emailTo ?? [];
  if (to.length > 0 && ((raw.addEmailTo ?? []).length > 0 || (raw.removeEmailTo ?? []).length > 0)) {
    throw new InputError('--email-to gives every global recipient: give it alone, or --add-email-to / --remove-email-to');
  }
  if (to.length > 0) out.push({ option: 'email_to', elements: to.map((t) => need('--email-to', checkEmail(t))) });
  for (const t of raw.addEmailTo ?? []) out.push({ option: 'email_to', addElement: need('--add-email-to', checkEmail(t)) });
  for (const t of raw.removeEmailTo ?? []) out.push({ option: 'email_to', removeElement: t });
  if (raw.emailMaxperhour !== undefined) out.push({ option: 'email_maxperhour', set: need('--email-maxperhour', checkMaxPerHour(raw.emailMaxperhour)) });
  return out;
}
