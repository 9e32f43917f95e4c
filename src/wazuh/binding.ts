/**
 * Rule_AddAR (src/analysisd/rules.c, v4.x): which accepted `<active-response>` blocks a rule is bound to.
 * Binding is static, done once per rule at load time; an alert of the rule then runs every bound response
 * in config order. Per response, with level L (0 = unset), rules_group G and rules_id I:
 *   ((L && G) ? (level >= L AND G matches) : (level >= L OR G matches))  OR  rule id in I
 * G is an OS_Regex search of the rule's group string (`syslog,sshd,authentication_failed,`); I is read by
 * the rules_id walker. A rule of level 0 (or with `<options>no_ar</options>`) is never bound; a response
 * with no trigger at all binds nothing.
 */
import type { LoadedResponse } from './load.ts';
import type { ManagerArch } from './arch.ts';
import { osRegexMatch } from './os-regex.ts';

/** What Rule_AddAR needs from a rule. */
export interface BindableRule {
  id: number;
  /** The rule's real level (0..16). */
  level: number;
  /** The comma-joined group string analysisd builds, trailing comma included. */
  groupString: string;
  /** `<options>no_ar</options>`. */
  noAr?: boolean;
}

export type BindTrigger = 'level' | 'rules_group' | 'rules_id';

export interface BindResult {
  bound: boolean;
  /** The triggers that matched (for `level` + `rules_group` together both are listed, as both must hold). */
  matchedBy: BindTrigger[];
}

export type BindableResponse = Pick<LoadedResponse, 'status' | 'level' | 'rulesGroup' | 'rulesIdText' | 'rulesId'>;

const NOT_BOUND: BindResult = { bound: false, matchedBy: [] };

/** Does Rule_AddAR bind this response to this rule? Only `active` responses are in analysisd's list. */
export function bindResponse(response: BindableResponse, rule: BindableRule, arch?: ManagerArch): BindResult {
  if (response.status !== 'active' || rule.level === 0 || rule.noAr) return NOT_BOUND;
  const matchedBy: BindTrigger[] = [];
  const hasLevel = response.level !== 0;
  const hasGroup = response.rulesGroup !== undefined;
  const levelOk = hasLevel && rule.level >= response.level;
  const groupOk = hasGroup && osRegexMatch(response.rulesGroup!, rule.groupString, arch);
  if (hasLevel && hasGroup) {
    if (levelOk && groupOk) matchedBy.push('level', 'rules_group');
  } else {
    if (levelOk) matchedBy.push('level');
    if (groupOk) matchedBy.push('rules_group');
  }
  if (response.rulesIdText !== undefined && response.rulesId.includes(rule.id)) matchedBy.push('rules_id');
  return { bound: matchedBy.length > 0, matchedBy };
}

/** The responses bound to a rule, in config order, with what bound each. */
export function boundResponses<R extends BindableResponse>(responses: readonly R[], rule: BindableRule, arch?: ManagerArch): Array<{ response: R; matchedBy: BindTrigger[] }> {
  const out: Array<{ response: R; matchedBy: BindTrigger[] }> = [];
  for (const response of responses) {
    const result = bindResponse(response, rule, arch);
    if (result.bound) out.push({ response, matchedBy: result.matchedBy });
  }
  return out;
}
