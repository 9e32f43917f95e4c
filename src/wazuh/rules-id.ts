/**
 * Wazuh's rule-id list walker, shared by `<active-response><rules_id>` (src/analysisd/rules.c Rule_AddAR)
 * and `<email_alerts><rule_id>` (src/config/email-alerts-config.c). It is not a split on commas:
 * - a space is skipped;
 * - a digit starts a number read with atoi(), then the walk jumps past the next ',' (or ends if none),
 *   so anything between the number and that comma is ignored ("5710abc,5712" -> 5710, 5712);
 * - an empty item (",,") is skipped;
 * - any other character at the start of an item ends the walk ("5710;5712" -> 5710, "abc,5710" -> nothing).
 */

import { atoi } from './c-number.ts';

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

/** The rule ids a rules_id / rule_id value lists, in order (duplicates kept), exactly as Wazuh walks it. */
export function parseRuleIdList(text: string): number[] {
  const ids: number[] = [];
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x20) {
      i++;
    } else if (isDigit(code)) {
      ids.push(atoi(text.slice(i)));
      const comma = text.indexOf(',', i);
      if (comma < 0) break;
      i = comma + 1;
    } else if (code === 0x2c) {
      i++;
    } else {
      break;
    }
  }
  return ids;
}

/** Where the walk stopped early on a character it does not accept, if it did (for lint messages). */
export function ruleIdListStop(text: string): { offset: number; char: string } | undefined {
  let i = 0;
  while (i < text.length) {
    const code = text.charCodeAt(i);
    if (code === 0x20 || code === 0x2c) {
      i++;
    } else if (isDigit(code)) {
      const comma = text.indexOf(',', i);
      if (comma < 0) return undefined;
      i = comma + 1;
    } else {
      return { offset: i, char: text[i] ?? '' };
    }
  }
  return undefined;
}

/** True when `id` is one of the ids Wazuh reads from the list (exact numeric equality). */
export function ruleIdListIncludes(text: string, id: number): boolean {
  return parseRuleIdList(text).includes(id);
}
