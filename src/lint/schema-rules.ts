/**
 * Catalogue entries for findings that only schema validation (src/schema/validate.ts) reports: no
 * rule module checks them, so their metadata lives here. When a rule module with the same id exists,
 * the catalogue uses the module's metadata instead.
 */
import type { RuleMeta } from './engine-rules.ts';

export const schemaOnlyRules: RuleMeta[] = [
  {
    id: 'unknown-element',
    fixable: false,
    needs: [],
    summary: 'An element that is not an option of its block (or not a known section): Wazuh stops with (1230)',
    docs: {
      what: 'A child tag that is not in the option list of `<command>`, `<active-response>`, `<global>`, `<email_alerts>` or `<alerts>`, or a section of `<ossec_config>` that Wazuh does not know, with a "did you mean" when a known name is close.',
      why: 'The block readers (src/config/active-response.c, global-config.c, email-alerts-config.c) and ReadConfig (src/config/config.c) stop with `(1230): Invalid element in the configuration` on an unknown name, so analysisd does not start. Real example: `<disbaled>` in wazuh/wazuh#3838.',
      bad: '<active-response>\n  <command>firewall-drop</command>\n  <location>local</location>\n  <rules_id>5712</rules_id>\n  <timeout_allow>yes</timeout_allow>\n</active-response>',
      good: '<active-response>\n  <command>firewall-drop</command>\n  <location>local</location>\n  <rules_id>5712</rules_id>\n</active-response>',
    },
    messages: {},
  },
  {
    id: 'option-from-other-block',
    fixable: false,
    needs: [],
    summary: "A real option used in the wrong block (rule_id in <active-response>, rules_id in <email_alerts>, ...): (1230)",
    docs: {
      what: 'An option name that exists, but in another block: `rule_id`/`group` inside `<active-response>` (its spelling is `rules_id`/`rules_group`), `rules_id`/`rules_group` inside `<email_alerts>` (`rule_id`/`group` there), `white_list` or `email_*` outside `<global>`, `repeated_offenders` inside `<command>`.',
      why: 'Each block reader only knows its own names and stops with `(1230): Invalid element in the configuration`; `<active-response>` and `<email_alerts>` spell the same idea differently.',
      bad: '<email_alerts>\n  <email_to>soc@example.com</email_to>\n  <rules_id>5710</rules_id>\n</email_alerts>',
      good: '<email_alerts>\n  <email_to>soc@example.com</email_to>\n  <rule_id>5710</rule_id>\n</email_alerts>',
    },
    messages: {},
  },
  {
    id: 'invalid-value',
    fixable: false,
    needs: [],
    summary: 'A value Wazuh refuses for its option (1235), or elements where a value belongs',
    docs: {
      what: 'An option value outside what the Wazuh reader for that option accepts (as the XSD in src/schema/ describes it), when no more specific rule covers the option; also child elements inside an option that holds a value.',
      why: 'Wazuh stops with `(1235): Invalid value for element` (src/config/*.c), so the daemon does not start.',
      bad: '<ossec_config>\n  <global>\n    <integrity_checking>high</integrity_checking>\n  </global>\n</ossec_config>',
      good: '<ossec_config>\n  <global>\n    <integrity_checking>8</integrity_checking>\n  </global>\n</ossec_config>',
    },
    messages: {},
  },
  {
    id: 'option-not-in-version',
    fixable: false,
    needs: [],
    summary: 'An option or section the target Wazuh version (--target-version) does not know yet, or no longer knows: (1230)',
    docs: {
      what: 'Options and sections used with a target version that lacks them, from the version spans in the schema data (src/schema/elements.ts): for example `<extra_args>` before 3.5.',
      why: 'An option the running version does not know is an invalid element there: its reader stops with `(1230): Invalid element in the configuration` and the daemon does not start. Version drift is the main source of "worked before the upgrade" reports (wazuh/wazuh#1103, #1877, wazuh/wazuh-ansible#574).',
      bad: '<!-- with --target-version 3.4 -->\n<command>\n  <name>notify</name>\n  <executable>notify.sh</executable>\n  <extra_args>-v</extra_args>\n</command>',
      good: '<command>\n  <name>notify</name>\n  <executable>notify.sh</executable>\n</command>',
    },
    messages: {},
  },
];
