import { defineRule } from '../types.ts';
import { replaceOnceEdit } from '../support/edits.ts';
import { isDisabled, readByAnalysisd, valueRange } from '../active-response.ts';
import { readByMaild } from '../email.ts';
import { nearestName } from '../names.ts';
import { groupStringFacts, PLAIN_WORD } from '../ruleset-facts.ts';
import type { OptionValue } from '../../document/views.ts';
import { compileOsMatch } from '../../wazuh/os-match.ts';
import { compileOsRegex } from '../../wazuh/os-regex.ts';

export default defineRule({
  id: 'rules-group-unknown',
  fixable: false,
  needs: ['ruleset'],
  summary: 'A rules_group / group alternative that matches no rule of the ruleset (typo?).',
  docs: {
    what: 'An alternative (between `|`) of `<active-response><rules_group>` or `<email_alerts><group>` that matches the group string of no rule in the given ruleset.',
    why: 'Both are searched in each rule\'s comma-joined group string (OS_Regex for rules_group in src/analysisd/rules.c, OSMatch for e-mail groups); an alternative no rule carries never matches and nothing is logged, typically a typo such as `authentication_failure,` for `authentication_failed,`.',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_group>authentication_failure,</rules_group>
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
    <rules_group>authentication_failed,</rules_group>
  </active-response>
</ossec_config>`,
    context: { ruleset: 'stock' },
  },
  messages: {
    unknown: { severity: 'info', text: "No rule in the ruleset matches '{{alternative}}': this alternative never matches." },
    unknownHint: { severity: 'info', text: "No rule in the ruleset matches '{{alternative}}' (did you mean '{{suggestion}},'?): this alternative never matches." },
  },
  suggestionMessages: {
    useGroup: "Use the group '{{group}},'",
  },
  check(ctx) {
    const ruleset = ctx.ruleset!;
    const { groupStrings, allLower: allGroupsLower } = groupStringFacts(ruleset);
    const names = [...ruleset.groups];
    const arch = ctx.arch ? { arch: ctx.arch } : {};
    // The same alternative in many blocks is matched against the ruleset once.
    const matchesSome = new Map<string, boolean>();
    const anyGroupMatches = (alternative: string, matcher: 'regex' | 'match'): boolean => {
      const key = `${matcher}\u0000${alternative}`;
      let answer = matchesSome.get(key);
      if (answer === undefined) {
        const compiled = matcher === 'regex' ? compileOsRegex(alternative, arch) : compileOsMatch(alternative, arch);
        // A plain word matches only where it occurs (case aside): one search in all group strings rules
        // most alternatives out before matching each group string byte by byte.
        const absent = PLAIN_WORD.test(alternative) && !allGroupsLower.includes(alternative.toLowerCase());
        answer = !compiled || (!absent && groupStrings.some((g) => compiled.test(g)));
        matchesSome.set(key, answer);
      }
      return answer;
    };
    const checkAlternatives = (option: OptionValue, matcher: 'regex' | 'match') => {
      for (const raw of option.text.split('|')) {
        const alternative = raw.trim();
        if (alternative === '' || alternative.startsWith('!')) continue;
        if (anyGroupMatches(alternative, matcher)) continue;
        const suggestion = nearestName(alternative.replace(/,+$/, ''), names);
        const guess = suggestion ? replaceOnceEdit(ctx.doc, valueRange(option), alternative, `${suggestion},`) : undefined;
        ctx.report({
          messageId: suggestion ? 'unknownHint' : 'unknown',
          data: { alternative, ...(suggestion ? { suggestion } : {}) },
          range: valueRange(option),
          ...(guess ? { suggestions: [{ messageId: 'useGroup', data: { group: suggestion! }, fix: guess }] } : {}),
        });
      }
    };
    if (readByAnalysisd(ctx.config, ctx.role)) {
      for (const ar of ctx.config.activeResponses) if (ar.rulesGroup && !isDisabled(ar)) checkAlternatives(ar.rulesGroup, 'regex');
    }
    if (readByMaild(ctx.config, ctx.role)) {
      for (const block of ctx.config.emailAlerts) if (block.group) checkAlternatives(block.group, 'match');
    }
  },
});
