import { locationFlags, noLocationFlag } from '../../wazuh/location.ts';
import { defineRule } from '../types.ts';
import { nearestName } from '../names.ts';
import { isDisabled, replaceValue, valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

/** Near-misses whose intent is unambiguous, keyed by the value lower-cased with separators removed. */
const NEAR_MISSES: Record<string, string> = {
  definedagent: 'defined-agent',
  manager: 'server',
};

export default defineRule({
  id: 'invalid-location',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <active-response><location> matches none of Wazuh\'s location patterns (1302).',
  docs: {
    what: 'A `<location>` that none of the patterns analysisd tests matches: `defined_agent`, `definedagent`, `agent`, `manager`, `remote`, `everywhere`.',
    why: 'analysisd runs four case-insensitive OS_Regex searches (`AS|analysisd|analysis-server|server`, `local`, `defined-agent`, `all|any`); when none matches it refuses to start with `(1302): Invalid active response location: \'<value>\'.` (src/config/active-response.c; verified in acceptance.json).',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>defined_agent</location>
    <agent_id>002</agent_id>
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
    fix: '`defined_agent` / `definedagent` / `defined agent` become `defined-agent`; `manager` -> `server` is a suggestion (--fix-suggestions); other values are left for you.',
  },
  messages: {
    invalid: { severity: 'error', text: "Location '{{value}}' matches none of local, server, defined-agent, all: Wazuh refuses to start with (1302): Invalid active response location: '{{value}}'." },
    invalidHint: { severity: 'error', text: "Location '{{value}}' matches none of local, server, defined-agent, all (did you mean '{{suggestion}}'?): Wazuh refuses to start with (1302): Invalid active response location: '{{value}}'." },
    ...schemaMessages('invalid-location'),
  },
  suggestionMessages: {
    useLocation: "Use the location '{{location}}'",
  },
  ownsRefusal({ message }) {
    if (message.code !== 1302) return undefined;
    const suggestion = message.element ? nearestName(message.element.content.toLowerCase(), ['local', 'server', 'defined-agent', 'all']) : undefined;
    return suggestion ? { hint: ` Did you mean '${suggestion}'?` } : {};
  },

  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const ar of ctx.config.activeResponses) {
        const location = ar.location;
        if (!location || location.text === '' || isDisabled(ar) || (!ar.command && ar.repeatedOffenders)) continue;
        if (!noLocationFlag(locationFlags(location.text))) continue;
        const suggestion = NEAR_MISSES[location.text.trim().toLowerCase().replace(/[\s_-]+/g, '')];
        // defined_agent and its spellings can only mean defined-agent; manager -> server is a guess.
        const edit = suggestion ? replaceValue(location, suggestion) : undefined;
        const certain = suggestion === 'defined-agent';
        ctx.report({
          messageId: suggestion ? 'invalidHint' : 'invalid',
          data: { value: location.text, ...(suggestion ? { suggestion } : {}) },
          range: valueRange(location),
          ...(edit && certain ? { fix: edit } : {}),
          ...(edit && !certain ? { suggestions: [{ messageId: 'useLocation', data: { location: suggestion }, fix: edit }] } : {}),
        });
      }
    });
  },
});
