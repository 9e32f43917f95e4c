import { defineRule } from '../types.ts';
import { removeElement } from '../active-response.ts';
import { legacyAgents } from '../support/fleet.ts';

export default defineRule({
  id: 'expect-deprecated',
  fixable: false,
  needs: [],
  summary: '<expect> is ignored since Wazuh 4.2 (target 4.2 or later)',
  docs: {
    what: 'Any <expect> element, when --target-version is 4.2 or later.',
    why:
      'Since 4.2.0 ReadActiveCommands accepts <expect> and ignores it, logging only the debug message "The <expect> tag is deprecated since version 4.2.0." (src/config/active-response.c); scripts read the whole alert as JSON on stdin. Agents older than 4.2 still get the legacy message built from it.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
    <expect>srcip</expect>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
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
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
    fix: 'Suggestion only (--fix-suggestions): deletes the element, unless --agents lists an agent older than 4.2.',
  },
  messages: {
    deprecated: { severity: 'info', text: '<expect> has no effect on Wazuh {{version}} (deprecated since 4.2.0): scripts receive the whole alert as JSON.' },
    legacyFleet: { severity: 'info', text: '<expect> has no effect on Wazuh {{version}} managers and agents, but {{count}} agent(s) older than 4.2 (e.g. {{agent}}) still use it.' },
  },
  suggestionMessages: {
    remove: "Remove the <expect> element",
  },
  check(ctx) {
    if (ctx.target.legacy) return;
    const legacy = legacyAgents(ctx.agents);
    for (const cmd of ctx.config.commands) {
      for (const expect of cmd.options.all('expect')) {
        const range = expect.element.openTag;
        if (legacy.length > 0) {
          ctx.report({ messageId: 'legacyFleet', data: { version: ctx.target.text, count: legacy.length, agent: `${legacy[0].id} ${legacy[0].name}` }, range });
        } else {
          // Deleting what the user wrote is never automatic: a suggestion.
          ctx.report({ messageId: 'deprecated', data: { version: ctx.target.text }, range, suggestions: [{ messageId: 'remove', fix: removeElement(ctx.doc, expect.element) }] });
        }
      }
    }
  },
});
