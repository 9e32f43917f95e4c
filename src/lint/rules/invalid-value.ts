import { defineRule } from '../types.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';
import { agentdFindings, agentdMessages } from '../agent-reads.ts';

export default defineRule({
  id: 'invalid-value',
  fixable: false,
  needs: [],
  summary: 'A value Wazuh refuses for its option (1235), or elements where a value belongs',
  docs: {
    what: 'An option value outside what the Wazuh reader for that option accepts (as the XSD in src/schema/ describes it), when no more specific rule covers the option; also child elements inside an option that holds a value. On agents (their own ossec.conf, a shared agent.conf) also what wazuh-agentd refuses in <client_buffer> (queue_size 1-100000, events_per_second 1-1000) and <labels> (a <label> without a non-empty key attribute, hidden other than yes or no).',
    why: 'Wazuh stops with `(1235): Invalid value for element` (src/config/*.c), so the daemon does not start.',
    bad: `<ossec_config>
  <global>
    <integrity_checking>high</integrity_checking>
  </global>
</ossec_config>`,
    good: `<ossec_config>
  <global>
    <integrity_checking>8</integrity_checking>
  </global>
</ossec_config>`,
  },
  messages: { ...schemaMessages('invalid-value'), ...agentdMessages('<{{section}}><{{name}}> is refused') },
  check(ctx) {
    // The schema pass judges every option's value against its type (src/schema/values.ts): its findings are this rule's.
    // wazuh-agentd's <client_buffer> numbers and <labels> attributes (src/wazuh/load-agent.ts): no schema type covers them.
    checkWithSchema(ctx, (ctx) => {
      for (const f of agentdFindings(ctx.config, ctx.role)) if (f.ruleId === 'invalid-value') ctx.report(f);
    });
  },
});
