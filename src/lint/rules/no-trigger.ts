import { defineRule } from '../types.ts';
import { acceptedResponses, hasTrigger, triggersOf } from '../active-response.ts';

export default defineRule({
  id: 'no-trigger',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <active-response> has no level, rules_id or rules_group, so it never fires.',
  docs: {
    what: 'An enabled `<active-response>` with command and location but without a non-zero `<level>`, a `<rules_id>` Wazuh can read, or a `<rules_group>`.',
    why: 'Rule_AddAR (src/analysisd/rules.c) binds a response to a rule only when one of those conditions matches, so this block is bound to no rule and never fires by itself (it does NOT fire on every alert); only a manual or API run uses it: the block still writes the command to ar.conf as name plus timeout (`firewall-drop0`, src/config/active-response.c:250-259), the only names the API runs besides `!script` ones (framework/wazuh/core/active_response.py validate_command). Nothing is logged.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    none: { severity: 'warning', text: "This response for command '{{command}}' has no trigger (a non-zero <level>, <rules_id> or <rules_group>): Wazuh binds it to no rule and it never fires on an alert; only a run through the API (PUT /active-response, by its ar.conf name) uses it." },
  },
  check(ctx) {
    for (const { ar } of acceptedResponses(ctx)) {
      if (hasTrigger(triggersOf(ar))) continue;
      ctx.report({ messageId: 'none', data: { command: ar.command!.text }, range: ar.element.openTag });
    }
  },
});
