import { defineRule } from '../types.ts';
import { isDisabled, readByAnalysisd, triggersOf, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'level-and-group-are-anded',
  fixable: false,
  needs: [],
  summary: 'A response with both <level> and <rules_group> needs both to match (not either).',
  docs: {
    what: 'An enabled `<active-response>` with both a non-zero `<level>` and a `<rules_group>`.',
    why: 'Rule_AddAR (src/analysisd/rules.c) requires rule level >= level AND the group to match when both are set, while the reference page says the options are cumulative ("not restrictive", DOC-AR), so users expect OR. `<rules_id>` is still OR-ed on top.',
    bad: '<ossec_config>\n  <command>\n    <name>notify</name>\n    <executable>notify.sh</executable>\n  </command>\n  <active-response>\n    <command>notify</command>\n    <location>server</location>\n    <level>10</level>\n    <rules_group>web,</rules_group>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>notify</name>\n    <executable>notify.sh</executable>\n  </command>\n  <active-response>\n    <command>notify</command>\n    <location>server</location>\n    <level>10</level>\n  </active-response>\n  <active-response>\n    <command>notify</command>\n    <location>server</location>\n    <rules_group>web,</rules_group>\n  </active-response>\n</ossec_config>',
  },
  messages: {
    anded: { severity: 'info', text: "This response fires only for rules with level >= {{level}} AND a group matching '{{group}}' (both conditions), not for either one; use two blocks if you want either." },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    for (const ar of ctx.config.activeResponses) {
      if (isDisabled(ar)) continue;
      const t = triggersOf(ar);
      if (t.level === 0 || t.group === undefined) continue;
      ctx.report({ messageId: 'anded', data: { level: t.level, group: t.group }, range: valueRange(ar.level!) });
    }
  },
});
