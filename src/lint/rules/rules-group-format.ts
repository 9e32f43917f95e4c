import { defineRule } from '../types.ts';
import { replaceValue, triggersOf, valueRange } from '../active-response.ts';
import { catchAllOsRegexAlternatives, compileOsRegexDetailed } from '../../wazuh/os-regex.ts';
import { describeCatchAll, groupAlternation, listedGroups } from '../pattern-alternatives.ts';
import { describeOsRegexRefusal } from '../../wazuh/os-regex-refusal.ts';

/** OS_Regex syntax beyond `|`: escapes, anchors, groups and repetition. */
const REGEX_SYNTAX = /[\\^$()*+?[\]{}]/;

export default defineRule({
  id: 'rules-group-format',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: '<rules_group> is no pattern Wazuh compiles, matches every group, lists groups with , ; or spaces instead of |, or lacks trailing commas.',
  docs: {
    what: '(error) a `<rules_group>` that OS_Regex cannot compile (an unknown escape like `\\z`, `|` inside parentheses as in `(sshd|web)`, nested or unbalanced parentheses, over 20480 bytes) on a response no `<rules_id>` triggers; (warning) the same when `<rules_id>` still triggers it, a `<rules_group>` with an empty alternative (`web|attack|`) or `^` alone, which matches every group string; a `<rules_group>` whose groups are separated by `,`, `;` or spaces instead of `|`, or has spaces around `|`; (info) groups without the trailing comma, and OS_Regex syntax (`^`, `$`, `\\`, parentheses, repetition).',
    why: 'rules_group is a case-insensitive, unanchored OS_Regex searched in the rule\'s comma-joined group string (src/analysisd/rules.c Rule_AddAR), e.g. `syslog,sshd,authentication_failed,`. Rule_AddAR calls OS_Regex, which compiles the pattern for each rule and answers "no match" when OSRegex_Compile refuses it: nothing is logged, analysisd starts, and the response is bound to no rule through its group (nor through `<level>`, which must match together with the group). An empty alternative (a `|` at either end or doubled) matches every group string, so the response fires for rules of any group (checked with v4.14.7\'s compiled os_regex). `sshd, authentication_failed` matches nothing (a space never follows a comma there) and `sshd,authentication_failed` only matches those two groups adjacent in that order; `sshd` without a comma also matches `sshd_custom`; `^sshd` anchors to the whole string, not to one group. DOC-AR: separate groups with `|`, end each with a comma (`sshd,|pci_dss_11.4,`).',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_group>sshd, authentication_failed</rules_group>
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
    <rules_group>sshd,|authentication_failed,</rules_group>
  </active-response>
</ossec_config>`,
    fix: 'A list split by `,`, `;`, spaces or `|` (no regex syntax) is rewritten as `g1,|g2,`.',
  },
  messages: {
    uncompilable: { severity: 'error', text: "rules_group '{{value}}' is not a pattern OS_Regex compiles ({{problem}}): analysisd binds this response to no rule, silently, so it never fires." },
    uncompilableWithIds: { severity: 'warning', text: "rules_group '{{value}}' is not a pattern OS_Regex compiles ({{problem}}): it binds this response to no rule, silently; only its rules_id entries trigger it." },
    catchAll: { severity: 'warning', text: "rules_group '{{value}}' has {{alternative}}, which OS_Regex matches in every group string: this response fires for rules of any group, not only {{groups}}. Write '{{suggestion}}'." },
    catchAllOnly: { severity: 'warning', text: "rules_group '{{value}}' matches every group string: this response fires for rules of any group; name the groups, or use <level> alone." },
    padded: { severity: 'warning', text: "rules_group '{{value}}' has spaces around '{{group}}', and the rule's group string (like 'syslog,sshd,authentication_failed,') has none: it matches nothing. Write '{{suggestion}}'." },
    separators: { severity: 'warning', text: "rules_group '{{value}}' is one regex searched in the rule's group string (like 'syslog,sshd,authentication_failed,'), not a list: write '{{suggestion}}' to match any of these groups." },
    trailingComma: { severity: 'info', text: "rules_group is searched anywhere in the rule's group string, so '{{group}}' also matches every group name that contains it (e.g. '{{group}}_custom', 'my_{{group}}'): write '{{group}},' so that at least longer names that continue it do not match." },
    regexSyntax: { severity: 'info', text: "rules_group '{{value}}' uses OS_Regex syntax ({{chars}}): it applies to the whole group string (e.g. '^' anchors before the first group), check that it matches what you expect." },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      for (const option of ar.options.all('rules_group')) {
        const value = option.text;
        if (value.trim() === '') continue;
        const range = valueRange(option);
        const refusal = compileOsRegexDetailed(value);
        if (!refusal.ok) {
          const messageId = triggersOf(ar).ruleIds.length > 0 ? 'uncompilableWithIds' : 'uncompilable';
          const fix = unparenthesised(value);
          ctx.report({ messageId, data: { value, problem: describeOsRegexRefusal(value, refusal) }, range, ...(fix ? { fix: replaceValue(option, fix) } : {}) });
          continue;
        }
        const catchAll = catchAllOsRegexAlternatives(value);
        if (catchAll.length > 0) {
          const rest = value.split('|').filter((alt) => !catchAll.includes(alt));
          const plain = rest.every((alt) => !REGEX_SYNTAX.test(alt));
          const suggestion = plain ? groupAlternation(rest.flatMap(listedGroups)) : rest.join('|');
          const data = { value, alternative: describeCatchAll(catchAll), groups: rest.map((g) => `'${g}'`).join(', '), suggestion };
          if (rest.length === 0) {
            ctx.report({ messageId: 'catchAllOnly', data: { value }, range });
            continue;
          }
          ctx.report({ messageId: 'catchAll', data, range, ...(suggestion !== '' && !value.includes('\\') ? { fix: replaceValue(option, suggestion) } : {}) });
          continue;
        }
        const syntax = value.match(new RegExp(REGEX_SYNTAX.source, 'g'));
        if (syntax) {
          ctx.report({ messageId: 'regexSyntax', data: { value, chars: [...new Set(syntax)].join(' ') }, range });
          continue;
        }
        const alternatives = value.split('|');
        const misSeparated = alternatives.some((alt) => /[,;\s]/.test(alt.replace(/,$/, '')));
        if (misSeparated) {
          const groups = listedGroups(value);
          const suggestion = groupAlternation(groups);
          const fix = groups.length > 0 ? replaceValue(option, suggestion) : undefined;
          // One group with blanks around it reads like a tidy value, but the blanks are part of the regex.
          const messageId = groups.length === 1 && alternatives.length === 1 ? 'padded' : 'separators';
          ctx.report({ messageId, data: { value, suggestion, group: groups[0] ?? '' }, range, ...(fix ? { fix } : {}) });
          continue;
        }
        for (const alt of alternatives) {
          if (!alt.endsWith(',')) ctx.report({ messageId: 'trailingComma', data: { group: alt }, range });
        }
      }
    }
  },
});

/** `(sshd|web)` -> `sshd,|web,`: a list someone wrapped in parentheses as in other regex dialects, else undefined. */
function unparenthesised(value: string): string | undefined {
  const inner = value.trim().match(/^\(([^()\\^$*+?[\]{}]*)\)$/)?.[1];
  const groups = inner === undefined ? [] : listedGroups(inner);
  return groups.length > 0 ? groupAlternation(groups) : undefined;
}
