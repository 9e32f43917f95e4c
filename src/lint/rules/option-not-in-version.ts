import { PRE_4_2_SCRIPT_NAMES } from '../../wazuh/programs.ts';
import { defineRule } from '../types.ts';
import { replaceValue, valueRange } from '../active-response.ts';
import { checkWithSchema, schemaMessages } from '../support/schema-findings.ts';


export default defineRule({
  id: 'option-not-in-version',
  fixable: true,
  needs: [],
  appliesTo: 'manager',
  summary: 'An option or section the target Wazuh version does not know (1230: error), or a 4.2+ stock program name on an older target.',
  docs: {
    what: 'Options and sections used with a `--target-version` that lacks them (e.g. `<extra_args>` before 3.5, from the version spans of the schema data, reported by schema validation), and 4.2+ stock program names (`firewall-drop`, `netsh.exe`, ...) when the target is older than 4.2.',
    why: 'Readers of older releases do not know newer options and refuse them with `(1230): Invalid element in the configuration`; before 4.2 the stock programs were shell / cmd scripts (`firewall-drop.sh`, `netsh.cmd`), so a 4.2+ name points at a file that does not exist on those agents and the response silently does nothing. Version drift is the main source of "worked before the upgrade" reports (wazuh/wazuh#1103, #1877, wazuh/wazuh-ansible#574). `<expect>` on 4.2+ is reported by expect-deprecated.',
    bad: `<ossec_config>
  <command>
    <name>notify</name>
    <executable>notify.sh</executable>
    <extra_args>-v</extra_args>
  </command>
  <active-response>
    <command>notify</command>
    <location>server</location>
    <level>10</level>
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
    context: { targetVersion: '3.4' },
    fix: 'Renames a 4.2+ stock program to its pre-4.2 script name when the target is older than 4.2.',
  },
  messages: {
    newProgram: { severity: 'warning', text: "'{{value}}' is the Wazuh 4.2+ name of this program: agents older than 4.2 have '{{legacy}}' instead, so on a {{target}} fleet this response does nothing." },
    ...schemaMessages('option-not-in-version'),
  },
  check(ctx) {
    checkWithSchema(ctx, (ctx) => {
      // Options and sections outside their version span are reported by schema validation
      // (src/schema/versions.ts) under this rule id; this module adds the stock program names.
      if (!ctx.target.legacy) return;
      for (const cmd of ctx.config.commands) {
        const exe = cmd.executable;
        if (!exe) continue;
        const legacy = PRE_4_2_SCRIPT_NAMES.get(exe.text);
        if (!legacy) continue;
        const fix = replaceValue(exe, legacy);
        ctx.report({ messageId: 'newProgram', data: { value: exe.text, legacy, target: ctx.target.text }, range: valueRange(exe), ...(fix ? { fix } : {}) });
      }
    });
  },
});
