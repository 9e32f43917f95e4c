import type { XmlElement } from '../../document/types.ts';
import { defineRule } from '../types.ts';
import { agentResponseOptions, isDisabled } from '../active-response.ts';
import { childrenOf } from '../../wazuh/load-global.ts';
import { isKnownOption, suggestOptions } from '../../schema/elements.ts';

export default defineRule({
  id: 'missing-command-or-location',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An enabled <active-response> lacks <command> or <location> (1281).',
  docs: {
    what: 'An `<active-response>` on a manager that is not disabled, has no `<repeated_offenders>`, and lacks a `<command>` or a `<location>` element (empty ones are reported by empty-value, misspelt ones such as `<COMMAND>` or `<locaton>`, and an agent\'s `<ca_verification>`, by unknown-element: analysisd stops at those first). An agent\'s block pasted into a manager (`<disabled>`, `<ca_store>`: Wazuh\'s agent templates) is named as such. A block with no child element at all never reaches the active-response reader: ReadConfig refuses it as an invalid element (1230).',
    why: 'analysisd refuses to start with `(1281): Missing options in the active response configuration.` (src/config/active-response.c ReadActiveResponses; wazuh/wazuh-qa#2271). A block holding `<repeated_offenders>` is skipped silently instead (the agent-side pattern), and a disabled block is never checked.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
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
  },
  messages: {
    missing: { severity: 'error', text: 'This <active-response> has no {{missing}}: Wazuh refuses to start with (1281): Missing options in the active response configuration. (where it runs is a security decision: local, server, defined-agent or all)' },
    noChildren: { severity: 'error', text: "<active-response> has no options: Wazuh refuses it with (1230): Invalid element in the configuration: 'active-response'." },
    // Wazuh's agent templates write this block; on a manager analysisd takes it for a response.
    // <disabled>no</disabled> alone: written to switch active response on, as agents' templates write it.
    switchOnly: {
      severity: 'error',
      text: "This <active-response> holds only <disabled>no</disabled>, the switch execd reads from an agent's own ossec.conf; a manager's analysisd reads the block as a response to bind and refuses to start with (1281): Missing options in the active response configuration. Active response is on unless a <disabled>yes</disabled> turns it off: remove this block.",
    },
    agentBlock: { severity: 'error', text: "This <active-response> ({{options}}) is an agent's block, execd's switch and its WPK certificate checks, but a manager's analysisd reads it as a response to bind and refuses to start with (1281): Missing options in the active response configuration. Remove it from the manager's ossec.conf." },
  },
  // 1281, and the 1230 of an <active-response> section with no child element.
  ownsRefusal({ message }) {
    const el = message.element;
    const childless = message.code === 1230 && el?.name === 'active-response' && el.parent && !el.parent.parent && childrenOf(el).length === 0;
    if (childless) return {};
    if (message.code !== 1281) return undefined;
    const agentOptions = el?.name === 'active-response' ? agentResponseOptions(el) : undefined;
    if (el?.name === 'active-response' && switchOnly(el)) return { hint: "This <active-response> holds only <disabled>no</disabled>, an agent's switch: active response is on by default, remove the block." };
    return agentOptions ? { hint: `This <active-response> (${agentOptions}) is an agent's block: remove it from the manager's ossec.conf.` } : {};
  },

  check(ctx) {
    for (const ar of ctx.config.activeResponses) {
      if (isDisabled(ar) || ar.repeatedOffenders) continue;
      // ReadConfig only hands a section with child elements to ReadActiveResponses (src/config/config.c).
      if (childrenOf(ar.element).length === 0) {
        ctx.report({ messageId: 'noChildren', range: ar.element.openTag });
        continue;
      }
      // A misspelt <command>/<location> (<COMMAND>, <locaton>) is unknown-element's error: analysisd stops at it
      // with (1230) before it checks for missing options (src/config/active-response.c:140, before AR_MISS at :165).
      const misspelt = (option: string) => childrenOf(ar.element).some((c) => !isKnownOption('active-response', c.name) && suggestOptions('active-response', c.name).includes(option));
      // An agent's <ca_verification>: analysisd stops there with (1230) first (active-response.c:137-141), unknown-element's.
      if (childrenOf(ar.element).some((c) => c.name === 'ca_verification')) continue;
      const absent = (['command', 'location'] as const).filter((o) => !ar[o] && !misspelt(o)).map((o) => `<${o}>`);
      if (absent.length === 0) continue;
      const agentOptions = agentResponseOptions(ar.element);
      if (switchOnly(ar.element)) ctx.report({ messageId: 'switchOnly', range: ar.element.openTag });
      else if (agentOptions) ctx.report({ messageId: 'agentBlock', data: { options: agentOptions }, range: ar.element.openTag });
      else ctx.report({ messageId: 'missing', data: { missing: absent.join(' and ') }, range: ar.element.openTag });
    }
  },
});

/** A block of `<disabled>no</disabled>` and nothing else (comments aside). */
function switchOnly(block: XmlElement): boolean {
  const children = childrenOf(block);
  return children.length > 0 && children.every((c) => c.name === 'disabled' && c.content === 'no');
}
