import { locationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { isDisabled, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'defined-agent-without-agent-id',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'Location defined-agent without an <agent_id> (1304).',
  docs: {
    what: 'An enabled `<active-response>` whose `<location>` sets defined-agent but has no `<agent_id>`.',
    why: 'analysisd refuses to start with `(1304): No agent defined for response.` (src/config/active-response.c; wazuh/wazuh-qa#2271).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined-agent</location>
    <rules_id>5712</rules_id>
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
    <location>defined-agent</location>
    <agent_id>002</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    missing: { severity: 'error', text: "Location '{{value}}' sends the response to one agent, but there is no <agent_id>: Wazuh refuses to start with (1304): No agent defined for response." },
  },
  ownsRefusal: ({ message }) => (message.code === 1304 ? {} : undefined),

  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      const location = ar.location;
      if (!location || location.text === '' || isDisabled(ar) || ar.agentId) continue;
      if (!ar.command && ar.repeatedOffenders) continue;
      if (!locationFlags(location.text).definedAgent) continue;
      ctx.report({ messageId: 'missing', data: { value: location.text }, range: valueRange(location) });
    }
  },
});
