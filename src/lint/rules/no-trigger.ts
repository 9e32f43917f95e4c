import { defineRule } from '../types.ts';
import { acceptedResponses, hasTrigger, readByAnalysisd, triggersOf } from '../active-response.ts';

export default defineRule({
  id: 'no-trigger',
  fixable: false,
  needs: [],
  summary: 'An <active-response> has no level, rules_id or rules_group, so it never fires.',
  docs: {
    what: 'An enabled `<active-response>` with command and location but without a non-zero `<level>`, a `<rules_id>` Wazuh can read, or a `<rules_group>`.',
    why: 'Rule_AddAR (src/analysisd/rules.c) binds a response to a rule only when one of those conditions matches, so this block is bound to no rule and never fires by itself (it does NOT fire on every alert); only a manual or API run uses it. Nothing is logged.',
    bad: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>local</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
  },
  messages: {
    none: { severity: 'warning', text: "This response for command '{{command}}' has no trigger (a non-zero <level>, <rules_id> or <rules_group>): Wazuh binds it to no rule and it never fires on an alert." },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    for (const { ar } of acceptedResponses(ctx)) {
      if (hasTrigger(triggersOf(ar))) continue;
      ctx.report({ messageId: 'none', data: { command: ar.command!.text }, range: ar.element.openTag });
    }
  },
});
