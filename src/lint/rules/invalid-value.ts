import { defineRule } from '../types.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

export default defineRule({
  id: 'invalid-value',
  fixable: false,
  needs: [],
  summary: 'A value Wazuh refuses for its option (1235), or elements where a value belongs',
  docs: {
    what: 'An option value outside what the Wazuh reader for that option accepts (as the XSD in src/schema/ describes it), when no more specific rule covers the option; also child elements inside an option that holds a value.',
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
  messages: schemaMessages('invalid-value'),
  check(ctx) {
    // The schema pass judges every option's value against its type (src/schema/values.ts): its findings are this rule's.
    checkWithSchema(ctx, () => {});
  },
});
