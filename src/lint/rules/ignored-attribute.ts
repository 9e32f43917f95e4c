import type { XmlElement } from '../../document/types.ts';
import { defineRule } from '../types.ts';
import { lintedBlocks } from '../support/blocks.ts';

export default defineRule({
  id: 'ignored-attribute',
  fixable: false,
  needs: [],
  summary: 'An attribute on <command>, <active-response>, <global>, <email_alerts>, <alerts> or one of their options: Wazuh ignores it',
  docs: {
    what:
      'Any attribute (`os="linux"`, `disabled="yes"`, `name="..."`) on a <command>, <active-response>, <global>, <email_alerts> or <alerts> block, or on one of their options.',
    why:
      "Wazuh's XML reader accepts attributes on any element (src/os_xml/os_xml.c), but the readers of these blocks look only at element names and contents (ReadActiveCommands and ReadActiveResponses in src/config/active-response.c, Read_Global, Read_EmailAlerts, Read_Alerts): an attribute there changes nothing. `<active-response disabled=\"yes\">` leaves the response enabled, `<command os=\"linux\">` does not restrict the command to Linux agents. Only <agent_config> in a shared agent.conf reads attributes (name, os, profile).",
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response disabled="yes">
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
    <disabled>yes</disabled>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    ignored: { severity: 'warning', text: "Wazuh ignores the attribute {{name}}=\"{{value}}\" on <{{element}}>: the reader of <{{block}}> reads only element names and contents, so it does nothing.{{hint}}" },
  },
  check(ctx) {
    for (const block of lintedBlocks(ctx.config)) {
      for (const el of [block.element, ...block.element.children]) {
        if (el.isVariable) continue;
        for (const attr of el.attributes) {
          ctx.report({ messageId: 'ignored', data: { name: attr.name, value: attr.value, element: el.name, block: block.kind, hint: hintFor(el, attr.name) }, range: attr.range });
        }
      }
    }
  },
});

/** What the attribute was probably meant to do, as Wazuh spells it. */
function hintFor(el: XmlElement, attribute: string): string {
  const block = el.parent?.depth === 0 ? el.name : el.parent?.name;
  if (attribute === 'disabled' && block === 'active-response') return ' Write <disabled>yes</disabled> inside the block instead.';
  if (attribute === 'name' && el.name === 'command') return ' The command\'s name is its <name> option.';
  if ((attribute === 'os' || attribute === 'name' || attribute === 'profile') && el.parent?.depth === 0) return ' To apply settings to some agents only, use <agent_config> attributes in a shared agent.conf; a response\'s agents are chosen by <location> and <agent_id>.';
  return '';
}
