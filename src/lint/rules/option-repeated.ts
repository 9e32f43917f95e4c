import { ROOT_ELEMENTS } from '../../schema/elements.ts';
import { defineRule } from '../types.ts';
import { isDisabled, lineOf } from '../active-response.ts';
import { keptInsteadOf, occurrences, repeatedOption } from '../../wazuh/repeated-options.ts';
import type { XmlElement } from '../../document/types.ts';
import { isNestedBlock } from '../support/blocks.ts';

export default defineRule({
  id: 'option-repeated',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An option written twice in one <command> or <active-response>: Wazuh uses only the last one and silently drops the others.',
  docs: {
    what: 'The same option more than once in one `<command>` or `<active-response>` block: `<rules_id>`, `<rules_group>`, `<level>`, `<location>`, `<command>`, `<agent_id>`, `<timeout>`, `<name>`, `<executable>`, `<extra_args>` or `<timeout_allowed>` (a second `<repeated_offenders>` is repeated-offenders-placement\'s).',
    why: 'ReadActiveCommands and ReadActiveResponses (src/config/active-response.c) store every child into one field as they read it (`tmp_ar->rules_id = strdup(...)`), so the last occurrence replaces the earlier ones without any message: two `<rules_id>` elements bind only the rules of the second, and the alerts of the first never trigger the response.',
    bad: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5710</rules_id>
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
    <rules_id>5710,5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    ignored: { severity: 'warning', text: "<{{option}}> '{{value}}' is ignored: Wazuh keeps only the last <{{option}}> of the block (line {{line}}, '{{kept}}')." },
    ignoredList: { severity: 'warning', text: "<{{option}}> '{{value}}' is ignored: Wazuh keeps only the last <{{option}}> of the block (line {{line}}, '{{kept}}'); to use them all, list them in one element: '{{joined}}'." },
  },
  check(ctx) {
    const root = ROOT_ELEMENTS[ctx.role];
    const blocks = [...ctx.config.commands.map((c) => c.element), ...ctx.config.activeResponses.filter((ar) => !isDisabled(ar)).map((ar) => ar.element)];
    for (const block of blocks) {
      for (const child of block.children) {
        // A whole <command> block pasted inside an <active-response>: outside-ossec-config's 'nested' says it.
        if (isNestedBlock(child, root)) continue;
        const rule = repeatedOption(block.name, child.name);
        const kept = rule && keptInsteadOf(child);
        if (!rule || !kept) continue;
        const data = { option: child.name, value: child.content, line: lineOf(ctx.doc, kept), kept: kept.content };
        // The joined list is offered once, on the first ignored occurrence: repeating it on each of N
        // findings would make the report O(N^2).
        if (rule.join && occurrences(child)[0] === child) {
          ctx.report({ messageId: 'ignoredList', data: { ...data, joined: joinedValues(occurrences(child), rule.join) }, range: child.openTag });
        } else {
          ctx.report({ messageId: 'ignored', data, range: child.openTag });
        }
      }
    }
  },
});

function joinedValues(all: XmlElement[], separator: string): string {
  return all.map((o) => o.content.trim()).filter((t) => t !== '').join(separator);
}
