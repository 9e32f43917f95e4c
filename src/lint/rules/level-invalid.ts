import { defineRule } from '../types.ts';
import { valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';

export default defineRule({
  id: 'level-invalid',
  fixable: false,
  needs: [],
  appliesTo: 'manager',
  summary: 'An <active-response><level> is not digits in 0..20 (1235), can never match (17-20) or is 0.',
  docs: {
    what: '(error) a `<level>` that is not all digits (`10+`, `high`, `-1`, `7.5`, ` 7`) or is above 20; (warning) 17 to 20; (info) 0.',
    why: 'analysisd accepts only digits (OS_StrIsNum) and 0..20, else it refuses to start with `(1235): Invalid value for element \'level\'` — even inside a disabled block (src/config/active-response.c; verified in acceptance.json). Rule levels stop at 16, so 17-20 binds nothing; 0 means "no level condition" in Rule_AddAR (src/analysisd/rules.c).',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>18</level>
  </active-response>
</ossec_config>`,
    good: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>10</level>
  </active-response>
</ossec_config>`,
  },
  messages: {
    notDigits: { severity: 'error', text: "Level '{{value}}' is not a whole number written with digits only: Wazuh refuses to start with (1235): Invalid value for element 'level': {{value}}." },
    tooHigh: { severity: 'error', text: "Level {{value}} is above 20: Wazuh refuses to start with (1235): Invalid value for element 'level': {{value}}." },
    unreachable: { severity: 'warning', text: 'Level {{value}} is accepted but no rule has a level above 16, so this condition never matches.' },
    zero: { severity: 'info', text: 'Level 0 means "no level condition": this <level> does not restrict or trigger anything.' },
    ...schemaMessages('level-invalid'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      for (const ar of ctx.config.activeResponses) {
        for (const level of ar.options.all('level')) {
          const value = level.text;
          if (value === '') continue; // empty-value reports empty options
          const range = valueRange(level);
          if (!/^\d+$/.test(value)) ctx.report({ messageId: 'notDigits', data: { value }, range });
          else if (Number(value) > 20) ctx.report({ messageId: 'tooHigh', data: { value }, range });
          else if (Number(value) > 16) ctx.report({ messageId: 'unreachable', data: { value: Number(value) }, range });
          else if (Number(value) === 0) ctx.report({ messageId: 'zero', range });
        }
      }
    });
  },
});
