import { defineRule } from '../types.ts';
import { replaceOnceEdit } from '../support/edits.ts';
import { isDisabled, readByAnalysisd } from '../active-response.ts';
import { readByMaild } from '../email.ts';
import { suggestOne } from '../../util/suggest.ts';
import { numberRanges } from '../ruleset-facts.ts';
import type { OptionValue } from '../../document/views.ts';
import type { Ruleset } from '../../wazuh/ruleset-types.ts';
import { parseRuleIdList } from '../../wazuh/rules-id.ts';

/** The one defined id a typo most likely meant (one digit added, dropped or changed), if unambiguous. */
function nearestId(id: number, ruleset: Ruleset): number | undefined {
  const near = suggestOne(String(id), [...ruleset.rules.keys()].map(String), { maxDistance: 1 });
  return near === undefined ? undefined : Number(near);
}

export default defineRule({
  id: 'rules-id-unknown',
  fixable: false,
  needs: ['ruleset'],
  summary: 'rules_id / rule_id lists ids the ruleset does not define, or level-0 / no_ar rules.',
  docs: {
    what: 'Ids in `<active-response><rules_id>` and `<email_alerts><rule_id>` that no rule of the given ruleset defines; for active responses also ids of rules with level 0 (or accuracy="0") and rules with `<options>no_ar</options>`; for e-mail also ids of level-0 rules, which never raise an alert.',
    why: 'Such entries never match and nothing is logged: Rule_AddAR returns early for rules whose real level is 0 and for `no_ar` rules (src/analysisd/rules.c), and a missing id is simply never seen.',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_id>57100</rules_id>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_id>5710</rules_id>
  </active-response>
</ossec_config>`,
    context: { ruleset: 'stock' },
  },
  messages: {
    unknown: { severity: 'warning', text: 'Rule {{id}} is not defined in the ruleset: this entry never matches.' },
    unknownHint: { severity: 'warning', text: 'Rule {{id}} is not defined in the ruleset (did you mean {{suggestion}}: {{description}}?): this entry never matches.' },
    levelZero: { severity: 'warning', text: "Rule {{id}} ('{{description}}') has level 0: it never triggers an active response." },
    noAr: { severity: 'warning', text: "Rule {{id}} ('{{description}}') has <options>no_ar</options>: it never triggers an active response." },
    levelZeroEmail: { severity: 'warning', text: "Rule {{id}} ('{{description}}') has level 0: it never raises an alert, so it never sends mail." },
  },
  suggestionMessages: {
    useRule: "Use rule {{id}} ('{{description}}')",
  },
  check(ctx) {
    const ruleset = ctx.ruleset!;
    const checkList = (option: OptionValue, forAr: boolean) => {
      const kept = new Set(parseRuleIdList(option.text));
      for (const { id, range } of numberRanges(option)) {
        if (!kept.has(id)) continue; // ids Wazuh never reads are rules-id-format / email-rule-id-format findings
        const rule = ruleset.rules.get(id);
        if (!rule) {
          const near = nearestId(id, ruleset);
          const hint: Record<string, string | number> = near !== undefined ? { suggestion: near, description: ruleset.rules.get(near)!.description } : {};
          const guess = near !== undefined ? replaceOnceEdit(ctx.doc, range, String(id), String(near)) : undefined;
          ctx.report({
            messageId: near !== undefined ? 'unknownHint' : 'unknown',
            data: { id, ...hint },
            range,
            ...(guess ? { suggestions: [{ messageId: 'useRule', data: { id: near!, description: ruleset.rules.get(near!)!.description }, fix: guess }] } : {}),
          });
        } else if (rule.arLevel === 0 && (forAr || rule.level === 0)) {
          ctx.report({ messageId: forAr ? 'levelZero' : 'levelZeroEmail', data: { id, description: rule.description }, range });
        } else if (forAr && rule.noAr) {
          ctx.report({ messageId: 'noAr', data: { id, description: rule.description }, range });
        }
        kept.delete(id);
      }
    };
    if (readByAnalysisd(ctx.config, ctx.role)) {
      for (const ar of ctx.config.activeResponses) if (ar.rulesId && !isDisabled(ar)) checkList(ar.rulesId, true);
    }
    if (readByMaild(ctx.config, ctx.role)) {
      for (const block of ctx.config.emailAlerts) if (block.ruleId) checkList(block.ruleId, false);
    }
  },
});
