/**
 * Read_EmailAlerts (src/config/email-alerts-config.c, v4.14.7) as wazuh-maild runs it for each
 * `<email_alerts>` block, in document order with the `<global>` sections of the same pass.
 */
import type { XmlElement } from '../document/types.ts';
import { atoi, isStrNum } from './c-number.ts';
import { invalidElement, invalidValue, type StartupLog } from './load-log.ts';
import { childrenOf, type MailState } from './load-global.ts';
import { compileOsMatch, type OsMatch } from './os-match.ts';
import { parseRuleIdList } from './rules-id.ts';

export interface LoadedEmailAlerts {
  index: number;
  element: XmlElement;
  /** The block's own `<email_to>` addresses (gran_to). */
  emailTo: string[];
  /** gran_level: the last `<level>` (0 = none). */
  level: number;
  group: OsMatch | undefined;
  groupText: string | undefined;
  eventLocation: OsMatch | undefined;
  eventLocationText: string | undefined;
  /** gran_id: the ids of every `<rule_id>` of the block, in order (they add up). */
  ruleIds: number[];
  format: 'full' | 'sms';
  doNotDelay: boolean;
  doNotGroup: boolean;
  /** maild accepts the block (no (1264), no bad value). */
  valid: boolean;
}

type GranFormat = 'full' | 'sms' | 'forward-now' | 'do-not-group';

/** One `<email_alerts>` block; `mail.to` holds the global recipients read so far. */
export function readEmailAlertsBlock(index: number, element: XmlElement, mail: MailState, log: StartupLog): LoadedEmailAlerts {
  const block: LoadedEmailAlerts = {
    index,
    element,
    emailTo: [],
    level: 0,
    group: undefined,
    groupText: undefined,
    eventLocation: undefined,
    eventLocationText: undefined,
    ruleIds: [],
    format: 'full',
    doNotDelay: false,
    doNotGroup: false,
    valid: true,
  };
  const fail = (code: number, text: string, at: XmlElement) => {
    log.fail(code, text, at, { inRoot: true });
    block.valid = false;
  };
  let format: GranFormat = 'full';
  // gran_id stays NULL until a digit is read: `<rule_id>abc</rule_id>` is no criterion.
  let idsSet = false;
  for (const child of childrenOf(element)) {
    const value = child.content;
    switch (child.name) {
      case 'level':
        if (!isStrNum(value)) fail(1235, invalidValue(child.name, value), child);
        else block.level = atoi(value);
        break;
      case 'email_to':
        block.emailTo.push(value);
        break;
      case 'rule_id': {
        const ids = parseRuleIdList(value);
        if (ids.length > 0) idsSet = true;
        block.ruleIds.push(...ids);
        break;
      }
      case 'format':
        if (value === 'sms') format = 'sms';
        else if (value !== 'default' && value !== 'full') fail(1235, invalidValue(child.name, value), child);
        break;
      case 'do_not_delay':
        if (format !== 'sms' && format !== 'do-not-group') format = 'forward-now';
        break;
      case 'do_not_group':
        if (format !== 'sms') format = 'do-not-group';
        break;
      case 'event_location':
        block.eventLocationText = value;
        block.eventLocation = compileOsMatch(value) ?? undefined;
        if (!block.eventLocation) fail(1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
        break;
      case 'group':
        block.groupText = value;
        block.group = compileOsMatch(value) ?? undefined;
        if (!block.group) fail(1450, `(1450): Syntax error on regex: '${value}': 3.`, child);
        break;
      default:
        fail(1230, invalidElement(child.name), child);
    }
  }
  block.format = format === 'sms' ? 'sms' : 'full';
  block.doNotDelay = format === 'forward-now';
  block.doNotGroup = format === 'do-not-group';
  if (!block.valid) return block;
  // The check reads the block's last granular entry: with two <email_to> or more, a clone of the first,
  // whose id list is copied up to its first 0, so a <rule_id> of zeros alone leaves that entry no ids.
  const idsOnLastEntry = idsSet && (block.emailTo.length <= 1 || block.ruleIds.some((id) => id !== 0));
  const noCriterion = !block.eventLocation && block.level === 0 && !block.group && !idsOnLastEntry && format === 'full';
  // The recipient test sees the global <email_to> addresses read before this block, or the block's own.
  const noRecipient = mail.to.length === 0 && block.emailTo.length === 0;
  if (noCriterion || noRecipient) fail(1264, `(1264): Invalid 'email_alerts' config (missing parameters).`, element);
  return block;
}
