import { locationFlags } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { isDisabled, readByAnalysisd, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'defined-agent-without-agent-id',
  fixable: false,
  needs: [],
  summary: 'Location defined-agent without an <agent_id> (1304).',
  docs: {
    what: 'An enabled `<active-response>` whose `<location>` sets defined-agent but has no `<agent_id>`.',
    why: 'analysisd refuses to start with `(1304): No agent defined for response.` (src/config/active-response.c; wazuh/wazuh-qa#2271).',
    bad: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
    good: '<ossec_config>\n  <command>\n    <name>firewall-drop</name>\n    <executable>firewall-drop</executable>\n    <timeout_allowed>yes</timeout_allowed>\n  </command>\n  <active-response>\n    <command>firewall-drop</command>\n    <location>defined-agent</location>\n    <agent_id>002</agent_id>\n    <rules_id>5712</rules_id>\n    <timeout>600</timeout>\n  </active-response>\n</ossec_config>',
  },
  messages: {
    missing: { severity: 'error', text: "Location '{{value}}' sends the response to one agent, but there is no <agent_id>: Wazuh refuses to start with (1304): No agent defined for response." },
  },
  check(ctx) {
    if (!readByAnalysisd(ctx.config, ctx.role)) return;
    for (const ar of ctx.config.activeResponses) {
      const location = ar.location;
      if (!location || location.text === '' || isDisabled(ar) || ar.agentId) continue;
      if (!ar.command && ar.repeatedOffenders) continue;
      if (!locationFlags(location.text).definedAgent) continue;
      ctx.report({ messageId: 'missing', data: { value: location.text }, range: valueRange(location) });
    }
  },
});
