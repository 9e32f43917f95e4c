import { defineRule } from '../types.ts';
import { isDisabled, triggersOf, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'level-and-group-are-anded',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'A response with both <level> and <rules_group> needs both to match (not either).',
  docs: {
    what: 'An enabled `<active-response>` with both a non-zero `<level>` and a `<rules_group>`.',
    why: 'Rule_AddAR (src/analysisd/rules.c) requires rule level >= level AND the group to match when both are set, while the reference page says the options are cumulative ("not restrictive", DOC-AR), so users expect OR. `<rules_id>` is still OR-ed on top.',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>10</level>
    <rules_group>web,</rules_group>
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
    <level>10</level>
  </active-response>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <rules_group>web,</rules_group>
  </active-response>
</ossec_config>`,
  },
  messages: {
    anded: { severity: 'info', text: "This response fires only for rules with level >= {{level}} AND a group matching '{{group}}' (both conditions), not for either one; use two blocks if you want either." },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      if (isDisabled(ar)) continue;
      const t = triggersOf(ar);
      if (t.level === 0 || t.group === undefined || !t.groupCompiles) continue;
      ctx.report({ messageId: 'anded', data: { level: t.level, group: t.group }, range: valueRange(ar.level!) });
    }
  },
});
