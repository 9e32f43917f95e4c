import type { ConfigView } from '../../document/views.ts';
import { defineRule } from '../types.ts';
import { isAgentNodeConfig } from '../../wazuh/node-role.ts';
import { lineOf, readByAnalysisd, valueRange } from '../active-response.ts';

export default defineRule({
  id: 'repeated-offenders-placement',
  fixable: false,
  needs: [],
  summary: '<repeated_offenders> where execd ignores it or does not apply it the way it reads.',
  docs: {
    what: '`<repeated_offenders>` that is (a) not the first one in the file (ignored), (b) inside a manager response block with a `<command>` (it is not per response), (c) in a Windows agent configuration. In a shared agent.conf it is reported by ar-in-agent-conf.',
    why: 'execd reads one list for the whole host from the first `ossec_config/active-response/repeated_offenders` of its local ossec.conf (src/os_execd/config.c; wazuh/wazuh#683, #678, #1599). DOC-AR: it must be in the agent\'s local ossec.conf, not agent.conf, and is not supported on Windows agents (wazuh/wazuh-qa#2946).',
    bad: `<ossec_config>
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
    <repeated_offenders>30,60</repeated_offenders>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>firewall-drop</name>
    <executable>firewall-drop</executable>
    <timeout_allowed>yes</timeout_allowed>
  </command>
  <active-response>
    <repeated_offenders>30,60</repeated_offenders>
  </active-response>
  <active-response>
    <command>firewall-drop</command>
    <location>local</location>
    <rules_id>5712</rules_id>
    <timeout>600</timeout>
  </active-response>
</ossec_config>`,
  },
  messages: {
    notFirst: { severity: 'warning', text: 'execd only reads the first <repeated_offenders> of the file (line {{line}}): this one is ignored.' },
    perResponse: { severity: 'warning', text: "repeated_offenders is one list for every response on this host, not for '{{command}}' only: put it in a standalone <active-response> block." },
    windows: { severity: 'warning', text: 'repeated_offenders is not supported on Windows agents (DOC-AR).' },
  },
  check(ctx) {
    const all = ctx.config.activeResponses.flatMap((ar) => ar.options.all('repeated_offenders').map((option) => ({ ar, option })));
    if (all.length === 0) return;
    // In a shared agent.conf it is ar-in-agent-conf's finding (one cause, one finding).
    if (ctx.role === 'agent.conf') return;
    const [first, ...rest] = all;
    for (const { option } of rest) {
      ctx.report({ messageId: 'notFirst', data: { line: lineOf(ctx.doc, first.option.element) }, range: option.element.range });
    }
    if (isWindowsAgent(ctx.config)) {
      ctx.report({ messageId: 'windows', range: first.option.element.range });
    } else if (readByAnalysisd(ctx.config, ctx.role) && first.ar.command) {
      ctx.report({ messageId: 'perResponse', data: { command: first.ar.command.text }, range: valueRange(first.option) });
    }
  },
});

/** An agent configuration that reads Windows event channels / event logs. */
function isWindowsAgent(config: ConfigView): boolean {
  if (!isAgentNodeConfig(config)) return false;
  return config.roots.some((root) =>
    root.children.some((c) => c.name === 'localfile' && c.children.some((o) => o.name === 'log_format' && /^(eventchannel|eventlog)$/.test(o.content.trim()))),
  );
}
