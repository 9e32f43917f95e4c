import { describeLocation } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { isDisabled, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'agent-id-without-defined-agent',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <agent_id> is ignored because the location is not defined-agent.',
  docs: {
    what: 'An `<agent_id>` in an `<active-response>` whose `<location>` does not set defined-agent.',
    why: 'analysisd only reads agent_id for defined-agent (src/config/active-response.c; DOC-AR "as long as defined-agent has been specified"), so the response is not restricted to that agent: with `all` it runs on every agent, with `local` on whichever agent raised the alert.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <agent_id>005</agent_id>
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
    <agent_id>005</agent_id>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    ignored: { severity: 'warning', text: "<agent_id> {{agentId}} is ignored because location '{{location}}' is not defined-agent: the response runs on {{where}}, not only on agent {{agentId}}." },
    ignoredNoLocation: { severity: 'warning', text: '<agent_id> {{agentId}} is ignored: there is no <location> defined-agent in this block.' },
  },
  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      if (!ar.agentId || isDisabled(ar)) continue;
      const range = valueRange(ar.agentId);
      if (!ar.location || ar.location.text === '') {
        ctx.report({ messageId: 'ignoredNoLocation', data: { agentId: ar.agentId.text }, range });
        continue;
      }
      const meaning = describeLocation(ar.location.text);
      if (meaning.flags.definedAgent || meaning.canonical.length === 0) continue;
      ctx.report({ messageId: 'ignored', data: { agentId: ar.agentId.text, location: ar.location.text, where: WHERE[meaning.effective!] }, range });
    }
  },
});

const WHERE: Record<string, string> = {
  server: 'the manager',
  all: 'every active agent',
  local: 'the agent that generated the alert',
  'defined-agent': 'the given agent',
};
