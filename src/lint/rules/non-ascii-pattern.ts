import { defineRule } from '../types.ts';
import type { OptionValue } from '../../document/views.ts';
import { isDisabled, readByAnalysisd, valueRange } from '../active-response.ts';
import { readByMaild } from '../email.ts';
import { DEFAULT_MANAGER_ARCH } from '../../wazuh/arch.ts';
import { deadOsMatchAlternatives } from '../../wazuh/os-match.ts';
import { deadOsRegexAlternatives } from '../../wazuh/os-regex.ts';

export default defineRule({
  id: 'non-ascii-pattern',
  fixable: false,
  needs: [],
  summary: 'A `<rules_group>`, `<group>` or `<event_location>` pattern with a non-ASCII letter never matches on x86_64 managers.',
  docs: {
    what:
      '(error) a `<rules_group>` (OS_Regex) or an `<email_alerts>` `<group>` / `<event_location>` (OSMatch) whose every alternative holds a byte >= 0x80 (é, ü, ß, any UTF-8 letter) as a literal, where an unanchored OSMatch alternative counts; (warning) when only some alternatives do. Not reported with `--arch aarch64` (or `"arch": "aarch64"` in .arctl.json).',
    why:
      "gcc builds Wazuh for x86_64 with a signed `char`. os_regex_execute.c compares the pattern byte, a plain char, with `charmap[(uchar)c]`, an unsigned value: a byte >= 0x80 is negative there and never equal, so `OS_Regex(\"é\", \"é\")` is 0 on x86_64 (1 on aarch64, where char is unsigned). OSMatch's unanchored search (`_OS_Match`) does the same; `^x$`, `^x` and `x$` go through strcasecmp and work. So `<rules_group>sshdé</rules_group>` binds no rule on the managers nearly everyone runs (verified/matchers-x86.json, binding-x86.json). Escape classes (`\\W`, `\\S`, `\\.`) do match such bytes.",
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_group>connexion_refusée,</rules_group>
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
    <rules_group>connexion_refus\\.\\.e,</rules_group>
  </active-response>
</ossec_config>`,
  },
  messages: {
    never: {
      severity: 'error',
      text: "<{{option}}> '{{value}}' can never match on x86_64 managers: '{{alternative}}' has a non-ASCII literal, which Wazuh's matcher (built with signed char) never finds; use \\. (any byte; one per byte, é is two in UTF-8) or \\W+ in its place, or ASCII only. (--arch aarch64 if your managers run on arm64.)",
    },
    someNever: {
      severity: 'warning',
      text: "The alternative '{{alternative}}' of <{{option}}> never matches on x86_64 managers (a non-ASCII literal; Wazuh's matcher is built with signed char): only the others can match. Use \\. (one per byte) or \\W+ in its place. (--arch aarch64 if your managers run on arm64.)",
    },
  },
  check(ctx) {
    const arch = ctx.arch ?? DEFAULT_MANAGER_ARCH;
    const check = (option: OptionValue, name: string, find: typeof deadOsRegexAlternatives) => {
      const { dead, total } = find(option.text, arch);
      if (dead.length === 0) return;
      const all = dead.length === total;
      ctx.report({
        messageId: all ? 'never' : 'someNever',
        data: { option: name, value: option.text, alternative: dead[0]! },
        range: valueRange(option),
      });
    };
    if (readByAnalysisd(ctx.config, ctx.role)) {
      for (const ar of ctx.config.activeResponses) {
        if (isDisabled(ar)) continue;
        for (const option of ar.options.all('rules_group')) check(option, 'rules_group', deadOsRegexAlternatives);
      }
    }
    if (readByMaild(ctx.config, ctx.role)) {
      for (const block of ctx.config.emailAlerts) {
        if (block.group) check(block.group, 'group', deadOsMatchAlternatives);
        if (block.eventLocation) check(block.eventLocation, 'event_location', deadOsMatchAlternatives);
      }
    }
  },
});
