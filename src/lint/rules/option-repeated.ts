import { defineRule } from '../types.ts';
import { isDisabled, lineOf, readByAnalysisd } from '../active-response.ts';
import { keptInsteadOf, occurrences, repeatedOption } from '../../wazuh/repeated-options.ts';
import type { XmlElement } from '../../document/types.ts';

export default defineRule({
  id: 'option-repeated',
  severity: 'warning',
  fixable: false,
  needs: [],
  summary: 'An option written twice in one <command> or <active-response>: Wazuh uses only one of them and silently drops the other.',
  docs: {
    what: 'The same option more than once in one `<command>` or `<active-response>` block: `<rules_id>`, `<rules_group>`, `<level>`, `<location>`, `<command>`, `<agent_id>`, `<timeout>`, `<name>`, `<executable>`, `<extra_args>`, `<timeout_allowed>`, or `<repeated_offenders>`.',
    why: 'ReadActiveCommands and ReadActiveResponses (src/config/active-response.c) store every child into one field as they read it (`tmp_ar->rules_id = strdup(...)`), so the last occurrence replaces the earlier ones without any message: two `<rules_id>` elements bind only the rules of the second, and the alerts of the first never trigger the response. execd (src/os_execd/config.c ExecdConfig) stops at the first `<repeated_offenders>` it meets, so a second one is ignored.',
    bad: '<active-response>\n  <command>firewall-drop</command>\n  <location>local</location>\n  <rules_id>5710</rules_id>\n  <rules_id>5712</rules_id>\n</active-response>',
    good: '<active-response>\n  <command>firewall-drop</command>\n  <location>local</location>\n  <rules_id>5710,5712</rules_id>\n</active-response>',
  },
  messages: {
    ignored: "<{{option}}> '{{value}}' is ignored: Wazuh keeps only the last <{{option}}> of the block (line {{line}}, '{{kept}}').",
    ignoredList: "<{{option}}> '{{value}}' is ignored: Wazuh keeps only the last <{{option}}> of the block (line {{line}}, '{{kept}}'); to use both, list them in one element: '{{joined}}'.",
    ignoredFirst: "<{{option}}> '{{value}}' is ignored: execd uses only the first <{{option}}> it finds (line {{line}}, '{{kept}}').",
  },
  check(ctx) {
    if (ctx.role !== 'ossec.conf') return;
    const analysisd = readByAnalysisd(ctx.config, ctx.role);
    const blocks = [
      ...(analysisd ? ctx.config.commands.map((c) => ({ element: c.element, analysisd: true })) : []),
      ...ctx.config.activeResponses.map((ar) => ({ element: ar.element, analysisd: analysisd && !isDisabled(ar) })),
    ];
    for (const block of blocks) {
      for (const child of block.element.children) {
        const rule = repeatedOption(block.element.name, child.name);
        const kept = rule && keptInsteadOf(child);
        if (!rule || !kept) continue;
        // execd reads <repeated_offenders> on every host; the rest only matters where analysisd reads the block.
        if (rule.keeps === 'last' && !block.analysisd) continue;
        const data = { option: child.name, value: child.content, line: lineOf(ctx.doc, kept), kept: kept.content };
        if (rule.keeps === 'first') {
          ctx.report({ messageId: 'ignoredFirst', data, range: child.openTag });
        } else if (rule.join) {
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
